"""Starting the editor: the application object, the window, and files opened by the OS."""
from __future__ import annotations

import os
import sys

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFileOpenEvent, QIcon
from PySide6.QtWidgets import QApplication

from nodeeditor.resources import resource_path
from nodeeditor.view.main_window import APP_NAME, MainWindow


class StudioApplication(QApplication):
    """Forwards macOS's QFileOpenEvent (a double-clicked .graph) to the window."""

    def __init__(self, argv: list[str]) -> None:
        super().__init__(argv)
        self.window: MainWindow | None = None
        self.pending_file: str | None = None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.FileOpen and isinstance(event, QFileOpenEvent):
            path = event.file()
            if self.window is not None:
                self.window.files.open_path(path)
            else:
                self.pending_file = path
            return True
        return super().event(event)


class _FirstPaint(QObject):
    """With BACKPROP_STUDIO_EXIT_AFTER_PAINT set, quit once the canvas has painted
    (for measuring start-up time)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Paint:
            print("first paint", flush=True)
            QApplication.instance().quit()
        return False


def run_gui(path: str | None = None) -> int:
    app = QApplication.instance() or StudioApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("BackpropStudio")
    app.setWindowIcon(QIcon(str(resource_path("icons", "app.png"))))
    from engine.gc_tuning import tune_gc_for_graphs

    tune_gc_for_graphs()
    window = MainWindow()
    if isinstance(app, StudioApplication):
        app.window = window
        path = path or app.pending_file
    window.show()
    if os.environ.get("BACKPROP_STUDIO_EXIT_AFTER_PAINT"):
        probe = _FirstPaint(window)
        window.canvas.viewport().installEventFilter(probe)
    if not window.autosave.offer_recovery() and path:
        window.files.open_path(path, ask=False)
    window.files.remove_stale_temporaries()
    return app.exec()
