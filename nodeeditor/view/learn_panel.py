"""The Learn panel: step through forward and backward with captions, check gradients
numerically, and run gradient descent."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nodeeditor.compiler import BackwardError
from nodeeditor.model import format_full
from nodeeditor.replay import Frame, backward_frames, forward_frames
from nodeeditor.study import gradient_check
from nodeeditor.view import style
from nodeeditor.view.document import Document
from nodeeditor.view.scene import GraphScene


class LearnPanel(QWidget):
    message = Signal(str)
    #: emitted with the loss after each gradient-descent step; -1 starts a new run
    loss = Signal(int, float)
    descent_finished = Signal(dict, dict, int)

    def __init__(self, document: Document, scene: GraphScene) -> None:
        super().__init__()
        self.document, self.scene = document, scene
        self.frames: list[Frame] = []
        self.index = -1
        self.backward_mode = True
        self.play_timer = QTimer(self)
        self.play_timer.setInterval(style.PLAY_INTERVAL_MS)
        self.play_timer.timeout.connect(self._play_tick)
        layout = QVBoxLayout(self)

        steps = QGroupBox("Step through")
        box = QVBoxLayout(steps)
        row = QHBoxLayout()
        self.forward_button = QPushButton("Forward step")
        self.forward_button.setToolTip("Compute one node at a time, inputs first (F6)")
        self.backward_button = QPushButton("Backward step")
        self.backward_button.setToolTip("Send gradients back one node at a time, in the engine's order (F7)")
        self.play_button = QPushButton("Play")
        self.play_button.setToolTip("Play the backward pass step by step, numbers moving along the wires (F8)")
        self.reset_button = QPushButton("Reset")
        self.reset_button.setToolTip("Stop stepping and show the current numbers again (F9)")
        for button in (self.forward_button, self.backward_button, self.play_button, self.reset_button):
            row.addWidget(button)
        box.addLayout(row)
        self.caption = QLabel("Press Forward step or Backward step to watch the graph compute, one node at a time.")
        self.caption.setWordWrap(True)
        self.caption.setMinimumHeight(72)
        self.caption.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.caption.setStyleSheet("font-size: 12pt; padding: 4px;")
        self.caption.setTextInteractionFlags(Qt.TextSelectableByMouse)
        box.addWidget(self.caption)
        layout.addWidget(steps)

        check = QGroupBox("Gradient check")
        box = QVBoxLayout(check)
        self.check_button = QPushButton("Check gradients numerically")
        self.check_button.setToolTip("Compare backward's gradient of every Variable with a central difference")
        box.addWidget(self.check_button)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Variable", "backward", "numerical", "rel. error"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        box.addWidget(self.table)
        layout.addWidget(check, 1)

        descent = QGroupBox("Gradient descent")
        form = QFormLayout(descent)
        self.rate = QDoubleSpinBox()
        self.rate.setDecimals(4)
        self.rate.setRange(0.0001, 10.0)
        self.rate.setSingleStep(0.01)
        self.rate.setValue(0.1)
        self.rate.setToolTip("How far each step moves the Variables: value − rate × gradient")
        self.steps = QSpinBox()
        self.steps.setRange(1, 100000)
        self.steps.setValue(50)
        self.run_button = QPushButton("Run")
        self.run_button.setToolTip("Move the Variables downhill to make the output smaller; one Undo restores them")
        form.addRow("Learning rate", self.rate)
        form.addRow("Steps", self.steps)
        form.addRow(self.run_button)
        layout.addWidget(descent)

        self.descent_timer = QTimer(self)
        self.descent_timer.setInterval(15)
        self.descent_timer.timeout.connect(self._descent_tick)
        self._descent = None
        self.forward_button.clicked.connect(self.step_forward)
        self.backward_button.clicked.connect(self.step_backward)
        self.play_button.clicked.connect(self.toggle_play)
        self.reset_button.clicked.connect(self.reset)
        self.check_button.clicked.connect(self.check_gradients)
        self.run_button.clicked.connect(self.toggle_descent)
        document.undo_stack.indexChanged.connect(self._edited)

    # stepping -------------------------------------------------------------
    @property
    def replaying(self) -> bool:
        return self.index >= 0

    def _start(self, backward: bool) -> bool:
        graph, compiler = self.document.graph, self.document.compiler
        try:
            if backward:
                selected = [i.node.id for i in self.scene.selectedItems() if hasattr(i, "node")]
                self.document.backward(selected[0] if len(selected) == 1 else None)
                self.frames = backward_frames(graph, compiler)
            else:
                self.frames = forward_frames(graph, compiler)
        except BackwardError as exc:
            self.message.emit(str(exc))
            return False
        if not graph.nodes:
            self.message.emit("Add some nodes first.")
            return False
        self.backward_mode = backward
        self.index = -1
        return True

    def step_forward(self) -> None:
        self._step(backward=False, animate=False)

    def step_backward(self) -> None:
        self._step(backward=True, animate=False)

    def _step(self, backward: bool, animate: bool) -> bool:
        if (not self.replaying or self.backward_mode != backward) and not self._start(backward):
            return False
        if self.index + 1 >= len(self.frames):
            self.play_timer.stop()
            self.play_button.setText("Play")
            return False
        self.index += 1
        frame = self.frames[self.index]
        self.scene.show_frame(frame, animate, backward)
        self.caption.setText(f"<b>Step {self.index} of {len(self.frames) - 1}.</b> {frame.caption}")
        return True

    def toggle_play(self) -> None:
        if self.play_timer.isActive():
            self.play_timer.stop()
            self.play_button.setText("Play")
            return
        if self.replaying and self.index + 1 >= len(self.frames):
            self.reset()
        self.play_button.setText("Pause")
        self._play_tick()
        self.play_timer.start()

    def _play_tick(self) -> None:
        if not self._step(self.backward_mode if self.replaying else True, animate=True):
            self.play_timer.stop()
            self.play_button.setText("Play")

    def reset(self) -> None:
        self.play_timer.stop()
        self.play_button.setText("Play")
        self.frames, self.index = [], -1
        self.scene.end_replay()
        self.caption.setText("Press Forward step or Backward step to watch the graph compute, one node at a time.")

    def _edited(self, *_ignored: object) -> None:
        if self.replaying:
            self.reset()

    # gradient check -------------------------------------------------------
    def check_gradients(self) -> list:
        self.reset()
        try:
            rows = gradient_check(self.document.graph, self.document.compiler)
        except BackwardError as exc:
            self.message.emit(str(exc))
            return []
        self.document.show_results()
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            cells = [row.name, format_full(row.analytic), format_full(row.numeric), f"{row.relative_error:.1e}"]
            color = style.AGREE_COLOR if row.agrees else style.DISAGREE_COLOR
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setBackground(QBrush(color))
                item.setToolTip("They agree." if row.agrees else "They differ: check the graph's values.")
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        agree = sum(r.agrees for r in rows)
        self.message.emit(f"Gradient check: {agree} of {len(rows)} Variables agree with the numerical gradient.")
        return rows

    # gradient descent ------------------------------------------------------
    def toggle_descent(self) -> None:
        if self._descent is not None:
            self.stop_descent()
            return
        from nodeeditor.descent import descend

        self.reset()
        graph, compiler = self.document.graph, self.document.compiler
        try:
            compiler.default_output()
        except BackwardError as exc:
            self.message.emit(str(exc))
            return
        self._before = {n.id: n.params["value"] for n in graph.nodes.values() if n.kind == "Variable"}
        self._descent = descend(graph, compiler, self.rate.value(), self.steps.value())
        self._done = 0
        self.run_button.setText("Stop")
        self.loss.emit(-1, 0.0)
        self.descent_timer.start()

    def _descent_tick(self) -> None:
        try:
            for _ in range(max(1, self.steps.value() // 200)):
                step = next(self._descent)
                self._done += 1
                self.loss.emit(step.index, step.loss)
            self.document.refresh()
        except StopIteration:
            self.stop_descent()
        except (FloatingPointError, BackwardError) as exc:
            self.message.emit(str(exc))
            self.stop_descent()

    def stop_descent(self) -> None:
        self.descent_timer.stop()
        self._descent = None
        self.run_button.setText("Run")
        graph = self.document.graph
        after = {n: graph.nodes[n].params["value"] for n in self._before if n in graph.nodes}
        self.document.refresh()
        self.descent_finished.emit(self._before, after, self._done)

    def run_descent_now(self) -> None:
        """Run the whole descent at once (for scripts and tests)."""
        self.toggle_descent()
        while self._descent is not None:
            self._descent_tick()
