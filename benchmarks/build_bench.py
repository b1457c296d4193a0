"""Building a graph one node and one wire at a time through the session, as a student or
a script does: each edit is a command (undoable), evaluated and announced. Nothing in it
may grow with the graph, so the total grows linearly with the number of nodes.

Run: ``.venv/bin/python benchmarks/build_bench.py``. Prints the time per size, the
time per node, and the growth exponent between the smallest and the largest size.
"""
from __future__ import annotations

import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from engine.gc_tuning import tune_gc_for_graphs  # noqa: E402
from nodeeditor.model import Edge  # noqa: E402
from nodeeditor.session import Session  # noqa: E402

SIZES = (1_000, 2_000, 4_000, 20_000)


def build_chain(size: int) -> Session:
    """A Variable and ``size - 1`` Sin nodes, each added and then wired to the one before."""
    session = Session()
    previous = session.add_node("Variable", (0, 0))
    for i in range(1, size):
        node = session.add_node("Sin", (200.0 * i, 0))
        session.connect(Edge(previous, "y", node, "a"))
        previous = node
    return session


def main() -> None:
    tune_gc_for_graphs()
    build_chain(200)  # imports and caches out of the way
    times = {}
    print(f"{'nodes':>7}  {'total':>9}  {'per node':>9}  {'edits':>6}")
    for size in SIZES:
        started = time.perf_counter()
        session = build_chain(size)
        times[size] = time.perf_counter() - started
        print(f"{size:>7,}  {times[size]:>8.2f}s  {times[size] / size * 1e6:>7.0f}µs  {len(session.history):>6,}")
    low, high = SIZES[0], SIZES[-1]
    exponent = math.log(times[high] / times[low]) / math.log(high / low)
    print(f"growth exponent {low:,} → {high:,}: {exponent:.2f} (1.00 is linear)")


if __name__ == "__main__":
    main()
