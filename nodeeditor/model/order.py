"""The order nodes are computed in, kept up to date edit by edit.

Every node has a rank, and every wire goes from a lower rank to a higher one. A new node
takes the next rank (it has no wires yet); a removed node or wire leaves the ranks valid.
Only a new wire from a higher rank to a lower one needs work, and only among the nodes
ranked between its ends (the method of Pearce and Kelly): so building a graph one node
and one wire at a time stays linear, where sorting the whole graph after each wire was
quadratic. The same ranks answer "would this wire make a loop?" without walking the
whole graph.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

Neighbours = Callable[[str], Iterable[str]]


class TopologicalOrder:
    """Ranks of the nodes of one graph. ``readers(n)``: the nodes wired from n's output;
    ``sources(n)``: the nodes wired into n's inputs."""

    def __init__(self, readers: Neighbours, sources: Neighbours) -> None:
        self._readers = readers
        self._sources = sources
        self._rank: dict[str, int] = {}
        self._next = 0
        self._sorted: list[str] | None = None

    def rebuild(self, nodes: Iterable[str]) -> None:
        """Rank every node again from scratch (a loaded or replaced graph, or many wires
        at once). Nodes on a loop, which a valid graph never has, are left out."""
        nodes = list(nodes)
        waiting = {n: sum(1 for _ in self._sources(n)) for n in nodes}
        ready = [n for n in nodes if waiting[n] == 0]
        self._rank, self._next = {}, 0
        while ready:
            n = ready.pop()
            self._rank[n] = self._next
            self._next += 1
            for r in self._readers(n):
                waiting[r] -= 1
                if waiting[r] == 0:
                    ready.append(r)
        self._sorted = None

    def __len__(self) -> int:
        return len(self._rank)

    def rank(self, node_id: str) -> int:
        return self._rank[node_id]

    def added(self, node_id: str) -> None:
        self._rank[node_id] = self._next
        self._next += 1
        if self._sorted is not None:
            self._sorted.append(node_id)

    def removed(self, node_id: str) -> None:
        del self._rank[node_id]
        self._sorted = None

    def reaches(self, start: str, goal: str) -> bool:
        """Whether a path of wires leads from ``start`` to ``goal``. Only nodes ranked
        below ``goal`` can lie on such a path, so the search stops there."""
        rank = self._rank
        limit = rank[goal]
        if rank[start] > limit:
            return False
        return goal in self._search(start, self._readers, lambda n: rank[n] <= limit)

    def wired(self, src: str, dst: str) -> None:
        """A wire from ``src`` to ``dst`` was made (it makes no loop)."""
        rank = self._rank
        low, high = rank[dst], rank[src]
        if low > high:
            return  # the usual case: the order holds
        after = self._search(dst, self._readers, lambda n: rank[n] <= high)
        before = self._search(src, self._sources, lambda n: rank[n] >= low)
        moved = sorted(before, key=rank.__getitem__) + sorted(after, key=rank.__getitem__)
        for node, new_rank in zip(moved, sorted(rank[n] for n in moved)):
            rank[node] = new_rank
        self._sorted = None

    def ordered(self, node_ids: Iterable[str] | None = None) -> list[str]:
        """``node_ids`` (None: every node) with each after the nodes it reads."""
        if node_ids is not None:  # (a node on a loop, which a valid graph never has, has no rank)
            return sorted((n for n in node_ids if n in self._rank), key=self._rank.__getitem__)
        if self._sorted is None:
            self._sorted = sorted(self._rank, key=self._rank.__getitem__)
        return list(self._sorted)

    @staticmethod
    def _search(start: str, step: Neighbours, within: Callable[[str], bool]) -> set[str]:
        seen = {start}
        stack = [start]
        while stack:
            for n in step(stack.pop()):
                if n not in seen and within(n):
                    seen.add(n)
                    stack.append(n)
        return seen
