"""Every change to a graph as a small command with redo and undo. No Qt.

Nothing changes the model except one of these (gradient descent included), so the undo
history always tells the whole story of the document.
"""
from __future__ import annotations

from typing import Any

from nodeeditor.model import Edge, Graph
from nodeeditor.model.graph import Node
from nodeeditor.plural import plural
from nodeeditor.session import texts


class Place:
    """Where a command edits: the graph, or the body of its function called ``function``,
    looked up by name each time the command runs. An undo of a formula builds the graph
    anew from its file form, with new (equal) function bodies; a command that held the
    old body itself would then change a graph nobody shows, and its undo would do nothing."""

    __slots__ = ("function", "graph")

    def __init__(self, graph: Graph, function: str | None = None) -> None:
        self.graph, self.function = graph, function

    def __call__(self) -> Graph:
        return self.graph if self.function is None else self.graph.functions[self.function].body


def as_place(where: Graph | Place) -> Place:
    return where if isinstance(where, Place) else Place(where)


class Command:
    """One undoable change. ``text`` is what Edit → Undo shows; ``graph`` the graph it
    changes, found through its Place each time (see Place)."""

    text = ""
    place: Place

    @property
    def graph(self) -> Graph:
        return self.place()

    def redo(self) -> None:
        raise NotImplementedError

    def undo(self) -> None:
        raise NotImplementedError

    def merge(self, other: Command) -> bool:
        """Absorb ``other`` (already done) into this one; False when they stay apart."""
        return False

    def touches(self) -> frozenset[str] | None:
        """The nodes of its graph whose parameters, place or incoming wires this command
        changes (None: the whole graph). An assignment's lock refuses a command that
        touches a locked node (session/locks.py). Every command says it."""
        raise NotImplementedError


def snapshot(graph: Graph, node_id: str) -> dict:
    """What it takes to put a node back: id, kind, parameters, position."""
    node = graph.nodes[node_id]
    return {"id": node.id, "kind": node.kind, "params": dict(node.params), "position": node.position}


def param_change_text(node: Node, name: str, value: Any) -> str:
    """What changing a parameter is called (Edit → Undo, the status bar): "Rename pow1 to
    h", "Set the value of x0", "Set the exponent of pow1"."""
    if name == node.spec.name_param:
        return texts.RENAME.format(node=node.label, name=value)
    label = node.spec.param(name).label.lower() if name in node.params else name
    return texts.SET_PARAM.format(param=label, node=node.label)


class AddNodes(Command):
    """Add nodes (and wires among them): one palette drop, a paste, a duplicate."""

    def __init__(self, graph: Graph | Place, nodes: list[dict], edges: list[Edge], text: str) -> None:
        self.place, self.nodes, self.edges, self.text = as_place(graph), nodes, edges, text

    def redo(self) -> None:
        self.graph.add_many(self.nodes, self.edges)

    def undo(self) -> None:
        self.graph.remove_many(n["id"] for n in reversed(self.nodes))

    def touches(self) -> frozenset[str]:
        return frozenset(e.dst for e in self.edges)


class RemoveNodes(Command):
    """Delete nodes with every wire touching them; undo puts all of it back."""

    def __init__(self, graph: Graph | Place, node_ids: list[str], edges: list[Edge] = ()) -> None:
        graph = as_place(graph)()
        names = ", ".join(graph.nodes[n].label for n in node_ids[:3])
        if node_ids:
            self.text = (texts.DELETE_MORE_NODES if len(node_ids) > 3 else texts.DELETE_NODES).format(names=names)
        else:
            self.text = plural(len(edges), texts.DELETE_ONE_WIRE, texts.DELETE_WIRES).format(count=len(edges))
        self.place = as_place(graph)
        graph = self.graph
        self.nodes = [snapshot(graph, n) for n in node_ids]
        touching = {e for n in node_ids for e in list(graph.input_edges(n).values()) + list(graph.output_edges(n))}
        self.edges = sorted(touching | set(edges))
        self.output = graph.output

    def redo(self) -> None:
        self.graph.remove_many((n["id"] for n in self.nodes), self.edges)

    def undo(self) -> None:
        self.graph.add_many(self.nodes, self.edges)  # these wires were there together: no loop
        if self.output != self.graph.output:
            self.graph.set_field("output", self.output)

    def touches(self) -> frozenset[str]:
        return frozenset(n["id"] for n in self.nodes) | {e.dst for e in self.edges}


