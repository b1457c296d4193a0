"""The Qt side of the open document: signals and an undo-stack facade over a Session.

All the state lives in the Qt-free Session; this adapter only turns its listeners into
signals, so widgets can connect to them, and offers QUndoStack's small API to actions.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Signal, SignalInstance
from PySide6.QtGui import QAction, QKeySequence

from nodeeditor.compiler import BackwardError, Compiler, NodeResult
from nodeeditor.lessons.study import GradientCheckRow
from nodeeditor.model import Graph
from nodeeditor.session import Command, Session
from nodeeditor.view import texts


class Results(Protocol):
    """What a canvas reads of a compiler: the numbers, and which node is the output."""

    @property
    def results(self) -> Mapping[str, NodeResult]: ...

    def default_output(self) -> str: ...


class GraphDocument(Protocol):
    """What the canvas and the panels see of a document: the main graph's (Document), or
    the body of a function made of nodes opened in its tab (BodyDocument)."""

    #: the graph shown and edited
    graph: Graph
    #: its numbers (for a function's body: inside the call that was opened)
    compiler: Results
    #: the session every change and computation goes through
    session: Session
    #: the nodes with new numbers (a set of ids)
    results_changed: SignalInstance
    #: the student is guessing the gradients: no panel may give them away
    gradients_hidden: bool
    #: the text of the tab over the output node (None: "output" and its name)
    output_badge: str | None
    #: whether this is the main graph (not a function's body, whose end is not the output)
    is_main: bool

    @property
    def title(self) -> str: ...


class UndoStackFacade(QObject):
    """Undo and redo of the session's History, with QUndoStack's names and signals."""

    indexChanged = Signal(int)  # noqa: N815 - QUndoStack's names
    cleanChanged = Signal(bool)  # noqa: N815
    #: what an undo or a redo just did, in words for the status bar
    stepped = Signal(str)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._clean = True
        self._actions: list[tuple[QAction, str, bool]] = []

    def undo(self) -> None:
        text = self.session.history.undo_text()
        self.session.undo()
        if text:
            self.stepped.emit(texts.UNDONE.format(step=text))

    def redo(self) -> None:
        text = self.session.history.redo_text()
        self.session.redo()
        if text:
            self.stepped.emit(texts.REDONE.format(step=text))

    def setClean(self) -> None:
        self.session.history.set_clean()

    def isClean(self) -> bool:
        return self.session.history.is_clean()

    def index(self) -> int:
        return self.session.history.index

    def count(self) -> int:
        return len(self.session.history)

    def text(self, index: int) -> str:
        return self.session.history.text(index)

    def canUndo(self) -> bool:
        return self.session.history.can_undo()

    def createUndoAction(self, parent: QObject, prefix: str = "&Undo") -> QAction:
        return self._action(parent, prefix, undo=True)

    def createRedoAction(self, parent: QObject, prefix: str = "&Redo") -> QAction:
        return self._action(parent, prefix, undo=False)

    def _action(self, parent: QObject, prefix: str, undo: bool) -> QAction:
        action = QAction(prefix, parent)
        action.triggered.connect(self.undo if undo else self.redo)
        self._actions.append((action, prefix, undo))
        self._update_action(action, prefix, undo)
        return action

    def _update_action(self, action: QAction, prefix: str, undo: bool) -> None:
        history = self.session.history
        text = history.undo_text() if undo else history.redo_text()
        action.setEnabled(history.can_undo() if undo else history.can_redo())
        action.setText(texts.ACTION_WITH_STEP.format(action=prefix, step=text) if text else prefix)
        key = action.shortcut().toString(QKeySequence.NativeText)
        plain = prefix.replace("&", "")
        tip = texts.ACTION_WITH_STEP.format(action=plain, step=text) if text else plain
        action.setToolTip(texts.TIP_WITH_SHORTCUT.format(tip=tip, shortcut=key) if key else tip)

    def history_changed(self) -> None:
        for action, prefix, undo in self._actions:
            self._update_action(action, prefix, undo)
        clean = self.isClean()
        if clean != self._clean:
            self._clean = clean
            self.cleanChanged.emit(clean)
        self.indexChanged.emit(self.index())


class Document(QObject):
    """The session seen from Qt: ``results_changed`` names the nodes with new numbers."""

    results_changed = Signal(set)
    #: the whole document is another one (New, Open, a formula, a restore; see Panel)
    replaced = Signal()
    modified_changed = Signal(bool)
    path_changed = Signal(str)
    history_changed = Signal()
    #: "Keep old gradients" was switched on or off (see Session.keep_gradients)
    keep_gradients_changed = Signal(bool)
    output_badge: str | None = None
    is_main = True

    def __init__(self, parent: QObject | None = None, session: Session | None = None) -> None:
        super().__init__(parent)
        self.session = session or Session()
        self.undo_stack = UndoStackFacade(self.session, self)
        self._path = (self.session.path, self.session.title)
        self.session.on_results(self.results_changed.emit)
        self.session.on_replaced(self.replaced.emit)
        self._keep_gradients = self.session.keep_gradients
        self.session.on_state(self._state_changed)
        # (the history's own changes: "keep old gradients" or the busy flag change no step)
        self.session.history.subscribe(self.history_changed.emit)
        self.undo_stack.cleanChanged.connect(lambda clean: self.modified_changed.emit(not clean))

    def _state_changed(self) -> None:
        if self.session.keep_gradients != self._keep_gradients:
            self._keep_gradients = self.session.keep_gradients
            self.keep_gradients_changed.emit(self._keep_gradients)
        self.undo_stack.history_changed()
        if (self.session.path, self.session.title) != self._path:  # (an untitled one has a name too)
            self._path = (self.session.path, self.session.title)
            self.path_changed.emit(str(self.session.path or ""))

    # the session's state, read through --------------------------------------------
    @property
    def graph(self) -> Graph:
        return self.session.graph

    @property
    def compiler(self) -> Compiler:
        return self.session.compiler

    @property
    def path(self) -> Path | None:
        return self.session.path

    @property
    def modified(self) -> bool:
        return self.session.modified

    @property
    def title(self) -> str:
        return self.session.title

    # changes, all through the session ---------------------------------------------
    def push(self, command: Command) -> None:
        self.session.push(command)

    @property
    def gradients_hidden(self) -> bool:
        """No panel may show a gradient: a Guess round runs, or the assignment asks for
        the gradients by hand (the session decides, and refuses Backward itself)."""
        return self.session.gradients_hidden

    @gradients_hidden.setter
    def gradients_hidden(self, guessing: bool) -> None:
        self.session.guessing = guessing

    def backward(self) -> str:
        """Run backward from the output; raises BackwardError with a message for the student
        (also while the gradients are hidden: Backward would show them)."""
        return self.session.backward()

    def check_gradients(self) -> list[GradientCheckRow]:
        """Backward and the numerical gradient check (see Session.check_gradients); refused,
        as Backward is, while the gradients are hidden."""
        return self.session.check_gradients()

    def clear_gradients(self) -> None:
        self.session.clear_gradients()

    def load(self, path: str | Path, graph: Graph | None = None, computed: Compiler | None = None) -> None:
        self.session.load(path, graph, computed)

    def new(self) -> None:
        self.session.new()

    def save(self, path: str | Path | None = None) -> None:
        self.session.save(path)

    def forget_path(self) -> None:
        self.session.forget_path()


__all__ = ["BackwardError", "Document"]
