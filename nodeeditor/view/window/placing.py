"""Adding a node where the student points: dragged from the node list onto a canvas,
chosen in the list with Enter (the middle of the canvas), or typed in the Tab /
right-click search (where the pointer was)."""
from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, QPointF, Signal
from PySide6.QtGui import QCursor

from nodeeditor.view import texts
from nodeeditor.view.canvas.canvas import Canvas
from nodeeditor.view.canvas.search_popup import SearchPopup
from nodeeditor.view.panels.palette import Palette
from nodeeditor.view.window.editing import Editing
from nodeeditor.view.window.function_tabs import FunctionTabs


class Placing(QObject):
    message = Signal(str)

    def __init__(self, parent: QObject, editing: Editing, tabs: FunctionTabs, canvas: Canvas, palette: Palette,
                 search: SearchPopup) -> None:
        super().__init__(parent)
        self.editing, self.tabs, self.canvas, self.search = editing, tabs, canvas, search
        self._search_at = QPointF()
        palette.dropped.connect(self._dropped)
        palette.activated_kind.connect(self._activated)
        canvas.search_requested.connect(self.open_search)
        search.chosen.connect(lambda kind: self.editing.add_node(kind, self._search_at))

    def _dropped(self, kind: str, global_pos: QPoint) -> None:
        canvas = self.tabs.current_canvas(self.canvas)
        local = canvas.viewport().mapFromGlobal(global_pos)
        if not canvas.viewport().rect().contains(local):
            self.message.emit(texts.DROP_ON_CANVAS)
            return
        self.editing.add_node(kind, canvas.mapToScene(local))

    def _activated(self, kind: str) -> None:
        canvas = self.tabs.current_canvas(self.canvas)
        self.editing.add_node(kind, canvas.mapToScene(canvas.viewport().rect().center()))

    def open_search(self, view_pos: QPoint) -> None:
        self._search_at = self.canvas.mapToScene(view_pos)
        self.search.popup_at(self.canvas.viewport().mapToGlobal(view_pos))

    def open_search_at_cursor(self) -> None:
        self.open_search(self.canvas.viewport().mapFromGlobal(QCursor.pos()))
