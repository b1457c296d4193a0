"""A panel that always shows the current graph: redrawn a moment after each change while
it is on screen, and brought up to date as soon as it is shown again (after New, Open,
a formula, undo, a descent, whatever happened while it was hidden)."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from nodeeditor.view.panels.panel import Panel
from nodeeditor.view.window.document import Document


class LivePanel(QWidget, Panel):
    """Subclasses implement ``redraw``; ``stale`` says whether what it shows is behind."""

    def __init__(self, document: Document, delay_ms: int) -> None:
        super().__init__()
        self.document = document
        self.stale = True
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.refresh)
        # Every change of the graph announces results (an empty set when no number
        # changed); saving or moving a node does not, and needs no redraw.
        document.results_changed.connect(self.mark_stale)

    def on_screen(self) -> bool:
        """Shown, and not behind another tab of the same dock area."""
        return self.isVisible() and not self.visibleRegion().isEmpty()

    def mark_stale(self, *_ignored: object) -> None:
        self.stale = True
        if self.on_screen():
            self.timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.catch_up()

    def catch_up(self, shown: bool = True) -> None:
        """The panel has just come into view (its dock shown or its tab raised)."""
        if shown and self.stale:
            if self.document.session.busy:
                self.timer.start()
                return
            self.stale = False
            self.timer.stop()
            self.redraw()

    def refresh(self) -> None:
        """Redraw now if behind and on screen (hidden panels wait until they are shown)."""
        self.timer.stop()
        if self.document.session.busy:  # the graph is being computed on a thread: later
            self.timer.start()
            return
        if self.stale and self.on_screen():
            self.stale = False
            self.redraw()

    def redraw(self) -> None:
        raise NotImplementedError
