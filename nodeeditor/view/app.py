"""Starting the editor window."""
from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from nodeeditor.view.main_window import APP_NAME, MainWindow


def run_gui(path: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("BackpropStudio")
    from engine.gc_tuning import tune_gc_for_graphs

    tune_gc_for_graphs()
    window = MainWindow()
    window.show()
    if path:
        window.open_path(path, ask=False)
    return app.exec()
