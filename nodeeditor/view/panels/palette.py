"""The node list: the catalog's groups (Inputs, Arithmetic, Functions, Arrays, Losses),
each kind with its symbol, to drag onto the canvas.

The drag is done by hand (press, move, release over the canvas) rather than with QDrag,
so it behaves the same on every platform and in offscreen tests."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QBrush, QMouseEvent
from PySide6.QtWidgets import QApplication, QTreeWidget, QTreeWidgetItem

from nodeeditor.model import KINDS
from nodeeditor.model.catalog import CALL, FUNCTION_COLOR, GROUPS, MADE_OF_NODES
from nodeeditor.view import style, texts
from nodeeditor.view.panels.panel import Panel
from nodeeditor.view.window.document import Document

KIND_ROLE = Qt.UserRole + 1


class Palette(QTreeWidget, Panel):
    #: kind, global position where it was dropped
    dropped = Signal(str, QPoint)
    #: kind (double-click: add at the centre of the canvas)
    activated_kind = Signal(str)

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setIndentation(8)
        self.setToolTip(texts.PALETTE_TIP)
        for category in GROUPS:
            group = QTreeWidgetItem(self, [category])
            group.setFlags(Qt.ItemIsEnabled)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            for kind in KINDS.values():
                if kind.group != category:
                    continue
                item = QTreeWidgetItem(group, [f"{kind.symbol}   {kind.title}"])
                item.setData(0, KIND_ROLE, kind.name)
                item.setToolTip(0, kind.description)
                item.setForeground(0, QBrush(style.header_color(kind.color).darker(130)))
            group.setExpanded(True)
        self.functions_group = QTreeWidgetItem(self, [MADE_OF_NODES])
        self.functions_group.setFlags(Qt.ItemIsEnabled)
        self.functions_group.setFont(0, group.font(0))
        self.functions_group.setToolTip(0, texts.FUNCTIONS_TIP)
        self.set_functions([])
        self.itemDoubleClicked.connect(self._double_clicked)
        self._pressed: tuple[str, QPoint] | None = None
        self._dragging = False

    def document_replaced(self) -> None:
        """The new graph's own functions made of nodes, nothing chosen."""
        self.clearSelection()
        self.set_functions(list(self.document.graph.functions))

    def set_functions(self, names: list[str]) -> None:
        """List the graph's functions made of nodes (the group hides while there are none)."""
        self.functions_group.takeChildren()
        for name in names:
            item = QTreeWidgetItem(self.functions_group, [f"ƒ   {name}"])
            item.setData(0, KIND_ROLE, f"{CALL}:{name}")
            item.setToolTip(0, texts.FUNCTION_TIP.format(name=name))
            item.setForeground(0, QBrush(style.header_color(FUNCTION_COLOR)))
        self.functions_group.setHidden(not names)
        self.functions_group.setExpanded(True)

    def item_for(self, kind: str) -> QTreeWidgetItem:
        for item in self.findItems("*", Qt.MatchWildcard | Qt.MatchRecursive):
            if item.data(0, KIND_ROLE) == kind:
                return item
        raise KeyError(kind)

    def _double_clicked(self, item: QTreeWidgetItem) -> None:
        kind = item.data(0, KIND_ROLE)
        if kind:
            self.activated_kind.emit(kind)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        item = self.itemAt(event.position().toPoint())
        kind = item.data(0, KIND_ROLE) if item else None
        self._pressed = (kind, event.position().toPoint()) if kind and event.button() == Qt.LeftButton else None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pressed and (event.buttons() & Qt.LeftButton):
            distance = (event.position().toPoint() - self._pressed[1]).manhattanLength()
            if not self._dragging and distance >= QApplication.startDragDistance():
                self._dragging = True
                self.viewport().setCursor(Qt.DragCopyCursor)
            if self._dragging:
                return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._dragging and self._pressed:
            kind = self._pressed[0]
            self._dragging = False
            self._pressed = None
            self.viewport().unsetCursor()
            self.dropped.emit(kind, self.viewport().mapToGlobal(event.position().toPoint()))
            return
        self._pressed = None
        super().mouseReleaseEvent(event)
