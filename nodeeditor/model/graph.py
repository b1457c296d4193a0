"""The graph as plain data: nodes, wires between their ports, and change events.

A graph a session owns (see Guard) changes only through the session's commands: any
other change raises GraphLocked, so no panel, script or test can change what the
student sees behind the undo history's back.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from nodeeditor.model import texts
from nodeeditor.model.catalog import CALL, KINDS, NodeKind, kind_of
from nodeeditor.model.events import (
    Edge,
    FieldChanged,
    FunctionsChanged,
    GraphEvent,
    GraphReplaced,
    NodeChanged,
    NodeMoved,
    NodesAdded,
    NodesRemoved,
    WireAdded,
    WireRemoved,
)
from nodeeditor.model.names import Names
from nodeeditor.model.order import TopologicalOrder
from nodeeditor.model.places import Places
from nodeeditor.model.task import Assignment

if TYPE_CHECKING:
    from nodeeditor.model.functions import FunctionDef


class ConnectionRefused(ValueError):
    """A wire the graph will not take; the message says why, for the student."""


class GraphLocked(RuntimeError):
    """A graph a session owns was changed other than by one of its commands."""


class Guard:
    """Who may change the graphs a session owns (its graph and its functions' bodies):
    the session opens it while one of its commands, an Open or a New changes them."""

    def __init__(self) -> None:
        self.open = False

    @contextmanager
    def opened(self) -> Iterator[None]:
        was, self.open = self.open, True
        try:
            yield
        finally:
            self.open = was


@dataclass
class Node:
    """A node: its stable id, its kind, its parameters and where it sits on the canvas."""

    id: str
    kind: str
    params: dict[str, Any] = field(default_factory=dict)
    position: tuple[float, float] = (0.0, 0.0)
    #: a Call node's kind, built from its function (None: the catalog's entry for ``kind``)
    kind_spec: NodeKind | None = field(default=None, repr=False, compare=False)

    @property
    def spec(self) -> NodeKind:
        return self.kind_spec if self.kind_spec is not None else kind_of(self.kind)

    @property
    def label(self) -> str:
        """This node's own name (a Variable's, or the one a student or the program gave any
        other node: add1, h, loss). The output is shown by the output's name: Graph.names."""
        return str(self.params.get(self.spec.name_param) or self.spec.title)


Listener = Callable[[GraphEvent], None]
DEFAULT_OUTPUT_NAME = "y"
#: The fields of a whole graph that SetGraphField may change.
GRAPH_FIELDS = ("output", "learning_rate", "description", "assignment")


