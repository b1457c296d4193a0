"""Counting the work an action does instead of timing it (tests never read the clock).

cProfile counts every call the action makes on this thread: Python functions, the C
functions Python calls (Qt's methods among them), and the Python methods Qt calls back
(an item's paint, boundingRect, itemChange...). A count does not change with the machine's
load, so how it grows with the size of a graph can be checked anywhere; the timings
themselves are benchmarks/gui_bench.py's.
"""
from __future__ import annotations

import cProfile
import math
from collections import Counter
from collections.abc import Callable
from pathlib import Path


def count_calls(action: Callable[[], object]) -> Counter[str]:
    """Calls made while ``action`` runs, by function."""
    profile = cProfile.Profile()
    profile.enable()
    try:
        action()
    finally:
        profile.disable()
    calls: Counter[str] = Counter()
    for entry in profile.getstats():
        calls[function_name(entry.code)] += entry.callcount
    return calls


def function_name(code: object) -> str:
    """``file.py:line qualified.name`` for Python code, the profiler's text for C functions."""
    if isinstance(code, str):
        return code
    name = getattr(code, "co_qualname", code.co_name)
    return f"{Path(code.co_filename).name}:{code.co_firstlineno} {name}"


def exponent(small: int, large: int, small_n: int, large_n: int) -> float:
    """k in work ∝ n^k between two sizes: 1 is linear, 2 quadratic."""
    return math.log(max(large, 1) / max(small, 1)) / math.log(large_n / small_n)


def fastest_growing(small: Counter[str], large: Counter[str], scale: float, top: int = 5) -> list[tuple[str, int, int]]:
    """The functions called most more often at the large size than linear growth
    (``scale`` times as often) would explain: (function, calls small, calls large)."""
    excess = sorted(large, key=lambda name: large[name] - scale * small[name], reverse=True)
    return [(name, small[name], large[name]) for name in excess[:top] if large[name] > scale * small[name]]


class SceneWalks:
    """Counts the items Python code gets back from walks of a whole scene (``items()``,
    ``selectedItems()``, ``itemsBoundingRect()``, which looks at every item): a walk made
    once for each item is quadratic work hidden inside one C call each, which a count of
    calls alone would not see. Install with a pytest ``monkeypatch``."""

    WALKS = ("items", "selectedItems", "itemsBoundingRect")

    def __init__(self, monkeypatch, scene_class: type) -> None:
        self.items: Counter[str] = Counter()
        everything = scene_class.items
        for name in self.WALKS:
            original = getattr(scene_class, name)

            def walk(scene, *args, _original=original, _name=name, **kwargs):
                result = _original(scene, *args, **kwargs)
                looked_at = everything(scene) if _name == "itemsBoundingRect" else result
                self.items[f"items looked at by {scene_class.__name__}.{_name}"] += len(looked_at)
                return result

            monkeypatch.setattr(scene_class, name, walk)

    def count(self, action: Callable[[], object]) -> Counter[str]:
        """``count_calls`` of ``action``, plus the items its scene walks looked at."""
        self.items.clear()
        calls = count_calls(action)
        calls.update(self.items)
        return calls
