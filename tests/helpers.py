"""Small builders shared by the tests."""
import numpy as np

from nodeeditor.model import Graph


def sphere_graph() -> Graph:
    """y = x0**2 + x1**2 with x0 = 6, x1 = 3, wired by hand."""
    g = Graph()
    g.add_node("Variable", {"name": "x0", "value": np.array(6.0)}, node_id="x0")
    g.add_node("Variable", {"name": "x1", "value": np.array(3.0)}, node_id="x1")
    g.add_node("Pow", {"c": 2.0}, node_id="p0")
    g.add_node("Pow", {"c": 2.0}, node_id="p1")
    g.add_node("Add", node_id="y")
    g.connect("x0", "y", "p0", "a")
    g.connect("x1", "y", "p1", "a")
    g.connect("p0", "y", "y", "a")
    g.connect("p1", "y", "y", "b")
    return g
