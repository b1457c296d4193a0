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
from nodeeditor.view.window.strings import APP_NAME


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
        self.count += 1
        error.__traceback__ = trace
        where = log_exception(error, "unexpected error in the window")
        if self.previous is not sys.__excepthook__:
            self.previous(kind, error, trace)  # a test harness's hook: let it see the error too
        try:
            self._tell(f"{kind.__name__}: {str(error)[:200]}", where)
        except RuntimeError:  # the window is gone already: the log has it
            self.uninstall()

    def _tell(self, what: str, where: Path) -> None:
        self.window.statusBar().showMessage(f"Something went wrong inside {APP_NAME} ({what}). "
                                            f"Your graph is still open: save it to be safe.", 15000)
        text = (f"Something went wrong inside {APP_NAME}: a part of the program met a case it was not "
                f"written for ({what}).\n\nYour graph is still open. Save it now (File → Save), or keep a "
                f"copy for the next start with the button below.\n\nThe details were written to {where} "
                f"(a teacher or the program's authors can read them there).")
        box = QMessageBox(QMessageBox.Warning, APP_NAME, text, QMessageBox.Ok, self.window)
        keep = box.addButton("Keep a recovery copy", QMessageBox.ActionRole)
        keep.clicked.connect(self.keep_copy)
        box.setModal(False)
        box.show()
        self.box = box

    def keep_copy(self) -> Path | None:
        """Write the open graph to this run's recovery file now (offered at the next start)."""
        autosave = getattr(self.window, "autosave", None)
        path = autosave.save_now(force=True) if autosave is not None else None
        message = (f"A copy of your graph is kept in {path}; the next start offers it back." if path
                   else "No copy could be written; please save your graph with File → Save As.")
        self.window.statusBar().showMessage(message, 15000)
        return path
