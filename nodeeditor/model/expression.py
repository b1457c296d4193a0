"""Builds a graph from a formula such as ``x0**2 + x1**2``.

The text is parsed with Python's ``ast`` and only a whitelist of node types is
accepted: numbers, names, the operators and functions the catalog names (+ - * / ** @,
unary minus, ``exp(x)``, ``sum(x, axis=0)``). Anything else (other calls, attributes,
subscripts, ...) is refused with a message that points at the part refused. Nothing is
ever evaluated: a keyword's value is read as a literal.
"""
from __future__ import annotations

import ast
import math
import re
from dataclasses import dataclass

import numpy as np

from nodeeditor.model import texts
from nodeeditor.model.catalog import KINDS, by_formula
from nodeeditor.model.graph import Graph
from nodeeditor.model.graphfile import param_from_json
from nodeeditor.model.layout import apply_layout
from nodeeditor.model.params import NAME_PATTERN, Param, ParamError
from nodeeditor.plural import plural

_OPERATORS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.MatMult: "@"}
MAX_LENGTH = 2000


@dataclass
class ExpressionError(ValueError):
    """What is wrong and where: ``column`` is 1-based, ``length`` the refused part's."""

    message: str
    column: int = 0
    length: int = 0

    def __str__(self) -> str:
        return texts.AT_COLUMN.format(message=self.message, column=self.column) if self.column else self.message

    def pointer(self, text: str) -> str:
        """The formula with a ^~~ line under the refused part ('' when no part is)."""
        if not self.column:
            return ""
        return text + "\n" + " " * (self.column - 1) + "^" + "~" * max(0, self.length - 1)


def build_graph(text: str, values: dict[str, object] | None = None, graph: Graph | None = None) -> Graph:
    """A laid-out graph computing ``text``; unknown names become Variables (value 1
    unless ``values`` gives one). Raises ExpressionError."""
    if len(text) > MAX_LENGTH:
        raise ExpressionError(texts.FORMULA_TOO_LONG.format(most=MAX_LENGTH))
    stripped = text.strip()
    if not stripped:
        raise ExpressionError(texts.FORMULA_EMPTY)
    try:
        tree = ast.parse(stripped, mode="eval")
    except SyntaxError as exc:
        raise _syntax_error(stripped, exc) from None
    except (RecursionError, MemoryError):
        raise ExpressionError(texts.FORMULA_TOO_DEEP) from None
    graph = graph if graph is not None else Graph()
    builder = _Builder(graph, values or {})
    try:
        builder.build(tree.body)
    except RecursionError:
        raise ExpressionError(texts.FORMULA_TOO_DEEP) from None
    except ExpressionError as exc:
        raise _in_characters(exc, stripped, len(text) - len(text.lstrip())) from None
    apply_layout(graph)
    graph.name_output(free_output_name(graph, "y"))
    graph.give_names()
    return graph


def _in_characters(error: ExpressionError, text: str, lead: int) -> ExpressionError:
    """``error`` with its place counted in characters of the typed text: Python's parser
    counts bytes of UTF-8 (变 is three), and the typed text may start with spaces."""
    if not error.column:
        return error
    data = text.encode("utf-8")
    start = len(data[: error.column - 1].decode("utf-8", errors="ignore"))
    end = len(data[: error.column - 1 + error.length].decode("utf-8", errors="ignore"))
    return ExpressionError(error.message, start + 1 + lead, max(1, end - start))


def free_output_name(graph: Graph, wanted: str) -> str:
    """``wanted`` unless a Variable is called so (Matyas' x and y): then f, out or loss,
    so that a caption never says ∂y/∂y about two different things."""
    taken = {n.params.get("name") for n in graph.nodes.values()}
    for name in (wanted, "f", "out", "loss"):
        if name not in taken:
            return name
    return wanted