class Graph:
    """Nodes and wires. Every change emits a GraphEvent to the listeners."""

    def __init__(self) -> None:
        self.nodes: dict[str, Node] = {}
        self._inputs: dict[str, dict[str, Edge]] = {}
        self._outputs: dict[str, set[Edge]] = {}
        self._listeners: list[Listener] = []
        self._body_listeners: dict[str, Listener] = {}
        self._next_id = 1
        self._guard: Guard | None = None
        # Indexes, made when first asked for and then kept up to date by every change
        # (a graph being loaded makes none of them node by node).
        self._order: TopologicalOrder | None = None
        self._names: Names | None = None
        self._places: Places | None = None
        #: Free text a teacher can put in a .graph file (the task, say).
        self.description = ""
        #: The node backward starts from (None: the only node whose value feeds nothing).
        self.output: str | None = None
        #: A learning rate known to converge for this graph (examples carry one).
        self.learning_rate: float | None = None
        #: Functions made of nodes, by name; Call nodes use them.
        self.functions: dict[str, FunctionDef] = {}
        #: The task of an assignment, the student's answers, the hand-in (model.task).
        self.assignment: Assignment | None = None

    # events -------------------------------------------------------------
    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        self._listeners.remove(listener)

    def _emit(self, event: GraphEvent) -> None:
        for listener in list(self._listeners):
            listener(event)

    # who may change it --------------------------------------------------
    def guard_with(self, guard: Guard | None) -> None:
        """From now on only changes made while ``guard`` is open are taken (None: any);
        the functions' bodies follow the same guard."""
        self._guard = guard
        for function in self.functions.values():
            function.body.guard_with(guard)

    def _changing(self) -> None:
        if self._guard is not None and not self._guard.open:
            raise GraphLocked(texts.GRAPH_LOCKED)

    # indexes ------------------------------------------------------------
    @property
    def order(self) -> TopologicalOrder:
        """Every node's rank in the order nodes are computed in."""
        if self._order is None:
            self._order = TopologicalOrder(lambda n: (e.dst for e in self._outputs[n]),
                                           lambda n: (e.src for e in self._inputs[n].values()))
            self._order.rebuild(self.nodes)
        return self._order

    @property
    def places(self) -> Places:
        """Where the nodes sit, for finding room for new ones."""
        if self._places is None:
            self._places = Places()
            self._places.rebuild((n.id, n.position) for n in self.nodes.values())
        return self._places

    def _name_index(self) -> Names:
        if self._names is None:
            self._names = Names()
            self._names.rebuild(n.label for n in self.nodes.values())
        return self._names

    def _forget_indexes(self) -> None:
        self._order = self._names = self._places = None

    # queries ------------------------------------------------------------
    @property
    def edges(self) -> list[Edge]:
        return sorted(e for wires in self._inputs.values() for e in wires.values())

    def node(self, node_id: str) -> Node:
        return self.nodes[node_id]

    def input_edges(self, node_id: str) -> dict[str, Edge]:
        """The wire into each connected input port of the node."""
        return self._inputs[node_id]

    def output_edges(self, node_id: str) -> set[Edge]:
        return self._outputs[node_id]

    def sinks(self) -> list[str]:
        """Nodes whose output feeds nothing: where a computation ends."""
        return [n for n in self.nodes if not self._outputs[n]]

    def downstream(self, node_ids: Iterable[str]) -> set[str]:
        """The given nodes and every node that depends on them."""
        seen: set[str] = set()
        stack = [n for n in node_ids if n in self.nodes]
        while stack:
            n = stack.pop()
            if n not in seen:
                seen.add(n)
                stack.extend(e.dst for e in self._outputs[n])
        return seen

    def upstream(self, node_id: str) -> set[str]:
        """The node and every node it depends on."""
        seen: set[str] = set()
        stack = [node_id]
        while stack:
            n = stack.pop()
            if n not in seen:
                seen.add(n)
                stack.extend(e.src for e in self._inputs[n].values())
        return seen

    def topological_order(self) -> list[str]:
        """Every node after the nodes it depends on (a graph with a loop, which a valid
        graph never has, leaves the nodes on it out)."""
        return self.order.ordered()

    def reading_order(self) -> list[str]:
        """Topological, by depth from the inputs, then by id number: the order a
        student reads the graph in, left to right and top to bottom."""
        depth: dict[str, int] = {}
        for node_id in self.topological_order():
            depth[node_id] = 1 + max((depth[e.src] for e in self._inputs[node_id].values()), default=-1)
        return sorted(self.nodes, key=lambda n: (depth[n], _id_number(n)))

    def output_node(self) -> str | None:
        """The node Backward differentiates: the chosen output, or the only node whose
        value feeds nothing (None when there are several and none is chosen)."""
        if self.output in self.nodes:
            return self.output
        ends = self.sinks()
        return ends[0] if len(ends) == 1 else None

    @property
    def output_name(self) -> str:
        """What the output is called in captions and formulas (∂y/∂x0): the output node's
        own name, y while there is none."""
        end = self.output_node()
        return self.nodes[end].label if end is not None else DEFAULT_OUTPUT_NAME

    def names(self) -> dict[str, str]:
        """One name per node, its own: the canvas shows it, and every panel, the code, the
        command line and the LaTeX use it. (The output is the node whose name Backward's
        captions use: ∂y/∂x0 when it is called y.)"""
        return {node_id: node.label for node_id, node in self.nodes.items()}

    def node_called(self, key: str) -> str | None:
        """The node whose id is ``key``, else the one node the canvas shows as ``key`` (x0,
        pow1, the output y); None when there is none or more than one."""
        if key in self.nodes:
            return key
        found = [node_id for node_id, node in self.nodes.items() if node.label == key]
        return found[0] if len(found) == 1 else None

    def name_output(self, name: str) -> None:
        """Give the output node ``name`` (a formula's y, a file's output_name of an earlier
        version), unless it is a Variable, which keeps its own, or another node has it."""
        self._changing()
        end = self.output_node()
        if end is not None and not self.nodes[end].spec.is_input and not self.name_taken(name, end):
            self._rename(self.nodes[end], name)

    def name_taken(self, name: str, but: str | None = None) -> bool:
        """Whether a node other than ``but`` is called ``name``."""
        own = 1 if but in self.nodes and self.nodes[but].label == name else 0
        return self._name_index().count(name) > own

    def give_names(self) -> None:
        """Name every node that has no name yet (a file of an earlier version, a formula,
        a new node): its kind's short name and the next free number, in reading order."""
        self._changing()
        unnamed = [n for n in self.nodes.values() if not n.params.get(n.spec.name_param)]
        if not unnamed:
            return
        order = {node_id: i for i, node_id in enumerate(self.reading_order())} if len(unnamed) > 1 else {}
        names = self._name_index()
        for node in sorted(unnamed, key=lambda n: order.get(n.id, 0)):
            self._rename(node, names.free(node.spec.name_base, numbered=True))

    def _rename(self, node: Node, name: str) -> None:
        old = node.label
        node.params[node.spec.name_param] = name
        if self._names is not None:
            self._names.renamed(old, node.label)

    def new_id(self) -> str:
        while f"n{self._next_id}" in self.nodes:
            self._next_id += 1
        return f"n{self._next_id}"

    def unique_name(self, base: str = "x", numbered: bool = False) -> str:
        """A name no node has yet: x, then x1, x2, ... (``numbered``: add1, add2, ...)."""
        return self._name_index().free(base, numbered)

    # changes ------------------------------------------------------------
    def add_node(
        self,
        kind: str,
        params: dict[str, Any] | None = None,
        position: tuple[float, float] = (0.0, 0.0),
        node_id: str | None = None,
    ) -> Node:
        """Add a node of ``kind``; parameters not given take the kind's defaults."""
        self._changing()
        node = self._new_node(kind, params, position, node_id)
        self._emit(NodesAdded((node.id,)))
        return node

    def _new_node(self, kind: str, params: dict[str, Any] | None, position: tuple[float, float],
                  node_id: str | None) -> Node:
        if kind not in KINDS:
            raise KeyError(f"unknown node kind {kind!r}")
        node_id = node_id or self.new_id()
        if node_id in self.nodes:
            raise ValueError(f"a node with id {node_id!r} exists already")
        merged = dict(kind_of(kind).defaults)
        merged.update(params or {})
        spec = None
        if kind == CALL:
            if merged["function"] not in self.functions:
                raise ValueError(texts.NO_FUNCTION_CALLED.format(name=merged["function"]))
            spec = self.functions[merged["function"]].kind
        node = Node(node_id, kind, merged, (float(position[0]), float(position[1])), spec)
        self.nodes[node_id] = node
        self._inputs[node_id] = {}
        self._outputs[node_id] = set()
        if self._order is not None:
            self._order.added(node_id)
        if self._names is not None:
            self._names.added(node.label)
        if self._places is not None:
            self._places.put(node_id, node.position)
        return node

    def remove_node(self, node_id: str) -> None:
        """Remove the node and every wire touching it (one event)."""
        self._changing()
        self.remove_many((node_id,))

    def _drop_node(self, node_id: str) -> None:
        if self._order is not None:
            self._order.removed(node_id)
        if self._names is not None:
            self._names.removed(self.nodes[node_id].label)
        if self._places is not None:
            self._places.take(node_id)
        del self.nodes[node_id]
        if self.output == node_id:
            self.output = None
        del self._inputs[node_id]
        del self._outputs[node_id]

    def add_many(self, nodes: list[dict], edges: Iterable[Edge] = ()) -> None:
        """Add ``nodes`` (each: id, kind, params, position, as commands.snapshot makes
        them), then ``edges`` among them and the nodes here, in one event. The wires are
        not checked for loops (they were there together before, or were copied together);
        an input may not be wired already. On ValueError or KeyError the graph stays as
        it was."""
        self._changing()
        added: list[str] = []
        wired: list[Edge] = []
        try:
            for n in nodes:
                added.append(self._new_node(n["kind"], dict(n["params"]), n["position"], n["id"]).id)
            for e in edges:
                self.check_connection(e.src, e.src_port, e.dst, e.dst_port, cycles=False)
                if e.dst_port in self._inputs[e.dst]:
                    raise ConnectionRefused(texts.WIRED_ALREADY.format(node=self.nodes[e.dst].label, port=e.dst_port))
                self._inputs[e.dst][e.dst_port] = e
                self._outputs[e.src].add(e)
                wired.append(e)
        except (KeyError, ValueError):
            for e in wired:
                del self._inputs[e.dst][e.dst_port]
                self._outputs[e.src].discard(e)
            for node_id in added:
                self._drop_node(node_id)
            raise
        if self._order is not None and any(self._order.rank(e.src) > self._order.rank(e.dst) for e in wired):
            self._order = None  # many wires against the order: sorted again when next asked
        if added or wired:
            self._emit(NodesAdded(tuple(added), tuple(wired)))

    def remove_many(self, node_ids: Iterable[str], edges: Iterable[Edge] = ()) -> None:
        """Remove ``edges`` (those still here) and ``node_ids`` with every wire touching
        them, in one event."""
        self._changing()
        node_ids = tuple(node_ids)
        gone = set(edges)
        for node_id in node_ids:
            gone.update(self._inputs[node_id].values())
            gone.update(self._outputs[node_id])
        removed = tuple(sorted(e for e in gone if self._inputs.get(e.dst, {}).get(e.dst_port) == e))
        for e in removed:
            del self._inputs[e.dst][e.dst_port]
            self._outputs[e.src].discard(e)
        for node_id in node_ids:
            self._drop_node(node_id)
        if node_ids or removed:
            self._emit(NodesRemoved(node_ids, removed))

    def set_param(self, node_id: str, name: str, value: Any) -> None:
        self._changing()
        node = self.nodes[node_id]
        if name == node.spec.name_param:
            self._rename(node, value)
        else:
            node.params[name] = value
        self._emit(NodeChanged(node_id, renamed=name == node.spec.name_param))

    def set_field(self, name: str, value: Any) -> None:
        """Change one of GRAPH_FIELDS."""
        if name not in GRAPH_FIELDS:
            raise KeyError(name)
        self._changing()
        setattr(self, name, value)
        self._emit(FieldChanged(name))

    # functions made of nodes -------------------------------------------
    def add_function(self, function: FunctionDef) -> None:
        """Make ``function`` available to Call nodes."""
        self._changing()
        if function.name in self.functions:
            raise ValueError(f"there is a function called {function.name!r} already")
        self.functions[function.name] = function
        function.body.guard_with(self._guard)
        function.body.subscribe(self._body_listener(function.name))
        self._emit(FunctionsChanged(function.name))

    def remove_function(self, name: str) -> None:
        """Forget a function no Call node uses any more."""
        self._changing()
        if any(n.kind == CALL and n.params["function"] == name for n in self.nodes.values()):
            raise ValueError(f"the function {name!r} is still used")
        function = self.functions.pop(name)
        function.body.unsubscribe(self._body_listeners.pop(name))
        self._emit(FunctionsChanged(name))

    def calls(self, name: str) -> list[str]:
        """The Call nodes that use the function ``name``."""
        return [n.id for n in self.nodes.values() if n.kind == CALL and n.params["function"] == name]

    def _body_listener(self, name: str) -> Listener:
        """A change inside a function's body changes what each of its Call nodes computes."""
        def changed(event: GraphEvent) -> None:
            if isinstance(event, NodeMoved):
                return
            self.functions[name].changed()
            kind = self.functions[name].kind
            for node_id in self.calls(name):
                self.nodes[node_id].kind_spec = kind
                self._emit(NodeChanged(node_id))
        self._body_listeners[name] = changed
        return changed

    def move_node(self, node_id: str, position: tuple[float, float]) -> None:
        self._changing()
        node = self.nodes[node_id]
        node.position = (float(position[0]), float(position[1]))
        if self._places is not None:
            self._places.put(node_id, node.position)
        self._emit(NodeMoved(node_id))

    # wires --------------------------------------------------------------
    def check_connection(self, src: str, src_port: str, dst: str, dst_port: str, cycles: bool = True) -> None:
        """Raise ConnectionRefused, with the reason, if this wire cannot be made.

        ``cycles=False`` skips the loop check, for bulk loading that checks the whole
        graph once with ``has_cycle`` afterwards."""
        if src not in self.nodes or dst not in self.nodes:
            raise ConnectionRefused(texts.NOT_IN_GRAPH)
        if src_port not in self.nodes[src].spec.outputs:
            raise ConnectionRefused(texts.NO_OUTPUT_CALLED.format(node=self.nodes[src].label, port=src_port))
        if dst_port not in self.nodes[dst].spec.inputs:
            raise ConnectionRefused(texts.NO_INPUT_CALLED.format(node=self.nodes[dst].label, port=dst_port))
        if src == dst:
            raise ConnectionRefused(texts.OWN_INPUT)
        if cycles and self.order.reaches(dst, src):
            raise ConnectionRefused(texts.WIRE_MAKES_LOOP.format(source=self.nodes[src].label,
                                                                 target=self.nodes[dst].label))

    def has_cycle(self) -> bool:
        return len(self.topological_order()) != len(self.nodes)

    def connect(self, src: str, src_port: str, dst: str, dst_port: str, cycles: bool = True) -> Edge:
        """Wire an output to an input, replacing the wire that input had."""
        self._changing()
        self.check_connection(src, src_port, dst, dst_port, cycles)
        edge = Edge(src, src_port, dst, dst_port)
        old = self._inputs[dst].get(dst_port)
        if old == edge:
            return edge
        if old is not None:
            self.disconnect(old)
        self._inputs[dst][dst_port] = edge
        self._outputs[src].add(edge)
        if self._order is not None:
            if cycles:
                self._order.wired(src, dst)
            else:  # (unchecked: a loop, which has_cycle will find, cannot be ranked)
                self._order = None
        self._emit(WireAdded(edge))
        return edge

    def disconnect(self, edge: Edge) -> None:
        self._changing()
        if self._inputs.get(edge.dst, {}).get(edge.dst_port) != edge:
            raise KeyError(f"no such wire: {edge}")
        del self._inputs[edge.dst][edge.dst_port]
        self._outputs[edge.src].discard(edge)
        self._emit(WireRemoved(edge))

    # the whole graph ----------------------------------------------------
    def clear(self) -> None:
        """Remove everything at once."""
        self._changing()
        self.nodes.clear()
        self._inputs.clear()
        self._outputs.clear()
        self._forget_indexes()
        self._next_id = 1
        self.description = ""
        self.output = None
        self.learning_rate = None
        self.assignment = None
        self._take_functions({})
        self._emit(GraphReplaced())

    def replace_with(self, other: Graph) -> None:
        """Take the nodes and wires of ``other``, keeping listeners."""
        self._changing()
        self.nodes = other.nodes
        self._inputs = other._inputs
        self._outputs = other._outputs
        self._forget_indexes()
        self._next_id = other._next_id
        for name in GRAPH_FIELDS:
            setattr(self, name, getattr(other, name))
        other.release_functions()
        self._take_functions(other.functions)
        self._emit(GraphReplaced())

    def _take_functions(self, functions: dict[str, FunctionDef]) -> None:
        self.release_functions()
        self.functions = dict(functions)
        for name, function in self.functions.items():
            function.body.guard_with(self._guard)
            function.body.subscribe(self._body_listener(name))

    def release_functions(self) -> None:
        """Stop following the functions' bodies (before they pass to another graph)."""
        for name, function in self.functions.items():
            listener = self._body_listeners.pop(name, None)
            if listener is not None:
                function.body.unsubscribe(listener)


def _id_number(node_id: str) -> tuple[int, str]:
    digits = "".join(ch for ch in node_id if ch.isdigit())
    return (int(digits) if digits else 0, node_id)
