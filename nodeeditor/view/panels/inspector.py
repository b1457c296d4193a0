"""The inspector: edit the selected node's parameters (one editor per parameter the
catalog lists: a Variable's name and value, Pow's exponent, Sum's axis...), and read its
value and gradient in full precision. A malformed entry is refused with a message and
nothing changes."""
from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nodeeditor.lessons.study import LARGEST_SECOND_DERIVATIVE, second_derivative
from nodeeditor.model import format_full
from nodeeditor.model.catalog import param_types
from nodeeditor.model.graph import Node
from nodeeditor.model.params import Param, ParamError
from nodeeditor.model.special_values import gradient_note, value_note
from nodeeditor.model.values import ValueFormatError, read_csv, shape_text
from nodeeditor.view import style, texts
from nodeeditor.view.panels.panel import Panel
from nodeeditor.view.window.document import Document, GraphDocument

#: The parameters that hold a node's name (see NodeKind.name_param): its row comes first.
NAMING = ("name", "label")


class Inspector(QWidget, Panel):
    #: node id, parameter name, new value (already checked)
    edit_requested = Signal(str, str, object)

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.node: Node | None = None
        layout = QVBoxLayout(self)
        self.title = QLabel(texts.SELECT_TO_INSPECT)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.RichText)
        layout.addWidget(self.title)
        form = QFormLayout()
        #: one editor per parameter name in the catalog, shown for the kinds that have it
        self.editors: dict[str, QLineEdit | QCheckBox] = {}
        self.labels: dict[str, QLabel] = {}
        params = param_types()
        for name in sorted(params, key=lambda n: n not in NAMING):  # the node's name first, for every node
            editor = self._make_editor(params[name])
            self.editors[name], self.labels[name] = editor, QLabel(params[name].label)
            form.addRow(self.labels[name], editor)
        self.csv_button = QPushButton("Load from CSV…")
        self.csv_button.setToolTip(texts.CSV_TIP)
        self.csv_button.clicked.connect(self._load_csv)
        form.addRow("", self.csv_button)
        widest = max(label.sizeHint().width() for label in self.labels.values())
        for label in self.labels.values():
            label.setMinimumWidth(widest)  # the editors' left edge stays where it is, whichever rows show
        layout.addLayout(form)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {style.ERROR_COLOR.name()}")
        layout.addWidget(self.problem)
        self.numbers = QPlainTextEdit()
        self.numbers.setReadOnly(True)
        self.numbers.setToolTip(texts.NUMBERS_TIP)
        self.numbers.setPlaceholderText(texts.NUMBERS_HINT)
        layout.addWidget(self.numbers, 1)
        document.results_changed.connect(self._results_changed)
        self.show_node(None)

    def set_document(self, document: GraphDocument) -> None:
        """Show nodes of ``document``: the main one, or an opened function's body."""
        if document is self.document:
            return
        self.document.results_changed.disconnect(self._results_changed)
        self.document = document
        document.results_changed.connect(self._results_changed)
        self.show_node(None)

    def document_replaced(self) -> None:
        for editor in self.editors.values():
            if isinstance(editor, QLineEdit):
                editor.clear()
        self.show_node(None)

    @property
    def name_edit(self) -> QLineEdit:
        """The Name row of the node shown (a Variable's, an Add's, the output's)."""
        return self.editors[self.node.spec.name_param if self.node is not None else "name"]

    @property
    def output_edit(self) -> QLineEdit:
        """The output's Name row: what Backward differentiates is called (y)."""
        return self.name_edit

    @property
    def value_edit(self) -> QLineEdit:
        return self.editors["value"]

    @property
    def exponent_edit(self) -> QLineEdit:
        return self.editors["c"]

    def _make_editor(self, param: Param) -> QLineEdit | QCheckBox:
        if param.type.editor == "check":
            box = QCheckBox()
            box.setToolTip(param.tooltip)
            box.toggled.connect(lambda on, name=param.name: self._checked(name, on))
            return box
        edit = QLineEdit()
        edit.setToolTip(param.tooltip)
        edit.editingFinished.connect(lambda name=param.name: self._edited(name))
        return edit

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
        shown = {p.name: p for p in node.spec.params} if node is not None else {}
        is_output = node is not None and node.id == self._output()
        if node is None:  # the graph's own description (an example's lesson, a task) first
            about = self.document.graph.description if self.document.is_main else ""
            self.title.setText(texts.ABOUT_THE_GRAPH.format(about=html.escape(about).replace("\n", "<br>"))
                               if about else texts.SELECT_TO_INSPECT)
            self.numbers.setPlainText("")
        else:
            name = self._name_of(node)
            kind = node.spec.title if node.spec.is_input else f"{node.spec.symbol} {node.spec.title}"
            locked = self._locked(node.id)
            note = f"<br><i>{texts.INSPECTOR_LOCKED}</i>" if locked else ""
            self.title.setText(f"<b>{html.escape(name)}</b> &nbsp;{html.escape(kind)}<br>{node.spec.description}{note}")
            for editor in self.editors.values():
                editor.setEnabled(not locked)  # (greyed: nothing to type into)
            self.csv_button.setEnabled(not locked)
            for key, param in shown.items():
                self._show_value(self.editors[key], param, node.params[key])
            self._set_text(self.name_edit, name)  # the output by the output's name (y)
            self.numbers.setPlainText(self._numbers_text(node))
        self.csv_button.setVisible("value" in shown)
        for key, editor in self.editors.items():
            editor.setVisible(key in shown)
            self.labels[key].setVisible(key in shown)
            if key in shown:
                self.labels[key].setText(shown[key].label)
                editor.setToolTip(texts.OUTPUT_TIP if is_output and key in NAMING else shown[key].tooltip)

    def _name_of(self, node: Node) -> str:
        """The node's one name, as the canvas shows it."""
        return node.label

    def _main(self) -> bool:
        """Whether the main graph is shown (not a function's body, whose end is not y)."""
        return self.document.is_main

    def _show_value(self, editor: QLineEdit | QCheckBox, param: Param, value: Any) -> None:
        if isinstance(editor, QCheckBox):
            editor.blockSignals(True)
            editor.setChecked(bool(value))
            editor.blockSignals(False)
        else:
            self._set_text(editor, param.type.text(value))

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
        if result.note:
            lines.append(f"⇉ {result.note}\n")
        for note in (value_note(self.document.graph, self.document.compiler.results, node.id),
                     gradient_note(self.document.graph, self.document.compiler.results, node.id)):
            if note:
                lines.append(f"ⓘ {note}\n")
        if result.value is not None and np.ndim(result.value):
            lines.append(texts.NUMBERS_SHAPE.format(shape=shape_text(result.value.shape)))
        if result.value is not None:
            lines.append(texts.NUMBERS_VALUE.format(value=format_full(result.value)))
        else:
            lines.append(texts.NUMBERS_NO_VALUE)
        graph = self.document.graph
        if result.grad is not None:
            root = graph.output_name
            lines.append(texts.NUMBERS_GRADIENT.format(out=root, node=node.label, gradient=format_full(result.grad)))
            wires = graph.input_edges(node.id)
            for port, grad in result.input_grads.items():
                source = graph.nodes[wires[port].src].label if port in wires else "?"
                lines.append(texts.NUMBERS_SENT_BACK.format(port=port, source=source, gradient=format_full(grad)))
            if node.kind == "Variable":
                second = second_derivative(self.document.compiler, node.id, self.document.compiler.gradient_root)
                if second is None:
                    lines.append(texts.SECOND_DERIVATIVE_TOO_BIG.format(most=LARGEST_SECOND_DERIVATIVE))
                elif np.size(second) == 1:
                    lines.append(texts.SECOND_DERIVATIVE.format(out=root, node=node.label, value=format_full(second)))
                else:
                    lines.append(texts.SECOND_DERIVATIVES.format(out=root, node=node.label, value=format_full(second)))
        else:
            lines.append(texts.NUMBERS_GRADIENT_HIDDEN if self.document.gradients_hidden else texts.NUMBERS_NO_GRADIENT)
        return "\n".join(lines)

    def _locked(self, node_id: str) -> bool:
        """Whether the teacher locked this node of the main graph (and teacher mode is off)."""
        session = self.document.session
        assignment = session.assignment
        return (self.document.is_main and assignment is not None and not session.teacher_mode
                and node_id in assignment.task.locked)

    def _output(self) -> str | None:
        if not self._main():
            return None
        try:
            return self.document.compiler.default_output()
        except ValueError:
            return None

    def _renamed(self, typed: str) -> None:
        """A new name typed for the node shown: a name another node has is refused; an
        empty one gets a name given for it."""
        graph, node = self.document.graph, self.node
        try:
            name = node.spec.param(node.spec.name_param).parse(typed)
        except ParamError as exc:
            self.problem.setText(texts.NAME_NOT_CHANGED.format(reason=exc))
            return
        if not name:
            name = graph.unique_name(node.spec.name_base, numbered=True)
        if name == node.label:
            return
        if graph.name_taken(name, node.id):
            self._set_text(self.name_edit, node.label)
            self.problem.setText(texts.NAME_TAKEN.format(name=name))
            return
        self.problem.clear()
        self.edit_requested.emit(node.id, node.spec.name_param, name)

    def _edited(self, name: str) -> None:
        """Check what was typed; refuse it with a message, or ask for the edit if it differs."""
        edit = self.editors[name]
        if self.node is None or not edit.isModified() or name not in self.node.params:
            return
        edit.setModified(False)
        if name in NAMING:
            self._renamed(edit.text())
            return
        param = self.node.spec.param(name)
        try:
            value = param.parse(edit.text())
        except ParamError as exc:
            self.problem.setText(texts.PARAM_NOT_CHANGED.format(param=param.label, reason=exc))
            return
        self._request(name, value)

    def _load_csv(self) -> None:
        if self.node is None or "value" not in self.node.params:
            return
        path, _ = QFileDialog.getOpenFileName(self, texts.CSV_DIALOG, "", "CSV files (*.csv *.txt);;All files (*)")
        if path:
            self.load_csv(path)

    def load_csv(self, path: str) -> None:
        """Put the numbers of a CSV file into the selected node's value, or say why not."""
        try:
            value = read_csv(path)
        except ValueFormatError as exc:
            self.problem.setText(texts.CSV_NOT_LOADED.format(file=Path(path).name, reason=exc))
            return
        self._request("value", value)

    def _checked(self, name: str, on: bool) -> None:
        if self.node is not None and name in self.node.params:
            self._request(name, on)

    def _request(self, name: str, value: Any) -> None:
        self.problem.clear()
        if not _same(self.node.params.get(name), value):
            self.edit_requested.emit(self.node.id, name, value)


def _same(old: object, new: object) -> bool:
    if isinstance(new, np.ndarray) or isinstance(old, np.ndarray):
        return (isinstance(old, np.ndarray) and isinstance(new, np.ndarray) and old.shape == new.shape
                and bool((old == new).all()))
    return old == new