class _Builder:
    def __init__(self, graph: Graph, values: dict[str, object]) -> None:
        self.graph = graph
        self.values = values
        self.variables: dict[str, str] = {}

    def build(self, node: ast.AST) -> str:
        if isinstance(node, ast.BinOp):
            return self._binary(node)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            operand = self.build(node.operand)
            if isinstance(node.op, ast.UAdd):
                return operand
            return self._op("Neg", {}, [("a", operand)])
        if isinstance(node, ast.Call):
            return self._call(node)
        if isinstance(node, ast.Name):
            return self._variable(node.id, node)
        if isinstance(node, ast.Constant) and _is_number(node.value):
            return self.graph.add_node("Constant", {"value": np.array(_finite(node, node.value))}).id
        raise _refuse(node)

    def _binary(self, node: ast.BinOp) -> str:
        """A chain like a + b + c + ... nests to the left as deep as it is long: its left
        spine is walked in a loop, so a flat sum of a thousand terms is no deeper to build
        than one of two."""
        spine = []
        while isinstance(node, ast.BinOp) and not isinstance(node.op, ast.Pow):
            spine.append(node)
            node = node.left
        result = self.build(node) if spine else self._pow(node)
        for step in reversed(spine):
            kind = by_formula(_OPERATORS.get(type(step.op), ""))
            if kind is None:
                raise _refuse(step, _OPERATOR_ADVICE.get(type(step.op), texts.OPERATORS_ONLY))
            right = self.build(step.right)
            result = self._op(kind.name, {}, [("a", result), ("b", right)])
        return result

    def _pow(self, node: ast.BinOp) -> str:
        if isinstance(node.op, ast.Pow):
            exponent = _constant_exponent(node.right)
            base = self.build(node.left)
            return self._op("Pow", {"c": exponent}, [("a", base)])
        raise _refuse(node)

    def _call(self, node: ast.Call) -> str:
        """``exp(x)``, ``mean_squared_error(p, t)``, ``sum(x, axis=0)``: a kind the catalog
        spells so, its inputs in order and its parameters as keywords."""
        name = node.func.id if isinstance(node.func, ast.Name) else ""
        kind = by_formula(name) if name.isidentifier() else None
        if kind is None:
            functions = ", ".join(function_names())
            raise _refuse(node.func if name else node,
                          texts.NO_SUCH_FUNCTION.format(name=name, functions=functions) if name
                          else texts.NO_FUNCTION_LIKE_THIS.format(functions=functions))
        if len(node.args) != len(kind.inputs) or any(isinstance(a, ast.Starred) for a in node.args):
            n = len(kind.inputs)
            example = f"{name}({', '.join(('x', 'W')[:n])})"
            raise _refuse(node, plural(n, texts.TAKES_ONE_INPUT, texts.TAKES_INPUTS).format(
                name=name, count=n, example=example))
        params = {}
        for keyword in node.keywords:
            if keyword.arg is None or keyword.arg not in kind.defaults:
                template = texts.NO_SUCH_SETTING if kind.defaults else texts.NO_SETTINGS
                raise _refuse(keyword.value, template.format(name=name, keyword=keyword.arg or "**",
                                                             settings=", ".join(kind.defaults)))
            params[keyword.arg] = _keyword_value(kind.param(keyword.arg), keyword.value)
        sources = [self.build(arg) for arg in node.args]
        return self._op(kind.name, params, list(zip(kind.inputs, sources)))

    def _variable(self, name: str, node: ast.AST | None = None) -> str:
        if not NAME_PATTERN.fullmatch(name):
            raise _refuse(node, texts.BAD_VARIABLE_NAME.format(name=name[:40]))
        if name not in self.variables:
            value = np.array(self.values.get(name, 1.0), dtype=np.float64)
            self.variables[name] = self.graph.add_node("Variable", {"name": name, "value": value}).id
        return self.variables[name]

    def _op(self, kind: str, params: dict, wires: list[tuple[str, str]]) -> str:
        node_id = self.graph.add_node(kind, params).id
        for port, source in wires:
            self.graph.connect(source, "y", node_id, port)
        return node_id


def function_names() -> list[str]:
    """What the formula bar accepts as functions: exp, log, sin, ... from the catalog."""
    return [kind.formula for kind in KINDS.values() if kind.formula.isidentifier()]


def _keyword_value(param: Param, node: ast.AST) -> object:
    """A keyword's value read as a literal (never evaluated) and checked like a file's."""
    try:
        value = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        raise _refuse(node, texts.PLAIN_VALUE.format(param=param.name, example=param.type.code(param.default))) from None
    try:
        return param_from_json(param, _json_form(value))
    except (ParamError, ValueError, TypeError) as exc:
        message = str(exc) if str(exc).startswith(param.name) else texts.PARAM_PROBLEM.format(param=param.name, problem=exc)
        raise _refuse(node, message) from None


def _json_form(value: object) -> object:
    """A literal as JSON has it: tuples as lists (the loader checks that form)."""
    if isinstance(value, (tuple, list)):
        return [_json_form(v) for v in value]
    return value


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


