"""The learning panels' computations on the open document, each with a compiler of its
own: a look at the chain rule, a guessing round, the gradient's own graph, Newton's method,
the plot's curve. None of them changes the values or the gradients the canvas shows, and
each says in words why it cannot be done."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import numpy as np

from nodeeditor.compiler import BackwardError, Compiler
from nodeeditor.lessons.curve import CurveJob
from nodeeditor.lessons.gradient_graph import GradientGraphError, NewtonStep, gradient_graph, newton
from nodeeditor.lessons.guess import GuessRound
from nodeeditor.model.graph import Graph
from nodeeditor.session import texts

if TYPE_CHECKING:
    from nodeeditor.session.session import Session

#: The gradient's own graph is made for outputs of at most this many nodes (it is about
#: twice as big as the output's).
GRADIENT_GRAPH_LARGEST = 2_000


class StudyRefused(ValueError):
    """A study cannot be made of this graph or node; the message says why, for the student."""


class Studies:
    def __init__(self, session: Session) -> None:
        self._session = session

    @property
    def _graph(self) -> Graph:
        return self._session.graph

    @contextmanager
    def look(self) -> Iterator[Compiler]:
        """A compiler of its own, computed, following the graph while the look lasts."""
        compiler = Compiler(self._graph)
        try:
            compiler.evaluate()
            yield compiler
        finally:
            compiler.detach()

    def guess_round(self) -> GuessRound:
        """A round of guessing, with a Backward of its own that the canvas does not show;
        BackwardError when there is nothing to guess. ``round.compiler.detach()`` ends it."""
        assignment = self._graph.assignment
        if self._session.task_hides("gradients") and assignment.task.open_in != "guess":
            raise BackwardError(texts.NO_GUESSING_IN_TASK)  # (its ✓ would tell the gradients)
        compiler = Compiler(self._graph)
        try:
            return GuessRound.start(self._graph, compiler)
        except BackwardError:
            compiler.detach()
            raise

    def gradient_graph(self, wrt: str) -> Graph:
        """The graph of ∂output/∂wrt, as ``create_graph=True`` builds it (BackwardError
        without an output, GradientGraphError for a node that does not feed it or an
        output too big to show)."""
        graph = self._graph
        root = self._session.output()
        if wrt == root or wrt not in graph.upstream(root):
            raise GradientGraphError(texts.DOES_NOT_FEED.format(node=graph.nodes[wrt].label, out=graph.output_name))
        if len(graph.upstream(root)) > GRADIENT_GRAPH_LARGEST:
            raise GradientGraphError(texts.GRADIENT_GRAPH_TOO_BIG.format(most=GRADIENT_GRAPH_LARGEST))
        return gradient_graph(graph, root, wrt)

    def newton(self, wrt: str | None, steps: int) -> list[NewtonStep]:
        """Newton's method on the Variable ``wrt`` (BackwardError without an output,
        StudyRefused when ``wrt`` is not a Variable holding one number)."""
        graph = self._graph
        root = self._session.output()
        if wrt not in graph.nodes or np.size(graph.nodes[wrt].params["value"]) != 1:
            raise StudyRefused(texts.NEWTON_ONE_NUMBER)
        return newton(graph, root, wrt, steps)

    def curve(self, var_id: str | None) -> CurveJob:
        """What to sample to plot the output against the Variable ``var_id``; StudyRefused
        says what stands between the student and a curve."""
        graph, compiler = self._graph, self._session.compiler
        if not graph.nodes:
            raise StudyRefused(texts.PLOT_BUILD)
        try:
            root = compiler.default_output()
        except BackwardError as exc:
            raise StudyRefused(str(exc)) from exc
        if var_id not in graph.nodes:
            raise StudyRefused(texts.PLOT_NO_VARIABLE)
        name = graph.nodes[var_id].label
        if var_id not in graph.upstream(root):
            raise StudyRefused(texts.PLOT_DOES_NOT_FEED.format(name=name, out=graph.nodes[root].label))
        if compiler.has_errors():
            raise StudyRefused(texts.PLOT_ERROR)
        if np.size(graph.nodes[var_id].params["value"]) != 1:  # a single number, also as a 1×1 matrix
            raise StudyRefused(texts.PLOT_SEVERAL.format(name=name))
        return CurveJob(graph, compiler, var_id, root)