class MoveNodes(Command):
    def __init__(self, graph: Graph | Place, moves: dict[str, tuple[tuple[float, float], tuple[float, float]]]) -> None:
        self.text = plural(len(moves), texts.MOVE_ONE_NODE, texts.MOVE_NODES).format(count=len(moves))
        self.place, self.moves = as_place(graph), moves

    def redo(self) -> None:
        for node_id, (_old, new) in self.moves.items():
            self.graph.move_node(node_id, new)

    def undo(self) -> None:
        for node_id, (old, _new) in self.moves.items():
            self.graph.move_node(node_id, old)

    def touches(self) -> frozenset[str]:
        return frozenset(self.moves)


class Connect(Command):
    """Wire an output to an input; undo restores the wire the input had before."""

    def __init__(self, graph: Graph | Place, edge: Edge, replaced: Edge | None = None,
                 detached: Edge | None = None) -> None:
        self.place, self.edge, self.detached = as_place(graph), edge, detached
        graph = self.graph
        self.text = texts.CONNECT.format(source=graph.nodes[edge.src].label, target=graph.nodes[edge.dst].label,
                                         port=edge.dst_port)
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

    def touches(self) -> frozenset[str]:
        return frozenset(e.dst for e in (self.edge, self.replaced, self.detached) if e is not None)


class Disconnect(Command):
    def __init__(self, graph: Graph | Place, edge: Edge) -> None:
        self.place, self.edge = as_place(graph), edge
        self.text = texts.DISCONNECT.format(target=self.graph.nodes[edge.dst].label, port=edge.dst_port)

    def redo(self) -> None:
        self.graph.disconnect(self.edge)

    def undo(self) -> None:
        e = self.edge
        self.graph.connect(e.src, e.src_port, e.dst, e.dst_port)

    def touches(self) -> frozenset[str]:
        return frozenset({self.edge.dst})


class SetParam(Command):
    """Change a Variable's name or value, a Constant's value or a Pow's exponent."""

    def __init__(self, graph: Graph | Place, node_id: str, name: str, value: Any) -> None:
        self.place, self.node_id, self.name = as_place(graph), node_id, name
        graph = self.graph
        node = graph.nodes[node_id]
        self.old, self.new = node.params.get(name), value
        self.text = param_change_text(node, name, value)

    def redo(self) -> None:
        self.graph.set_param(self.node_id, self.name, self.new)

    def undo(self) -> None:
        self.graph.set_param(self.node_id, self.name, self.old)

    def touches(self) -> frozenset[str]:
        return frozenset({self.node_id})


class SetGraphField(Command):
    """Change something of the whole graph: its output node, the output's name."""

    def __init__(self, graph: Graph, name: str, value: Any, text: str) -> None:
        self.place, self.name, self.text = as_place(graph), name, text
        self.old, self.new = getattr(graph, name), value

    def redo(self) -> None:
        self.graph.set_field(self.name, self.new)

    def undo(self) -> None:
        self.graph.set_field(self.name, self.old)

    def touches(self) -> frozenset[str]:
        return frozenset()  # (a change of the task itself is teacher mode's: session/locks.py)


class ReplaceGraph(Command):
    """Swap the whole graph (a formula typed in the formula bar); undo brings back the old one."""

    def __init__(self, graph: Graph, new: Graph, text: str) -> None:
        from nodeeditor.model import graph_from_document, graph_to_document

        self.text = text
        self.place = as_place(graph)
        self._load = graph_from_document
        self.old = graph_to_document(graph)
        self.new = graph_to_document(new)

    def redo(self) -> None:
        self.graph.replace_with(self._load(self.new))

    def undo(self) -> None:
        self.graph.replace_with(self._load(self.old))

    def touches(self) -> None:
        return None


class SetValues(Command):
    """Several Variable values at once: the steps of one gradient-descent run, merged
    into one command as they come, so one undo puts back the values from before the run."""

    def __init__(self, graph: Graph, old: dict[str, Any], new: dict[str, Any], text: str,
                 run: object | None = None) -> None:
        self.place, self.old, self.new, self.text, self.run = as_place(graph), old, new, text, run

    def redo(self) -> None:
        for node_id, value in self.new.items():
            self.graph.set_param(node_id, "value", value)

    def undo(self) -> None:
        for node_id, value in self.old.items():
            self.graph.set_param(node_id, "value", value)

    def touches(self) -> frozenset[str]:
        return frozenset(self.new)

    def merge(self, other: Command) -> bool:
        if self.run is None or not isinstance(other, SetValues) or other.run is not self.run:
            return False
        self.new = {**self.new, **other.new}
        for node_id, value in other.old.items():
            self.old.setdefault(node_id, value)
        self.text = other.text
        return True
