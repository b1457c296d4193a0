"""The caption bar above the canvas: what the step being shown does, in a sentence.

It is always there and always as tall (two lines): a caption that grows from one line
to three while stepping would push the canvas down under the student's eyes and hand.
A longer caption scrolls inside it. When nothing is being stepped through, it says how
to start."""
from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QScrollArea, QVBoxLayout

from nodeeditor.view import style, texts

#: Spaces around these signs do not break a line: "6^(2 − 1) × 1" stays on one line.
_BINDING = re.compile(r" (?=[×÷·−+*/]\s)|(?<=\s[×÷·−+*/]) ")


def unbroken(text: str) -> str:
    """``text`` with the spaces inside arithmetic made non-breaking, so that a caption
    wraps between its parts (at "=" or between words), never inside an expression."""
    return _BINDING.sub("\u00a0", text)


#: How many lines of the caption show at once.
LINES = 2


class CaptionBar(QFrame):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("CaptionBar")
        self.setStyleSheet(f"#CaptionBar {{ background: {style.CAPTION_BACKGROUND.name()}; "
                           f"border-bottom: 2px solid {style.ACTIVE_COLOR.name()}; }}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 4, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.PlainText)
        self.label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.label.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.NoFrame)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.area.setStyleSheet("background: transparent;")
        self.area.setWidget(self.label)
        layout.addWidget(self.area)
        self.set_scale(1.0)
        self._caption = ""
        #: what the bar says while nothing is being stepped through
        self.idle_text = texts.CAPTION_IDLE
        self.show_caption("")

    def set_scale(self, scale: float, lines: int = LINES) -> None:
        """Caption text at ``scale`` times its usual size (a fifth larger than the
        interface's text); the bar ``lines`` lines tall at that size, always."""
        font = QApplication.font()
        font.setPointSizeF(font.pointSizeF() * 1.2 * scale)
        self._font = font
        self.label.setFont(font)
        margins = self.layout().contentsMargins()
        self._room = self.label.fontMetrics().lineSpacing() * lines + 8
        self.setFixedHeight(self._room + margins.top() + margins.bottom() + 2)
        self._fit()

    def _fit(self) -> None:
        """A caption longer than the bar's lines gets smaller type (down to 70 %), so that a
        class sees its end without anyone scrolling; only past that does the bar scroll."""
        font = QFont(self._font)
        # (measured as if the scroll bar were there: a caption that needs it is narrower)
        width = max(self.area.width() - self.area.verticalScrollBar().sizeHint().width() - 2, 200)
        room = self.area.viewport().height() if self.isVisible() else self._room - 8
        self.label.setFont(font)
        smallest = self._font.pointSizeF() * 0.7
        while self.label.heightForWidth(width) > room and font.pointSizeF() > smallest:
            font.setPointSizeF(max(font.pointSizeF() * 0.94, smallest))
            self.label.setFont(font)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def show_caption(self, text: str) -> None:
        """Show a step's caption, or the hint when ``text`` is empty."""
        self._caption = text
        self.label.setText(unbroken(text) if text else self.idle_text)
        color = style.MUTED_TEXT.name() if not text else "palette(window-text)"
        self.label.setStyleSheet(f"color: {color};")
        self._fit()
        self.area.verticalScrollBar().setValue(0)

    def set_idle_text(self, text: str) -> None:
        self.idle_text = text
        if not self._caption:
            self.show_caption("")

    def text(self) -> str:
        """The caption of the step shown ('' when none is)."""
        return self._caption
