"""The caption bar above the canvas: what the step being shown does, in a sentence,
word-wrapped so that it is never cut off. Hidden when there is nothing to say."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from nodeeditor.view import style


class CaptionBar(QFrame):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("CaptionBar")
        self.setStyleSheet(f"#CaptionBar {{ background: {style.CAPTION_BACKGROUND.name()}; "
                           f"border-bottom: 2px solid {style.ACTIVE_COLOR.name()}; }}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.PlainText)
        self.label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        font = self.label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.label.setFont(font)
        layout.addWidget(self.label)
        self.hide()

    def show_caption(self, text: str) -> None:
        self.label.setText(text)
        self.setVisible(bool(text))

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""
