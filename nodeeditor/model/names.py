"""Which names the nodes of a graph carry, kept up to date edit by edit: one name per
node, and a free one found without looking at every node (add1, add2, ... while a student
adds nodes one by one, or a script adds 20,000)."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_NUMBERED = re.compile(r"(.*?)(\d+)")


class Names:
    def __init__(self) -> None:
        self._count: Counter[str] = Counter()
        #: for a base such as "add": no number below this one is free
        self._lowest: dict[str, int] = {}

    def rebuild(self, labels: Iterable[str]) -> None:
        self._count = Counter(labels)
        self._lowest = {}

    def added(self, label: str) -> None:
        self._count[label] += 1

    def removed(self, label: str) -> None:
        self._count[label] -= 1
        if not self._count[label]:
            del self._count[label]
            numbered = _NUMBERED.fullmatch(label)
            if numbered and numbered[1] in self._lowest:
                base, number = numbered[1], int(numbered[2])
                self._lowest[base] = min(self._lowest[base], number)

    def renamed(self, old: str, new: str) -> None:
        if old != new:
            self.removed(old)
            self.added(new)

    def count(self, name: str) -> int:
        """How many nodes are called ``name``."""
        return self._count.get(name, 0)

    def free(self, base: str = "x", numbered: bool = False) -> str:
        """A name no node has yet: x, then x1, x2, ... (``numbered``: add1, add2, ...)."""
        if not numbered and base not in self._count:
            return base
        i = self._lowest.get(base, 1)
        while f"{base}{i}" in self._count:
            i += 1
        self._lowest[base] = i
        return f"{base}{i}"
