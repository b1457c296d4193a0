"""The canvas scene: follows the model's events with items, and turns mouse gestures
on sockets into undo commands. It never computes a value."""
from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPen, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsSceneMouseEvent, QGraphicsView

from nodeeditor.compiler import NodeResult
from nodeeditor.lessons.paths import Lit
from nodeeditor.model import ConnectionRefused, Edge, GraphEvent, format_array
from nodeeditor.model.events import (
    FieldChanged,
    GraphReplaced,
    NodeChanged,
    NodeMoved,
    NodesAdded,
    NodesRemoved,
    WireAdded,
    WireRemoved,
)
from nodeeditor.session.locks import Refused
from nodeeditor.view import style, texts
from nodeeditor.view.canvas.edge_item import EdgeItem, PendingWire, bezier
from nodeeditor.view.canvas.flow_marker import animate_along
from nodeeditor.view.canvas.node_item import SOCKET_REACH, NodeItem
from nodeeditor.view.window.document import GraphDocument

#: Room to pan around a small graph; a bigger one widens it (see _make_room).
MIN_SCENE_RECT = QRectF(-5000, -5000, 10000, 10000)
#: A square that holds any node (with its badge and sockets), from its position.
NODE_REACH = 400.0
#: How far beyond the farthest node one can still pan.
SCENE_MARGIN = 2000.0
#: A socket counts as hit within this many pixels on the screen, however far zoomed out.
SCREEN_REACH = 14.0


