"""The kinds of node a graph can hold: ports, parameters, symbol, and the engine call."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

import engine

INPUTS = "Inputs"
OPERATIONS = "Operations"
OUTPUT_PORT = "y"


@dataclass(frozen=True)
class NodeKind:
    """What a node of this kind looks like and what it computes.

    ``compute(inputs, params)`` takes the input Variables in port order and the node's
    parameters, and returns the node's output Variable.
    """

    name: str
    title: str
    symbol: str
    category: str
    inputs: tuple[str, ...]
    compute: Callable[[list[engine.Variable], dict[str, Any]], engine.Variable]
    defaults: dict[str, Any] = field(default_factory=dict)
    description: str = ""
    outputs: tuple[str, ...] = (OUTPUT_PORT,)
    #: the names the inputs had in files written before they were renamed, in port order
    legacy_inputs: tuple[str, ...] = ()

    @property
    def is_input(self) -> bool:
        return self.category == INPUTS


def _leaf(inputs: list, params: dict) -> engine.Variable:
    return engine.Variable(np.array(params["value"], dtype=np.float64), name=params.get("name"))


def _binary(op: Callable) -> Callable:
    return lambda inputs, params: op(inputs[0], inputs[1])


KINDS: dict[str, NodeKind] = {
    kind.name: kind
    for kind in [
        NodeKind("Variable", "Variable", "x", INPUTS, (), _leaf, {"name": "x", "value": 1.0},
                 "An input you can change; backward gives its gradient."),
        NodeKind("Constant", "Constant", "c", INPUTS, (), _leaf, {"value": 1.0},
                 "A fixed number."),
        NodeKind("Add", "Add", "+", OPERATIONS, ("a", "b"), _binary(engine.add), {},
                 "a + b. Backward passes the gradient unchanged to both inputs.", legacy_inputs=("x0", "x1")),
        NodeKind("Sub", "Subtract", "−", OPERATIONS, ("a", "b"), _binary(engine.sub), {},
                 "a − b. Backward passes the gradient to a and its negative to b.", legacy_inputs=("x0", "x1")),
        NodeKind("Mul", "Multiply", "×", OPERATIONS, ("a", "b"), _binary(engine.mul), {},
                 "a × b. Backward gives each input the gradient times the other input.",
                 legacy_inputs=("x0", "x1")),
        NodeKind("Div", "Divide", "÷", OPERATIONS, ("a", "b"), _binary(engine.div), {},
                 "a ÷ b. Backward: g ÷ b to a and −g·a ÷ b² to b.", legacy_inputs=("x0", "x1")),
        NodeKind("Pow", "Power", "aᶜ", OPERATIONS, ("a",),
                 lambda inputs, params: engine.pow(inputs[0], params["c"]), {"c": 2.0},
                 "a to the power c. Backward: c·a^(c−1) times the gradient.", legacy_inputs=("x",)),
        NodeKind("Neg", "Negate", "−a", OPERATIONS, ("a",),
                 lambda inputs, params: engine.neg(inputs[0]), {},
                 "−a. Backward passes the negative of the gradient.", legacy_inputs=("x",)),
    ]
}


def input_port(kind: NodeKind, port: str) -> str:
    """The input called ``port``, under its current name when a file used an old one."""
    if port not in kind.inputs and port in kind.legacy_inputs:
        return kind.inputs[kind.legacy_inputs.index(port)]
    return port


def kind_of(name: str) -> NodeKind:
    """The NodeKind called ``name``; KeyError for a name not in the catalog."""
    return KINDS[name]
