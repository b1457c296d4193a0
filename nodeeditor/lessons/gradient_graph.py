"""The gradient's own graph (the book's steps 33–36): ``backward(create_graph=True)``
builds ∂y/∂x out of Functions, so it is a computational graph too. Here that engine graph
is turned back into a graph of nodes, which the student can open, edit and differentiate
again: Backward on it gives the second derivative. Newton's method uses both.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import engine
from nodeeditor.lessons import texts
from nodeeditor.lessons.study import fresh_values
from nodeeditor.model.catalog import NodeKind, recorders
from nodeeditor.model.functions import Identity
from nodeeditor.model.graph import Graph
from nodeeditor.model.layout import apply_layout


class GradientGraphError(ValueError):
    """The gradient's graph cannot be shown as nodes; the message says why."""


def gradient_graph(graph: Graph, root: str, wrt: str) -> Graph:
    """A new graph computing ∂root/∂wrt, as ``create_graph=True`` built it. The original
    Variables it reads stay Variables (same names and values); numbers backward wrote
    in (the seed 1, a 2 of x²'s derivative) become Constants; its output is named
    d<root>_d<wrt>."""
    values = fresh_values(graph, root, record=True)
    leaves = {id(values[n]): n for n in values if graph.nodes[n].kind == "Variable"}
    (gx,) = engine.grad(values[root], [values[wrt]], create_graph=True)
    out = Graph()
    made: dict[int, str] = {}
    kinds = recorders()

    def node_for(var: engine.Variable) -> str:
        """The node computing ``var`` (made once), walking back iteratively."""
        stack = [var]
        while stack:
            top = stack[-1]
            if id(top) in made:
                stack.pop()
                continue
            creator = top.creator
            if creator is None:
                made[id(top)] = _leaf(out, graph, top, leaves)
                stack.pop()
                continue
            waiting = [x for x in creator.inputs if id(x) not in made]
            if waiting:
                stack.extend(waiting)
                continue
            if isinstance(creator, Identity):  # where a function made of nodes takes its input: nothing to show
                made[id(top)] = made[id(creator.inputs[0])]
                stack.pop()
                continue
            kind, params = kind_recording(creator, kinds)
            node = out.add_node(kind, params)
            spec_inputs = node.spec.inputs
            for port, x in zip(spec_inputs, creator.inputs, strict=True):
                out.connect(made[id(x)], "y", node.id, port, cycles=False)
            made[id(top)] = node.id
            stack.pop()
        return made[id(var)]

    result = node_for(gx)
    if out.nodes[result].kind in ("Variable", "Constant"):  # ∂y/∂x is a plain number or x itself
        keep = out.add_node("Mul")
        one = out.add_node("Constant", {"value": np.array(1.0)})
        out.connect(result, "y", keep.id, "a", cycles=False)
        out.connect(one.id, "y", keep.id, "b", cycles=False)
        result = keep.id
    out.output = result
    y_name = graph.output_name if graph.output_name.isidentifier() else "y"
    x_name = str(graph.nodes[wrt].params.get("name", "x"))
    out.name_output(f"d{y_name}_d{x_name}")
    out.description = texts.GRADIENT_GRAPH.format(y=graph.output_name, x=x_name)
    apply_layout(out)
    out.give_names()
    return out


def _leaf(out: Graph, graph: Graph, var: engine.Variable, leaves: dict[int, str]) -> str:
    source = leaves.get(id(var))
    if source is not None:
        node = graph.nodes[source]
        return out.add_node("Variable", {"name": node.params["name"], "value": np.array(node.params["value"])}).id
    return out.add_node("Constant", {"value": np.array(var.data, dtype=np.float64)}).id


def kind_recording(function: engine.Function, kinds: dict[type, NodeKind]) -> tuple[str, dict]:
    """The kind of node that records ``function`` (or a class it derives from), and the
    node's parameters read back from it; ``kinds`` is the catalog's ``recorders()``."""
    for cls in type(function).__mro__:
        kind = kinds.get(cls)
        if kind is not None:
            return kind.name, kind.read_params(function)
    raise GradientGraphError(texts.NO_KIND_FOR_IT)


@dataclass(frozen=True)
class NewtonStep:
    x: float
    f: float
    slope: float
    curvature: float


def newton(graph: Graph, root: str, wrt: str, steps: int) -> list[NewtonStep]:
    """Newton's method on the single number ``wrt``: x ← x − f′(x)/f″(x), the second
    derivative by differentiating the gradient's graph. Stops early where f″ is 0 or the
    numbers stop being finite."""
    x = float(np.asarray(graph.nodes[wrt].params["value"], dtype=np.float64).reshape(()))
    shape = np.shape(graph.nodes[wrt].params["value"])
    found = []
    for _ in range(steps + 1):
        values = fresh_values(graph, root, {wrt: np.full(shape, x)}, record=True)
        with np.errstate(all="ignore"):
            (gx,) = engine.grad(values[root], [values[wrt]], create_graph=True)
            (gxx,) = engine.grad(gx, [values[wrt]])
        step = NewtonStep(x, float(np.sum(values[root].data)), float(np.sum(gx.data)), float(np.sum(gxx.data)))
        found.append(step)
        if step.curvature == 0 or not np.isfinite([step.slope, step.curvature]).all():
            break
        x = x - step.slope / step.curvature
        if not np.isfinite(x):
            break
    return found
