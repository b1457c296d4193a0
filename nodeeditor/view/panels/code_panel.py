"""The code panel: Python in the seed's style that computes what the canvas shows."""
from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout

from nodeeditor.lessons.codegen import python_code
from nodeeditor.view import texts
from nodeeditor.view.panels.live_panel import LivePanel
from nodeeditor.view.window.document import Document

REFRESH_DELAY_MS = 60


class CodePanel(LivePanel):
    def __init__(self, document: Document) -> None:
        super().__init__(document, REFRESH_DELAY_MS)
        layout = QVBoxLayout(self)
        self.editor = QPlainTextEdit()
        self.editor.setReadOnly(True)
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        self.editor.setToolTip(texts.CODE_TIP)
        layout.addWidget(self.editor)

    def document_replaced(self) -> None:
        self.editor.setPlainText("")
        self.mark_stale()

    def code(self) -> str:
        return python_code(self.document.graph, self.document.compiler)

    def redraw(self) -> None:
        text = self.code()
        if text != self.editor.toPlainText():
            self.editor.setPlainText(text)
