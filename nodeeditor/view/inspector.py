"""The inspector: edit the selected node's name, value or exponent; read its value and
gradient in full precision. A malformed entry is refused with a message and nothing changes."""
from __future__ import annotations

import math
import re

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from nodeeditor.model import format_full, parse_value_text
from nodeeditor.model.graph import Node
from nodeeditor.model.values import to_json_value
from nodeeditor.study import second_derivative
from nodeeditor.view import style
from nodeeditor.view.document import Document

NAME_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,31}$")


class Inspector(QWidget):
    #: node id, parameter name, new value (already checked)
    edit_requested = Signal(str, str, object)
    #: the output's new name (already checked)
    output_renamed = Signal(str)

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.node: Node | None = None
        layout = QVBoxLayout(self)
        self.title = QLabel("Select a node to see and edit it here.")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.RichText)
        layout.addWidget(self.title)
        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setToolTip("The Variable's name: letters, digits and _, such as x0 or weight.")
        self.value_edit = QLineEdit()
        self.value_edit.setToolTip("A number such as 6 or -2.5, or an array such as [1, 2, 3] or [[1, 2], [3, 4]].")
        self.exponent_edit = QLineEdit()
        self.exponent_edit.setToolTip("The exponent c in x^c, a number such as 2 or -1 or 0.5.")
        self.output_edit = QLineEdit()
        self.output_edit.setToolTip("What the output is called: Backward computes ∂(this name)/∂(every value).")
        self.name_label, self.value_label, self.exponent_label = QLabel("Name"), QLabel("Value"), QLabel("Exponent c")
        self.output_label = QLabel("Output name")
        form.addRow(self.output_label, self.output_edit)
        form.addRow(self.name_label, self.name_edit)
        form.addRow(self.value_label, self.value_edit)
        form.addRow(self.exponent_label, self.exponent_edit)
        layout.addLayout(form)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {style.ERROR_COLOR.name()}")
        layout.addWidget(self.problem)
        self.numbers = QPlainTextEdit()
        self.numbers.setReadOnly(True)
        self.numbers.setToolTip("The node's value and gradient with every digit.")
        self.numbers.setPlaceholderText(
            "Click a node on the canvas to see its value and gradient here, with every digit.\n\n"
            "Green numbers on the canvas are values, computed as you edit. Red ones are "
            "gradients: press Backward (Ctrl+B) for them, or Backward Step (F7) to watch them "
            "arrive one node at a time.")
        layout.addWidget(self.numbers, 1)
        self.name_edit.editingFinished.connect(self._name_edited)
        self.value_edit.editingFinished.connect(self._value_edited)
        self.exponent_edit.editingFinished.connect(self._exponent_edited)
        self.output_edit.editingFinished.connect(self._output_edited)
        document.results_changed.connect(self._results_changed)
        self.show_node(None)

    def _results_changed(self, node_ids: set) -> None:
        """Its own numbers changed, or the graph's output did (an empty set)."""
        if self.node is not None and (not node_ids or self.node.id in node_ids):
            self.refresh()

    def show_node(self, node: Node | None) -> None:
        self.node = node
        self.problem.clear()
        self.refresh()

    def refresh(self) -> None:
        node = self.node
        if node is not None and node.id not in self.document.graph.nodes:
            node = self.node = None
        has = {"name": False, "value": False, "c": False, "output": False}
        if node is None:
            self.title.setText("Select a node to see and edit it here.")
            self.numbers.setPlainText("")
        else:
            has = {k: k in node.params for k in has}
            has["output"] = node.id == self._output()
            self._set_text(self.output_edit, self.document.graph.output_name)
            self.title.setText(f"<b>{node.spec.symbol} {node.spec.title}</b> &nbsp;<i>{node.id}</i><br>"
                               f"{node.spec.description}")
            self._set_text(self.name_edit, str(node.params.get("name", "")))
            value = node.params.get("value")
            self._set_text(self.value_edit, _value_text(value) if value is not None else "")
            self._set_text(self.exponent_edit, repr(float(node.params.get("c", 0.0))))
            self.numbers.setPlainText(self._numbers_text(node))
        for key, widgets in (("name", (self.name_label, self.name_edit)), ("value", (self.value_label, self.value_edit)),
                             ("c", (self.exponent_label, self.exponent_edit)),
                             ("output", (self.output_label, self.output_edit))):
            for widget in widgets:
                widget.setVisible(has[key])

    def _set_text(self, edit: QLineEdit, text: str) -> None:
        if not edit.hasFocus() or not edit.isModified():
            edit.setText(text)
            edit.setModified(False)

    def _numbers_text(self, node: Node) -> str:
        result = self.document.compiler.results.get(node.id)
        if result is None:
            return ""
        lines = []
        if result.error:
            lines.append(f"⚠ {result.error}\n")
        lines.append(f"value: {format_full(result.value) if result.value is not None else '(none)'}")
        graph = self.document.graph
        if result.grad is not None:
            root = graph.output_name
            lines.append(f"gradient ∂{root}/∂{node.label}: {format_full(result.grad)}")
            wires = graph.input_edges(node.id)
            for port, grad in result.input_grads.items():
                source = graph.nodes[wires[port].src].label if port in wires else "?"
                lines.append(f"  sent back through input {port} (from {source}): {format_full(grad)}")
            if node.kind == "Variable":
                second = second_derivative(self.document.compiler, node.id, self.document.compiler.gradient_root)
                lines.append(f"second derivative ∂²{root}/∂{node.label}²: {format_full(second)}")
        else:
            lines.append("gradient: press Backward to compute it")
        return "\n".join(lines)

    def _output(self) -> str | None:
        try:
            return self.document.compiler.default_output()
        except ValueError:
            return None

    def _output_edited(self) -> None:
        if not self.output_edit.isModified():
            return
        self.output_edit.setModified(False)
        try:
            name = _parse_name(self.output_edit.text())
        except ValueError as exc:
            self.problem.setText(f"Output name not changed: {exc}.")
            return
        self.problem.clear()
        if name != self.document.graph.output_name:
            self.output_renamed.emit(name)

    def _name_edited(self) -> None:
        self._apply(self.name_edit, "name", _parse_name)

    def _value_edited(self) -> None:
        self._apply(self.value_edit, "value", parse_value_text)

    def _exponent_edited(self) -> None:
        self._apply(self.exponent_edit, "c", _parse_exponent)

    def _apply(self, edit: QLineEdit, param: str, parse) -> None:
        """Check what was typed; refuse it with a message, or ask for the edit if it differs."""
        if self.node is None or not edit.isModified():
            return
        edit.setModified(False)
        try:
            value = parse(edit.text())
        except ValueError as exc:  # ValueFormatError is a ValueError
            self.problem.setText(f"{_FIELD_NAMES[param]} not changed: {exc}.")
            return
        self.problem.clear()
        if not _same(self.node.params.get(param), value):
            self.edit_requested.emit(self.node.id, param, value)


_FIELD_NAMES = {"name": "Name", "value": "Value", "c": "Exponent"}


def _parse_name(text: str) -> str:
    name = text.strip()
    if not NAME_PATTERN.fullmatch(name):
        raise ValueError(f"'{name}' is not a name; use letters, digits and _, not starting with a digit")
    return name


def _parse_exponent(text: str) -> float:
    try:
        c = float(text)
    except ValueError:
        c = float("nan")
    if not math.isfinite(c):
        raise ValueError(f"'{text.strip()}' is not a number such as 2, -1 or 0.5")
    return c


def _same(old: object, new: object) -> bool:
    if isinstance(new, np.ndarray):
        return isinstance(old, np.ndarray) and old.shape == new.shape and bool((old == new).all())
    return old == new


def _value_text(value) -> str:
    data = to_json_value(value)
    return _compact(data)


def _compact(data) -> str:
    if isinstance(data, list):
        return "[" + ", ".join(_compact(v) for v in data) + "]"
    return repr(float(data)).removesuffix(".0") if float(data).is_integer() else repr(float(data))
