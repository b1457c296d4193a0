"""Gradient descent on the drawn graph: move every Variable against its gradient."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from nodeeditor.compiler import Compiler
from nodeeditor.model.graph import Graph


@dataclass(frozen=True)
class DescentStep:
    index: int
    loss: float
    values: dict[str, np.ndarray]


def descend(graph: Graph, compiler: Compiler, learning_rate: float, steps: int,
            root: str | None = None) -> Iterator[DescentStep]:
    """Each step: backward, then value ← value − learning_rate × gradient for every
    Variable feeding the output, written into the model (so a view follows). Yields the
    loss before each update, so a caller can draw the curve and stop at any moment."""
    root = root if root is not None else compiler.default_output()
    variables = [n for n in graph.reading_order() if graph.nodes[n].kind == "Variable" and n in graph.upstream(root)]
    for index in range(steps):
        compiler.backward(root)
        loss = float(np.sum(compiler.results[root].value))
        updates = {}
        with np.errstate(all="ignore"):
            for node_id in variables:
                value = np.asarray(graph.nodes[node_id].params["value"], dtype=np.float64)
                updates[node_id] = value - learning_rate * np.asarray(compiler.results[node_id].grad)
        if not all(np.all(np.isfinite(v)) for v in updates.values()):
            raise FloatingPointError("The values grew without bound: try a smaller learning rate.")
        for node_id, value in updates.items():
            graph.set_param(node_id, "value", value)
        yield DescentStep(index, loss, updates)
