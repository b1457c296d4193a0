"""The welcome on an empty canvas: three ways to start, where a student who has never used
a node editor is looking. It goes as soon as the graph has a node and comes back on an
empty one (New, or everything deleted)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QAbstractScrollArea, QFrame, QLabel, QPushButton, QVBoxLayout

from nodeeditor.view import style, texts
from nodeeditor.view.panels.panel import Panel
from nodeeditor.view.window.document import Document

#: The welcome's width, where the canvas has room for it.
WIDTH = 460


class Welcome(QFrame, Panel):
    """Shown on the canvas while the graph is empty."""

    #: the student chose to open the first example
    example_requested = Signal()
    #: the student chose to type a formula
    formula_requested = Signal()

    def __init__(self, document: Document, canvas: QAbstractScrollArea) -> None:
        # on the canvas, not on its viewport: the view scrolls its viewport's children along
        # with the graph, which would carry the welcome off the middle
        super().__init__(canvas)
        self.document, self.canvas, self.viewport = document, canvas, canvas.viewport()
        self.setObjectName("Welcome")
        self.setStyleSheet(f"#Welcome {{ background: {style.NODE_BODY.name()}; border: 1px solid "
                           f"{style.GRID_MAJOR.name()}; border-radius: 10px; }}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(10)
        title = QLabel(f"<h2>{texts.WELCOME_TITLE}</h2>")
        intro = QLabel(texts.WELCOME_INTRO)
        intro.setWordWrap(True)
        self.example_button = QPushButton(texts.WELCOME_EXAMPLE)
        self.example_button.clicked.connect(self.example_requested)
        self.formula_button = QPushButton(texts.WELCOME_FORMULA)
        self.formula_button.clicked.connect(self.formula_requested)
        drag = QLabel(texts.WELCOME_DRAG)
        drag.setWordWrap(True)
        drag.setStyleSheet(f"color: {style.MUTED_TEXT.name()};")
        for widget in (title, intro, self.example_button, self.formula_button, drag):
            layout.addWidget(widget)
        self.viewport.installEventFilter(self)
        document.results_changed.connect(self.follow)
        self.follow()

    def document_replaced(self) -> None:
        self.follow()

    def follow(self, *_ignored: object) -> None:
        """Shown while the graph has no node, in the middle of the canvas."""
        empty = not self.document.graph.nodes
        self.setVisible(empty)
        if empty:
            self._centre()  # (once shown: a hidden frame's layout does not know its size)

    def _centre(self) -> None:
        width = min(WIDTH, max(self.viewport.width() - 40, 240))
        self.layout().activate()
        height = self.layout().heightForWidth(width) if self.layout().hasHeightForWidth() else -1
        self.setFixedSize(width, max(height, self.layout().minimumSize().height(), 120))
        area = self.viewport.geometry()
        self.move(area.x() + (area.width() - self.width()) // 2, area.y() + (area.height() - self.height()) // 2)
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.viewport and event.type() == QEvent.Resize and self.isVisible():
            self._centre()
        return False

