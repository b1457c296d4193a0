"""Unexpected errors in the window: never a bare traceback on the terminal, never a lost
graph. The student reads what happened in plain words, can keep a recovery copy of the
graph at once, and learns where the log with the details is (nodeeditor/app/logs.py), which a
teacher can ask for."""
from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QMainWindow, QMessageBox

from nodeeditor.app.logs import log_exception
from nodeeditor.session.locks import Refused
from nodeeditor.view import texts


class ErrorReporter:
    """Installed as sys.excepthook while the window is open."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.count = 0
        self.previous = sys.excepthook
        self.box: QMessageBox | None = None

    def install(self) -> None:
        sys.excepthook = self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self.previous

    def __call__(self, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self.previous(kind, error, trace)
            return
        if issubclass(kind, Refused):  # the session said no, with the reason: not a crash
            self.window.statusBar().showMessage(str(error), 15000)
            return
        self.count += 1
        error.__traceback__ = trace
        where = log_exception(error, "unexpected error in the window")
        if self.previous is not sys.__excepthook__:
            self.previous(kind, error, trace)  # a test harness's hook: let it see the error too
        try:
            self._tell(texts.ERROR_NAMED.format(kind=kind.__name__, message=str(error)[:200]), where)
        except RuntimeError:  # the window is gone already: the log has it
            self.uninstall()

    def _tell(self, what: str, where: Path) -> None:
        self.window.statusBar().showMessage(texts.WENT_WRONG_STATUS.format(app=texts.APP_NAME, error=what), 15000)
        text = texts.WENT_WRONG.format(app=texts.APP_NAME, error=what, log=where)
        box = QMessageBox(QMessageBox.Warning, texts.APP_NAME, text, QMessageBox.Ok, self.window)
        keep = box.addButton("Keep a recovery copy", QMessageBox.ActionRole)
        keep.clicked.connect(self.keep_copy)
        box.setModal(False)
        box.show()
        self.box = box

    def keep_copy(self) -> Path | None:
        """Write the open graph to this run's recovery file now (offered at the next start)."""
        autosave = getattr(self.window, "autosave", None)
        path = autosave.save_now(force=True) if autosave is not None else None
        message = texts.COPY_KEPT.format(path=path) if path else texts.NO_COPY
        self.window.statusBar().showMessage(message, 15000)
        return path
