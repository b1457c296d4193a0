"""Starting the editor: the application object, the window, and files opened by the OS.

Only Qt is imported before the window is on the screen; the editor is built inside it
right after its first paint (see ``MainWindow(later=True)``)."""
from __future__ import annotations

import os
import sys

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFileOpenEvent, QIcon
from PySide6.QtWidgets import QApplication

from nodeeditor.app.resources import resource_path
from nodeeditor.view.texts import APP_NAME, ORGANIZATION
from nodeeditor.view.window.first_paint import on_first_paint
from nodeeditor.view.window.main_window import MainWindow


class StudioApplication(QApplication):
    """Forwards macOS's QFileOpenEvent (a double-clicked .graph) to the window."""

    def __init__(self, argv: list[str]) -> None:
        super().__init__(argv)
        self.window: MainWindow | None = None
        self.pending_file: str | None = None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.FileOpen and isinstance(event, QFileOpenEvent):
            path = event.file()
            if self.window is not None and self.window.ready:
                self.window.files.open_path(path)
            else:  # opened once the window is built
                self.pending_file = path
            return True
        return super().event(event)


def run_gui(path: str | None = None) -> int:
    app = QApplication.instance() or StudioApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setWindowIcon(QIcon(str(resource_path("icons", "app.png"))))
    measuring = bool(os.environ.get("BACKPROP_STUDIO_EXIT_AFTER_PAINT"))
    window = MainWindow(later=True)
    if isinstance(app, StudioApplication):
        app.window = window
    if measuring:  # BACKPROP_STUDIO_EXIT_AFTER_PAINT: say when each is painted (benchmarks/startup_ratio.py)
        on_first_paint(window.centralWidget(), lambda: print("first paint", flush=True))

    def built() -> None:
        from engine.gc_tuning import tune_gc_for_graphs

        tune_gc_for_graphs()
        if measuring:
            on_first_paint(window.canvas.viewport(), lambda: (print("graph shown", flush=True), app.quit()))
        start_path = path
        if isinstance(app, StudioApplication):
            start_path = start_path or app.pending_file
            app.pending_file = None
        if not window.autosave.offer_recovery() and start_path:
            window.files.open_path(start_path, ask=False)
        window.files.remove_stale_temporaries()

    window.build_after_first_paint(built)
    window.show()
    return app.exec()
