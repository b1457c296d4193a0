"""The Learn panel: buttons to step through forward and backward and the list of every
step so far, the numerical gradient check, and gradient descent."""
from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nodeeditor.compiler import BackwardCancelled, BackwardError
from nodeeditor.lessons.chain_rule import display_names
from nodeeditor.lessons.memory import kept_for_backward, kept_under_no_grad
from nodeeditor.model import format_array, format_full
from nodeeditor.plural import plural
from nodeeditor.session.descent import DescentRun
from nodeeditor.view import style, texts
from nodeeditor.view.canvas.stepper import Stepper
from nodeeditor.view.panels.caption_bar import unbroken
from nodeeditor.view.panels.panel import Panel
from nodeeditor.view.window.document import Document

DEFAULT_RATE = 0.1
#: A gradient check of more node computations than this runs on a thread (about a second)
DESCENT_TICK_MS = 15


class LearnPanel(QWidget, Panel):
    message = Signal(str)
    #: emitted with the loss after each gradient-descent step; -1 starts a new run
    loss = Signal(int, float)
    #: a run is over: why it stopped early, in words ("" when it did not)
    descent_finished = Signal(str)

    def __init__(self, document: Document, stepper: Stepper) -> None:
        super().__init__()
        self.document, self.stepper = document, stepper
        layout = QVBoxLayout(self)
        layout.addWidget(self._steps_box(), 2)
        layout.addWidget(self._check_box(), 2)
        layout.addWidget(self._gradients_box(), 1)
        layout.addWidget(self._descent_box())
        self.descent_timer = QTimer(self)
        self.descent_timer.setInterval(DESCENT_TICK_MS)
        self.descent_timer.timeout.connect(self._descent_tick)
        self.run: DescentRun | None = None
        stepper.history_changed.connect(self._show_history)
        stepper.playing_changed.connect(lambda on: self.play_button.setText("Pause" if on else "Play"))
        document.history_changed.connect(self._history_moved)

    def document_replaced(self) -> None:
        """A run of the previous graph stops; its check, its memory table and its steps go;
        the learning rate is the new graph's (or the usual one)."""
        self.stop_descent()
        self.table.setRowCount(0)
        self.check_note.setText("")
        self.memory.setRowCount(0)
        self.memory.hide()
        self.memory_note.setText("")
        self._show_history([])
        self.use_graph_rate()

    # building --------------------------------------------------------------------
    def _steps_box(self) -> QGroupBox:
        box = QGroupBox("Step through")
        column = QVBoxLayout(box)
        row = QGridLayout()  # two by two: the panel fits a narrow dock
        self._button("Forward step", texts.FORWARD_STEP_TIP, self.stepper.step_forward, row, 0)
        self._button("Backward step", texts.BACKWARD_STEP_TIP, self.stepper.step_backward, row, 1)
        self.play_button = self._button("Play", texts.PLAY_TIP, self.stepper.toggle_play, row, 2)
        self._button("Reset", texts.RESET_TIP,
                                         self.stepper.reset, row, 3)
        column.addLayout(row)
        self.steps_list = QListWidget()
        self.steps_list.setWordWrap(True)
        self.steps_list.setToolTip(texts.STEPS_TIP)
        self.steps_list.addItem(texts.STEP_IDLE)
        column.addWidget(self.steps_list)
        return box

    def _button(self, text: str, tip: str, slot, grid: QGridLayout, place: int) -> QPushButton:  # noqa: ANN001
        button = QPushButton(text)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        grid.addWidget(button, place // 2, place % 2)
        return button

    def _check_box(self) -> QGroupBox:
        box = QGroupBox("Gradient check")
        column = QVBoxLayout(box)
        self.check_button = QPushButton("Check gradients numerically")
        self.check_button.setToolTip(texts.CHECK_TIP)
        self.check_button.clicked.connect(self.check_gradients)
        column.addWidget(self.check_button)
        self.check_note = QLabel()
        self.check_note.setWordWrap(True)
        column.addWidget(self.check_note)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Variable", "backward", "numerical", "difference"])
        self.table.horizontalHeaderItem(3).setToolTip(texts.DIFFERENCE_TIP)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        column.addWidget(self.table)
        return box

    def _gradients_box(self) -> QGroupBox:
        box = QGroupBox("What Backward keeps")
        column = QVBoxLayout(box)
        self.clear_first = QCheckBox("Clear old gradients first (cleargrad)")
        self.clear_first.setChecked(True)
        self.clear_first.setToolTip(texts.CLEAR_FIRST_TIP)
        self.clear_first.toggled.connect(self._clear_first_toggled)
        self.document.keep_gradients_changed.connect(self._keep_gradients_changed)
        column.addWidget(self.clear_first)
        self.memory_button = QPushButton(texts.MEMORY_BUTTON)
        self.memory_button.setToolTip(texts.MEMORY_TIP)
        self.memory_button.clicked.connect(self.show_memory)
        column.addWidget(self.memory_button)
        self.memory = QTableWidget(0, 3)
        self.memory.setHorizontalHeaderLabels(["node", "Function keeps", "numbers"])
        self.memory.verticalHeader().hide()
        self.memory.setEditTriggers(QTableWidget.NoEditTriggers)
        self.memory.horizontalHeader().setStretchLastSection(True)
        self.memory.setMinimumHeight(140)
        self.memory.hide()
        column.addWidget(self.memory)
        self.memory_note = QLabel()
        self.memory_note.setWordWrap(True)
        column.addWidget(self.memory_note)
        return box

    def _keep_gradients_changed(self, keep: bool) -> None:
        """The session's one switch, set here, in the Learn menu or by a new document."""
        self.clear_first.blockSignals(True)
        self.clear_first.setChecked(not keep)
        self.clear_first.blockSignals(False)

    def _clear_first_toggled(self, on: bool) -> None:
        self.document.session.keep_gradients = not on
        self.message.emit(texts.CLEARS_AGAIN if on else texts.ADDS_UP)

    def show_memory(self) -> list:
        graph, compiler = self.document.graph, self.document.compiler
        try:
            root = compiler.default_output()
        except BackwardError as exc:
            self.message.emit(str(exc))
            return []
        names = display_names(graph, root)
        rows = kept_for_backward(graph, compiler, names)
        self.memory.setRowCount(len(rows))
        for i, row in enumerate(rows):
            cells = [names[row.node_id], texts.KEEPS.format(function=row.function, values=", ".join(row.holds)),
                     str(row.numbers)]
            for j, text in enumerate(cells):
                self.memory.setItem(i, j, QTableWidgetItem(text))
        self.memory.resizeColumnsToContents()
        self.memory.show()
        total = sum(r.numbers for r in rows)
        self.memory_note.setText(plural(len(rows), texts.MEMORY_ONE, texts.MEMORY).format(
            functions=len(rows), total=total, bytes=total * 8, kept=kept_under_no_grad(graph, root)))
        return rows

    def _descent_box(self) -> QGroupBox:
        box = QGroupBox("Gradient descent")
        form = QFormLayout(box)
        self.rate = QDoubleSpinBox()
        self.rate.setDecimals(5)
        self.rate.setRange(0.00001, 10.0)
        self.rate.setSingleStep(0.01)
        self.rate.setValue(DEFAULT_RATE)
        self.rate.setToolTip(texts.RATE_TIP)
        self.steps = QSpinBox()
        self.steps.setRange(1, 100000)
        self.steps.setValue(50)
        self.run_button = QPushButton("Run")
        self.run_button.setToolTip(texts.RUN_TIP)
        self.run_button.clicked.connect(self.toggle_descent)
        form.addRow("Learning rate", self.rate)
        form.addRow("Steps", self.steps)
        form.addRow(self.run_button)
        return box

    # steps -------------------------------------------------------------------------
    def _show_history(self, captions: list) -> None:
        self.steps_list.clear()
        self.steps_list.addItems([unbroken(c) for c in captions] or [texts.STEP_IDLE])
        self.steps_list.scrollToBottom()

    # gradient check ------------------------------------------------------------------
    def _history_moved(self) -> None:
        """Any edit or undo makes the tables' numbers old (a check adds no history)."""
        if self.table.rowCount():
            self.table.setRowCount(0)
            self.check_note.setText(texts.STALE_CHECK)
        if self.memory.isVisible() or self.memory.rowCount():
            self.memory.setRowCount(0)
            self.memory.hide()
            self.memory_note.setText(texts.STALE_MEMORY)

    def check_gradients(self) -> list:
        self.stepper.reset()
        try:
            rows = self.document.check_gradients()
        except BackwardCancelled:
            self.message.emit(texts.CHECK_CANCELLED)
            return []
        except BackwardError as exc:
            self.message.emit(str(exc))
            return []
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            cells = [row.name, format_full(row.analytic), format_full(row.numeric), f"{row.relative_error:.1e}"]
            color = style.AGREE_COLOR if row.agrees else style.DISAGREE_COLOR
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setBackground(QBrush(color))
                item.setToolTip(texts.THEY_AGREE if row.agrees else texts.THEY_DIFFER)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        agree = sum(r.agrees for r in rows)
        name = self.document.graph.output_name
        self.check_note.setText(texts.CHECK_NOTE.format(out=name))
        self.message.emit(plural(len(rows), texts.CHECKED_ONE, texts.CHECKED).format(agree=agree, count=len(rows)))
        return rows

    # gradient descent --------------------------------------------------------------------
    def use_graph_rate(self) -> None:
        """A graph that carries a learning rate known to converge puts it in the box."""
        rate = self.document.graph.learning_rate
        self.rate.setValue(rate if rate else DEFAULT_RATE)

    def toggle_descent(self) -> None:
        if self.run is not None and not self.run.finished:
            self.stop_descent()
            return
        self.stepper.reset()
        try:
            self.run = self.document.session.start_descent(self.rate.value(), self.steps.value())
        except BackwardError as exc:
            self.message.emit(str(exc))
            return
        self.run_button.setText("Stop")
        self.loss.emit(-1, 0.0)
        self.descent_timer.start()

    def _descent_tick(self) -> None:
        run = self.run
        if run is None or self.document.session.busy:  # a big computation first
            return
        if run.finished:  # stopped from outside: an undo, a new file, another edit
            self._finished(outside=True)
            return
        for _ in range(max(1, run.steps // 200)):
            try:
                step = run.step()
            except BackwardError as exc:
                run.problem = str(exc)
                run.stop()
                step = None
            if step is None:
                self._finished()
                return
            self.loss.emit(step.index, step.loss)
        if run.finished:
            self._finished()

    def stop_descent(self) -> None:
        if self.run is not None:
            self.run.stop()
            self._finished()

    def _finished(self, outside: bool = False) -> None:
        run, self.run = self.run, None
        self.descent_timer.stop()
        self.run_button.setText("Run")
        completed = run is not None and not outside and not run.problem and run.done
        if completed:  # the loss curve ends at the value the canvas shows now
            self.loss.emit(run.done, run.loss_now())
        self.descent_finished.emit(run.problem if run is not None else "")
        if run is None:
            return
        if outside:
            self.message.emit(texts.DESCENT_STOPPED)
        elif run.problem:
            self.message.emit(run.problem)
        elif completed:
            first, last = format_array(run.losses[0]), format_array(run.loss_now())
            self.message.emit(plural(run.done, texts.DESCENT_ONE_STEP, texts.DESCENT_DONE).format(
                count=run.done, first=first, last=last))

    @property
    def descending(self) -> bool:
        return self.run is not None and not self.run.finished

