"""The Tab / right-click pop-up: type part of a node's name, Enter adds it at the cursor."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from nodeeditor.model import KINDS
from nodeeditor.model.catalog import GROUPS
from nodeeditor.view import texts


class SearchPopup(QFrame):
    chosen = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.Popup)
        self.setFrameShape(QFrame.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.field = QLineEdit()
        self.field.setPlaceholderText(texts.SEARCH_HINT)
        self.list = QListWidget()
        layout.addWidget(self.field)
        layout.addWidget(self.list)
        self.resize(240, 260)
        self.field.textChanged.connect(self._filter)
        self.field.returnPressed.connect(self._accept)
        self.list.itemActivated.connect(lambda _item: self._accept())
        self._filter("")

    def _filter(self, text: str) -> None:
        self.list.clear()
        needle = text.strip().lower()
        for kind in KINDS.values():
            if kind.group not in GROUPS:
                continue  # Input and Call belong to functions made of nodes
            haystack = f"{kind.name} {kind.title} {kind.symbol} {kind.group} {kind.formula}".lower()
            if needle in haystack:
                item = QListWidgetItem(f"{kind.symbol}   {kind.title}")
                item.setData(Qt.UserRole, kind.name)
                item.setToolTip(kind.description)
                self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def popup_at(self, global_pos: QPoint) -> None:
        self.field.clear()
        self.move(global_pos)
        self.show()
        self.field.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key_Down, Qt.Key_Up):
            row = self.list.currentRow() + (1 if event.key() == Qt.Key_Down else -1)
            self.list.setCurrentRow(max(0, min(row, self.list.count() - 1)))
            return
        super().keyPressEvent(event)

    def _accept(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.hide()
            self.chosen.emit(item.data(Qt.UserRole))
