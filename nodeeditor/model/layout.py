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


# Room for new nodes ------------------------------------------------------------------
#: The room a node takes on the canvas with a gap around it (the canvas draws a node up to
#: 168 × 116 and the output's badge above it): a new node is nudged until it has its own.
NODE_ROOM = (190.0, 130.0)
#: Nudges are tried this far apart, nearest first, out to NUDGE_RINGS steps each way.
NUDGE_STEP = 20.0
NUDGE_RINGS = 40


def _nudges() -> list[tuple[float, float]]:
    steps = range(-NUDGE_RINGS, NUDGE_RINGS + 1)
    offsets = [(i * NUDGE_STEP, j * NUDGE_STEP) for i in steps for j in steps]
    # nearest first; of two as near, right and below before left and above (reading order)
    return sorted(offsets, key=lambda o: (o[0] ** 2 + o[1] ** 2, -o[0], -o[1]))


_NUDGES = _nudges()


def free_offset(graph: Graph, positions: list[tuple[float, float]]) -> tuple[float, float]:
    """The smallest nudge (dx, dy) after which none of ``positions`` (the top-left corners
    of nodes about to be added) overlaps a node of ``graph``; (0, 0) when none does, or
    when no nudge within reach frees them all. One pass over the graph (a grid of its
    nodes), then a few cells per try: adding a node stays cheap at 20,000 nodes."""
    width, height = NODE_ROOM
    cells: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for node in graph.nodes.values():
        x, y = node.position
        cells.setdefault((int(x // width), int(y // height)), []).append((x, y))
    if not cells:
        return (0.0, 0.0)

    def overlaps(x: float, y: float) -> bool:
        cx, cy = int(x // width), int(y // height)
        return any(abs(x - ox) < width and abs(y - oy) < height
                   for i in (cx - 1, cx, cx + 1) for j in (cy - 1, cy, cy + 1) for ox, oy in cells.get((i, j), ()))

    for dx, dy in _NUDGES:
        if not any(overlaps(x + dx, y + dy) for x, y in positions):
            return (dx, dy)
    return (0.0, 0.0)
