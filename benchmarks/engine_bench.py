"""Forward and backward time per node of the engine, and against PyTorch when installed.

Graphs: chains (y = y * c + x, deep), fan-in sums (s = x1 + x2 + ..., wide) and
random DAGs (each node combines two earlier ones), at 1k, 10k, 20k and 100k nodes (20k: the size of the sum target).
Run: ``.venv/bin/python benchmarks/engine_bench.py [--sizes 1000 10000 100000]``.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import engine  # noqa: E402
from engine.gc_tuning import tune_gc_for_graphs  # noqa: E402

sys.setrecursionlimit(10_000)


def chain(lib, n):
    x = lib.leaf(1.0)
    y = x
    for _ in range(n):
        y = y * 1.0001 + x
    return y, [x]


def fan_in(lib, n):
    xs = [lib.leaf(float(i) / n) for i in range(n)]
    s = xs[0]
    for x in xs[1:]:
        s = s + x
    return s, xs


def random_dag(lib, n, seed=7):
    rng = random.Random(seed)
    leaves = [lib.leaf(rng.uniform(0.5, 1.5)) for _ in range(16)]
    nodes = list(leaves)
    for i in range(n):
        a = nodes[rng.randrange(len(nodes))]
        b = nodes[-1 - rng.randrange(min(32, len(nodes)))]
        nodes.append(a * 0.5 + b * 0.5 if i % 2 else (a + b) * 0.5)
    return nodes[-1], leaves


OPS_PER_STEP = {"chain": 2, "fan_in": 1, "random_dag": 3}


class Ours:
    name = "engine"

    @staticmethod
    def leaf(v):
        return engine.Variable(np.array(v))

    @staticmethod
    def backward(y):
        y.backward()


class Torch:
    name = "torch"

    def __init__(self):
        import torch

        torch.set_num_threads(1)
        self.torch = torch

    def leaf(self, v):
        return self.torch.tensor(np.asarray(v), dtype=self.torch.float64, requires_grad=True)

    @staticmethod
    def backward(y):
        y.backward()


def measure(lib, build, n, repeats):
    best_f, best_b = float("inf"), float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        y, _leaves = build(lib, n)
        t1 = time.perf_counter()
        lib.backward(y)
        t2 = time.perf_counter()
        best_f, best_b = min(best_f, t1 - t0), min(best_b, t2 - t1)
        del y, _leaves
    return best_f, best_b


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 20_000, 100_000])
    parser.add_argument("--repeats", type=int, default=3,
                        help="at least this many runs per graph (small graphs get more); best is kept")
    parser.add_argument("--default-gc", action="store_true",
                        help="keep CPython's collector settings instead of the app's")
    parser.add_argument("--skip-functions", action="store_true",
                        help="leave out the table of the book's next functions (exp, sin, ..., matmul)")
    args = parser.parse_args()
    libs = [Ours()]
    try:
        libs.append(Torch())
    except ImportError:
        print("torch is not installed: ours only (pip install torch==2.13.0 to compare)")
    if not args.default_gc:
        tune_gc_for_graphs()
    print("gc:", "CPython defaults" if args.default_gc else "tuned as main.py tunes it")
    header = (f"{'graph':<11}{'nodes':>8}  {'lib':<7}{'fwd µs/op':>10}{'bwd µs/op':>10}"
              f"{'fwd ms':>9}{'bwd ms':>9}")
    print(header)
    print("-" * len(header))
    for build in (chain, fan_in, random_dag):
        for n in args.sizes:
            ops = n * OPS_PER_STEP[build.__name__]
            times = {}
            for lib in libs:
                f, b = measure(lib, build, n, max(args.repeats, 100_000 // n))
                times[lib.name] = (f, b)
                print(f"{build.__name__:<11}{n:>8}  {lib.name:<7}{f / ops * 1e6:>10.2f}{b / ops * 1e6:>10.2f}"
                      f"{f * 1e3:>9.1f}{b * 1e3:>9.1f}")
            if "torch" in times:
                (of, ob), (tf, tb) = times["engine"], times["torch"]
                print(f"{'':<21}ratio ours/torch: forward {of / tf:.2f}, backward {ob / tb:.2f}, "
                      f"total {(of + ob) / (tf + tb):.2f}")
    many_small_graphs(libs[0])
    if not args.skip_functions:
        new_kinds(min(args.sizes), libs)


def many_small_graphs(lib, count=100, n=1_000, repeats=3):
    """Control for the growth of time per node: ``count`` chains of ``n`` nodes, all alive
    at once, hold as much memory as one chain of count * n nodes. If they cost as much per
    node as the big chain, the growth comes from memory in use, not from the graph's size."""
    best_f = best_b = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        graphs = [chain(lib, n)[0] for _ in range(count)]
        t1 = time.perf_counter()
        for y in graphs:
            lib.backward(y)
        t2 = time.perf_counter()
        best_f, best_b = min(best_f, t1 - t0), min(best_b, t2 - t1)
        del graphs
    ops = count * n * OPS_PER_STEP["chain"]
    print(f"control: {count} chains of {n} nodes alive at once ({count * n} nodes in memory): "
          f"fwd {best_f / ops * 1e6:.2f}, bwd {best_b / ops * 1e6:.2f} µs/op")


