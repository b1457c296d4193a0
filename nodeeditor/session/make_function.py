"""Make function: selected nodes collapse into one named Call node (no Qt).

The selected operations move into the body of a new function; each distinct node that
feeds them from outside becomes one of its inputs (named after a Variable, else a, b,
c...), and the one selected node whose value leaves the selection becomes its output.
Variables in the selection stay outside, as inputs: a function holds no Variables.
"""
from __future__ import annotations

from nodeeditor.model import Edge, Graph
from nodeeditor.model.catalog import CALL, INPUT
from nodeeditor.model.functions import FunctionDef, function_name_problem
from nodeeditor.session import texts
from nodeeditor.session.commands import AddNodes, Command, RemoveNodes, as_place

INPUT_GAP = 250.0


class FunctionRefused(ValueError):
    """The selection cannot become a function; the message says why and what to do."""


class AddFunction(Command):
    def __init__(self, graph: Graph, function: FunctionDef) -> None:
        self.place, self.function, self.text = as_place(graph), function, texts.DEFINE_FUNCTION.format(name=function.name)

    def redo(self) -> None:
        self.graph.add_function(self.function)

    def undo(self) -> None:
        # the function as it is now (an undone formula may have put an equal new one in
        # its place, with later edits of its body done and undone there): redo adds that
        self.function = self.graph.functions[self.function.name]
        self.graph.remove_function(self.function.name)

    def touches(self) -> frozenset[str]:
        return frozenset()


class Compound(Command):
    """Several commands done and undone as one."""

    def __init__(self, parts: list[Command], text: str) -> None:
        self.parts, self.text = parts, text

    def redo(self) -> None:
        for part in self.parts:
            part.redo()

    def undo(self) -> None:
        for part in reversed(self.parts):
            part.undo()

    def touches(self) -> frozenset[str] | None:
        touched: set[str] = set()
        for part in self.parts:
            part_touches = part.touches()
            if part_touches is None:
                return None
            touched |= part_touches
        return frozenset(touched)


def check_function_name(graph: Graph, name: str) -> str:
    name = name.strip()
    problem = function_name_problem(graph, name)
    if problem:
        raise FunctionRefused(problem)
    return name


def check_body_edit(graph: Graph, main: Graph, kinds: list[str]) -> None:
    """Refuse what cannot go inside a function's body (``graph`` when it is not ``main``):
    Variables (a function's values come in through its inputs), new inputs (its ports
    are fixed when it is made) and functions (not inside functions yet)."""
    if graph is main:
        return
    if "Variable" in kinds:
        raise FunctionRefused(texts.NO_VARIABLES_INSIDE)
    if INPUT in kinds or CALL in kinds:
        raise FunctionRefused(texts.PORTS_FIXED)


def make_function(graph: Graph, selected: list[str], name: str) -> tuple[Command, str]:
    """The command that collapses ``selected`` into a Call of a new function ``name``,
    and the Call node's id. FunctionRefused says why a selection cannot be collapsed."""
    name = check_function_name(graph, name)
    chosen = set(selected)
    inside = [n for n in graph.reading_order()
              if n in chosen and (not graph.nodes[n].spec.is_input or graph.nodes[n].kind == "Constant")]
    if not any(not graph.nodes[n].spec.is_input for n in inside):
        raise FunctionRefused(texts.SELECT_OPERATIONS)
    members = set(inside)
    output = _output(graph, members)
    _check_in_one_piece(graph, members)
    sources = list(dict.fromkeys(e.src for n in inside for e in graph.input_edges(n).values()
                                 if e.src not in members))
    ports = _port_names(graph, sources)
    body, input_ids = _body(graph, inside, output, sources, ports)
    function = FunctionDef(name, body, input_ids)
    call_id = graph.new_id()
    xs = [graph.nodes[n].position[0] for n in inside]
    ys = [graph.nodes[n].position[1] for n in inside]
    position = (sum(xs) / len(xs), sum(ys) / len(ys))
    wires = [Edge(src, "y", call_id, port) for src, port in zip(sources, ports)]
    wires += [Edge(call_id, "y", e.dst, e.dst_port) for e in sorted(graph.output_edges(output)) if e.dst not in members]
    parts: list[Command] = [AddFunction(graph, function), RemoveNodes(graph, inside),
                            AddNodes(graph, [{"id": call_id, "kind": CALL,
                                              "params": {"function": name,
                                                         "label": _call_name(graph, function, output)},
                                              "position": position}], wires, "")]
    if graph.output == output:
        parts.append(_SetOutput(graph, call_id))
    return Compound(parts, texts.MAKE_FUNCTION.format(name=name)), call_id


