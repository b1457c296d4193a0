"""Python code, in the seed lesson's style, that computes the same as the drawn graph."""
from __future__ import annotations

import builtins
import keyword
import re

from nodeeditor.compiler import Compiler
from nodeeditor.lessons import texts
from nodeeditor.model.catalog import INPUT
from nodeeditor.model.functions import FunctionDef
from nodeeditor.model.graph import Graph

#: Names the exported code cannot give a Variable: its imports and Python's built-ins
#: (a Variable called print would hide print(), which the script calls).
RESERVED = {"np", "Variable", "F"} | set(dir(builtins))


def python_code(graph: Graph, compiler: Compiler | None = None) -> str:
    """A script that builds the graph with Variables and operators, runs backward from
    the graph's output, and prints the output and every Variable's gradient."""
    names = python_names(graph)
    root = None
    if compiler is not None:
        try:
            root = compiler.default_output()
        except ValueError:
            root = None
    order = graph.reading_order()
    unwired = _unwired(graph, order)
    body = [texts.LEFT_OUT.format(name=names[node_id], reason=unwired[node_id]) if node_id in unwired
            else f"{names[node_id]} = {code_line(graph, node_id, names)}" for node_id in order]
    functions = [line for function in graph.functions.values() for line in function_code(function)]
    header = ["import numpy as np", ""]
    if any("F." in line for line in body + functions):
        header.append("import engine as F")
    lines = header + ["from engine import Variable", ""] + functions + body
    if root is not None and root not in unwired:
        upstream = graph.upstream(root)
        variables = [n for n in order if graph.nodes[n].kind == "Variable" and n in upstream]
        lines += ["", f"print({names[root]})"]
        if variables:  # with constants alone the result is a plain array, with nothing to differentiate
            lines.append(f"{names[root]}.backward()")
            lines += [f"print({names[node_id]}.grad)" for node_id in variables]
    return "\n".join(lines) + "\n"


def _unwired(graph: Graph, order: list[str]) -> dict[str, str]:
    """The nodes the script cannot compute, and why: an input with nothing wired to it, or
    one fed by such a node (the code would pass None and fail)."""
    names = graph.names()
    left_out: dict[str, str] = {}
    for node_id in order:
        wires = graph.input_edges(node_id)
        missing = [p for p in graph.nodes[node_id].spec.inputs if p not in wires]
        if missing:
            left_out[node_id] = texts.NOTHING_WIRED.format(ports=", ".join(missing))
        else:
            blocked = [wires[p].src for p in wires if wires[p].src in left_out]
            if blocked:
                left_out[node_id] = texts.IS_LEFT_OUT.format(name=names[blocked[0]])
    return left_out


def code_line(graph: Graph, node_id: str, names: dict[str, str]) -> str:
    """The right-hand side computing one node: its kind's code template filled in."""
    node = graph.nodes[node_id]
    spec = node.spec
    wires = graph.input_edges(node_id)
    args = {port: names[wires[port].src] if port in wires else "None" for port in spec.inputs}
    literals = {p.name: p.type.code(node.params[p.name]) for p in spec.params}
    return spec.code.format(**args, **literals)


def function_code(function: FunctionDef) -> list[str]:
    """A function made of nodes as a Python function: its inputs are its parameters."""
    body = function.body
    names = python_names(body)
    params = ", ".join(names[i] for i in function.inputs)
    lines = [f"def {function.name}({params}):"]
    for node_id in body.reading_order():
        if body.nodes[node_id].kind != INPUT:
            lines.append(f"    {names[node_id]} = {code_line(body, node_id, names)}")
    return lines + [f"    return {names[function.output()]}", "", ""]


def python_names(graph: Graph) -> dict[str, str]:
    """Each node by the name the canvas shows (x0, pow1, the output y); a name Python or
    the script cannot use (a keyword, a built-in such as sum, np) gets a v_ in front, and a
    name two nodes share (a hand-edited file) a number after it."""
    names: dict[str, str] = {}
    used: set[str] = set()
    shown = graph.names()
    for node_id in graph.reading_order():
        base = shown[node_id]
        if not re.match(r"^[A-Za-z_]\w*$", base) or keyword.iskeyword(base) or base in RESERVED:
            base = f"v_{base}" if re.match(r"^\w+$", base) else "v"
        name, i = base, 2
        while name in used:
            name, i = f"{base}_{i}", i + 1
        used.add(name)
        names[node_id] = name
    return names
