"""The code panel: Python in the seed's style that computes what the canvas shows."""
from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout, QWidget

from nodeeditor.codegen import python_code
from nodeeditor.view.document import Document


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
        document.results_changed.connect(self.refresh)
        self.refresh()

    def code(self) -> str:
        return python_code(self.document.graph, self.document.compiler)

    def refresh(self, *_ignored: object) -> None:
        if self.isVisible() or not self.editor.toPlainText():
            text = self.code()
            if text != self.editor.toPlainText():
                self.editor.setPlainText(text)

    def showEvent(self, event) -> None:  # noqa: ANN001 - Qt's signature
        self.refresh()
        super().showEvent(event)
