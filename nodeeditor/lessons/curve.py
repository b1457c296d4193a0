"""The output as a function of one Variable, for the plot: samples and the tangent.

Only the nodes between the Variable and the output are recomputed (the others keep the
values the compiler has), and when each of them works number by number on single
numbers, every sample goes through them at once as one vector: a 20,000-node chain costs
one pass, not one per sample. A CurveJob is a snapshot taken on the window's thread, so
``run`` may go on any thread while the student keeps editing; the engine's no_grad is
per thread.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

import engine
from nodeeditor.compiler import Compiler
from nodeeditor.lessons.study import Region
from nodeeditor.model.graph import Graph

#: Samples along the axis; fewer when each must go through the nodes one at a time.
SAMPLES = 121
SAMPLES_ONE_BY_ONE = 31


class CurveCancelled(Exception):
    """A newer edit made this curve useless before it was finished."""


@dataclass(frozen=True)
class Curve:
    xs: np.ndarray
    ys: np.ndarray
    x0: float
    y0: float
    slope: float


def backward_slope(compiler: Compiler, var_id: str, root: str) -> float | None:
    """Backward's ∂root/∂var when it is the true one (not several runs added up, see
    Compiler.backward's keep); None when there is none (the curve computes it then)."""
    current = compiler.gradient_root == root and compiler.backward_runs <= 1
    gradient = compiler.results[var_id].grad if current else None
    return None if gradient is None else float(np.sum(gradient))


class CurveJob:
    """The output sampled around the Variable ``var_id``'s current value."""

    def __init__(self, graph: Graph, compiler: Compiler, var_id: str, root: str) -> None:
        value = np.asarray(graph.nodes[var_id].params["value"], dtype=np.float64)
        self.var_id, self.root, self.shape = var_id, root, value.shape
        self.x0 = float(value.reshape(()))
        self.y0 = float(np.sum(compiler.results[root].value))
        self.cancel = threading.Event()
        self.region = Region(graph, compiler, var_id, root)
        self.steps = self.region.steps
        vectorized = value.shape == () and self.region.elementwise
        self.vectorized = vectorized
        self.samples = SAMPLES if vectorized else SAMPLES_ONE_BY_ONE
        #: node computations ``run`` will do: what decides whether it goes on a thread
        self.cost = len(self.steps) * (2 if vectorized else self.samples)
        self._slope = backward_slope(compiler, var_id, root)
        #: what the curve is of: the graph as it was (the compiler's generation), x and y
        self.key = (compiler.generation, var_id, root)
        self._root_var, self._x_var = compiler.variable(root), compiler.variable(var_id)

    def xs(self) -> np.ndarray:
        half = max(1.0, abs(self.x0))
        return np.linspace(self.x0 - 2 * half, self.x0 + 2 * half, self.samples)

    def _check(self) -> None:
        if self.cancel.is_set():
            raise CurveCancelled

    def run(self) -> Curve:
        """The samples and the slope; CurveCancelled when cancelled meanwhile. Raises
        whatever a node raises for a sample (the plot then shows no curve)."""
        xs = self.xs()
        ys = None
        if self.vectorized:
            out = np.asarray(self.region.value(xs, self._check))
            ys = out if out.shape == xs.shape else None
        if ys is None:  # one sample at a time
            ys = np.array([float(np.sum(self.region.value(np.full(self.shape, x), self._check))) for x in xs])
        self._check()
        slope = self._slope
        if slope is None:
            with np.errstate(all="ignore"):
                (gradient,) = engine.grad(self._root_var, [self._x_var])
            slope = float(np.sum(gradient.data))
        return Curve(xs, ys, self.x0, self.y0, slope)
