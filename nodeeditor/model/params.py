"""The types a node's parameter can have: how each is typed, shown, saved and checked.

A kind's parameters name one of these types; the Inspector, the .graph file, the schema,
the captions and the exported code all go through it, so a new parameter needs nothing
but its entry in the catalog.
"""
from __future__ import annotations

import ast
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from nodeeditor.model import texts
from nodeeditor.model.values import ValueFormatError, format_array, parse_value_text, shape_text, to_array, to_json_value

MAX_NAME = 32
NAME_PATTERN = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,31}")
MAX_DIMENSIONS = 8
MAX_AXIS_LENGTH = 1_000_000


class ParamError(ValueError):
    """What a student typed is not a value of this parameter; the message says why."""


@dataclass(frozen=True)
class ParamType:
    """One type of parameter.

    ``parse``: typed text -> value (ParamError); ``text``: value -> the text to edit;
    ``words``: value -> how captions and node headers say it; ``code``: value -> a Python
    literal; ``to_json`` / ``from_json``: the .graph form; ``schema``: its JSON Schema;
    ``editor``: "line" or "check" (a check box)."""

    name: str
    parse: Callable[[str], Any]
    text: Callable[[Any], str]
    words: Callable[[Any], str]
    code: Callable[[Any], str]
    to_json: Callable[[Any], Any]
    from_json: Callable[[Any], Any]
    schema: dict
    editor: str = "line"


def _parse_name(text: str) -> str:
    name = text.strip()
    if len(name) > MAX_NAME and re.fullmatch(r"[A-Za-z_]\w*", name, re.ASCII):
        raise ParamError(texts.NAME_TOO_LONG.format(most=MAX_NAME, name=name, length=len(name)))
    if not NAME_PATTERN.fullmatch(name):
        raise ParamError(texts.NOT_A_NAME.format(name=name))
    return name


def _parse_array(text: str) -> np.ndarray:
    try:
        return parse_value_text(text)
    except ValueFormatError as exc:
        raise ParamError(str(exc)) from None


def _parse_number(text: str) -> float:
    try:
        c = float(text)
    except ValueError:
        c = float("nan")
    if not math.isfinite(c):
        raise ParamError(texts.NOT_A_PARAM_NUMBER.format(text=text.strip()))
    return c


def _literal(text: str, too_long: str, refused: str) -> Any:
    """``text`` read as a Python literal; ParamError with ``too_long`` or ``refused`` (a
    template with the field ``text``) when it is not one."""
    stripped = text.strip()
    if len(stripped) > 200:
        raise ParamError(too_long)
    try:
        return ast.literal_eval(stripped) if stripped else None
    except (SyntaxError, ValueError, TypeError, MemoryError, RecursionError):
        raise ParamError(refused.format(text=stripped)) from None


def _ints(value: Any, param: str, allow_negative: bool = True) -> tuple[int, ...]:
    items = value if isinstance(value, (tuple, list)) else (value,)
    if len(items) > MAX_DIMENSIONS:
        raise ParamError(texts.TOO_MANY_DIMENSIONS.format(param=param, most=MAX_DIMENSIONS))
    result = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, int):
            raise ParamError(texts.NOT_WHOLE.format(param=param, item=item))
        if abs(item) > MAX_AXIS_LENGTH or (item < 0 and not allow_negative):
            raise ParamError(texts.OUT_OF_RANGE.format(param=param, item=item))
        result.append(item)
    return tuple(result)


def _parse_axis(text: str) -> int | tuple[int, ...] | None:
    """Empty or "all" for every axis, ``0``, or ``0, 1``."""
    if text.strip().lower() in ("", "none", "all"):
        return None
    axes = _ints(_literal(text, texts.AXIS_TOO_LONG, texts.NOT_AN_AXIS), "axis")
    if len(set(axes)) != len(axes):
        raise ParamError(texts.AXIS_TWICE)
    return axes[0] if len(axes) == 1 and "," not in text else axes


def _axis_text(axis: Any) -> str:
    if axis is None:
        return ""
    return str(axis) if isinstance(axis, int) else ", ".join(str(a) for a in axis)


