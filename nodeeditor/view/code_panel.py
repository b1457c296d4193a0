"""The code panel: Python in the seed's style that computes what the canvas shows."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout, QWidget

from nodeeditor.codegen import python_code
from nodeeditor.view.document import Document

REFRESH_DELAY_MS = 60


class CodePanel(QWidget):
    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        layout = QVBoxLayout(self)
        self.editor = QPlainTextEdit()
        self.editor.setReadOnly(True)
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        self.editor.setToolTip("Run this with the engine and it prints the numbers the sockets show.")
        layout.addWidget(self.editor)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REFRESH_DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        document.results_changed.connect(self._results_changed)

    def _results_changed(self, _ids: set) -> None:
        if self.shown():
            self.timer.start()

    def shown(self) -> bool:
        """On screen, not just 'visible' behind another tab."""
        return self.isVisible() and not self.visibleRegion().isEmpty()

    def code(self) -> str:
        return python_code(self.document.graph, self.document.compiler)

    def refresh(self, *_ignored: object) -> None:
        if self.shown():
            text = self.code()
            if text != self.editor.toPlainText():
                self.editor.setPlainText(text)

    def showEvent(self, event) -> None:  # noqa: ANN001 - Qt's signature
        super().showEvent(event)
        self.timer.start()
