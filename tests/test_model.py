"""The graph model: wiring rules, events, ids, layout and formulas."""
import subprocess
import sys

import numpy as np
import pytest

from nodeeditor.model import ConnectionRefused, Edge, Graph
from nodeeditor.model.events import (
    FieldChanged,
    NodeChanged,
    NodeMoved,
    NodesAdded,
    NodesRemoved,
    WireAdded,
)
from nodeeditor.model.expression import ExpressionError, build_graph
from nodeeditor.model.values import ValueFormatError, parse_value_text
from tests.conftest import ROOT
from tests.helpers import sphere_graph


def test_events_are_emitted_for_every_mutation():
    g = Graph()
    events = []
    g.subscribe(events.append)
    a = g.add_node("Variable")
    b = g.add_node("Neg")
    g.connect(a.id, "y", b.id, "a")
    g.move_node(b.id, (10, 20))
    g.set_param(a.id, "value", np.array(2.0))
    g.set_field("learning_rate", 0.1)
    g.remove_node(a.id)
    wire = Edge(a.id, "y", b.id, "a")
    assert events == [NodesAdded((a.id,)), NodesAdded((b.id,)), WireAdded(wire), NodeMoved(b.id),
                      NodeChanged(a.id), FieldChanged("learning_rate"), NodesRemoved((a.id,), (wire,))]
    assert [e.rewires for e in events] == [True, True, True, False, False, False, True]
    assert g.nodes[b.id].position == (10.0, 20.0)


def test_many_nodes_come_and_go_in_one_event_and_a_refused_batch_changes_nothing():
    from nodeeditor.session.commands import snapshot

    g = sphere_graph()
    events = []
    g.subscribe(events.append)
    nodes = [snapshot(g, n) for n in ("p1", "y")]
    wires = sorted({*g.input_edges("p1").values(), *g.input_edges("y").values(), *g.output_edges("p1")})
    g.remove_many(["p1", "y"])
    assert events == [NodesRemoved(("p1", "y"), tuple(wires))]
    assert set(g.nodes) == {"x0", "x1", "p0"} and not g.output_edges("p0") and not g.output_edges("x1")

    events.clear()
    g.add_many(nodes, wires)
    assert events == [NodesAdded(("p1", "y"), tuple(wires))]
    assert g.edges == sphere_graph().edges

    events.clear()
    before = (dict(g.nodes), g.edges)
    taken = {"id": "z", "kind": "Neg", "params": {}, "position": (0, 0)}
    with pytest.raises(ConnectionRefused, match="wired already"):  # y.a has its wire
        g.add_many([taken], [Edge("z", "y", "y", "a")])
    with pytest.raises(ValueError, match="exists already"):
        g.add_many([taken, {**taken, "id": "p0"}])
    with pytest.raises(KeyError):
        g.add_many([taken, {**taken, "id": "w", "kind": "NoSuchKind"}])
    assert (dict(g.nodes), g.edges) == before and not events  # nothing half done


def test_input_takes_one_wire_and_a_new_one_replaces_it():
    g = sphere_graph()
    g.add_node("Variable", {"name": "z"}, node_id="z")
    g.connect("z", "y", "p0", "a")
    assert g.input_edges("p0")["a"].src == "z"
    assert len([e for e in g.edges if e.dst == "p0"]) == 1
    assert not g.output_edges("x0")


def test_cycles_and_self_loops_are_refused_with_a_reason():
    g = sphere_graph()
    with pytest.raises(ConnectionRefused, match="loop"):
        g.connect("y", "y", "p0", "a")
    with pytest.raises(ConnectionRefused, match="own input"):
        g.connect("p0", "y", "p0", "a")
    with pytest.raises(ConnectionRefused, match="no input"):
        g.connect("x0", "y", "y", "x7")
    assert len(g.edges) == 4


def test_ids_are_stable_and_new_ones_unused():
    g = sphere_graph()
    ids = set(g.nodes)
    new = g.add_node("Add")
    assert new.id not in ids and set(g.nodes) - {new.id} == ids
    with pytest.raises(ValueError):
        g.add_node("Add", node_id="x0")


def test_downstream_and_upstream():
    g = sphere_graph()
    assert g.downstream(["x0"]) == {"x0", "p0", "y"}
    assert g.upstream("p1") == {"p1", "x1"}
    order = g.topological_order()
    assert order.index("x0") < order.index("p0") < order.index("y")


def test_value_text_parsing():
    assert float(parse_value_text(" -2.5 ")) == -2.5
    np.testing.assert_array_equal(parse_value_text("[[1, 2], [3, 4]]"), [[1.0, 2.0], [3.0, 4.0]])
    for bad in ["", "abc", "[1, [2]]", "__import__('os')", "[1, 2", "nan", "1e999", "[]", "True"]:
        with pytest.raises(ValueFormatError):
            parse_value_text(bad)


def test_formula_builds_the_seed_graphs_laid_out_left_to_right():
    g = build_graph("(x0 + x1) * x", {"x0": 6, "x1": 3, "x": 2})
    kinds = sorted(n.kind for n in g.nodes.values())
    assert kinds == ["Add", "Mul", "Variable", "Variable", "Variable"]
    add = next(n for n in g.nodes.values() if n.kind == "Add")
    mul = next(n for n in g.nodes.values() if n.kind == "Mul")
    variables = [n for n in g.nodes.values() if n.kind == "Variable"]
    assert all(v.position[0] < mul.position[0] for v in variables) and add.position[0] < mul.position[0]
    assert all(v.position[0] < add.position[0] for v in variables if v.label != "x")
    g = build_graph("x * x")
    assert len(g.nodes) == 2  # a name used twice is one Variable


@pytest.mark.parametrize("text, column", [
    ("__import__('os')", 1), ("x.real + 1", 1), ("a[0] * 2", 1), ("x ** y", 6), ("a if b else c", 1),
    ("a % b", 1), ("f(x)", 1),
])
def test_formula_refuses_anything_but_arithmetic(text, column):
    with pytest.raises(ExpressionError) as info:
        build_graph(text)
    assert info.value.column == column
    assert "^" in info.value.pointer(text)


def test_model_and_compiler_import_without_qt():
    code = ("import sys, nodeeditor.model, nodeeditor.compiler, nodeeditor.app.cli, nodeeditor.model.expression;"
            "assert not [m for m in sys.modules if 'PySide' in m or 'shiboken' in m]")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