def _axis_words(axis: Any) -> str:
    if axis is None:
        return texts.EVERY_AXIS
    if isinstance(axis, int):
        return texts.ONE_AXIS.format(axis=axis)
    return texts.SEVERAL_AXES.format(axes=", ".join(str(a) for a in axis))


def _axis_from_json(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _axis_to_json(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _parse_shape(text: str) -> tuple[int, ...]:
    """``2, 3`` or ``(2, 3)``; -1 once lets Reshape work out that length."""
    value = _literal(text, texts.SHAPE_TOO_LONG, texts.NOT_A_SHAPE)
    if value is None:
        raise ParamError(texts.TYPE_A_SHAPE)
    shape = _ints(value, "shape")
    if any(n < -1 for n in shape) or shape.count(-1) > 1:
        raise ParamError(texts.SHAPE_LENGTHS)
    return shape


def _shape_text(shape: tuple[int, ...]) -> str:
    return "()" if not shape else ", ".join(str(n) for n in shape)


def _parse_bool(text: str) -> bool:
    word = text.strip().lower()
    if word in ("true", "yes", "1", "on"):
        return True
    if word in ("false", "no", "0", "off", ""):
        return False
    raise ParamError(texts.NOT_YES_OR_NO.format(text=text.strip()))


def _number_words(c: Any) -> str:
    return format_array(np.asarray(c, dtype=np.float64))


def _number_code(c: Any) -> str:
    c = float(c)
    return str(int(c)) if c.is_integer() and abs(c) < 1e15 else repr(c)


def _parse_label(text: str) -> str:
    return "" if not text.strip() else _parse_name(text)


_INTEGERS = {"type": "array", "maxItems": MAX_DIMENSIONS, "items": {"type": "integer"}}

NAME = ParamType("name", _parse_name, str, str, repr, str, str, {"$ref": "#/$defs/name"})
ARRAY = ParamType("array", _parse_array, lambda v: _compact(to_json_value(v)), format_array,
                  lambda v: f"np.array({to_json_value(v)!r})", to_json_value, to_array, {"$ref": "#/$defs/value"})
NUMBER = ParamType("number", _parse_number, lambda c: repr(float(c)), _number_words, _number_code, float, float,
                   {"$ref": "#/$defs/number"})
AXIS = ParamType("axis", _parse_axis, _axis_text, _axis_words, repr, _axis_to_json, _axis_from_json,
                 {"anyOf": [{"type": "null"}, {"type": "integer"}, _INTEGERS],
                  "x-message": texts.AXIS_EXPECTED})
SHAPE = ParamType("shape", _parse_shape, _shape_text, shape_text, repr, list, tuple,
                  dict(_INTEGERS, **{"x-message": texts.SHAPE_EXPECTED}))
#: An optional name, such as a Constant's (its data: x, t); empty means none.
LABEL = ParamType("label", _parse_label, str, lambda label: label or "Constant", repr, str, str,
                  {"anyOf": [{"const": ""}, {"$ref": "#/$defs/name"}],
                   "x-message": texts.LABEL_EXPECTED})
BOOL = ParamType("bool", _parse_bool, lambda b: "yes" if b else "no", lambda b: "yes" if b else "no", repr,
                 bool, bool, {"type": "boolean"}, editor="check")


def _compact(data: Any) -> str:
    """A value as a student would type it: ``3``, ``-2.5``, ``[1, 2]``."""
    if isinstance(data, list):
        return "[" + ", ".join(_compact(v) for v in data) + "]"
    return repr(float(data)).removesuffix(".0") if float(data).is_integer() else repr(float(data))


@dataclass(frozen=True)
class Param:
    """One parameter of a kind: its name (in the file and templates), type and default,
    and what the Inspector calls it."""

    name: str
    type: ParamType
    default: Any
    label: str
    tooltip: str
    #: checks a parsed value against the rest of the node (e.g. Transpose's axes)
    check: Callable[[Any], None] | None = None
    #: a file must give it (else it may leave it out, and the default holds)
    required: bool = True

    def parse(self, text: str) -> Any:
        value = self.type.parse(text)
        if self.check is not None:
            self.check(value)
        return value
