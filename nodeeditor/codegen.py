"""Python code, in the seed lesson's style, that computes the same as the drawn graph."""
from __future__ import annotations

import keyword
import re

import numpy as np

from nodeeditor.compiler import Compiler
from nodeeditor.model.graph import Graph
from nodeeditor.model.values import to_json_value

_OPERATORS = {"Add": "+", "Sub": "-", "Mul": "*", "Div": "/"}


def python_code(graph: Graph, compiler: Compiler | None = None) -> str:
    """A script that builds the graph with Variables and operators, runs backward from
    the graph's output, and prints the output and every Variable's gradient."""
    names = _names(graph)
    lines = ["import numpy as np", "", "from engine import Variable", ""]
    root = None
    if compiler is not None:
        try:
            root = compiler.default_output()
        except ValueError:
            root = None
    order = graph.reading_order()
    for node_id in order:
        node = graph.nodes[node_id]
        wires = graph.input_edges(node_id)
        args = [names[wires[p].src] if p in wires else "None" for p in node.spec.inputs]
        name = names[node_id]
        if node.kind == "Variable":
            lines.append(f"{name} = Variable(np.array({_literal(node.params['value'])}))")
        elif node.kind == "Constant":
            lines.append(f"{name} = np.array({_literal(node.params['value'])})")
        elif node.kind in _OPERATORS:
            lines.append(f"{name} = {args[0]} {_OPERATORS[node.kind]} {args[1]}")
        elif node.kind == "Pow":
            lines.append(f"{name} = {args[0]} ** {_number(node.params['c'])}")
        else:
            lines.append(f"{name} = -{args[0]}")
    if root is not None:
        lines += ["", f"print({names[root]})", f"{names[root]}.backward()"]
        upstream = graph.upstream(root)
        for node_id in order:
            if graph.nodes[node_id].kind == "Variable" and node_id in upstream:
                lines.append(f"print({names[node_id]}.grad)")
    return "\n".join(lines) + "\n"


def _names(graph: Graph) -> dict[str, str]:
    """Variables keep their names; other nodes are named after their kind: add1, mul2..."""
    names: dict[str, str] = {}
    used: set[str] = set()
    counters: dict[str, int] = {}
    for node_id in graph.reading_order():
        node = graph.nodes[node_id]
        base = str(node.params.get("name") or node.kind.lower())
        if not re.match(r"^[A-Za-z_]\w*$", base) or keyword.iskeyword(base) or base in {"np", "Variable"}:
            base = f"v_{base}"
        name = base if node.kind == "Variable" and base not in used else _fresh(base, used, counters)
        used.add(name)
        names[node_id] = name
    return names


def _fresh(base: str, used: set[str], counters: dict[str, int]) -> str:
    i = counters.get(base, 1)
    while f"{base}{i}" in used:
        i += 1
    counters[base] = i + 1
    return f"{base}{i}"


def _literal(value: np.ndarray) -> str:
    return repr(to_json_value(value))


def _number(c: float) -> str:
    c = float(c)
    return str(int(c)) if c.is_integer() else repr(c)
