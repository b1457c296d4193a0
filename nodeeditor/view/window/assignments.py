"""The window's part of an assignment: the Task tab, File → New Assignment, Teacher Mode,
Check My Work and Hand In, the locked nodes shown on the canvas and the panels a task
switches off. The session decides (locks, hidden gradients); this only shows it."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit

from nodeeditor.model.task import teacher_key
from nodeeditor.session.locks import Refused
from nodeeditor.view import texts

if TYPE_CHECKING:
    from nodeeditor.view.window.main_window import MainWindow

#: The docks a task can switch off, by feature.
_DOCK_OF = {"chain_rule": "chain", "plot": "plot", "code": "code"}


class Assignments(QObject):
    message = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.document.session
        self.panel = window.task
        self._hidden_docks: set[str] = set()
        #: the assignment and teacher mode shown now (see follow)
        self._shown: tuple[object, bool | None] = (object(), None)
        self._make_actions()
        panel = self.panel
        panel.hand_in_requested.connect(lambda: self.hand_in())
        panel.ask_about_selection.connect(self._ask_about_selection)
        panel.lock_requested.connect(self.lock_selection)
        panel.password_requested.connect(self.set_password)
        panel.leave_teacher_requested.connect(lambda: self.set_teacher_mode(False))
        window.document.replaced.connect(self._document_replaced)
        window.document.history_changed.connect(self.follow)
        window.files.before_save.append(self._keep_typed_task)
        self.follow()

    def _keep_typed_task(self) -> None:
        if self.panel.has_unkept_edits():
            self.panel.apply()

    def _make_actions(self) -> None:
        w, actions = self.window, self.window.actions
        self.new_assignment = actions.make("New &Assignment…", self.make_assignment, None, texts.TIP_NEW_ASSIGNMENT)
        self.teacher_mode = actions.make("&Teacher Mode", lambda: self.set_teacher_mode(self.teacher_mode.isChecked()),
                                         None, texts.TIP_TEACHER_MODE)
        self.teacher_mode.setCheckable(True)
        self.check = actions.make("Chec&k My Work", self.check_work, QKeySequence("Ctrl+Shift+C"), texts.TIP_CHECK_WORK)
        self.hand_in_action = actions.make("&Hand In…", lambda: self.hand_in(), None, texts.TIP_HAND_IN)
        menu = actions.file_menu
        before = actions.export_python
        menu.insertActions(before, [self.new_assignment, self.teacher_mode, self.check, self.hand_in_action])
        menu.insertSeparator(before)
        w.addActions([self.check])

    # following the document ------------------------------------------------------------------
    def _document_replaced(self) -> None:
        self.follow()
        assignment = self.session.assignment
        if assignment is None:
            return
        self.window.docks.bring_forward(self.window.docks.task)
        if assignment.task.open_in == "guess" and not self.session.teacher_mode:
            QTimer.singleShot(0, self, self.window.actions.guess.trigger)

    def follow(self) -> None:
        """Show the assignment as it is now: the Task tab, the locks, what is switched off.
        Nothing to do when neither it (a command sets a new one) nor teacher mode changed:
        an edit of a plain graph costs nothing here."""
        session = self.session
        assignment = session.assignment
        if assignment is self._shown[0] and session.teacher_mode == self._shown[1]:
            return
        self._shown = (assignment, session.teacher_mode)
        self.teacher_mode.setChecked(session.teacher_mode)
        self.check.setEnabled(assignment is not None)
        self.hand_in_action.setEnabled(assignment is not None)
        self.window.scene.set_locked(assignment.task.locked if assignment is not None else frozenset())
        docks = self.window.docks
        for feature, name in _DOCK_OF.items():
            dock = getattr(docks, name)
            if session.hides(feature) and name not in self._hidden_docks:
                self._hidden_docks.add(name)
                dock.hide()
            elif not session.hides(feature) and name in self._hidden_docks:
                self._hidden_docks.discard(name)
                dock.show()
            dock.toggleViewAction().setEnabled(not session.hides(feature))
        for action in (self.window.actions.chain_rule, self.window.actions.export_chain):
            action.setEnabled(not session.hides("chain_rule"))
        self.window.actions.formula.setEnabled(not session.hides("formula"))
        no_gradients = session.task_hides("gradients")  # (a Guess round's own gate says why instead)
        actions = self.window.actions
        for action in (actions.backward, actions.backward_step, actions.play, actions.check, actions.export_frames):
            action.setEnabled(not no_gradients)
        for button in (self.window.learn.check_button, self.window.learn.run_button):
            button.setEnabled(not no_gradients)
        self.panel.refresh()
        self.window.inspector.refresh()  # (a node locked or unlocked: its fields follow)

    def show_hidden_panels(self) -> None:
        """Give back the panels the task switched off (before the window keeps its layout:
        the next start, with no assignment open, must not find them gone)."""
        for name in sorted(self._hidden_docks):
            getattr(self.window.docks, name).show()
        self._hidden_docks.clear()

    # the teacher ----------------------------------------------------------------------------
    def make_assignment(self) -> bool:
        """File → New Assignment: the graph on the canvas becomes a new assignment."""
        if not self.window.files.maybe_save():
            return False
        self.session.new_assignment()
        self.follow()
        self.window.docks.bring_forward(self.window.docks.task)
        self.message.emit(texts.NEW_ASSIGNMENT_DONE)
        return True

    def set_teacher_mode(self, on: bool, password: str | None = None) -> bool:
        session = self.session
        if on and session.assignment is None:
            self.message.emit(texts.TEACHER_NOT_ASSIGNMENT)
            on = False
        elif on:
            if password is None and session.assignment.task.teacher_key:
                password, ok = QInputDialog.getText(self.window, texts.APP_NAME, texts.TEACHER_PASSWORD_ASK,
                                                    QLineEdit.Password)
                if not ok:
                    on = False
            if on:
                try:
                    session.enter_teacher_mode(password or "")
                except Refused as exc:
                    session.leave_teacher_mode()
                    self.follow()
                    self.message.emit(texts.TEACHER_REFUSED.format(reason=exc))
                    return False
        if not on:
            session.leave_teacher_mode()
        self.follow()
        if session.assignment is not None:
            self.message.emit(texts.TEACHER_ON if session.teacher_mode else texts.TEACHER_OFF)
        return session.teacher_mode

    def set_password(self, password: str | None = None) -> None:
        assignment = self.session.assignment
        if assignment is None:
            return
        if password is None:
            password, ok = QInputDialog.getText(self.window, texts.APP_NAME, texts.TEACHER_PASSWORD_SET,
                                                QLineEdit.Password)
            if not ok:
                return
            again, ok = QInputDialog.getText(self.window, texts.APP_NAME, texts.TEACHER_PASSWORD_AGAIN,
                                             QLineEdit.Password)
            if not ok:
                return
            if again != password:
                self.message.emit(texts.TEACHER_PASSWORDS_DIFFER)
                return
        key = teacher_key(password) if password else ""
        try:
            self.session.set_task(assignment.task.with_changes(teacher_key=key))
        except Refused as exc:
            self.message.emit(str(exc))
            return
        self.message.emit(texts.TEACHER_PASSWORD_DONE)

    def lock_selection(self, locked: bool) -> None:
        ids = self.window.editing.selected_ids()
        if not ids:
            self.message.emit(texts.TASK_SELECT_ONE)
            return
        try:
            self.session.lock(ids, locked)
        except Refused as exc:
            self.message.emit(str(exc))

    def _ask_about_selection(self, kind: str) -> None:
        node_id = self.window.editing.selected_node()
        if node_id is None:
            self.message.emit(texts.TASK_SELECT_ONE)
            return
        self.panel.ask_about(kind, self.window.document.graph.nodes[node_id].label)

    # the student ----------------------------------------------------------------------------
    def check_work(self) -> None:
        if self.session.assignment is None:
            self.message.emit(texts.HAND_IN_NOT_ASSIGNMENT)
            return
        self.window.docks.bring_forward(self.window.docks.task)
        self.panel.check()

    def hand_in(self, student: str | None = None, folder: str | None = None) -> Path | None:
        """File → Hand In: a copy named with the student's name and the time."""
        if self.session.assignment is None:
            self.message.emit(texts.HAND_IN_NOT_ASSIGNMENT)
            return None
        self.panel.keep_typed_answers()
        settings = self.window.settings
        if student is None:
            student, ok = QInputDialog.getText(self.window, texts.APP_NAME, texts.HAND_IN_NAME,
                                               text=str(settings.value("student_name", "") or ""))
            if not ok or not student.strip():
                return None
        if folder is None:
            start = str(self.session.path.parent if self.session.path else Path.home())
            folder = QFileDialog.getExistingDirectory(self.window, texts.TASK_HAND_IN, start)
            if not folder:
                return None
        settings.setValue("student_name", student.strip())
        try:
            path = self.session.hand_in(student, folder, datetime.now().astimezone())
        except OSError as exc:
            self.message.emit(texts.HAND_IN_FAILED.format(reason=exc.strerror or exc))
            return None
        self.message.emit(texts.HAND_IN_DONE.format(path=path))
        return path
