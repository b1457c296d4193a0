"""Functions made of nodes: a named body graph with Input nodes for its ports and one
output, used in the main graph as Call nodes (as many as one likes).

A Call node's kind is built from its function: its ports are the body's Input nodes,
its engine call runs the body's nodes on the values wired in, and its captions and code
are written for it. Each Input passes its value through an Identity Function, so that
what backward sends to each port can be read off even when one wire feeds two ports.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

import engine
from nodeeditor.model import texts
from nodeeditor.model.catalog import CALL, FUNCTION_COLOR, INPUT, MADE_OF_NODES, NodeKind, kind_of
from nodeeditor.model.limits import check_result
from nodeeditor.plural import plural

if TYPE_CHECKING:
    from nodeeditor.model.graph import Graph

MAX_NESTING = 16
#: Names a function made of nodes cannot have: the exported code's own.
RESERVED_NAMES = frozenset({"np", "F", "Variable"})


class BodyError(ValueError):
    """A node inside a function could not be computed; the message names it."""


class Identity(engine.Function):
    """y = x: where a function's input enters its body (backward passes g through)."""

    def forward(self, x: np.ndarray) -> np.ndarray:
        return x

    def backward(self, gy: Any) -> Any:
        return gy


@dataclass
class FunctionDef:
    """A function made of nodes: ``body`` holds its nodes, ``inputs`` the ids of its
    Input nodes in port order; the body's output (its chosen one or its only end) is
    the function's value."""

    name: str
    body: Graph
    inputs: list[str]
    _order: list[str] | None = field(default=None, repr=False)
    _kind: NodeKind | None = field(default=None, repr=False)

    @property
    def ports(self) -> tuple[str, ...]:
        return tuple(str(self.body.nodes[i].params["name"]) for i in self.inputs)

    def output(self) -> str:
        """The body node whose value the function returns (ValueError when unclear)."""
        body = self.body
        if body.output in body.nodes:
            return body.output
        ends = [n for n in body.sinks() if body.nodes[n].kind != INPUT]
        if len(ends) != 1:
            raise BodyError(texts.ONE_END_INSIDE.format(name=self.name, count=len(ends)))
        return ends[0]

    def changed(self) -> None:
        """Forget what was worked out from the body (its order, its kind)."""
        self._order = None
        self._kind = None

    def order(self) -> list[str]:
        if self._order is None:
            self._order = self.body.topological_order()
        return self._order

    @property
    def kind(self) -> NodeKind:
        """The NodeKind of this function's Call nodes."""
        if self._kind is None:
            self._kind = call_kind(self)
        return self._kind


def run_body(function: FunctionDef, inputs: list[engine.Variable], depth: int = 0
             ) -> tuple[engine.Variable, dict[str, engine.Variable]]:
    """Run the body on ``inputs`` (in port order): the output Variable and every body
    node's Variable. BodyError names the node inside that could not be computed."""
    if depth > MAX_NESTING:
        raise BodyError(texts.NESTED_FUNCTIONS.format(most=MAX_NESTING))
    body = function.body
    bound = dict(zip(function.inputs, inputs))
    values: dict[str, engine.Variable] = {}
    for node_id in function.order():
        node = body.nodes[node_id]
        if node.kind == INPUT:
            values[node_id] = Identity()(bound[node_id])
            continue
        spec = node.spec
        wires = body.input_edges(node_id)
        missing = [p for p in spec.inputs if p not in wires or wires[p].src not in values]
        if missing:
            raise BodyError(texts.NOTHING_WIRED_INSIDE.format(function=function.name, node=node.label,
                                                             ports=", ".join(missing)))
        args = [values[wires[p].src] for p in spec.inputs]
        try:
            check_result(spec, [tuple(a.shape) for a in args], node.params)
            values[node_id] = spec.compute(args, node.params) if spec.function is None else \
                run_body(spec.function, args, depth + 1)[0]
        except ValueError as exc:
            raise BodyError(texts.PROBLEM_INSIDE.format(function=function.name, node=node.label, problem=exc)) from None
    return values[function.output()], values


def call_kind(function: FunctionDef) -> NodeKind:
    """The kind of a Call node of ``function``: its ports, engine call, captions, code."""
    ports = function.ports
    listed = ", ".join(f"{p} = {{{p}}}" for p in ports)
    sent = ", ".join(texts.CALL_SENDS.format(source=f"{{{p}_from}}", gradient=f"{{g{p}}}") for p in ports)
    size = len(function.body.nodes) - len(function.inputs)
    compute: Callable = lambda inputs, params: run_body(function, inputs)[0]  # noqa: E731
    return NodeKind(
        name=CALL, title=function.name, symbol="ƒ", group=MADE_OF_NODES, inputs=ports, compute=compute,
        description=plural(size, texts.FUNCTION_OF_ONE_NODE, texts.FUNCTION_OF_NODES).format(name=function.name, count=size),
        color=FUNCTION_COLOR,
        forward=f"{function.name}({listed}) = {{y}}",
        backward=texts.CALL_BACKWARD.format(name=function.name, sent=sent),
        code=f"{function.name}({', '.join(f'{{{p}}}' for p in ports)})",
        params=kind_of(CALL).params, header=kind_of(CALL).header, function=function,
        short=f"{function.name.lower()}_",
    )


def function_name_problem(graph: Graph, name: str) -> str | None:
    """Why ``name`` cannot name a function of ``graph`` (None: it can): the same rule for
    Make Function in the window and for a file's functions."""
    from nodeeditor.model.params import NAME_PATTERN

    if not NAME_PATTERN.fullmatch(name):
        return texts.FUNCTION_NOT_A_NAME.format(name=name)
    if name in graph.functions:
        return texts.FUNCTION_EXISTS.format(name=name)
    variables = {str(n.params.get("name")) for n in graph.nodes.values() if n.kind == "Variable"}
    if name in RESERVED_NAMES or name in variables:
        return texts.FUNCTION_NAME_TAKEN.format(name=name)
    return None