#: The arithmetic a constant exponent may be written with: x ** (1/3), x ** (-1/2).
_FOLDED = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
           ast.Div: lambda a, b: a / b, ast.Pow: lambda a, b: a ** b}


def _constant_exponent(node: ast.AST) -> float:
    """The exponent of ``**`` as one number: a number, or arithmetic of numbers worked out
    (1/3). One with a name in it is refused with the way that does work."""
    def fold(part: ast.AST) -> float:
        if isinstance(part, ast.Constant) and _is_number(part.value):
            return _finite(part, part.value)
        if isinstance(part, ast.UnaryOp) and isinstance(part.op, (ast.USub, ast.UAdd)):
            return -fold(part.operand) if isinstance(part.op, ast.USub) else fold(part.operand)
        if isinstance(part, ast.BinOp) and type(part.op) in _FOLDED:
            left, right = fold(part.left), fold(part.right)
            try:
                value = _FOLDED[type(part.op)](left, right)
            except (ZeroDivisionError, OverflowError):
                raise _refuse(part, texts.EXPONENT_DIVIDES_BY_ZERO) from None
            if isinstance(value, complex) or value != value or abs(value) == float("inf"):
                raise _refuse(part, texts.EXPONENT_NOT_REAL)
            return float(value)
        if isinstance(part, ast.Name):
            raise _refuse(part, texts.EXPONENT_IS_A_NODE.format(name=part.id))
        raise _refuse(part, texts.EXPONENT_NOT_A_NUMBER)

    return fold(node)


def _finite(node: ast.AST, number: float) -> float:
    """The number as a float64, or an error pointing at it when it is too large for one."""
    try:
        value = float(number)
    except OverflowError:
        value = math.inf
    if not math.isfinite(value):
        raise _refuse(node, texts.NUMBER_TOO_LARGE)
    return value


_OPERATOR_ADVICE = {
    ast.BitXor: texts.USE_STARS_FOR_POWERS,
    ast.Mod: texts.NO_REMAINDER,
    ast.FloorDiv: texts.NO_FLOOR_DIVISION,
    ast.BitAnd: texts.NO_BIT_AND,
    ast.BitOr: texts.NO_BIT_OR,
    ast.LShift: texts.NO_LEFT_SHIFT,
    ast.RShift: texts.NO_RIGHT_SHIFT,
}
_NUMBER_THEN_NAME = re.compile(r"(?<![\w.])(\d+(?:\.\d*)?)(?![eE][+-]?\d)([A-Za-z_]\w*)")


def _syntax_error(text: str, exc: SyntaxError) -> ExpressionError:
    """A parse error said as a teacher would: where it is and how to write it instead."""
    glued = _NUMBER_THEN_NAME.search(text)
    if glued:
        number, name = glued.groups()
        return ExpressionError(texts.WRITE_TIMES.format(number=number, name=name),
                               glued.start() + 1, len(glued.group(0)))
    if text.count("(") != text.count(")"):
        more = "(" if text.count("(") > text.count(")") else ")"
        return ExpressionError(texts.UNPAIRED.format(bracket=more),
                               (text.rfind(more) + 1) if more == ")" else (text.find("(") + 1), 1)
    column = exc.offset or 0
    if column > len(text) or text[-1] in "+-*/(":
        return ExpressionError(texts.STOPS_EARLY, len(text), 1)
    return ExpressionError(texts.OUT_OF_PLACE, column, 1)


_NAMES = {ast.Call: texts.A_CALL, ast.Attribute: texts.AN_ATTRIBUTE, ast.Subscript: texts.A_SUBSCRIPT,
          ast.Compare: texts.A_COMPARISON, ast.BoolOp: texts.AND_OR, ast.Lambda: texts.A_LAMBDA,
          ast.List: texts.A_LIST, ast.Tuple: texts.A_TUPLE, ast.Dict: texts.A_DICT, ast.IfExp: texts.AN_IF_EXPRESSION}


def _refuse(node: ast.AST, message: str | None = None) -> ExpressionError:
    if message is None:
        what = _NAMES.get(type(node)) or texts.UNKNOWN_CONSTRUCT.format(name=type(node).__name__)
        message = texts.NOT_HERE.format(what=what)
    column = getattr(node, "col_offset", -1) + 1
    end = getattr(node, "end_col_offset", None)
    length = (end - column + 1) if end is not None and getattr(node, "end_lineno", 1) == 1 else 1
    return ExpressionError(message, column, length)
