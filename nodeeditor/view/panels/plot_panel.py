"""The plot panel: the output as a function of one Variable, with the tangent line whose
slope is the gradient; during gradient descent, the loss curve."""
from __future__ import annotations

import contextlib
import threading
from dataclasses import replace

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout

from nodeeditor.lessons.curve import Curve, CurveCancelled, CurveJob, backward_slope
from nodeeditor.lessons.replay import Frame
from nodeeditor.model import format_array
from nodeeditor.plural import plural
from nodeeditor.session.studies import StudyRefused
from nodeeditor.view import style, texts
from nodeeditor.view.panels.live_panel import LivePanel
from nodeeditor.view.panels.plot_widget import PlotWidget, Series
from nodeeditor.view.window.document import Document

REDRAW_DELAY_MS = 40      # labels first, the plot a moment later
#: A curve costing more node computations than this is sampled on a thread (a few ms each
#: thousand): the window never waits for the plot.
SYNC_COST = 5_000


class PlotPanel(LivePanel):
    """The output against the chosen Variable, always of the graph on the canvas."""

    #: a curve sampled on a thread is ready (the job, and a Curve, a message or None)
    curve_ready = Signal(object, object)

    def __init__(self, document: Document) -> None:
        super().__init__(document, REDRAW_DELAY_MS)
        self._job: CurveJob | None = None
        #: the curve on show and what it was computed for (compiler generation, Variable, output)
        self._shown: Curve | None = None
        self._shown_key: tuple | None = None
        #: the compiler's generation the list of Variables was made for
        self._choices_generation: int | None = None
        self.curve_ready.connect(self._curve_arrived)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel("Output against"))
        self.choice = QComboBox()
        self.choice.setToolTip(texts.PLOT_CHOICE_TIP)
        row.addWidget(self.choice, 1)
        layout.addLayout(row)
        self.plot = PlotWidget()
        layout.addWidget(self.plot, 1)
        self.losses: list[float] = []
        #: the loss curve is on show (during a run, and after it until the student moves on)
        self.showing_loss = False
        self._run_over = False
        #: the step of Backward being shown on the canvas (None when not stepping)
        self._replay: Frame | None = None
        self.choice.currentIndexChanged.connect(self._choice_changed)

    def document_replaced(self) -> None:
        """No curve, loss or sampling of the previous graph; the Variables of this one."""
        self._cancel_job()
        self.losses, self.showing_loss, self._run_over = [], False, False
        self._replay = None
        self._shown, self._shown_key, self._choices_generation = None, None, None
        self.choice.blockSignals(True)
        self.choice.clear()  # filled with this graph's Variables when next shown
        self.choice.blockSignals(False)
        self.plot.set_data([], None, "")
        self.mark_stale()

    def mark_stale(self, *_ignored: object) -> None:
        if self._run_over:  # the first change after a finished run: back to the output's curve
            self.showing_loss = self._run_over = False
        super().mark_stale()

    def _choice_changed(self, _index: int) -> None:
        self.showing_loss = self._run_over = False
        self._draw_choice()

    def _cancel_job(self) -> None:
        if self._job is not None:
            self._job.cancel.set()
            self._job = None

    def redraw(self) -> None:
        self.update_choices()  # the list names this graph's Variables, also under a loss curve
        if self.showing_loss:
            self.stale = True  # the descent's curve stays until the run ends
            return
        self._draw_choice()

    def update_choices(self) -> None:
        graph = self.document.graph
        generation = self.document.compiler.generation
        if generation == self._choices_generation:
            return  # no edit since (a Backward): the same Variables (20,000 nodes: 0.3 s saved)
        self._choices_generation = generation
        wanted = [(n.label, n.id) for n in (graph.nodes[i] for i in graph.reading_order()) if n.kind == "Variable"]
        current = [(self.choice.itemText(i), self.choice.itemData(i)) for i in range(self.choice.count())]
        if wanted == current:
            return
        keep = self.choice.currentData()
        self.choice.blockSignals(True)
        self.choice.clear()
        for label, node_id in wanted:
            self.choice.addItem(label, node_id)
        index = self.choice.findData(keep)
        self.choice.setCurrentIndex(max(index, 0))
        self.choice.blockSignals(False)

    def curve_job(self) -> CurveJob | None:
        """What to sample for the chosen Variable, or None when there is nothing to plot."""
        try:
            return self.document.session.studies.curve(self.choice.currentData())
        except StudyRefused:
            return None

    def why_no_curve(self) -> str:
        """What stands between the student and a curve, in words."""
        try:
            self.document.session.studies.curve(self.choice.currentData())
        except StudyRefused as exc:
            return str(exc)
        return ""

    def series(self) -> Curve | None:
        """The curve for the chosen Variable, computed here and now (None if n/a)."""
        job = self.curve_job()
        return job.run() if job is not None else None

    def _draw_choice(self, *_ignored: object) -> None:
        self._cancel_job()
        if self._shown is not None and self._redraw_shown():
            return
        job = self.curve_job()
        if job is None:
            self.plot.set_data([], None, self.why_no_curve())
            return
        if job.cost <= SYNC_COST:
            self._show_curve(job.key, self._run(job))
            return
        self._job = job  # big: sampled on a thread while the student goes on
        self.plot.set_data([], None, texts.PLOT_COMPUTING.format(count=len(job.steps)))
        threading.Thread(target=self._run_elsewhere, args=(job,), name="curve", daemon=True).start()

    def _redraw_shown(self) -> bool:
        """When nothing was edited since the curve on show was made (a Backward, say), show
        it again with Backward's slope if there is one now (the same number the curve's own
        backward found), without looking at the graph again; else False."""
        _generation, var_id, root = self._shown_key
        compiler = self.document.compiler
        if (compiler.generation, self.choice.currentData(), root) != self._shown_key:
            return False
        slope = backward_slope(compiler, var_id, root)
        self._show_curve(self._shown_key, replace(self._shown, slope=self._shown.slope if slope is None else slope))
        return True

    def _run_elsewhere(self, job: CurveJob) -> None:
        curve = self._run(job)
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile
            self.curve_ready.emit(job, curve)

    @staticmethod
    def _run(job: CurveJob) -> Curve | str | None:
        """The curve, None if cancelled, or the message of what went wrong."""
        try:
            return job.run()
        except CurveCancelled:
            return None
        except Exception as exc:  # noqa: BLE001 - a node's own error for some sample
            return texts.NO_CURVE.format(reason=exc)

    def _curve_arrived(self, job: CurveJob, curve: Curve | str | None) -> None:
        if job is self._job:
            self._job = None
            self._show_curve(job.key, curve)

    def _show_curve(self, key: tuple, curve: Curve | str | None) -> None:
        """Show ``curve``, made for ``key`` (CurveJob.key), or the message instead of one."""
        if not isinstance(curve, Curve):
            self._shown, self._shown_key = None, None
            self.plot.set_data([], None, curve or "")
            return
        self._shown, self._shown_key = curve, key
        x0, y0, slope = curve.x0, curve.y0, curve.slope
        name, out = self.choice.currentText(), self.document.graph.output_name
        if self.document.gradients_hidden or self._gradient_not_yet_shown():
            said = texts.CURVE_HIDDEN_TANGENT if self.document.gradients_hidden else texts.CURVE_TANGENT_TO_COME
            self.plot.set_data([Series(curve.xs, curve.ys, style.VALUE_COLOR)], (x0, y0),
                               said.format(out=out, name=name, x=x0))
            return
        span = (curve.xs[-1] - curve.xs[0]) / 4
        tangent = Series(np.array([x0 - span, x0 + span]), np.array([y0 - slope * span, y0 + slope * span]),
                         style.GRADIENT_COLOR, dashed=True)
        self.plot.set_data([Series(curve.xs, curve.ys, style.VALUE_COLOR), tangent], (x0, y0),
                           texts.CURVE.format(out=out, name=name, x=x0, slope=slope))

    def hiding_changed(self) -> None:
        """The gradients were hidden for guessing, or shown again: the tangent (its slope
        is a gradient) goes or comes at once, not after the usual short delay."""
        if self._shown is not None and not self.showing_loss:
            self._show_curve(self._shown_key, self._shown)
        self.mark_stale()

    def replay_frame(self, frame: Frame | None) -> None:
        """Stepping through Backward: the tangent (whose slope is the gradient) shows only
        once that gradient has arrived at the Variable on the canvas."""
        self._replay = frame
        if self._shown is not None and not self.showing_loss:
            self._show_curve(self._shown_key, self._shown)

    def _gradient_not_yet_shown(self) -> bool:
        if self._replay is None:
            return False
        result = self._replay.shown.get(self.choice.currentData())
        return result is None or result.grad is None

    def show_loss(self, index: int, loss: float) -> None:
        self._cancel_job()
        if index < 0:
            self.losses = []
            self.showing_loss, self._run_over = True, False
            self.update_choices()  # the run may start before the delayed redraw after an Open
        else:
            self.losses.append(loss)
        self._draw_losses(texts.LOSS_RUNNING)

    def _draw_losses(self, title: str) -> None:
        steps = np.arange(len(self.losses), dtype=float)
        self.plot.set_data([Series(steps, np.array(self.losses, dtype=float), style.VALUE_COLOR)], None, title)

    def finish_loss(self, problem: str = "") -> None:
        """The run is over: its loss curve stays until the next change or another choice."""
        if not self.showing_loss:
            return
        self._run_over = True
        if problem:  # (the status bar says why and what to try)
            self._draw_losses(texts.LOSS_DIVERGED)
        elif self.losses:
            count = len(self.losses) - 1
            self._draw_losses(plural(count, texts.LOSS_ONE_STEP, texts.LOSS_STEPS).format(
                first=format_array(self.losses[0]), last=format_array(self.losses[-1]), count=count))
