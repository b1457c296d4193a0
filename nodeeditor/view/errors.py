"""Unexpected errors in the window: never a bare traceback on the terminal, never a lost
graph. The student gets a short message in the window, and the details go to a log file
a teacher can ask for."""
from __future__ import annotations

import sys
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QMainWindow, QMessageBox

from nodeeditor.view.strings import APP_NAME


def log_path() -> Path:
    """errors.log in the platform's folder for the program's own data."""
    folder = QStandardPaths.writableLocation(QStandardPaths.AppLocalDataLocation) or str(Path.home())
    return Path(folder) / "errors.log"


class ErrorReporter:
    """Installed as sys.excepthook while the window is open."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.count = 0
        self.previous = sys.excepthook

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
        where = self._write_log(kind, error, trace)
        text = (f"Something went wrong inside {APP_NAME} ({kind.__name__}: {error}). Your graph is still "
                f"open: save it to be safe. The details were written to {where}.")
        if self.previous is not sys.__excepthook__:
            self.previous(kind, error, trace)  # a test harness's hook: let it see the error too
        try:
            self.window.statusBar().showMessage(text, 15000)
            box = QMessageBox(QMessageBox.Warning, APP_NAME, text, QMessageBox.Ok, self.window)
            box.setModal(False)
            box.show()
        except RuntimeError:  # the window is gone already: the log has it
            self.uninstall()

    def _write_log(self, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> str:
        path = log_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as log:
                log.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n")
                log.write("".join(traceback.format_exception(kind, error, trace)))
        except OSError:
            return "nowhere (the log folder cannot be written)"
        return str(path)
