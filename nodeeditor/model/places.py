"""Where the nodes sit, in a grid kept up to date edit by edit: a new node is nudged until
it has room of its own, by looking at a few cells rather than at every node (so adding
nodes one at a time stays cheap at 20,000 nodes)."""
from __future__ import annotations

from collections.abc import Iterable

#: The room a node takes on the canvas with a gap around it (the canvas draws a node up to
#: 168 × 116 and the output's badge above it): a new node is nudged until it has its own.
NODE_ROOM = (190.0, 130.0)
#: Nudges are tried this far apart, nearest first, out to NUDGE_RINGS steps each way.
NUDGE_STEP = 20.0
NUDGE_RINGS = 40

Point = tuple[float, float]


def _nudges() -> list[Point]:
    steps = range(-NUDGE_RINGS, NUDGE_RINGS + 1)
    offsets = [(i * NUDGE_STEP, j * NUDGE_STEP) for i in steps for j in steps]
    # nearest first; of two as near, right and below before left and above (reading order)
    return sorted(offsets, key=lambda o: (o[0] ** 2 + o[1] ** 2, -o[0], -o[1]))


_NUDGES = _nudges()


class Places:
    """The top-left corner of every node, by grid cell of NODE_ROOM."""

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], dict[str, Point]] = {}
        self._cell_of: dict[str, tuple[int, int]] = {}

    @staticmethod
    def _cell(x: float, y: float) -> tuple[int, int]:
        return int(x // NODE_ROOM[0]), int(y // NODE_ROOM[1])

    def rebuild(self, positions: Iterable[tuple[str, Point]]) -> None:
        self._cells, self._cell_of = {}, {}
        for node_id, position in positions:
            self.put(node_id, position)

    def put(self, node_id: str, position: Point) -> None:
        """The node is at ``position`` now (a new node, or one moved)."""
        self.take(node_id)
        cell = self._cell(*position)
        self._cells.setdefault(cell, {})[node_id] = position
        self._cell_of[node_id] = cell

    def take(self, node_id: str) -> None:
        """The node is gone."""
        cell = self._cell_of.pop(node_id, None)
        if cell is not None:
            del self._cells[cell][node_id]
            if not self._cells[cell]:
                del self._cells[cell]

    def overlaps(self, x: float, y: float) -> bool:
        """Whether a node put at (x, y) would overlap one that is there."""
        width, height = NODE_ROOM
        cx, cy = self._cell(x, y)
        return any(abs(x - ox) < width and abs(y - oy) < height
                   for i in (cx - 1, cx, cx + 1) for j in (cy - 1, cy, cy + 1)
                   for ox, oy in self._cells.get((i, j), {}).values())

    def free_offset(self, positions: list[Point]) -> Point:
        """The smallest nudge (dx, dy) after which none of ``positions`` (the top-left
        corners of nodes about to be added) overlaps a node; (0, 0) when none does, or
        when no nudge within reach frees them all."""
        if not self._cells:
            return (0.0, 0.0)
        for dx, dy in _NUDGES:
            if not any(self.overlaps(x + dx, y + dy) for x, y in positions):
                return (dx, dy)
        return (0.0, 0.0)
