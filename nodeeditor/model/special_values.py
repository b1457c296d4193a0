"""Special values said in words. A gradient that is infinite or undefined only in backward
(√x at 0, x**0.5 at 0, log at 0) gets the reason, read off the gate's own rule, as forward
errors already have one; the conventions that make 0**0 and d/dx x**0 at 0 numbers (the
ones NumPy and PyTorch follow) are said where they apply. No Qt."""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from nodeeditor.model import texts
from nodeeditor.model.graph import Graph
from nodeeditor.model.rules import write
from nodeeditor.model.values import format_array


def value_note(graph: Graph, results: Mapping[str, object], node_id: str) -> str | None:
    """What a student should know of this node's value beyond its number, or None."""
    node = graph.nodes[node_id]
    wires = graph.input_edges(node_id)
    if node.kind == "Pow" and float(node.params["c"]) == 0.0 and "a" in wires:
        value = results[wires["a"].src].value
        if value is not None and np.any(np.asarray(value) == 0):
            return texts.ZERO_TO_THE_ZERO  # (a Power whose exponent is 0, where its input is 0)
    return None


def gradient_note(graph: Graph, results: Mapping[str, object], node_id: str) -> str | None:
    """Why what this node sent back is infinite or undefined (inf, nan) although its
    inputs, its value and the gradient it got are ordinary numbers; or the convention
    that made it a number; None when there is nothing to say (``results``: the
    compiler's, after Backward)."""
    node = graph.nodes[node_id]
    spec = node.spec
    result = results[node_id]
    wires = graph.input_edges(node_id)
    if result.grad is None or not result.input_grads or len(wires) < len(spec.inputs):
        return None
    values = {p: results[wires[p].src].value for p in spec.inputs}
    if any(v is None for v in values.values()):
        return None
    if node.kind == "Pow" and float(node.params["c"]) == 0.0 and np.any(np.asarray(values["a"]) == 0):
        return texts.ZERO_EXPONENT_SLOPE
    ordinary = all(np.all(np.isfinite(v)) for v in (*values.values(), result.value, result.grad))
    if not spec.rules or not ordinary:
        return None
    names = graph.names()
    said = []
    for port, rule in zip(spec.inputs, spec.rules, strict=True):
        grad = result.input_grads.get(port)
        if grad is None or np.all(np.isfinite(grad)):
            continue
        symbols = {p: names[wires[p].src] for p in spec.inputs} | {"y": names[node_id]}
        constants = {p.name: float(node.params[p.name]) for p in spec.params
                     if isinstance(node.params[p.name], (int, float)) and not isinstance(node.params[p.name], bool)}
        constants["N"] = float(np.size(values[port]))
        where = ", ".join(f"{symbols[p]} = {format_array(values[p])}" for p in spec.inputs)
        template = texts.UNDEFINED_SLOPE if np.any(np.isnan(grad)) else texts.INFINITE_SLOPE
        said.append(template.format(input=symbols[port], gradient=format_array(grad),
                                    rule=write(rule, names=symbols, constants=constants), where=where))
    return " ".join(said) or None
