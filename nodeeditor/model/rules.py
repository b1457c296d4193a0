"""Each kind's local rule: the derivative of its output with respect to each input, as a
formula over the inputs (a, b), the output (y), the parameters (c) and the input's size
(N), such as ``c * a ** (c - 1)``. The catalog holds the formulas; this module reads them
once, writes them in the graph's names and in numbers, as a textbook prints them (2·x0,
then 2·6), as plain text or LaTeX, and works them out (a test checks each kind's rule
against the engine's own backward). No Qt, and no eval: a small tree walker."""
from __future__ import annotations

import ast
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache

import numpy as np

from nodeeditor.model.values import MINUS, format_number

#: What a formula may call, and how each is worked out.
FUNCTIONS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "exp": np.exp, "log": np.log, "sin": np.sin, "cos": np.cos, "tanh": np.tanh, "sqrt": np.sqrt,
    "step": lambda a: (np.asarray(a) > 0).astype(np.float64),  # 1 where a > 0, else 0 (ReLU's)
}
_LATEX_FUNCTIONS = {"exp": r"\exp", "log": r"\ln", "sin": r"\sin", "cos": r"\cos", "tanh": r"\tanh"}
# precedence: a sum binds loosest, then products, a minus sign in front, powers, atoms
_SUM, _PRODUCT, _NEGATIVE, _POWER, _ATOM = 1, 2, 3, 4, 5


class RuleError(ValueError):
    """A formula of the catalog that is not one this module can read (a catalog mistake)."""


@cache
def parse(formula: str) -> ast.expr:
    """The tree of ``formula`` (checked: numbers, names, + − * / **, the FUNCTIONS)."""
    tree = ast.parse(formula, mode="eval").body
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and not (isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS):
            raise RuleError(f"{formula!r} calls something that is not one of {sorted(FUNCTIONS)}")
        if not isinstance(node, (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Call, ast.Name, ast.Constant,
                                 ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow, ast.USub, ast.Load)):
            raise RuleError(f"{formula!r} holds {type(node).__name__}, which a rule may not")
    return tree


def symbols(formula: str) -> set[str]:
    """The names ``formula`` uses (a, b, y, c, N), not the functions it calls."""
    tree = parse(formula)
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and id(n) not in called}


def evaluate(formula: str, values: Mapping[str, object]) -> np.ndarray:
    """``formula`` worked out for ``values`` (numbers or arrays, elementwise)."""
    def walk(node: ast.expr) -> np.ndarray:
        if isinstance(node, ast.Constant):
            return np.asarray(float(node.value))
        if isinstance(node, ast.Name):
            return np.asarray(values[node.id], dtype=np.float64)
        if isinstance(node, ast.UnaryOp):
            return -walk(node.operand)
        if isinstance(node, ast.Call):
            return FUNCTIONS[node.func.id](walk(node.args[0]))
        left, right = walk(node.left), walk(node.right)
        return {ast.Add: np.add, ast.Sub: np.subtract, ast.Mult: np.multiply, ast.Div: np.divide,
                ast.Pow: np.power}[type(node.op)](left, right)

    with np.errstate(all="ignore"):
        return walk(parse(formula))


# writing ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Text:
    text: str
    binding: int  # how tightly it holds together (see the precedences above)