def _call_name(graph: Graph, function: FunctionDef, output: str) -> str:
    """The Call node's name: the name of the node whose value it gives now, when that was
    the graph's output (y stays y), else a new one (sigmoid_1)."""
    if output == graph.output_node():
        return graph.nodes[output].label
    return graph.unique_name(function.kind.name_base, numbered=True)


class _SetOutput(Command):
    def __init__(self, graph: Graph, node_id: str) -> None:
        self.place, self.node_id = as_place(graph), node_id

    def redo(self) -> None:
        self.graph.set_field("output", self.node_id)

    def undo(self) -> None:
        """RemoveNodes' undo puts the old output back."""

    def touches(self) -> frozenset[str]:
        return frozenset()


def _output(graph: Graph, members: set[str]) -> str:
    leaving = [n for n in members if n == graph.output or any(e.dst not in members for e in graph.output_edges(n))]
    if not leaving:
        leaving = [n for n in members if not any(e.dst in members for e in graph.output_edges(n))]
    if len(leaving) != 1:
        names = ", ".join(sorted(graph.nodes[n].label for n in leaving))
        raise FunctionRefused(texts.SEVERAL_LEAVE.format(count=len(leaving), names=names))
    return leaving[0]


def _check_in_one_piece(graph: Graph, members: set[str]) -> None:
    """Refuse a selection with an outside node between two of its nodes: collapsing it
    would make a loop."""
    after = graph.downstream(members) - members
    for node_id in members:
        for edge in graph.input_edges(node_id).values():
            if edge.src in after:
                raise FunctionRefused(texts.LIES_BETWEEN.format(name=graph.nodes[edge.src].label))


def _port_names(graph: Graph, sources: list[str]) -> list[str]:
    names: list[str] = []
    letters = iter("abcdefghijklmnopqrstuvwxyz")
    for source in sources:
        node = graph.nodes[source]
        name = str(node.params.get("name", "")) if node.kind == "Variable" else ""
        while not name or name in names:
            name = next(letters, f"in{len(names)}")
        names.append(name)
    return names


def _body(graph: Graph, inside: list[str], output: str, sources: list[str], ports: list[str]
          ) -> tuple[Graph, list[str]]:
    body = Graph()
    for function in graph.functions.values():
        body.add_function(function)
    for node_id in inside:
        node = graph.nodes[node_id]
        body.add_node(node.kind, dict(node.params), node.position, node_id)
    for node_id in inside:
        for edge in graph.input_edges(node_id).values():
            if edge.src in body.nodes:
                body.connect(edge.src, edge.src_port, edge.dst, edge.dst_port, cycles=False)
    left = min(graph.nodes[n].position[0] for n in inside) - INPUT_GAP
    input_ids = []
    for i, (source, port) in enumerate(zip(sources, ports)):
        input_id = body.new_id()
        body.add_node(INPUT, {"name": port}, (left, graph.nodes[source].position[1] + 10 * i), input_id)
        input_ids.append(input_id)
        for node_id in inside:
            for edge in graph.input_edges(node_id).values():
                if edge.src == source:
                    body.connect(input_id, "y", node_id, edge.dst_port, cycles=False)
    body.output = output
    return body, input_ids
