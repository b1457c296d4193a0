"""Checks a student can run on a graph: numerical against analytic gradients, and
second derivatives through the engine's higher-order API. No Qt here."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

import engine
from nodeeditor.compiler import BackwardError, Compiler
from nodeeditor.lessons import texts
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


def fresh_values(graph: Graph, root: str, overrides: dict[str, np.ndarray] | None = None,
                 record: bool = False) -> dict[str, engine.Variable]:
    """Every node up to ``root`` computed afresh, Variables' values replaced by
    ``overrides``; the open document and its compiler are not touched. With ``record``
    the graph is recorded, so it can be differentiated (twice too); without, it is
    computed under no_grad."""
    values: dict[str, engine.Variable] = {}
    needed = graph.upstream(root)
    with engine.using_config("enable_backprop", record), np.errstate(all="ignore"):
        for node_id in graph.topological_order():
            if node_id not in needed:
                continue
            node = graph.nodes[node_id]
            params = dict(node.params)
            if overrides and node_id in overrides:
                params["value"] = overrides[node_id]
            wires = graph.input_edges(node_id)
            values[node_id] = node.spec.compute([values[wires[p].src] for p in node.spec.inputs], params)
    return values


class Region:
    """The nodes between one Variable and the output, to recompute with another value
    of that Variable: the other nodes keep the compiler's values. A snapshot taken
    here, so ``value`` may run on any thread (the engine's no_grad is per thread)."""

    def __init__(self, graph: Graph, compiler: Compiler, var_id: str, root: str) -> None:
        self.var_id, self.root = var_id, root
        between = graph.downstream([var_id]) & graph.upstream(root)
        self.steps: list[tuple[str, object, dict, tuple[str, ...]]] = []
        self.known: dict[str, engine.Variable] = {}
        #: every node reads single numbers and works number by number
        self.elementwise = True
        for node_id in compiler.order():
            if node_id not in between or node_id == var_id:
                continue
            node = graph.nodes[node_id]
            wires = graph.input_edges(node_id)
            sources = tuple(wires[port].src for port in node.spec.inputs)
            for source in sources:
                if source not in between and source not in self.known:
                    value = compiler.results[source].value
                    self.known[source] = engine.Variable(value)
                    self.elementwise = self.elementwise and value.shape == ()
            self.elementwise = self.elementwise and node.spec.elementwise
            self.steps.append((node_id, node.spec.compute, dict(node.params), sources))

    def value(self, x: np.ndarray, check: Callable[[], None] | None = None) -> np.ndarray:
        """The output's value with the Variable set to ``x`` (under no_grad); ``check`` is
        called now and then (it may raise to stop)."""
        values = dict(self.known)
        values[self.var_id] = engine.Variable(np.asarray(x, dtype=np.float64))
        with engine.no_grad(), np.errstate(all="ignore"):
            for i, (node_id, compute, params, sources) in enumerate(self.steps):
                if check is not None and i % 256 == 0:
                    check()
                values[node_id] = compute([values[s] for s in sources], params)
        return values[self.root].data


def gradient_check(graph: Graph, compiler: Compiler, root: str | None = None,
                   progress: Callable[[int, int], None] | None = None,
                   check: Callable[[], None] | None = None, run_backward: bool = True) -> list[GradientCheckRow]:
    """Every Variable's backward gradient beside its central-difference estimate. Each
    estimate recomputes only the nodes between that Variable and the output. ``progress``
    hears (done, total) estimates; ``check`` may raise to stop. Without ``run_backward``
    the compiler's gradients of ``root`` are used as they are (Backward ran just before,
    on the thread that owns the compiler; this may then run on another)."""
    if run_backward or root is None:
        root = compiler.backward(root)
    needed = graph.upstream(root)
    variables = [n for n in graph.reading_order() if graph.nodes[n].kind == "Variable" and n in needed]
    total = sum(int(np.size(graph.nodes[n].params["value"])) for n in variables)
    done = 0
    rows = []
    for node_id in variables:
        node = graph.nodes[node_id]
        region = Region(graph, compiler, node_id, root)
        base = np.array(node.params["value"], dtype=np.float64)
        numeric = np.zeros_like(base)
        for index in np.ndindex(base.shape):
            step = EPS * max(1.0, abs(float(base[index])))
            upper, lower = base.copy(), base.copy()
            upper[index] += step
            lower[index] -= step
            plus = np.sum(region.value(upper, check))
            minus = np.sum(region.value(lower, check))
            numeric[index] = (plus - minus) / (2 * step)
            done += 1
            if progress is not None:
                progress(done, total)
        analytic = np.asarray(compiler.results[node_id].grad)
        scale = np.maximum(np.maximum(np.abs(analytic), np.abs(numeric)), 1.0)
        error = float(np.max(np.abs(analytic - numeric) / scale)) if analytic.size else 0.0
        rows.append(GradientCheckRow(node_id, node.label, analytic, numeric, error))
    return rows


def check_cost(graph: Graph, root: str) -> int:
    """About how many node computations gradient_check makes: 2 per element of each
    Variable, times the nodes after it (bounded by the graph's size)."""
    needed = graph.upstream(root)
    elements = sum(int(np.size(n.params["value"])) for i, n in graph.nodes.items()
                   if n.kind == "Variable" and i in needed)
    return 2 * elements * len(needed)


#: The second derivative of an array is worked out element by element up to this many.
LARGEST_SECOND_DERIVATIVE = 400


def second_derivative(compiler: Compiler, variable: str, root: str | None = None) -> np.ndarray | None:
    """∂²root/∂x_i² for each element x_i of the variable (the Hessian's diagonal; for a
    single number, its second derivative), by differentiating backward's graph once more:
    one pass per element, d/dx_i of (∂root/∂x)_i. None past LARGEST_SECOND_DERIVATIVE
    elements. (Differentiating the summed gradient instead would give the Hessian's row
    sums, which is not what ∂²y/∂W² says.)"""
    root = root if root is not None else compiler.default_output()
    y, x = compiler.variable(root), compiler.variable(variable)
    if y is None or x is None:
        raise BackwardError(texts.NEEDS_VALUES_FIRST)
    if x.data.size > LARGEST_SECOND_DERIVATIVE:
        return None
    (gx,) = engine.grad(y, [x], create_graph=True)
    with np.errstate(all="ignore"):
        if x.data.size == 1:
            (gxx,) = engine.grad(gx, [x])
            return gxx.data
        diagonal = np.empty(x.data.shape)
        for index in np.ndindex(x.data.shape):
            unit = np.zeros(x.data.shape)
            unit[index] = 1.0
            (column,) = engine.grad(engine.sum(gx * engine.Variable(unit)), [x])  # the Hessian times e_i
            diagonal[index] = column.data[index]
    return diagonal