def write(formula: str, names: Mapping[str, str] | None = None, values: Mapping[str, float] | None = None,
          constants: Mapping[str, float] | None = None, latex: bool = False,
          number: Callable[[float], str] | None = None) -> str:
    """``formula`` with each symbol written by its name (``names``: a → x0) or its number
    (``values``: a → 6). The ``constants`` (the parameters, c → 2) are worked into the
    parts that hold nothing else (c − 1 is 1), x¹ is x and 1·x is x: "2·x0" in names,
    "2·6" in numbers, never "2·x0^(2 − 1)"."""
    names, values, constants = names or {}, values or {}, constants or {}
    number = number or format_number

    def num(x: float) -> _Text:
        text = number(x)
        if latex:
            text = _latex_number(text)
        return _Text(text, _NEGATIVE if text.startswith((MINUS, "-")) else _ATOM)

    def wrap(part: _Text, binding: int) -> str:
        return f"\\left({part.text}\\right)" if latex and part.binding < binding else \
            f"({part.text})" if part.binding < binding else part.text

    def constant(node: ast.expr) -> float | None:
        """The value of a part that holds only constants and numbers, else None."""
        free = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} - set(FUNCTIONS)
        if free - set(constants):
            return None
        return float(np.sum(evaluate(ast.unparse(node), constants)))

    def walk(node: ast.expr) -> _Text:
        value = constant(node)
        if value is not None and math.isfinite(value):
            return num(value)
        if isinstance(node, ast.Name):
            if node.id in values:
                return num(float(np.sum(values[node.id])))
            name = names.get(node.id, node.id)
            return _Text(_latex_name(name) if latex else name, _ATOM)
        if isinstance(node, ast.UnaryOp):
            inner = walk(node.operand)
            return _Text(f"-{wrap(inner, _POWER)}" if latex else f"{MINUS}{wrap(inner, _POWER)}", _NEGATIVE)
        if isinstance(node, ast.Call):
            arg = walk(node.args[0])
            return _call(node.func.id, arg, latex, wrap)
        op = type(node.op)
        if op is ast.Pow:
            base, exponent = walk(node.left), walk(node.right)
            if exponent.text == "1":
                return base
            if latex:
                return _Text(f"{wrap(base, _ATOM)}^{{{exponent.text}}}", _POWER)
            return _Text(f"{wrap(base, _ATOM)}^{wrap(exponent, _ATOM)}", _POWER)
        left, right = walk(node.left), walk(node.right)
        if op is ast.Mult:
            if left.text == "1":
                return right
            if right.text == "1":
                return left
            dot = r" \cdot " if latex else "·"
            return _Text(f"{wrap(left, _PRODUCT)}{dot}{wrap(right, _NEGATIVE + 1)}", _PRODUCT)
        if op is ast.Div:
            if latex:
                return _Text(f"\\frac{{{left.text}}}{{{right.text}}}", _ATOM)
            return _Text(f"{wrap(left, _PRODUCT)}/{wrap(right, _NEGATIVE + 1)}", _PRODUCT)
        sign = "+" if op is ast.Add else ("-" if latex else MINUS)
        return _Text(f"{wrap(left, _SUM)} {sign} {wrap(right, _NEGATIVE + 1)}", _SUM)

    return walk(parse(formula)).text


def _call(function: str, arg: _Text, latex: bool, wrap: Callable[[_Text, int], str]) -> _Text:
    if function == "sqrt":
        return _Text(f"\\sqrt{{{arg.text}}}" if latex else f"√{wrap(arg, _ATOM)}", _ATOM)
    if function == "step":  # Iverson's bracket: 1 when it holds, 0 when not
        return _Text(f"[{arg.text} > 0]", _ATOM)
    if latex:
        return _Text(f"{_LATEX_FUNCTIONS[function]}\\left({arg.text}\\right)", _ATOM)
    return _Text(f"{function}({arg.text})", _ATOM)


def _latex_number(text: str) -> str:
    text = text.replace(MINUS, "-")
    if "e" in text and text[-1].isdigit():
        mantissa, exponent = text.split("e")
        return rf"{mantissa} \times 10^{{{int(exponent)}}}"
    return text


def _latex_name(name: str) -> str:
    """x0 as x_{0}, a one-letter name as itself, any other in upright letters."""
    if len(name) > 1 and name[0].isalpha() and name[1:].isdigit():
        return f"{name[0]}_{{{name[1:]}}}"
    if len(name) == 1:
        return name
    return r"\mathrm{" + name.replace("_", r"\_") + "}"


latex_name = _latex_name
