"""Every edit as one QUndoCommand, so Edit → Undo can take back any of them."""
from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from nodeeditor.model import Edge, Graph


class AddNodes(QUndoCommand):
    """Add nodes (and wires among them): one palette drop, a paste, a duplicate."""

    def __init__(self, graph: Graph, nodes: list[dict], edges: list[Edge], text: str) -> None:
        super().__init__(text)
        self.graph, self.nodes, self.edges = graph, nodes, edges

    def redo(self) -> None:
        for n in self.nodes:
            self.graph.add_node(n["kind"], dict(n["params"]), n["position"], n["id"])
        for e in self.edges:
            self.graph.connect(e.src, e.src_port, e.dst, e.dst_port)

    def undo(self) -> None:
        for n in reversed(self.nodes):
            self.graph.remove_node(n["id"])


class RemoveNodes(QUndoCommand):
    """Delete nodes with every wire touching them; undo puts all of it back."""

    def __init__(self, graph: Graph, node_ids: list[str], edges: list[Edge]) -> None:
        names = ", ".join(graph.nodes[n].label for n in node_ids[:3]) + ("…" if len(node_ids) > 3 else "")
        super().__init__(f"Delete {names}" if node_ids else f"Delete {len(edges)} wire(s)")
        self.graph = graph
        self.nodes = [snapshot(graph, n) for n in node_ids]
        touching = {e for n in node_ids for e in list(graph.input_edges(n).values()) + list(graph.output_edges(n))}
        self.edges = sorted(touching | set(edges))

    def redo(self) -> None:
        for e in self.edges:
            if self.graph.input_edges(e.dst).get(e.dst_port) == e:
                self.graph.disconnect(e)
        for n in self.nodes:
            self.graph.remove_node(n["id"])

    def undo(self) -> None:
        for n in self.nodes:
            self.graph.add_node(n["kind"], dict(n["params"]), n["position"], n["id"])
        for e in self.edges:
            self.graph.connect(e.src, e.src_port, e.dst, e.dst_port)


class MoveNodes(QUndoCommand):
    def __init__(self, graph: Graph, moves: dict[str, tuple[tuple[float, float], tuple[float, float]]]) -> None:
        super().__init__(f"Move {len(moves)} node{'s' if len(moves) > 1 else ''}")
        self.graph, self.moves = graph, moves

    def redo(self) -> None:
        for node_id, (_old, new) in self.moves.items():
            self.graph.move_node(node_id, new)

    def undo(self) -> None:
        for node_id, (old, _new) in self.moves.items():
            self.graph.move_node(node_id, old)


class Connect(QUndoCommand):
    """Wire an output to an input; undo restores the wire the input had before."""

    def __init__(self, graph: Graph, edge: Edge, replaced: Edge | None = None, detached: Edge | None = None) -> None:
        super().__init__(f"Connect {graph.nodes[edge.src].label} → {graph.nodes[edge.dst].label}.{edge.dst_port}")
        self.graph, self.edge, self.detached = graph, edge, detached
        self.replaced = graph.input_edges(edge.dst).get(edge.dst_port) if replaced is None else replaced

    def redo(self) -> None:
        if self.detached is not None:
            self.graph.disconnect(self.detached)
        self.graph.connect(self.edge.src, self.edge.src_port, self.edge.dst, self.edge.dst_port)

    def undo(self) -> None:
        self.graph.disconnect(self.edge)
        for e in (self.replaced, self.detached):
            if e is not None:
                self.graph.connect(e.src, e.src_port, e.dst, e.dst_port)


class Disconnect(QUndoCommand):
    def __init__(self, graph: Graph, edge: Edge) -> None:
        super().__init__(f"Disconnect {graph.nodes[edge.dst].label}.{edge.dst_port}")
        self.graph, self.edge = graph, edge

    def redo(self) -> None:
        self.graph.disconnect(self.edge)

    def undo(self) -> None:
        e = self.edge
        self.graph.connect(e.src, e.src_port, e.dst, e.dst_port)


class SetParam(QUndoCommand):
    """Change a Variable's name or value, a Constant's value or a Pow's exponent."""

    def __init__(self, graph: Graph, node_id: str, name: str, value: Any) -> None:
        super().__init__(f"Set {graph.nodes[node_id].label}.{name}")
        self.graph, self.node_id, self.name = graph, node_id, name
        self.old, self.new = graph.nodes[node_id].params.get(name), value

    def redo(self) -> None:
        self.graph.set_param(self.node_id, self.name, self.new)

    def undo(self) -> None:
        self.graph.set_param(self.node_id, self.name, self.old)


def snapshot(graph: Graph, node_id: str) -> dict:
    node = graph.nodes[node_id]
    return {"id": node.id, "kind": node.kind, "params": dict(node.params), "position": node.position}
