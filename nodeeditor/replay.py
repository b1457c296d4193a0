"""Step-by-step replays of the forward and backward passes, with captions in words.

A replay is a list of frames. Each frame names the active node, says what happened in a
sentence a student can follow ("Mul: each input gets the upstream gradient times the
other input: 1 × 3 = 3"), and gives the numbers to show on every node so far. The
backward replay follows the engine's own order (``Compiler.steps``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from nodeeditor.compiler import Compiler, NodeResult
from nodeeditor.model.graph import Graph
from nodeeditor.model.values import format_array, format_number


@dataclass
class Frame:
    """One step: the node at work, the caption, and what each node shows now.

    ``flows`` lists the wires along which a number moves in this step, as
    (source node, destination node, destination port, number)."""

    active: str | None
    caption: str
    shown: dict[str, NodeResult]
    flows: list[tuple[str, str, str, np.ndarray]] = field(default_factory=list)


def _f(value: np.ndarray | None) -> str:
    return format_array(value) if value is not None else "?"


def forward_frames(graph: Graph, compiler: Compiler) -> list[Frame]:
    """The forward pass in topological order: each node's value appears in turn."""
    compiler.evaluate()
    shown: dict[str, NodeResult] = {}
    frames = [Frame(None, "Forward pass: values flow from the inputs on the left to the output.", {})]
    for node_id in graph.reading_order():
        node = graph.nodes[node_id]
        result = compiler.results[node_id]
        shown = dict(shown)
        shown[node_id] = NodeResult(value=result.value, error=result.error)
        wires = graph.input_edges(node_id)
        inputs = [compiler.results[wires[p].src].value if p in wires else None for p in node.spec.inputs]
        flows = [(wires[p].src, node_id, p, v) for p, v in zip(node.spec.inputs, inputs) if p in wires and v is not None]
        frames.append(Frame(node_id, forward_caption(node.kind, node.label, node.params, inputs, result), shown, flows))
    return frames


def forward_caption(kind: str, label: str, params: dict, inputs: list, result: NodeResult) -> str:
    if result.value is None:
        return f"{label}: no value — {result.error}"
    out = _f(result.value)
    symbols = {"Add": "+", "Sub": "−", "Mul": "×", "Div": "÷"}
    if kind == "Variable":
        return f"Variable {label} holds its value {out}."
    if kind == "Constant":
        return f"A constant: {out}."
    if kind in symbols:
        return f"{kind}: {_f(inputs[0])} {symbols[kind]} {_f(inputs[1])} = {out}"
    if kind == "Pow":
        return f"Pow: {_f(inputs[0])} ^ {format_number(float(params['c']))} = {out}"
    return f"Neg: −({_f(inputs[0])}) = {out}"


def display_name(graph: Graph, node_id: str, output: str | None) -> str:
    """What captions call a node: the output by its name (y), a Variable by its own."""
    return graph.output_name if node_id == output else graph.nodes[node_id].label


def source_name(graph: Graph, compiler: Compiler, node_id: str, output: str | None) -> str:
    """Where a wire comes from, so a student finds it on the canvas: ``x0``, or an
    operation with its value, ``Power = 36``."""
    node = graph.nodes[node_id]
    if node_id == output or "name" in node.params:
        return display_name(graph, node_id, output)
    return f"{node.spec.title} = {_f(compiler.results[node_id].value)}"


def backward_frames(graph: Graph, compiler: Compiler) -> list[Frame]:
    """The backward pass in the engine's order. Run ``compiler.backward`` first.

    Shows the gradient arriving at each node's output, what it sends through each input
    wire (named with the node it comes from), and the running sum when a node receives
    a second contribution."""
    root = compiler.gradient_root
    if root is None:
        raise ValueError("run backward first")
    out = graph.output_name
    shown = {n: NodeResult(value=r.value, error=r.error) for n, r in compiler.results.items()}
    shown[root] = NodeResult(value=shown[root].value, grad=np.ones_like(np.asarray(compiler.results[root].value)))
    frames = [Frame(root, f"Backward starts at the output {out}: ∂{out}/∂{out} = 1.", dict(shown))]
    received: dict[str, list[np.ndarray]] = {}
    for step in compiler.steps:
        node = graph.nodes[step.node_id]
        wires = graph.input_edges(step.node_id)
        inputs = {p: compiler.results[wires[p].src].value for p in node.spec.inputs}
        sources = {p: source_name(graph, compiler, wires[p].src, root) for p in node.spec.inputs}
        caption = backward_caption(node.kind, node.params, step.output_grad, inputs, step.input_grads, sources)
        current = shown[step.node_id]
        shown[step.node_id] = NodeResult(value=current.value, grad=step.output_grad, input_grads=step.input_grads)
        flows = []
        for port, g in step.input_grads.items():
            source = wires[port].src
            flows.append((source, step.node_id, port, g))
            received.setdefault(source, []).append(g)
            if graph.nodes[source].spec.is_input:
                shown[source] = NodeResult(value=shown[source].value, grad=_total(received[source]))
        sums = []
        for source in dict.fromkeys(f[0] for f in flows):
            parts = received[source]
            if len(parts) > 1:
                sums.append(f"{display_name(graph, source, root)} is used {len(parts)} times, so its gradients "
                            f"add up: {' + '.join(_f(p) for p in parts)} = {_f(_total(parts))}")
        frames.append(Frame(step.node_id, ". ".join([caption] + sums), dict(shown), flows))
    frames.append(Frame(None, f"Backward is done: every red number is ∂{out}/∂(that value), the gradient "
                              f"of the output {out} with respect to it.",
                        dict(compiler.results)))
    return frames


def backward_caption(kind: str, params: dict, g: np.ndarray, inputs: dict, sent: dict,
                     sources: dict | None = None) -> str:
    """One backward step in words; ``sources`` names the node each input's wire comes from."""
    gs = _f(g)
    names = {p: f"{p} (from {sources[p]})" if sources else p for p in inputs}
    if kind == "Add":
        return (f"Add passes the upstream gradient {gs} unchanged to both inputs: "
                f"{names['a']} gets {gs}, {names['b']} gets {gs}")
    if kind == "Sub":
        return f"Sub: {names['a']} gets the upstream gradient {gs}; {names['b']} gets its negative {_f(sent['b'])}"
    if kind == "Mul":
        return (f"Mul sends each input the upstream gradient times the other input: "
                f"{names['a']} gets {gs} × {_f(inputs['b'])} = {_f(sent['a'])}, "
                f"{names['b']} gets {gs} × {_f(inputs['a'])} = {_f(sent['b'])}")
    if kind == "Div":
        return (f"Div: {names['a']} gets g ÷ b = {gs} ÷ {_f(inputs['b'])} = {_f(sent['a'])}; "
                f"{names['b']} gets −g·a ÷ b² = {_f(sent['b'])}")
    if kind == "Pow":
        c = float(params["c"])
        return (f"Pow brings down the exponent: {names['a']} gets c·a^(c−1) × g = {format_number(c)} × "
                f"{_f(inputs['a'])}^{format_number(c - 1)} × {gs} = {_f(sent['a'])}")
    return f"Neg: {names['a']} gets the negative of the upstream gradient: −{gs} = {_f(sent['a'])}"


def _total(parts: list[np.ndarray]) -> np.ndarray:
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    return np.asarray(total)

