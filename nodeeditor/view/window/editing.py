"""The Edit and Graph menus' work: adding, deleting, copying and pasting nodes, the
formula bar, the inspector's edits, the output, Backward. Each change is one command."""
from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, Signal
from PySide6.QtGui import QCursor, QGuiApplication, QPainterPath
from PySide6.QtWidgets import QInputDialog

from nodeeditor.compiler import BackwardError
from nodeeditor.model import Graph, GraphFileError, kind_of
from nodeeditor.model.catalog import CALL
from nodeeditor.model.expression import ExpressionError
from nodeeditor.plural import plural
from nodeeditor.session.commands import param_change_text
from nodeeditor.session.locks import Refused
from nodeeditor.session.make_function import FunctionRefused
from nodeeditor.view import texts
from nodeeditor.view.canvas.node_item import NodeItem
from nodeeditor.view.canvas.scene import GraphScene
from nodeeditor.view.window.document import Document

#: Graphs with more nodes than this run Backward on a thread, with progress and Cancel.


class Editing(QObject):
    message = Signal(str)
    #: a formula was built: the view should show the whole new graph
    rebuilt = Signal()
    #: Backward ran (the moment autosave keeps the work too)
    backward_done = Signal()

    def __init__(self, parent: QObject, document: Document, scene: GraphScene) -> None:
        super().__init__(parent)
        self.document, self.scene = document, scene
        self.session = document.session
        #: the function tabs, when the window has them: edits go to the tab in front
        self.tabs = None

    def place(self) -> tuple[Graph, GraphScene]:
        """Where an edit goes: the graph, or the body of the function opened in front."""
        tab = self.tabs.current_tab() if self.tabs is not None else None
        return (tab.body.graph, tab.scene) if tab is not None else (self.document.graph, self.scene)

    def _body(self) -> Graph | None:
        """The body being edited, or None for the graph (the session's default)."""
        graph, _scene = self.place()
        return graph if graph is not self.document.graph else None

    # selection -----------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        graph, scene = self.place()
        return [i.node.id for i in scene.selectedItems() if isinstance(i, NodeItem) and i.node.id in graph.nodes]

    def selected_node(self) -> str | None:
        """The one node selected (None: none, or several)."""
        ids = self.selected_ids()
        return ids[0] if len(ids) == 1 else None

    def select(self, node_ids: list[str]) -> None:
        """Select exactly these nodes, as one selection change (a paste of 1,000 nodes
        refreshed the panels 1,000 times, each reading the whole selection)."""
        _graph, scene = self.place()
        scene.blockSignals(True)
        try:
            scene.clearSelection()
            for node_id in node_ids:
                scene.nodes[node_id].setSelected(True)
        finally:
            scene.blockSignals(False)
        scene.selectionChanged.emit()

    def select_all(self) -> None:
        """Every node at once (one selection change, however many nodes)."""
        _graph, scene = self.place()
        area = QPainterPath()
        area.addRect(scene.itemsBoundingRect().adjusted(-10, -10, 10, 10))
        scene.setSelectionArea(area)

    # adding and removing ---------------------------------------------------------
    def add_node(self, kind: str, scene_pos: QPointF) -> str | None:
        """Add a node of ``kind`` (or ``Call:Name``, a use of a function made of nodes)."""
        at = (scene_pos.x(), scene_pos.y())
        try:
            if kind.startswith(f"{CALL}:"):
                name = kind.split(":", 1)[1]
                node_id = self.session.add_node(CALL, at, {"function": name}, self._body())
                title = name
            else:
                node_id = self.session.add_node(kind, at, graph=self._body())
                title = kind_of(kind).title
        except (FunctionRefused, Refused) as exc:
            self.message.emit(texts.NOT_ADDED.format(reason=exc))
            return None
        self.select([node_id])
        self.message.emit(texts.ADDED.format(kind=title))
        return node_id

    def make_function(self) -> str | None:
        """Collapse the selected nodes into a function made of nodes, named by the student."""
        if self._body() is not None:
            self.message.emit(texts.FUNCTIONS_IN_MAIN_GRAPH)
            return None
        ids = self.selected_ids()
        if not ids:
            self.message.emit(texts.SELECT_FOR_FUNCTION)
            return None
        graph = self.document.graph
        suggested = next(f"Function{i}" for i in range(1, 10_000) if f"Function{i}" not in graph.functions)
        name, ok = QInputDialog.getText(self.parent(), "Make function", texts.NAME_THE_FUNCTION, text=suggested)
        if not ok:
            return None
        try:
            call_id = self.session.make_function(ids, name)
        except (FunctionRefused, Refused) as exc:
            self.message.emit(texts.NO_FUNCTION_MADE.format(reason=exc))
            return None
        self.select([call_id])
        self.message.emit(texts.FUNCTION_MADE.format(name=name.strip()))
        return call_id

    def delete_selection(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.place()[1].clearSelection()  # one selection change, not one per deleted node
            try:
                self.session.delete(ids, self._body())
            except (FunctionRefused, Refused) as exc:
                self.select(ids)
                self.message.emit(texts.NOT_DELETED.format(reason=exc))
                return
            self.message.emit(plural(len(ids), texts.DELETED_ONE, texts.DELETED).format(count=len(ids)))

    def copy(self) -> bool:
        ids = self.selected_ids()
        if not ids:
            self.message.emit(texts.SELECT_TO_COPY)
            return False
        QGuiApplication.clipboard().setText(self.session.copy(ids, self._body()))
        self.message.emit(plural(len(ids), texts.COPIED_ONE, texts.COPIED).format(count=len(ids)))
        return True

    def pointed_at(self) -> tuple[float, float]:
        """Where the student points on the canvas in front: the mouse pointer if it is over
        the canvas, else the middle of what the canvas shows."""
        _graph, scene = self.place()
        view = scene.views()[0]
        local = view.viewport().mapFromGlobal(QCursor.pos())
        if not view.viewport().rect().contains(local):
            local = view.viewport().rect().center()
        point = view.mapToScene(local)
        return (point.x(), point.y())

    def paste(self, beside: bool = False) -> None:
        """Paste where the student points (``beside``: next to the copied nodes, for Duplicate)."""
        try:
            at = None if beside else self.pointed_at()
            ids = self.session.paste(QGuiApplication.clipboard().text(), at=at, graph=self._body())
        except (FunctionRefused, Refused) as exc:
            self.message.emit(texts.NOT_PASTED.format(reason=exc))
            return
        except GraphFileError:
            self.message.emit(texts.NOTHING_TO_PASTE)
            return
        self.select(ids)
        self._show(ids)
        self.message.emit(plural(len(ids), texts.PASTED_ONE, texts.PASTED).format(count=len(ids)))

    def _show(self, node_ids: list[str]) -> None:
        """Bring the nodes into view, as far as the canvas shows them at its zoom."""
        _graph, scene = self.place()
        items = [scene.nodes[n] for n in node_ids if n in scene.nodes]
        if items:
            area = items[0].sceneBoundingRect()
            for item in items[1:]:
                area = area.united(item.sceneBoundingRect())
            scene.views()[0].ensureVisible(area, 20, 20)

    def duplicate(self) -> None:
        if self.copy():
            self.paste(beside=True)

    # parameters and the output ------------------------------------------------------
    def edit_param(self, node_id: str, name: str, value: object) -> None:
        """An edit from the Inspector, of the graph or of the function opened in front."""
        graph, body = self.place()[0], self._body()
        text = param_change_text(graph.nodes[node_id], name, value)
        try:
            self.session.set_param(node_id, name, value, body)
        except Refused as exc:
            self.message.emit(str(exc))
            return
        self.message.emit((texts.EDITED if body is None else texts.EDITED_INSIDE).format(edit=text))

    def set_output(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            self.message.emit(texts.SELECT_ONE_FOR_OUTPUT)
            return
        self.session.set_output(ids[0])
        name = self.document.graph.output_name
        self.message.emit(texts.NOW_THE_OUTPUT.format(node=self.document.graph.nodes[ids[0]].label, out=name))

    def randomize(self) -> list[str]:
        """Graph → Randomize Values: the selected Variables, or all of them."""
        try:
            changed = self.session.randomize(self.selected_ids())
        except Refused as exc:
            self.message.emit(str(exc))
            return []
        if not changed:
            self.message.emit(texts.NO_VARIABLES)
        else:
            name = self.document.graph.nodes[changed[0]].label
            self.message.emit(plural(len(changed), texts.RANDOMIZED_ONE, texts.RANDOMIZED).format(
                count=len(changed), name=name))
        return changed

    # gradients --------------------------------------------------------------------
    def backward(self) -> bool:
        try:
            self.document.backward()
        except BackwardError as exc:
            self.message.emit(str(exc))
            return False
        name = self.document.graph.output_name
        runs = self.document.compiler.backward_runs
        if runs > 1:
            self.message.emit(texts.BACKWARD_TWICE.format(runs=runs))
        else:
            self.message.emit(texts.BACKWARD_DONE.format(out=name))
        self.backward_done.emit()
        return True

    def toggle_keep_gradients(self) -> None:
        keep = self.session.keep_gradients = not self.session.keep_gradients
        self.message.emit(texts.ADDS_UP if keep else texts.CLEARS_AGAIN)

    def clear_gradients(self) -> None:
        self.document.clear_gradients()
        self.message.emit(texts.GRADIENTS_CLEARED)

    # the formula bar -----------------------------------------------------------------
    def build_from_formula(self, text: str) -> ExpressionError | None:
        """Build ``text``; returns the error (already reported) when it cannot be built."""
        self.scene.clearSelection()
        try:
            graph = self.session.build_formula(text)
        except ExpressionError as exc:
            self.message.emit(texts.FORMULA_NOT_BUILT.format(reason=exc))
            return exc
        except Refused as exc:
            self.message.emit(str(exc))
            return ExpressionError(str(exc))
        self.rebuilt.emit()
        count = len(graph.nodes)
        self.message.emit(plural(count, texts.BUILT_ONE, texts.BUILT).format(formula=text, count=count))
        return None
