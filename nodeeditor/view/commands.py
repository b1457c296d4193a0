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


class ReplaceGraph(QUndoCommand):
    """Swap the whole graph (a formula typed in the expression bar); undo brings back the old one."""

    def __init__(self, graph: Graph, new: Graph, text: str) -> None:
        from nodeeditor.model import graph_from_document, graph_to_document

        super().__init__(text)
        self.graph = graph
        self._load = graph_from_document
        self.old = graph_to_document(graph)
        self.new = graph_to_document(new)

    def redo(self) -> None:
        self.graph.replace_with(self._load(self.new))

    def undo(self) -> None:
        self.graph.replace_with(self._load(self.old))


class SetValues(QUndoCommand):
    """Several Variable values at once (a gradient-descent run). When the run already
    wrote the new values, ``applied=True`` makes the first redo a no-op."""

    def __init__(self, graph: Graph, old: dict[str, Any], new: dict[str, Any], text: str, applied: bool = False) -> None:
        super().__init__(text)
        self.graph, self.old, self.new, self._skip = graph, old, new, applied

    def redo(self) -> None:
        if self._skip:
            self._skip = False
            return
        for node_id, value in self.new.items():
            self.graph.set_param(node_id, "value", value)

    def undo(self) -> None:
        for node_id, value in self.old.items():
            self.graph.set_param(node_id, "value", value)
