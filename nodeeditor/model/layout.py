"""Automatic left-to-right layout: inputs on the left, each node right of its inputs."""
from __future__ import annotations

import numpy as np

from nodeeditor.model.graph import Graph

COLUMN_WIDTH = 200.0
#: wider when arrays flow, so the shape tags on the wires have room between the nodes
ARRAY_COLUMN_WIDTH = 270.0
ROW_HEIGHT = 130.0
#: a node's height on the canvas (view/style.py: header, one row per input, value and
#: gradient, padding) and the room left below it, for nodes taller than a row
NODE_TOP, NODE_ROW, NODE_GAP = 36.0, 20.0, 14.0


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
    room = {node_id: _room(graph, node_id) for node_id in column}
    heights = {col: sum(room[n] for n in members) for col, members in rows.items()}
    tallest = max(heights.values(), default=0.0)
    arrays = any(np.ndim(n.params.get("value", 0)) > 0 for n in graph.nodes.values())
    width = ARRAY_COLUMN_WIDTH if arrays else COLUMN_WIDTH
    positions = {}
    for col, members in rows.items():
        y = (tallest - heights[col]) / 2
        for node_id in members:
            positions[node_id] = (col * width, y)
            y += room[node_id]
    return positions


def _room(graph: Graph, node_id: str) -> float:
    """The height a node takes in its column: ROW_HEIGHT, or more for a node with many
    inputs (a function's use such as Neuron2 has five), so that none covers the next."""
    inputs = len(graph.nodes[node_id].spec.inputs)
    return max(ROW_HEIGHT, NODE_TOP + (inputs + 2) * NODE_ROW + NODE_GAP)


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
