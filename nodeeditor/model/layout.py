"""Automatic left-to-right layout: inputs on the left, each node right of its inputs."""
from __future__ import annotations

import numpy as np

from nodeeditor.model.graph import Graph

COLUMN_WIDTH = 200.0
#: wider when arrays flow, so the shape tags on the wires have room between the nodes
ARRAY_COLUMN_WIDTH = 270.0
ROW_HEIGHT = 130.0


def layered_positions(graph: Graph) -> dict[str, tuple[float, float]]:
    """A position per node: column = longest path from an input, rows in wiring order.
    A node with no inputs (a constant, a variable) sits just left of its first use, not
    all in the first column, so big formulas stay wide rather than tall."""
    column: dict[str, int] = {}
    order = graph.topological_order()
    for node_id in order:
        sources = [e.src for e in graph.input_edges(node_id).values()]
        column[node_id] = 1 + max((column[s] for s in sources), default=-1)
    for node_id in order:
        uses = [column[e.dst] for e in graph.output_edges(node_id)]
        if not graph.input_edges(node_id) and uses:
            column[node_id] = min(uses) - 1
    rows: dict[int, list[str]] = {}
    for node_id in _ordered(graph, column):
        rows.setdefault(column[node_id], []).append(node_id)
    tallest = max((len(r) for r in rows.values()), default=0)
    arrays = any(np.ndim(n.params.get("value", 0)) > 0 for n in graph.nodes.values())
    width = ARRAY_COLUMN_WIDTH if arrays else COLUMN_WIDTH
    positions = {}
    for col, members in rows.items():
        top = (tallest - len(members)) * ROW_HEIGHT / 2
        for row, node_id in enumerate(members):
            positions[node_id] = (col * width, top + row * ROW_HEIGHT)
    return positions


def _ordered(graph: Graph, column: dict[str, int]) -> list[str]:
    """Nodes in the order a reader meets them walking back from the outputs."""
    seen: list[str] = []
    marked: set[str] = set()

    def visit(start: str) -> None:
        stack = [start]
        while stack:
            node_id = stack.pop()
            if node_id in marked:
                continue
            marked.add(node_id)
            seen.append(node_id)
            wires = graph.input_edges(node_id)
            stack.extend(wires[p].src for p in reversed(graph.nodes[node_id].spec.inputs) if p in wires)

    for sink in sorted(graph.sinks(), key=lambda n: -column[n]):
        visit(sink)
    met = {node_id: i for i, node_id in enumerate(seen)}
    return sorted(seen, key=lambda n: (column[n], met[n]))


def apply_layout(graph: Graph) -> None:
    """Move every node to its layered position."""
    for node_id, position in layered_positions(graph).items():
        graph.move_node(node_id, position)
