"""Checks a student can run on a graph: numerical against analytic gradients, and
second derivatives through the engine's higher-order API. No Qt here."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import engine
from nodeeditor.compiler import BackwardError, Compiler
from nodeeditor.model.graph import Graph

EPS = 1e-6
RTOL = 1e-5


@dataclass(frozen=True)
class GradientCheckRow:
    node_id: str
    name: str
    analytic: np.ndarray
    numeric: np.ndarray
    relative_error: float

    @property
    def agrees(self) -> bool:
        return self.relative_error <= RTOL


def forward_value(graph: Graph, root: str, overrides: dict[str, np.ndarray]) -> np.ndarray:
    """The root's value with some node values replaced, computed afresh under no_grad
    (the open document and its compiler are not touched)."""
    values: dict[str, engine.Variable] = {}
    needed = graph.upstream(root)
    with engine.no_grad(), np.errstate(all="ignore"):
        for node_id in graph.topological_order():
            if node_id not in needed:
                continue
            node = graph.nodes[node_id]
            params = dict(node.params)
            if node_id in overrides:
                params["value"] = overrides[node_id]
            wires = graph.input_edges(node_id)
            values[node_id] = node.spec.compute([values[wires[p].src] for p in node.spec.inputs], params)
    return values[root].data


def gradient_check(graph: Graph, compiler: Compiler, root: str | None = None) -> list[GradientCheckRow]:
    """Every Variable's backward gradient beside its central-difference estimate."""
    root = compiler.backward(root)
    rows = []
    for node_id in graph.reading_order():
        node = graph.nodes[node_id]
        if node.kind != "Variable" or node_id not in graph.upstream(root):
            continue
        base = np.array(node.params["value"], dtype=np.float64)
        numeric = np.zeros_like(base)
        for index in np.ndindex(base.shape):
            step = EPS * max(1.0, abs(float(base[index])))
            upper, lower = base.copy(), base.copy()
            upper[index] += step
            lower[index] -= step
            plus = np.sum(forward_value(graph, root, {node_id: upper}))
            minus = np.sum(forward_value(graph, root, {node_id: lower}))
            numeric[index] = (plus - minus) / (2 * step)
        analytic = np.asarray(compiler.results[node_id].grad)
        scale = np.maximum(np.maximum(np.abs(analytic), np.abs(numeric)), 1.0)
        error = float(np.max(np.abs(analytic - numeric) / scale)) if analytic.size else 0.0
        rows.append(GradientCheckRow(node_id, node.label, analytic, numeric, error))
    return rows


def second_derivative(compiler: Compiler, variable: str, root: str | None = None) -> np.ndarray:
    """d²(root)/d(variable)², by differentiating backward's graph once more.

    For an array variable this is the derivative of the summed gradient, elementwise:
    d/dx_i Σ_j ∂root/∂x_j, which is the diagonal when the inputs do not interact."""
    root = root if root is not None else compiler.default_output()
    y, x = compiler.variable(root), compiler.variable(variable)
    if y is None or x is None:
        raise BackwardError("Every node feeding the output needs a value first.")
    (gx,) = engine.grad(y, [x], create_graph=True)
    with np.errstate(all="ignore"):
        (gxx,) = engine.grad(gx, [x])
    return gxx.data

