"""Python's cycle collector and the big graphs a student may open. No Qt.

Now and then Python's collector walks every object the program holds, looking for
garbage in cycles. A 20,000-node graph is about a million objects (nodes, canvas items,
results, arrays, engine Variables), so each walk took about 0.3 s, and it fell in the
middle of an undo or a Backward. The graph just opened lives until the next one is, so
after a big file is opened everything alive is frozen out of those walks
(``gc.freeze``). The next open unfreezes it first, so whatever the old document left
in cycles is still collected then: nothing leaks for longer than one document.
"""
from __future__ import annotations

import gc

#: graphs of this many nodes or more are frozen after opening (smaller ones gain nothing)
FREEZE_FROM = 2_000


def settle(nodes: int) -> None:
    """Call when a document has taken a new graph of ``nodes`` nodes (open, new, recover)."""
    if gc.get_freeze_count():
        gc.unfreeze()
    if nodes >= FREEZE_FROM:
        gc.collect()
        gc.freeze()
