"""Local derivatives and forward mode, read off the engine's own backward.

Reverse mode (Backward) sends one cotangent back from the output. Forward mode pushes a
tangent ẋ from one input towards the output, as dual numbers do: each node's tangent is
the sum over its inputs of (local derivative) × (that input's tangent). No kind needs a
rule of its own here: a node's Jacobian-vector product is the derivative, with respect to
the cotangent w, of the engine's vector-Jacobian product w·J (built with create_graph,
and linear in w). So every kind in the catalog, and every function made of nodes, gets
forward mode and the chain rule's local factors for free, and they agree with Backward.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import engine
from nodeeditor.compiler import Compiler
from nodeeditor.lessons import texts
from nodeeditor.model.graph import Graph, Node
from nodeeditor.model.values import format_array
from nodeeditor.plural import plural


def jvp(node: Node, values: list[np.ndarray], tangents: list[np.ndarray | None]) -> np.ndarray:
    """The node's output tangent for its inputs' ``values`` and ``tangents`` (None: 0)."""
    xs = [engine.Variable(np.array(v, dtype=np.float64)) for v in values]
    with engine.using_config("enable_backprop", True), np.errstate(all="ignore"):
        y = node.spec.compute(xs, node.params)
        if all(t is None or not np.any(t) for t in tangents):
            return np.zeros_like(y.data)
        w = engine.Variable(np.zeros_like(y.data))
        grads = engine.grad(y, xs, grad_outputs=w, create_graph=True)
        total = None
        for g, t in zip(grads, tangents, strict=True):
            if t is not None and np.any(t):
                term = engine.sum(g * engine.Variable(np.asarray(t, dtype=np.float64)))
                total = term if total is None else total + term
        (tangent,) = engine.grad(total, [w])
    return np.asarray(tangent.data, dtype=np.float64).reshape(np.shape(y.data))


def local_partials(graph: Graph, compiler: Compiler, node_id: str) -> dict[str, float]:
    """∂node/∂input for each input port of a node of single numbers, at the current values."""
    node = graph.nodes[node_id]
    wires = graph.input_edges(node_id)
    values = [compiler.results[wires[p].src].value for p in node.spec.inputs]
    partials = {}
    for i, port in enumerate(node.spec.inputs):
        tangents = [np.ones_like(v) if j == i else None for j, v in enumerate(values)]
        partials[port] = float(np.sum(jvp(node, values, tangents)))
    return partials


@dataclass(frozen=True)
class ForwardPass:
    """Forward mode from one input: every node's tangent d(node)/d(input) along ``direction``."""

    wrt: str
    tangents: dict[str, np.ndarray]
    #: node computations the pass made (one per node it reached)
    operations: int


def forward_mode(graph: Graph, compiler: Compiler, wrt: str, direction: np.ndarray | None = None) -> ForwardPass:
    """One forward-mode pass seeded at the input ``wrt`` with ``direction`` (all ones by
    default: for a single number, ẋ = 1). Nodes without a value get no tangent."""
    compiler.evaluate()
    seed = compiler.results[wrt].value
    tangents: dict[str, np.ndarray] = {wrt: np.ones_like(seed) if direction is None else np.asarray(direction)}
    reached = graph.downstream([wrt])
    operations = 0
    for node_id in compiler.order():
        if node_id == wrt or node_id not in reached or compiler.results[node_id].value is None:
            continue
        node = graph.nodes[node_id]
        wires = graph.input_edges(node_id)
        sources = [wires[p].src for p in node.spec.inputs]
        values = [compiler.results[s].value for s in sources]
        if any(v is None for v in values):
            continue
        tangents[node_id] = jvp(node, values, [tangents.get(s) for s in sources])
        operations += 1
    for node_id in graph.nodes:
        if node_id not in tangents and compiler.results[node_id].value is not None:
            tangents[node_id] = np.zeros_like(compiler.results[node_id].value)
    return ForwardPass(wrt, tangents, operations)


# what forward mode's numbers mean, in words --------------------------------------------------
def passes(graph: Graph, compiler: Compiler, root: str) -> tuple[int, int]:
    """(forward passes, reverse passes) the whole gradient of ``root`` needs: one forward
    pass per number of the Variables that reach it (a Variable wired to nothing, or to
    something the output does not use, is no input), one reverse pass per number of the
    output."""
    upstream = graph.upstream(root)
    inputs = sum(int(np.size(compiler.results[n].value)) for n in upstream
                 if graph.nodes[n].kind == "Variable" and compiler.results[n].value is not None)
    value = compiler.results[root].value
    return inputs, int(np.size(value)) if value is not None else 1


def forward_summary(graph: Graph, compiler: Compiler, run: ForwardPass, root: str | None) -> str:
    """What the pass from ``run.wrt`` showed, in words that are true for arrays too: for
    single numbers the output's tangent is ∂y/∂x, as Backward gives; for an input of
    several numbers it is the tangent along v = (1, 1, …), the sum of the gradient's
    elements, not the gradient; and how many passes each mode needs for the whole of it."""
    names = graph.names()
    x = names[run.wrt]
    size = int(np.size(run.tangents[run.wrt]))
    work = plural(run.operations, texts.ONE_NODE_COMPUTED, texts.NODES_COMPUTED).format(count=run.operations)
    if size == 1:
        head = texts.FORWARD_FROM.format(x=x, work=work)
    else:
        ones = ", ".join(["1"] * min(size, 4) + (["…"] if size > 4 else []))
        head = texts.FORWARD_ALONG.format(x=x, ones=ones, work=work)
    if root is None or root not in run.tangents:
        return head
    y = names[root]
    tangent, gradient = run.tangents[root], compiler.results[run.wrt].grad
    shown = format_array(tangent)
    forward, reverse = passes(graph, compiler, root)
    if size == 1 and np.size(tangent) == 1:
        sentences = [texts.TANGENT_IS_GRADIENT.format(y=y, x=x, tangent=shown)]
    elif size == 1:
        sentences = [texts.TANGENT_IS_COLUMN.format(y=y, x=x, tangent=shown, count=np.size(tangent))]
    elif np.size(tangent) > 1:
        sentences = [texts.TANGENT_IS_JV.format(y=y, x=x, tangent=shown)]
    else:
        sentences = [texts.TANGENT_IS_SUM.format(y=y, x=x, tangent=shown)]
        if gradient is not None:
            sentences.append(texts.WHOLE_GRADIENT.format(y=y, x=x, gradient=format_array(gradient)))
    sentences.append(texts.PASSES.format(forward=forward, reverse=reverse))
    return " ".join([head, *sentences])
