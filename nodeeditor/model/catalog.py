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
        NodeKind("Add", "Add", "+", OPERATIONS, ("x0", "x1"), _binary(engine.add), {},
                 "x0 + x1. Backward passes the gradient unchanged to both inputs."),
        NodeKind("Sub", "Subtract", "−", OPERATIONS, ("x0", "x1"), _binary(engine.sub), {},
                 "x0 − x1. Backward passes the gradient to x0 and its negative to x1."),
        NodeKind("Mul", "Multiply", "×", OPERATIONS, ("x0", "x1"), _binary(engine.mul), {},
                 "x0 × x1. Backward gives each input the gradient times the other input."),
        NodeKind("Div", "Divide", "÷", OPERATIONS, ("x0", "x1"), _binary(engine.div), {},
                 "x0 ÷ x1. Backward: g / x1 to x0 and −g·x0 / x1² to x1."),
        NodeKind("Pow", "Power", "xᶜ", OPERATIONS, ("x",),
                 lambda inputs, params: engine.pow(inputs[0], params["c"]), {"c": 2.0},
                 "x to the power c. Backward: c·x^(c−1) times the gradient."),
        NodeKind("Neg", "Negate", "−x", OPERATIONS, ("x",),
                 lambda inputs, params: engine.neg(inputs[0]), {},
                 "−x. Backward passes the negative of the gradient."),
    ]
}


def kind_of(name: str) -> NodeKind:
    """The NodeKind called ``name``; KeyError for a name not in the catalog."""
    return KINDS[name]
