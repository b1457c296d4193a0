"""Step-by-step replays of the forward and backward passes, with captions in words.

A replay is a list of frames. Each frame names the active node, says what happened in a
sentence a student can follow ("Mul: each input gets the upstream gradient times the
other input: 1 × 3 = 3"), and gives the numbers to show on every node so far. The
backward replay follows the engine's own order (``Compiler.steps``).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from nodeeditor.compiler import Compiler, NodeResult
from nodeeditor.lessons import texts
from nodeeditor.model.captions import fill, sum_text
from nodeeditor.model.graph import Graph, Node
from nodeeditor.model.special_values import gradient_note, value_note
from nodeeditor.model.values import format_array


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
    frames = [Frame(None, texts.FORWARD_START, {})]
    for node_id in graph.reading_order():
        node = graph.nodes[node_id]
        result = compiler.results[node_id]
        shown = dict(shown)
        shown[node_id] = result.without_gradients()
        wires = graph.input_edges(node_id)
        inputs = [compiler.results[wires[p].src].value if p in wires else None for p in node.spec.inputs]
        flows = [(wires[p].src, node_id, p, v) for p, v in zip(node.spec.inputs, inputs) if p in wires and v is not None]
        note = value_note(graph, compiler.results, node_id)
        caption = forward_caption(node, inputs, result)
        frames.append(Frame(node_id, texts.CAPTION_AND.format(caption=caption, more=note) if note else caption, shown,
                            flows))
    return frames


def forward_caption(node: Node, inputs: list, result: NodeResult) -> str:
    """The kind's forward template filled with this node's numbers."""
    if result.value is None:
        return texts.NO_VALUE.format(node=node.label, error=result.error)
    spec = node.spec
    fields = {port: _f(v) for port, v in zip(spec.inputs, inputs)}
    return fill(spec.forward, {"y": _f(result.value), "title": spec.title, **fields, **spec.words(node.params)})


def display_name(graph: Graph, node_id: str, output: str | None) -> str:
    """What captions call a node: the output by its name (y), a Variable by its own."""
    return graph.output_name if node_id == output else graph.nodes[node_id].label


def source_name(graph: Graph, compiler: Compiler, node_id: str, output: str | None) -> str:
    """Where a wire comes from, by the name the canvas shows: ``x0``, or an operation
    with its value, ``pow1 = 36``."""
    node = graph.nodes[node_id]
    if node_id == output or node.spec.is_input:
        return display_name(graph, node_id, output)
    return f"{node.label} = {_f(compiler.results[node_id].value)}"


def backward_frames(graph: Graph, compiler: Compiler) -> list[Frame]:
    """The backward pass in the engine's order. Run ``compiler.backward`` first.

    Shows the gradient arriving at each node's output, what it sends through each input
    wire (named with the node it comes from), and the running sum when a node receives
    a second contribution. A gradient shows on the node it reaches in the same step as
    the number moving along its wire."""
    root = compiler.gradient_root
    if root is None:
        raise ValueError("run backward first")
    out = graph.output_name
    shown = {n: r.without_gradients() for n, r in compiler.results.items()}
    shown[root] = replace(shown[root], grad=np.ones_like(np.asarray(compiler.results[root].value)))
    frames = [Frame(root, texts.BACKWARD_START.format(out=out), dict(shown))]
    received: dict[str, list[np.ndarray]] = {}
    for step in compiler.steps:
        node = graph.nodes[step.node_id]
        wires = graph.input_edges(step.node_id)
        inputs = {p: compiler.results[wires[p].src].value for p in node.spec.inputs}
        sources = {p: source_name(graph, compiler, wires[p].src, root) for p in node.spec.inputs}
        caption = backward_caption(node, compiler.results[step.node_id].value, step.output_grad, inputs,
                                   step.input_grads, sources)
        note = gradient_note(graph, compiler.results, step.node_id)
        caption = texts.CAPTION_AND.format(caption=caption, more=note) if note else caption
        current = shown[step.node_id]
        shown[step.node_id] = replace(current, grad=step.output_grad, input_grads=step.input_grads)
        flows = []
        for port, g in step.input_grads.items():
            source = wires[port].src
            flows.append((source, step.node_id, port, g))
            received.setdefault(source, []).append(g)
            # the gradient shows on the node it reached in the step its wire carries it
            # (the sum so far, when the node is used more than once)
            shown[source] = replace(shown[source], grad=_total(received[source]))
        for source in dict.fromkeys(f[0] for f in flows):
            parts = received[source]
            if len(parts) > 1:
                added = texts.USED_TIMES_ADD_UP.format(name=display_name(graph, source, root), count=len(parts),
                                                       sum=sum_text([_f(p) for p in parts]), total=_f(_total(parts)))
                caption = texts.CAPTION_AND.format(caption=caption, more=added)
        frames.append(Frame(step.node_id, caption, dict(shown), flows))
    frames.append(Frame(None, texts.BACKWARD_DONE.format(out=out), dict(compiler.results)))
    return frames


def backward_caption(node: Node, value: np.ndarray | None, g: np.ndarray, inputs: dict, sent: dict,
                     sources: dict | None = None) -> str:
    """One backward step in words: the kind's backward template filled with the upstream
    gradient ``g``, the inputs' values, what each input is sent, and (with ``sources``)
    the node each input's wire comes from."""
    spec = node.spec
    fields: dict[str, str] = {"g": _f(g), "y": _f(value), "title": spec.title}
    for port in spec.inputs:
        fields[port] = _f(inputs.get(port))
        fields[f"g{port}"] = _f(sent.get(port))
        fields[f"{port}_from"] = texts.FROM.format(port=port, source=sources[port]) if sources else port
    return fill(spec.backward, {**fields, **spec.words(node.params)})


def _total(parts: list[np.ndarray]) -> np.ndarray:
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    return np.asarray(total)

