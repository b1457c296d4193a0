"""The Guess panel: predict every gradient before seeing it.

Start hides the gradients (each node shows "grad ?"), lists the nodes in the order
Backward reaches them, the output first, each with a box for the guess. Enter checks a
box: right reveals that node's gradient on the canvas and moves to the next box; wrong
says why in the gate's own words. Works from the keyboard alone (Ctrl+Shift+G, then type
and press Enter), on any graph; any change to the graph ends the round.
"""
from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from nodeeditor.compiler import BackwardError
from nodeeditor.lessons.guess import GuessRound
from nodeeditor.model import format_array
from nodeeditor.plural import plural
from nodeeditor.view import style, texts
from nodeeditor.view.canvas.scene import GraphScene
from nodeeditor.view.panels.panel import Panel
from nodeeditor.view.window.document import Document

#: More nodes than this are too many gradients to guess one by one.
LARGEST = 300


class GuessPanel(QWidget, Panel):
    message = Signal(str)
    #: a round started (the window turns forward mode off: both use the gradient's row)
    started = Signal()
    #: gradients became hidden (True) or shown again (False): the plot hides its tangent
    hiding = Signal(bool)

    def __init__(self, document: Document, scene: GraphScene) -> None:
        super().__init__()
        self.document, self.scene = document, scene
        self.round: GuessRound | None = None
        self.edits: dict[str, QLineEdit] = {}
        self.verdicts: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        intro = QLabel(texts.GUESS_INTRO)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.start_button = QPushButton("Start guessing")
        self.start_button.setToolTip(texts.GUESS_TIP)
        self.start_button.clicked.connect(self.toggle)
        row.addWidget(self.start_button)
        self.score = QLabel("")
        row.addWidget(self.score, 1)
        layout.addLayout(row)
        # on a row of its own: beside the score it would widen the dock and squeeze the canvas
        self.again_button = QPushButton("New numbers, new round")
        self.again_button.setToolTip(texts.GUESS_AGAIN_TIP)
        self.again_button.clicked.connect(self.again)
        self.again_button.hide()  # offered once a round is finished
        layout.addWidget(self.again_button)
        self.rows = QWidget()
        self.grid = QGridLayout(self.rows)
        self.grid.setColumnStretch(2, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.rows)
        layout.addWidget(scroll, 1)
        self.hint = QLabel("")
        self.hint.setWordWrap(True)
        self.hint.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.hint)
        document.history_changed.connect(self._graph_changed)

    def document_replaced(self) -> None:
        self.stop()
        self.again_button.hide()
        self.hint.setText("")
        self.score.setText("")

    @property
    def active(self) -> bool:
        return self.round is not None

    def toggle(self) -> None:
        if self.active:
            self.stop(texts.STOPPED_GUESSING if not self.document.session.task_hides("gradients")
                      else texts.STOPPED_GUESSING_STILL_HIDDEN)
        else:
            self.start()

    def again(self) -> bool:
        """The same graph with new numbers (Graph → Randomize Values), and a new round."""
        self.again_button.hide()
        self.document.session.randomize()
        return self.start()

    def start(self) -> bool:
        self.stop()
        self.again_button.hide()
        graph = self.document.graph
        if len(graph.nodes) > LARGEST:
            self.message.emit(texts.GUESS_TOO_BIG.format(most=LARGEST, count=len(graph.nodes)))
            return False
        try:  # its own Backward: the canvas and panels show none of it
            self.round = self.document.session.studies.guess_round()
        except BackwardError as exc:
            self.message.emit(texts.NOTHING_TO_GUESS.format(reason=exc))
            return False
        self.document.clear_gradients()
        self.document.gradients_hidden = True
        self.started.emit()
        self.hiding.emit(True)
        for i, node_id in enumerate(self.round.order):
            name = QLabel(self.round.names[node_id])
            name.setStyleSheet("font-weight: bold")
            edit = QLineEdit()
            edit.setPlaceholderText(f"∂{self.round.names[self.round.root]}/∂{self.round.names[node_id]} = ?")
            edit.setAccessibleName(texts.YOUR_GUESS.format(name=self.round.names[node_id]))
            edit.returnPressed.connect(lambda node_id=node_id: self.check(node_id))
            verdict = QLabel("")
            for column, widget in enumerate((name, edit, verdict)):
                self.grid.addWidget(widget, i, column)
                widget.show()  # now: the first box takes the keyboard at once
            self.edits[node_id], self.verdicts[node_id] = edit, verdict
            edit.installEventFilter(self)
        self.start_button.setText("Stop and show the gradients")
        self._show()
        self.hint.setText("")
        self.edits[self.round.order[0]].setFocus()
        count = len(self.round.order)
        self.message.emit(plural(count, texts.GUESS_ONE, texts.GUESS_ALL).format(count=count))
        return True

    def stop(self, text: str = "") -> None:
        if self.round is None:
            return
        self.round.compiler.detach()
        self.round = None
        self.document.gradients_hidden = False
        self.hiding.emit(False)
        while self.grid.count():
            widget = self.grid.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self._asking(None)
        self.edits.clear()
        self.verdicts.clear()
        self.start_button.setText("Start guessing")
        self.scene.show_instead_of_gradients(set(), {})
        self.score.setText("")
        if text:
            self.hint.setText(text)
            self.message.emit(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """The node whose gradient a box asks for is highlighted on the canvas while the
        box has the keyboard."""
        if event.type() == QEvent.FocusIn:
            self._asking(next((n for n, edit in self.edits.items() if edit is watched), None))
        return False

    def _asking(self, node_id: str | None) -> None:
        for other, item in self.scene.nodes.items():
            if other in self.edits:
                item.set_highlighted(other == node_id)

    def _graph_changed(self) -> None:
        if self.round is not None:
            self.stop(texts.ROUND_ENDED)

    def check(self, node_id: str) -> None:
        round_ = self.round
        if round_ is None:
            return
        verdict = round_.check(node_id, self.edits[node_id].text())
        label = self.verdicts[node_id]
        if verdict.problem:
            label.setText(f"<span style='color:{style.ERROR_COLOR.name()}'>{verdict.problem}</span>")
            return
        if verdict.right:
            label.setText(f"<span style='color:{style.VALUE_COLOR.name()}'>{texts.RIGHT}</span>")
            self.edits[node_id].setReadOnly(True)
            self.hint.setText("")
            following = [n for n in round_.order if n not in round_.solved]
            if following:
                self.edits[following[0]].setFocus()
        else:
            label.setText(f"<span style='color:{style.ERROR_COLOR.name()}'>{texts.NOT_YET}</span>")
            self.hint.setText(texts.HINT_FOR.format(name=round_.names[node_id], hint=verdict.hint))
        self._show()
        if round_.finished:
            self._finish(round_)

    def _finish(self, round_: GuessRound) -> None:
        """All right: the round ends and Backward shows the same gradients, for real, on
        the canvas and in every panel (the round's own were computed aside)."""
        tries = round_.total_attempts
        self.stop()
        count = len(round_.order)
        self.score.setText(plural(tries, texts.ALL_RIGHT_SCORE_ONE_TRY, texts.ALL_RIGHT_SCORE).format(count=count,
                                                                                                   tries=tries))
        with contextlib.suppress(BackwardError):  # (a graph that cannot be differentiated shows none)
            self.document.backward()
        template = texts.ALL_RIGHT if count != 1 else plural(tries, texts.ALL_RIGHT_ONE, texts.ALL_RIGHT_ONE_TRIES)
        text = template.format(count=count, tries=tries)
        self.hint.setText(text)
        self.message.emit(text)
        self.again_button.show()

    def _show(self) -> None:
        """'grad ?' on the nodes still to guess, the gradient on those solved."""
        round_ = self.round
        overlays = {}
        for node_id in round_.order:
            if node_id in round_.solved:
                overlays[node_id] = (f"grad {format_array(round_.expected(node_id))}", style.GRADIENT_COLOR)
            else:
                overlays[node_id] = ("grad ?", style.GUESS_COLOR)
        self.scene.show_instead_of_gradients(set(round_.order), overlays)
        tries = round_.total_attempts
        self.score.setText(plural(tries, texts.SCORE_ONE_TRY, texts.SCORE).format(right=len(round_.solved),
                                                                               count=len(round_.order), tries=tries))
