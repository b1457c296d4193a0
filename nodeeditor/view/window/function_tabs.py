"""Opening a function made of nodes: its body in a tab of its own, beside the graph.

The tab shows the body as it runs at the Call node that was double-clicked: every value
inside and, after Backward, every gradient inside. Moving nodes and wiring them are
commands of the same undo history as the main graph, and the Inspector edits the
parameters of the nodes inside; every use of the function follows.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from nodeeditor.compiler import NodeResult
from nodeeditor.model.catalog import CALL
from nodeeditor.model.events import FunctionsChanged, GraphEvent, GraphReplaced, NodesRemoved
from nodeeditor.model.functions import FunctionDef
from nodeeditor.model.graph import Graph
from nodeeditor.view import texts
from nodeeditor.view.canvas.canvas import Canvas
from nodeeditor.view.canvas.node_item import NodeItem
from nodeeditor.view.canvas.scene import GraphScene
from nodeeditor.view.window.document import Document, GraphDocument


class _InnerResults:
    """What the scene reads from a compiler, for the inside of one call."""

    def __init__(self, document: Document, call_id: str, function: FunctionDef) -> None:
        self.document, self.call_id, self.function = document, call_id, function

    @property
    def results(self) -> dict[str, NodeResult]:
        return self.document.compiler.inner.get(self.call_id, {})

    def default_output(self) -> str:
        return self.function.output()


class BodyDocument(QObject):
    """The document a function tab shows (a GraphDocument): the body graph, the results
    inside one call, and the main document's session for its edits."""

    results_changed = Signal(object)
    #: the text of the tab over the node whose value the function returns
    output_badge = "returns"
    is_main = False

    def __init__(self, document: Document, call_id: str) -> None:
        super().__init__(document)
        self.outer = document
        self.call_id = call_id
        self.function: FunctionDef = document.graph.nodes[call_id].spec.function
        self.graph: Graph = self.function.body
        self.compiler = _InnerResults(document, call_id, self.function)
        self.session = document.session
        document.results_changed.connect(self._outer_results)

    @property
    def title(self) -> str:
        return f"ƒ {self.function.name}"

    @property
    def gradients_hidden(self) -> bool:
        return self.outer.gradients_hidden

    def _outer_results(self, node_ids: set) -> None:
        if not node_ids or self.call_id in node_ids:
            self.results_changed.emit(set(self.graph.nodes))

    def detach(self) -> None:
        self.outer.results_changed.disconnect(self._outer_results)


class FunctionTab(QWidget):
    """One opened function: its scene and canvas."""

    #: the one node selected inside (None: none, or several)
    selected = Signal(object)

    def __init__(self, body: BodyDocument) -> None:
        super().__init__()
        self.body = body
        self.scene = GraphScene(body)
        self.scene.setParent(self)
        self.canvas = Canvas(self.scene)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        self.scene.selectionChanged.connect(self._selection_changed)

    def _selection_changed(self) -> None:
        items = [i for i in self.scene.selectedItems() if isinstance(i, NodeItem)]
        self.selected.emit(items[0].node if len(items) == 1 else None)

    def close_tab(self) -> None:
        self.scene.release()
        self.body.detach()


class FunctionTabs(QObject):
    """The tabs of the central area: the graph first, then each opened function."""

    message = Signal(str)
    #: the tab in front changed: the document it shows (the main one or a body)
    current_changed = Signal(object)
    #: the node selected in the function in front (None: none)
    body_selected = Signal(object)
    #: the graph's functions made of nodes changed: their names now
    functions_changed = Signal(list)

    def __init__(self, parent: QObject, document: Document, main: QWidget) -> None:
        super().__init__(parent)
        self.document = document
        self.widget = QTabWidget()
        self.widget.setDocumentMode(True)
        self.widget.setTabsClosable(True)
        self.widget.addTab(main, "Graph")
        self.widget.tabBar().setTabButton(0, self.widget.tabBar().ButtonPosition.RightSide, None)
        self.widget.tabCloseRequested.connect(self._close_at)
        self._current: FunctionTab | None = None
        #: the canvas shortcuts (copy, paste, delete...) each opened function's canvas takes too
        self.canvas_actions: list[QAction] = []
        self.widget.currentChanged.connect(self._current_changed)
        document.graph.subscribe(self._on_graph_event)

    def _current_changed(self, _index: int) -> None:
        widget = self.widget.currentWidget()
        self._current = widget if isinstance(widget, FunctionTab) else None
        self.current_changed.emit(self.current_document())
        if self._current is not None:
            self._current._selection_changed()

    def _tab_selected(self, node: object) -> None:
        if self.sender() is self._current:
            self.body_selected.emit(node)

    def tabs(self) -> list[FunctionTab]:
        return [self.widget.widget(i) for i in range(1, self.widget.count())]

    def current_tab(self) -> FunctionTab | None:
        return self._current

    def current_canvas(self, main: Canvas) -> Canvas:
        return self._current.canvas if self._current is not None else main

    def current_document(self) -> GraphDocument:
        return self._current.body if self._current is not None else self.document

    def open_call(self, node_id: str) -> FunctionTab | None:
        """A double-clicked node: if it is a Call, the inside of its function."""
        if self.document.graph.nodes[node_id].kind != CALL:
            return None
        tab = self.open(node_id)
        for action in self.canvas_actions:
            if action not in tab.canvas.actions():
                tab.canvas.addAction(action)
        return tab

    def open(self, call_id: str) -> FunctionTab:
        """Show the inside of the function the Call node ``call_id`` uses, at that call."""
        for tab in self.tabs():
            if tab.body.call_id == call_id:
                self.widget.setCurrentWidget(tab)
                return tab
        tab = FunctionTab(BodyDocument(self.document, call_id))
        tab.selected.connect(self._tab_selected)
        self.widget.addTab(tab, tab.body.title)
        self.widget.setTabToolTip(self.widget.indexOf(tab), texts.INSIDE_TIP.format(function=tab.body.function.name,
                                                                                    node=call_id))
        self.widget.setCurrentWidget(tab)
        tab.canvas.fit(readable=True)
        self.message.emit(texts.INSIDE.format(function=tab.body.function.name))
        return tab

    def _close_at(self, index: int) -> None:
        if index > 0:
            self._close(self.widget.widget(index))

    def _close(self, tab: FunctionTab) -> None:
        tab.selected.disconnect(self._tab_selected)
        tab.close_tab()
        self.widget.removeTab(self.widget.indexOf(tab))
        tab.deleteLater()

    def _on_graph_event(self, event: GraphEvent) -> None:
        """A tab whose call or function is gone closes (a new file, an undone Make function)."""
        if isinstance(event, FunctionsChanged):
            self.functions_changed.emit(list(self.document.graph.functions))
        if isinstance(event, GraphReplaced | NodesRemoved | FunctionsChanged) and self.widget.count() > 1:
            for tab in self.tabs():
                gone = tab.body.call_id not in self.document.graph.nodes or \
                    self.document.graph.functions.get(tab.body.function.name) is not tab.body.function
                if isinstance(event, GraphReplaced) or gone:
                    self._close(tab)