#: The book's next functions, each as a chain y = f(y) * 0.1 + 1 (3 operations per step,
#: bounded values), beside the same chain without f.
UNARY = ["identity", "exp", "log", "sin", "cos", "tanh", "square", "sqrt", "relu", "sigmoid"]


def unary_chain(lib, name, n):
    f = (lambda v: v) if name == "identity" else lib.function(name)
    x = lib.leaf(1.0)
    y = x
    for _ in range(n):
        y = f(y) * 0.1 + x
    return y, [x]


def matmul_chain(lib, n, size=8):
    """y = tanh(y @ W) + x on size x size matrices; a loss of sum(y): 4 operations per step."""
    rng = np.random.default_rng(1)
    w = lib.leaf(rng.normal(scale=0.3, size=(size, size)))
    x = lib.leaf(rng.normal(size=(size, size)))
    y = x
    for _ in range(n):
        y = lib.function("tanh")(lib.function("matmul")(y, w)) + x
    return lib.function("sum")(y), [x, w]


def new_kinds(n, libs):
    """µs per step (f, then * and +) of each new function, forward and backward."""
    print(f"\nthe book's next functions: chains of {n} steps y = f(y) * 0.1 + 1, µs per step "
          f"(identity: the same chain without f)")
    header = f"{'function':<12}" + "".join(f"{lib.name + ' fwd':>12}{lib.name + ' bwd':>12}" for lib in libs)
    print(header)
    print("-" * len(header))
    for name in UNARY:
        cells = []
        for lib in libs:
            f, b = measure(lib, lambda lib, n, name=name: unary_chain(lib, name, n), n, max(3, 100_000 // n))
            cells.append(f"{f / n * 1e6:>12.2f}{b / n * 1e6:>12.2f}")
        print(f"{name:<12}" + "".join(cells))
    cells = []
    for lib in libs:
        f, b = measure(lib, matmul_chain, n // 10, 3)
        cells.append(f"{f / (n // 10) * 1e6:>12.2f}{b / (n // 10) * 1e6:>12.2f}")
    print(f"{'matmul 8x8':<12}" + "".join(cells) + "   (tanh(y @ W) + x per step, then sum)")


def _engine_function(name):
    return getattr(engine, name)


Ours.function = staticmethod(_engine_function)


def _torch_function(self, name):
    torch = self.torch
    return {"exp": torch.exp, "log": torch.log, "sin": torch.sin, "cos": torch.cos, "tanh": torch.tanh,
            "square": torch.square, "sqrt": torch.sqrt, "relu": torch.relu, "sigmoid": torch.sigmoid,
            "matmul": torch.matmul, "sum": torch.sum}[name]


Torch.function = _torch_function


if __name__ == "__main__":
    main()
