"""Gradient descent on the drawn graph, as commands, watching itself. No Qt.

Each step is a SetValues command merged into the run's first one, so the history holds
one entry per run and one undo puts back the values from before it. The run stops by
itself when the loss stops being a finite number or grows steadily, and then suggests a
learning rate that converges, found by trying smaller ones on a scratch copy.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from nodeeditor.compiler import Compiler
from nodeeditor.model import Graph, copy_graph
from nodeeditor.model.values import format_number
from nodeeditor.plural import plural
from nodeeditor.session import texts
from nodeeditor.session.commands import SetValues

if TYPE_CHECKING:
    from nodeeditor.session.session import Session

#: The loss growing this many steps in a row means the run diverges.
GROWING_STEPS = 5
#: How many steps each candidate rate is tried for when looking for one that converges.
PROBE_STEPS = 60
PROBE_HALVINGS = 40


@dataclass(frozen=True)
class DescentStep:
    index: int
    loss: float


class DescentRun:
    """One run of gradient descent on ``session``'s graph; call ``step`` until it is done."""

    def __init__(self, session: Session, learning_rate: float, steps: int) -> None:
        self.session = session
        self.learning_rate = float(learning_rate)
        self.steps = int(steps)
        self.root = session.compiler.default_output()
        graph = session.graph
        upstream = graph.upstream(self.root)
        self.variables = [n for n in graph.reading_order() if graph.nodes[n].kind == "Variable" and n in upstream]
        self.before = {n: graph.nodes[n].params["value"] for n in self.variables}
        self.losses: list[float] = []
        self.done = 0
        self.finished = False
        #: Why the run stopped early, in words for the student ("" when it did not).
        self.problem = ""

    def loss_now(self) -> float:
        """The output as the canvas shows it now: after the last step's update (the
        losses list holds each step's loss from before its update)."""
        self.session.compiler.evaluate()
        return float(np.sum(self.session.compiler.results[self.root].value))

    def stop(self) -> None:
        self.finished = True
        if self.session.descent is self:
            self.session.descent = None

    def step(self) -> DescentStep | None:
        """One step: backward, then every Variable moves against its gradient.
        Returns the loss before the step, or None when the run is over."""
        if self.finished or self.done >= self.steps:
            self.stop()
            return None
        compiler, graph = self.session.compiler, self.session.graph
        compiler.backward(self.root)
        loss = float(np.sum(compiler.results[self.root].value))
        self.losses.append(loss)
        updates = _updates(graph, compiler, self.variables, self.learning_rate)
        trouble = _trouble(self.losses, updates)
        if trouble:
            self._diverged(trouble)
            return None
        old = {n: graph.nodes[n].params["value"] for n in self.variables}
        self.done += 1
        text = plural(self.done, texts.DESCENT_ONE_STEP, texts.DESCENT_STEPS).format(count=self.done)
        self.session.push(SetValues(graph, old, updates, text, run=self))
        return DescentStep(self.done - 1, loss)

    def _diverged(self, trouble: str) -> None:
        step = len(self.losses)
        rate = suggest_rate(self.session.graph, self.root, self.before, self.learning_rate)
        advice = texts.TRY_RATE.format(rate=format_number(rate)) if rate else texts.NO_RATE_HELPED
        self.stop()
        template = texts.DIVERGES
        if self.done and getattr(self.session.history.top(), "run", None) is self:
            self.session.withdraw()  # nothing to redo: its values ran away
            template = texts.DIVERGES_AND_UNDONE
        self.problem = template.format(step=step, trouble=trouble, advice=advice)


def _updates(graph: Graph, compiler: Compiler, variables: list[str], rate: float) -> dict[str, np.ndarray]:
    with np.errstate(all="ignore"):
        return {n: np.asarray(graph.nodes[n].params["value"], dtype=np.float64)
                - rate * np.asarray(compiler.results[n].grad) for n in variables}


def _trouble(losses: list[float], updates: dict[str, np.ndarray]) -> str:
    """Why these losses say the run diverges ('' when they do not)."""
    if not np.isfinite(losses[-1]):
        return texts.LOSS_BECAME.format(loss=losses[-1])
    if not all(np.all(np.isfinite(v)) for v in updates.values()):
        return texts.VALUES_UNBOUNDED
    recent = losses[-GROWING_STEPS - 1:]
    if len(recent) > GROWING_STEPS and all(b > a for a, b in zip(recent, recent[1:])) and recent[-1] > losses[0]:
        return texts.LOSS_GREW.format(steps=GROWING_STEPS, loss=format_number(losses[-1]))
    return ""


def suggest_rate(graph: Graph, root: str, start: dict[str, np.ndarray], rate: float) -> float | None:
    """The largest of rate/2, rate/4, ... that runs PROBE_STEPS steps from ``start`` without
    diverging, rounded down to 1, 2 or 5 times a power of ten. Runs on a scratch copy."""
    scratch = copy_graph(graph)
    compiler = Compiler(scratch)
    for halving in range(1, PROBE_HALVINGS + 1):
        candidate = rate / 2 ** halving
        if _converges(scratch, compiler, root, start, candidate):
            return _round_down(candidate)
    return None


def _converges(graph: Graph, compiler: Compiler, root: str, start: dict[str, np.ndarray], rate: float) -> bool:
    for node_id, value in start.items():
        graph.set_param(node_id, "value", value)
    losses: list[float] = []
    variables = list(start)
    for _ in range(PROBE_STEPS):
        compiler.backward(root)
        losses.append(float(np.sum(compiler.results[root].value)))
        updates = _updates(graph, compiler, variables, rate)
        if _trouble(losses, updates):
            return False
        for node_id, value in updates.items():
            graph.set_param(node_id, "value", value)
    return True


def _round_down(x: float) -> float:
    exponent = np.floor(np.log10(x))
    for mantissa in (5.0, 2.0, 1.0):
        if mantissa * 10 ** exponent <= x:
            return float(f"{mantissa * 10 ** exponent:.3g}")
    return float(f"{10 ** exponent:.3g}")
