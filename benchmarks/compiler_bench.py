"""Compiler timings: full evaluation, backward, and re-evaluation after one value change.

Random layered graphs of 100, 1,000 and 10,000 nodes (Variables feeding Add/Sub/Mul/Div/
Pow/Neg nodes, each wired to recent nodes). Run: ``.venv/bin/python benchmarks/compiler_bench.py``.
"""
from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from engine.gc_tuning import tune_gc_for_graphs  # noqa: E402
from nodeeditor.compiler import Compiler  # noqa: E402
from nodeeditor.model import Graph  # noqa: E402

OPS = ["Add", "Sub", "Mul", "Div", "Pow", "Neg"]


def random_graph(n: int, seed: int = 1) -> Graph:
    rng = random.Random(seed)
    g = Graph()
    variables = max(2, n // 20)
    ids = [g.add_node("Variable", {"name": f"v{i}", "value": np.array(rng.uniform(0.5, 1.5))}).id
           for i in range(variables)]
    while len(g.nodes) < n:
        kind = rng.choice(OPS)
        node = g.add_node(kind, {"c": 2.0} if kind == "Pow" else {})
        for port in node.spec.inputs:
            g.connect(ids[-1 - rng.randrange(min(len(ids), 30))], "y", node.id, port)
        ids.append(node.id)
    return g


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:8.2f} ms"


def main() -> None:
    tune_gc_for_graphs()
    print(f"{'nodes':>6}  {'compile+forward':>15}  {'backward':>11}  {'forward µs/node':>15}")
    for n in (100, 1_000, 10_000):
        g = random_graph(n)
        runs_f, runs_b = [], []
        for _ in range(5):
            t0 = time.perf_counter()
            c = Compiler(g)
            with np.errstate(all="ignore"):
                c.evaluate()
            t1 = time.perf_counter()
            c.backward(max(g.nodes, key=lambda k: int(k[1:])))
            t2 = time.perf_counter()
            runs_f.append(t1 - t0)
            runs_b.append(t2 - t1)
            c.detach()
        f, b = statistics.median(runs_f), statistics.median(runs_b)
        print(f"{n:>6}  {ms(f):>15}  {ms(b):>11}  {f / n * 1e6:>15.1f}")
    g = random_graph(1_000)
    c = Compiler(g)
    c.evaluate()
    variables = [n.id for n in g.nodes.values() if n.kind == "Variable"]
    times, touched = [], []
    for i, node_id in enumerate(variables * 3):
        g.set_param(node_id, "value", np.array(1.0 + i / 100))
        t0 = time.perf_counter()
        touched.append(len(c.evaluate()))
        times.append(time.perf_counter() - t0)
    print(f"1,000 nodes, one value changed ({len(variables)} Variables, each 3 times): "
          f"median {ms(statistics.median(times))} for a median of {statistics.median(touched):.0f} "
          f"downstream nodes; worst {ms(max(times))} for {max(touched)} nodes")


if __name__ == "__main__":
    main()