class GraphScene(QGraphicsScene):
    message = Signal(str)
    #: a node was double-clicked (a Call node opens its function)
    node_double_clicked = Signal(str)

    def __init__(self, document: GraphDocument) -> None:
        super().__init__()
        self.document = document
        self.nodes: dict[str, NodeItem] = {}
        self.edges: dict[Edge, EdgeItem] = {}
        self.setItemIndexMethod(QGraphicsScene.BspTreeIndex)
        self.setSceneRect(MIN_SCENE_RECT)
        self._room = (MIN_SCENE_RECT.left(), MIN_SCENE_RECT.top(), MIN_SCENE_RECT.right(), MIN_SCENE_RECT.bottom())
        self._drag: dict | None = None
        self._press_positions: dict[str, tuple[float, float]] = {}
        #: the nodes shown locked by the teacher (see set_locked)
        self.locked: frozenset[str] = frozenset()
        #: where a press on a node the teacher locked began (a drag of it is told why it stays)
        self._locked_press: QPointF | None = None
        self._dragged: dict[str, NodeItem] = {}
        #: items of removed nodes and wires, kept for an undo to put back (creating them
        #: again cost more than all else an undo of a big delete does); a reset drops them
        self._spare_nodes: dict[str, NodeItem] = {}
        self._spare_edges: dict[Edge, EdgeItem] = {}
        #: items of removed nodes and wires still to be taken off the scene (see _leave)
        self._leaving: dict[QGraphicsItem, None] = {}
        #: how many items have been put on the scene: each item's ``placed`` is its turn
        self._placed = 0
        self._output_stale = True
        #: nodes whose gradients are hidden (the student is guessing them)
        self.masked: set[str] = set()
        #: a text in place of a node's gradient (see NodeItem.overlay)
        self.overlays: dict[str, tuple[str, QColor]] = {}
        #: the chain rule's paths lit on the canvas, by layer (see set_paths)
        self._paths: dict[str, Lit | None] = {}
        self._dimmed = False
        document.graph.subscribe(self._on_graph_event)
        document.results_changed.connect(self._on_results)
        self._rebuild()

    def release(self) -> None:
        """Stop following the document (before this scene is thrown away)."""
        self.document.graph.unsubscribe(self._on_graph_event)
        self.document.results_changed.disconnect(self._on_results)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        item = self.itemAt(event.scenePos(), QTransform())
        while item is not None and not isinstance(item, NodeItem):
            item = item.parentItem()
        if isinstance(item, NodeItem):
            self.node_double_clicked.emit(item.node.id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    # following the model -----------------------------------------------
    def _on_graph_event(self, event: GraphEvent) -> None:
        if self._dimmed and not isinstance(event, NodeMoved):  # lit paths of the graph before
            self._paths.clear()
            self.set_paths("chain", None)
        nodes = self.document.graph.nodes
        match event:
            case GraphReplaced():
                self._rebuild()
            case NodesAdded(nodes=added, edges=edges):
                for node_id in added:
                    self._add_node_item(nodes[node_id])
                for edge in edges:
                    self._add_edge_item(edge)
            case NodesRemoved(nodes=removed, edges=edges):
                for edge in edges:
                    self._remove_edge_item(edge)
                for node_id in removed:
                    self._remove_node_item(node_id)
            case NodeChanged(node_id=node_id) | NodeMoved(node_id=node_id):
                item = self.nodes[node_id]
                item.refresh_node()
                self._update_wires(node_id)
                self._make_room(item)
            case WireAdded(edge=edge):
                self._add_edge_item(edge)
            case WireRemoved(edge=edge):
                self._remove_edge_item(edge)
            case FieldChanged():
                self._mark_output()
        if event.rewires:
            self._output_stale = True  # which node is the output may have changed: see after the edit

    # Qt keeps a scene's items in a list in the order they came, and once an item other than
    # the last has gone it finds each item it takes off by searching that list from the
    # front. Taking off 20,000 wires that came after 20,000 nodes was quadratic (a delete
    # of 40,000 items took seconds); taken off in the order they came, each is found at
    # once. So removed items wait until the change is over, then leave in that order.
    def _put(self, item: QGraphicsItem) -> None:
        """Put ``item`` on the scene (or keep it there, if it was about to leave)."""
        if item in self._leaving:
            del self._leaving[item]  # it never left
            return
        self._placed += 1
        item.placed = self._placed
        self.addItem(item)

    def _leave(self, item: QGraphicsItem) -> None:
        if not self._leaving:
            QTimer.singleShot(0, self, self.flush_removed)  # at the latest when the change is over
        self._leaving[item] = None

    def flush_removed(self) -> None:
        """Take the removed items off the scene, in the order they came onto it."""
        if self._leaving:
            leaving = sorted(self._leaving, key=lambda item: item.placed)
            self._leaving = {}
            for item in leaving:
                self.removeItem(item)

    def _rebuild(self) -> None:
        for item in [*self.nodes.values(), *self.edges.values()]:
            self._leaving[item] = None
        self.flush_removed()
        self.nodes.clear()
        self.edges.clear()
        self._spare_nodes.clear()
        self._spare_edges.clear()
        graph = self.document.graph
        for node in graph.nodes.values():
            self._add_node_item(node)
        for edge in graph.edges:
            self._add_edge_item(edge)
        self._mark_output()
        self.setSceneRect(MIN_SCENE_RECT)
        self._make_room_for(MIN_SCENE_RECT)
        if self.nodes:
            self._make_room_for(self.itemsBoundingRect())

    def output_item(self) -> NodeItem | None:
        """The item of the node Backward differentiates, if there is one."""
        try:
            return self.nodes.get(self.document.compiler.default_output())
        except ValueError:
            return None

    def _mark_output(self) -> None:
        """Badge the node Backward differentiates with the output's name."""
        self._output_stale = False
        graph = self.document.graph
        try:
            output = self.document.compiler.default_output()
        except ValueError:
            output = None
        badge = self.document.output_badge
        for node_id, item in self.nodes.items():
            item.set_output_name(graph.output_name if node_id == output else None, badge)

    def _add_node_item(self, node) -> None:
        item = self._spare_nodes.pop(node.id, None)
        if item is None:
            item = NodeItem(node)
        else:
            item.rebind(node)
        result = self.document.compiler.results.get(node.id)
        if result is not None:
            item.set_result(result.without_gradients() if node.id in self.masked else result)
        if self.overlays:
            item.set_overlay(self.overlays.get(node.id))
        item.set_locked(node.id in self.locked)
        self.nodes[node.id] = item
        self._put(item)
        self._make_room(item)

    def _remove_node_item(self, node_id: str) -> None:
        item = self.nodes.pop(node_id)
        self._leave(item)
        self._spare_nodes[node_id] = item  # an undo puts the node back: reuse it

    def _remove_edge_item(self, edge: Edge) -> None:
        item = self.edges.pop(edge)
        self._leave(item)
        self._spare_edges[edge] = item

    def _make_room(self, item: NodeItem) -> None:
        x, y = item.node.position
        left, top, right, bottom = self._room
        if not (left <= x and x + NODE_REACH <= right and top <= y and y + NODE_REACH <= bottom):
            self._make_room_for(QRectF(x, y, NODE_REACH, NODE_REACH))

    def _make_room_for(self, rect: QRectF) -> None:
        """Widen the scene so that ``rect`` and a margin around it can be panned to
        (O(1) a node: a 20,000-node chain is as wide as it needs, never cut off)."""
        if not self.sceneRect().contains(rect):
            margin = SCENE_MARGIN
            self.setSceneRect(self.sceneRect().united(rect.adjusted(-margin, -margin, margin, margin)))
        room = self.sceneRect()
        self._room = (room.left(), room.top(), room.right(), room.bottom())

    def _add_edge_item(self, edge: Edge) -> None:
        item = self._spare_edges.pop(edge, None) or EdgeItem(edge)
        self.edges[edge] = item
        self._put(item)
        self._place_edge(item)
        # what its source shows (a source put back with it shows its old value until the
        # new one comes, and its tags change then only if that value changed)
        value = self.nodes[edge.src].result.value
        item.set_shape(value.shape if value is not None and self._tagged(edge) else None)

    def _place_edge(self, item: EdgeItem) -> None:
        e = item.edge
        src, dst = self.nodes[e.src], self.nodes[e.dst]
        a, b = src.pos(), dst.pos()  # nodes are neither nested, scaled nor turned: pos + offset
        item.set_ends((a.x() + style.NODE_WIDTH, a.y() + src.output_y, b.x(), b.y() + dst.input_y[e.dst_port]))

    def _update_wires(self, node_id: str) -> None:
        graph = self.document.graph
        for edge in list(graph.input_edges(node_id).values()) + list(graph.output_edges(node_id)):
            if edge in self.edges:
                self._place_edge(self.edges[edge])

    def _follow_drag(self) -> None:
        """While nodes are dragged, their wires follow."""
        for node_id in self._dragged:
            self._update_wires(node_id)

    def show_frame(self, shown: dict[str, NodeResult], active: str | None, flows: list, backward: bool,
                   duration_ms: int = style.FLOW_DURATION_MS) -> None:
        """Show a replay step: its numbers, its active node, and ``flows`` moving along wires
        (each taking ``duration_ms``)."""
        for node_id, item in self.nodes.items():
            item.set_result(shown.get(node_id, NodeResult()))
            item.set_highlighted(node_id == active)
        color = style.GRADIENT_COLOR if backward else style.VALUE_COLOR
        for _src, dst, port, number in flows:
            edge = self.document.graph.input_edges(dst).get(port)
            if edge is not None and edge in self.edges:
                animate_along(self, self.edges[edge].path(), format_array(number), color, backward, duration_ms)

    # the chain rule's paths --------------------------------------------------------------
    def set_locked(self, node_ids: frozenset[str]) -> None:
        """Show these nodes as locked by the teacher (and only these): the items whose
        state changes are touched, and a node's item made later takes its state."""
        for node_id in node_ids ^ self.locked:
            item = self.nodes.get(node_id)
            if item is not None:
                item.set_locked(node_id in node_ids)
        self.locked = frozenset(node_ids)

    def set_paths(self, layer: str, lit: Lit | None) -> None:
        """Light up ``lit`` and dim the rest (None: nothing lit on this layer). Two layers:
        "chain" (the Chain rule tab) and "step" (stepping through Backward), which goes
        first while it has something lit."""
        self._paths[layer] = lit
        shown = self._paths.get("step") or self._paths.get("chain")
        if shown is None and not self._dimmed:
            return
        self._dimmed = shown is not None
        if shown is None:  # (the items kept for an undo too: they come back as they were left)
            for item in [*self.nodes.values(), *self._spare_nodes.values()]:
                item.setOpacity(1.0)
            for item in [*self.edges.values(), *self._spare_edges.values()]:
                item.set_lit(None)
            return
        for node_id, item in self.nodes.items():
            item.setOpacity(1.0 if node_id in shown.nodes else style.DIMMED_OPACITY)
        for edge, item in self.edges.items():
            item.set_lit(edge in shown.edges, shown.labels.get(edge, ""))

    def paths_lit(self) -> Lit | None:
        """What is lit now (None: nothing is dimmed)."""
        return self._paths.get("step") or self._paths.get("chain")

    def end_replay(self) -> None:
        """Back to the compiler's current numbers, no node highlighted."""
        for item in self.nodes.values():
            item.set_highlighted(False)
        self._on_results(set(self.nodes))

    def _on_results(self, node_ids: set[str]) -> None:
        self.flush_removed()  # the change is over
        if self._output_stale:
            self._mark_output()
        results = self.document.compiler.results
        masked = self.masked
        for node_id in node_ids:
            item = self.nodes.get(node_id)
            if item is not None and node_id in results:
                result = results[node_id]
                shown = result.without_gradients() if node_id in masked else result
                if shown is not item.result:  # (a node put back by an undo shows it already)
                    value_changed = shown.value is not item.result.value  # (not after a Backward)
                    item.set_result(shown)
                    if value_changed:
                        self._show_shapes(node_id, result)

    def show_instead_of_gradients(self, masked: set[str], overlays: dict[str, tuple[str, QColor]]) -> None:
        """Hide the gradients of ``masked`` nodes and show ``overlays`` in their place
        (guessing, forward mode); empty arguments show the gradients again."""
        self.masked, self.overlays = set(masked), dict(overlays)
        for node_id, item in self.nodes.items():
            item.set_overlay(self.overlays.get(node_id))
        self._on_results(set(self.nodes))

    def _show_shapes(self, node_id: str, result: NodeResult) -> None:
        """Tag the wires leaving ``node_id`` with the shape of what they carry."""
        shape = result.value.shape if result.value is not None else None
        for edge in self.document.graph.output_edges(node_id):
            item = self.edges.get(edge)
            if item is not None:
                item.set_shape(shape if self._tagged(edge) else None)

    def _tagged(self, edge: Edge) -> bool:
        """Whether the wire shows its shape: not when another wire from the same node into
        the same node shows it already (x · x: one tag, not two on top of each other)."""
        wires = self.document.graph.input_edges(edge.dst)
        return not any(w.src == edge.src and w.dst_port < edge.dst_port for w in wires.values())

    # background -------------------------------------------------------------
    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        painter.fillRect(rect, style.CANVAS_BACKGROUND)
        scale = painter.worldTransform().m11()
        step = style.GRID_STEP if scale >= 0.5 else style.GRID_STEP * 5
        left = int(rect.left()) - int(rect.left()) % step
        top = int(rect.top()) - int(rect.top()) % step
        lines: tuple[list[QLineF], list[QLineF]] = ([], [])  # minor, major: two calls into Qt, not one a line
        x = left
        while x < rect.right():
            lines[x % (style.GRID_STEP * 5) == 0].append(QLineF(x, rect.top(), x, rect.bottom()))
            x += step
        y = top
        while y < rect.bottom():
            lines[y % (style.GRID_STEP * 5) == 0].append(QLineF(rect.left(), y, rect.right(), y))
            y += step
        painter.save()
        painter.setRenderHint(QPainter.Antialiasing, False)  # hairlines along the axes: crisp, and 3x faster
        for color, some in zip((style.GRID_MINOR, style.GRID_MAJOR), lines, strict=True):
            if some:
                painter.setPen(QPen(color, 0))
                painter.drawLines(some)
        painter.restore()

    # gestures ------------------------------------------------------------------
    def socket_under(self, pos: QPointF, scale: float = 1.0) -> tuple[NodeItem, str, str] | None:
        """The socket nearest ``pos``, if one is within reach: SOCKET_REACH, or at least
        SCREEN_REACH pixels on a screen showing the scene at ``scale``."""
        reach = max(SOCKET_REACH, SCREEN_REACH / max(scale, 1e-3))
        found = [(hit, item) for item in self.items(QRectF(pos.x() - reach, pos.y() - reach, 2 * reach, 2 * reach))
                 if isinstance(item, NodeItem) and (hit := item.socket_at(item.mapFromScene(pos), reach)) is not None]
        if not found:
            return None
        (_distance, side, port), item = min(found, key=lambda f: f[0][0])
        return item, side, port

    def node_under(self, pos: QPointF) -> NodeItem | None:
        for item in self.items(pos):
            while item is not None and not isinstance(item, NodeItem):
                item = item.parentItem()
            if item is not None:
                return item
        return None

    @staticmethod
    def _scale(event: QGraphicsSceneMouseEvent) -> float:
        """How big the scene is drawn in the view the event came from."""
        view = event.widget().parentWidget() if event.widget() is not None else None
        return view.transform().m11() if isinstance(view, QGraphicsView) else 1.0

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == Qt.LeftButton:
            hit = self.socket_under(event.scenePos(), self._scale(event))
            if hit is not None and hit[1] == "in" and hit[0].locked:  # (its wires are the teacher's)
                self.message.emit(texts.LOCKED_WIRE.format(name=hit[0].node.label))
                event.accept()
                return
            if hit is not None:
                self._start_wire(*hit, event.scenePos())
                event.accept()
                return
            under = self.node_under(event.scenePos())
            self._locked_press = event.scenePos() if under is not None and under.locked else None
        super().mousePressEvent(event)
        self._dragged = {i.node.id: i for i in self.selectedItems() if isinstance(i, NodeItem)}
        self._press_positions = {node_id: item.node.position for node_id, item in self._dragged.items()}

    def _start_wire(self, item: NodeItem, side: str, port: str, pos: QPointF) -> None:
        graph = self.document.graph
        detached = None
        if side == "in" and port in graph.input_edges(item.node.id):
            detached = graph.input_edges(item.node.id)[port]
            source = self.nodes[detached.src]
            self.edges[detached].hide()
            self._drag = {"side": "out", "node": detached.src, "port": "y", "detached": detached,
                          "anchor": source.mapToScene(source.output_socket_pos())}
        else:
            anchor = item.mapToScene(item.output_socket_pos() if side == "out" else item.input_socket_pos(port))
            self._drag = {"side": side, "node": item.node.id, "port": port, "detached": None, "anchor": anchor}
        wire = PendingWire()
        self.addItem(wire)
        self._drag["wire"] = wire
        self._update_pending(pos)

    def _update_pending(self, pos: QPointF) -> None:
        drag = self._drag
        start, end = (drag["anchor"], pos) if drag["side"] == "out" else (pos, drag["anchor"])
        drag["wire"].setPath(bezier(start, end))

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._drag is not None:
            self._update_pending(event.scenePos())
            event.accept()
            return
        super().mouseMoveEvent(event)
        pressed = self._locked_press
        if pressed is not None and (event.scenePos() - pressed).manhattanLength() > 8:
            self._locked_press = None  # (said once per drag)
            under = self.node_under(pressed)
            if under is not None:
                self.message.emit(texts.LOCKED_DRAG.format(name=under.node.label))
        if self._dragged and event.buttons() & Qt.LeftButton:
            self._follow_drag()

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self._locked_press = None
        if self._drag is not None:
            self._finish_wire(event.scenePos(), self._scale(event))
            event.accept()
            return
        super().mouseReleaseEvent(event)
        moves = {}
        for item in self.selectedItems():
            if isinstance(item, NodeItem) and item.node.id in self._press_positions:
                old = self._press_positions[item.node.id]
                new = (item.pos().x(), item.pos().y())
                if old != new:
                    moves[item.node.id] = (old, new)
        self._press_positions, self._dragged = {}, {}
        if moves:
            try:
                self.document.session.move(moves, self.document.graph)
            except Refused as exc:  # (a locked node: back where it was)
                for node_id, (old, _new) in moves.items():
                    self.nodes[node_id].setPos(*old)
                    self._update_wires(node_id)
                self.message.emit(str(exc))

    def _finish_wire(self, pos: QPointF, scale: float = 1.0) -> None:
        drag, self._drag = self._drag, None
        self.removeItem(drag["wire"])
        detached: Edge | None = drag["detached"]
        if detached is not None and detached in self.edges:
            self.edges[detached].show()
        graph = self.document.graph
        hit = self.socket_under(pos, scale)
        if hit is None:
            hit = self._socket_of_body(self.node_under(pos), drag)
            if isinstance(hit, str):  # a node without a free input: why
                self.message.emit(hit)
                return
        if hit is None or hit[1] == drag["side"]:
            if detached is not None:
                try:
                    self.document.session.disconnect(detached, graph)
                except Refused as exc:
                    self.message.emit(str(exc))
                    return
                self.message.emit(texts.DISCONNECTED.format(target=graph.nodes[detached.dst].label,
                                                            port=detached.dst_port))
            elif hit is not None:
                self.message.emit(texts.OUTPUT_TO_INPUT)
            else:
                self.message.emit(texts.DROPPED_ON_EMPTY)
            return
        item, side, port = hit
        if side == "in":
            edge = Edge(drag["node"], "y", item.node.id, port)
        else:
            edge = Edge(item.node.id, "y", drag["node"], drag["port"])
        if edge == detached:
            return
        try:
            self.document.session.connect(edge, detached, graph)
        except (ConnectionRefused, Refused) as exc:
            self.message.emit(texts.NOT_CONNECTED.format(reason=exc))
            return
        self.message.emit(texts.CONNECTED.format(source=graph.nodes[edge.src].label, target=graph.nodes[edge.dst].label,
                                                 port=edge.dst_port))

    def _socket_of_body(self, item: NodeItem | None, drag: dict) -> tuple[NodeItem, str, str] | str | None:
        """A wire dropped on a node's body: its first free input (a wire from an output) or
        its output (a wire from an input); a sentence why not; None off every node."""
        if item is None or item.node.id == drag["node"]:
            return None
        if drag["side"] == "in":
            return item, "out", "y"
        wired = self.document.graph.input_edges(item.node.id)
        detached = drag["detached"]
        free = [p for p in item.node.spec.inputs
                if p not in wired or (detached is not None and wired[p] == detached)]
        if not free:
            if not item.node.spec.inputs:
                return texts.NO_INPUT.format(node=item.node.label)
            return texts.ALL_INPUTS_WIRED.format(node=item.node.label)
        return item, "in", free[0]
