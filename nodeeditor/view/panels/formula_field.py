"""The formula bar: a field where a student types a formula (sigmoid(w*x + b), sum(x * x),
x @ W) and presses Enter to have its graph built on the canvas."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from nodeeditor.view import texts
from nodeeditor.view.panels.panel import Panel

#: The field keeps this width whatever the toolbar beside it shows (it never shrinks
#: under the pointer of a student about to click it).
WIDTH = 360


class FormulaField(QLineEdit, Panel):
    """Keeps the formula while its graph is the document; New, Open or an undo clear it."""

    def __init__(self) -> None:
        super().__init__()
        self.setPlaceholderText(texts.FORMULA_HINT)
        self.setToolTip(texts.FORMULA_TIP)
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(WIDTH)
        self._building = False

    def build(self, build) -> object:  # noqa: ANN001 - build(text) -> error or None
        """``build(self.text())``, keeping the text when its graph replaces the document;
        a formula that cannot be built keeps the focus, its mistake selected."""
        self._building = True
        try:
            error = build(self.text())
        finally:
            self._building = False
        if error is not None:
            self.setFocus()
            if error.column:
                self.setSelection(error.column - 1, max(error.length, 1))
        return error

    def document_replaced(self) -> None:
        if not self._building:
            self.clear()


class FieldLabel(QLabel):
    """A label that puts the keyboard in its field when clicked (a click a little to the
    left of the field still reaches it)."""

    def __init__(self, text: str, field: QWidget) -> None:
        super().__init__(text)
        self.field = field
        self.setBuddy(field)
        self.setToolTip(field.toolTip())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.LeftButton:
            self.field.setFocus(Qt.MouseFocusReason)
        super().mousePressEvent(event)
