"""Checks a JSON document against the subset of JSON Schema our .graph schema uses.

Written here rather than depending on a validator package so that messages read as a
teacher would write them (``nodes[3].value: expected a number or a nested list of
numbers``) and the frozen program stays small. Supported keywords: type, const, enum,
required, properties, additionalProperties (false), items, prefixItems, minItems,
maxItems, minimum, exclusiveMinimum, maximum, maxLength, pattern, $ref (local), anyOf, allOf, if/then, and
``x-message``, our own: the message to give when the sub-schema fails. Numbers must also
be finite (JSON's 1e999 parses as infinity), which JSON Schema leaves open.

The schema is compiled once into nested functions, so checking costs a few function calls
per value whatever the schema's size (a 50,000-node file in a fraction of a second).
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from nodeeditor.model import texts

MAX_DEPTH = 150

_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}
_ARTICLE = {"object": texts.AN_OBJECT, "array": texts.A_LIST_VALUE, "string": texts.A_STRING, "number": texts.A_NUMBER,
            "integer": texts.A_WHOLE_NUMBER, "boolean": texts.TRUE_OR_FALSE, "null": texts.NULL}


class SchemaError(ValueError):
    """The document does not fit the schema; ``where`` is a path like ``nodes[3].value``."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(texts.AT_PLACE.format(where=where, reason=reason) if where else reason)
        self.where = where
        self.reason = reason


def validate(document: Any, schema: dict) -> None:
    """Raise SchemaError for the first place where ``document`` breaks ``schema``."""
    check = compiled(schema)
    try:
        check(document, 0)
    except _Fail as fail:
        raise SchemaError(_path(fail.parts), fail.reason) from None


def describe(value: Any) -> str:
    """A short name for what was found instead, for messages."""
    for name in ("boolean", "integer", "number", "string", "array", "object"):
        if _TYPES[name](value):
            return _ARTICLE[name]
    return texts.NULL if value is None else type(value).__name__


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _path(parts: list) -> str:
    path = ""
    for key in reversed(parts):  # collected from the inside out
        path = join(path, key)
    return path


class _Fail(Exception):
    """A failure on the way out: ``parts`` grows by one key per container it leaves."""

    def __init__(self, reason: str, final: bool = False) -> None:
        self.reason = reason
        self.parts: list = []
        #: a reason no x-message may replace: it says more than any (a number too large)
        self.final = final


Check = Callable[[Any, int], None]
_CACHE: dict[int, tuple[dict, Check]] = {}


def compiled(root: dict) -> Check:
    """``root`` turned once into nested checking functions (kept while ``root`` lives):
    a document is then checked without looking anything up in the schema, and a node's
    kind picks its rules from a table instead of trying each kind's if/then in turn."""
    entry = _CACHE.get(id(root))
    if entry is None or entry[0] is not root:
        entry = (root, _Compiler(root).compile(root))
        _CACHE[id(root)] = entry
    return entry[1]


class _Compiler:
    def __init__(self, root: dict) -> None:
        self.root = root
        self.refs: dict[str, Check | None] = {}

    def resolve(self, ref: str) -> Check:
        if not ref.startswith("#/"):
            raise ValueError(f"only local $ref is supported, not {ref!r}")
        if ref not in self.refs:
            node: Any = self.root
            for part in ref[2:].split("/"):
                node = node[part]
            self.refs[ref] = None  # being compiled: a schema may refer to itself (value lists do)
            self.refs[ref] = self.compile(node)
            return self.refs[ref]
        compiled_already = self.refs[ref]
        if compiled_already is not None:
            return compiled_already
        refs = self.refs  # a reference to itself, while it is compiled: look it up when called
        return lambda value, depth: refs[ref](value, depth)

    def compile(self, schema: dict) -> Check:
        checks = self._parts(schema)
        message = schema.get("x-message")
        if not message:
            if len(checks) == 1:
                return checks[0]

            def all_parts(value: Any, depth: int) -> None:
                for part in checks:
                    part(value, depth)
            return all_parts

        def with_message(value: Any, depth: int) -> None:
            try:
                for part in checks:
                    part(value, depth)
            except _Fail as fail:
                if not fail.parts and not fail.final:
                    fail.reason = message
                raise
        return with_message

    def _parts(self, schema: dict) -> list[Check]:
        parts: list[Check] = []
        if "$ref" in schema:
            parts.append(self.resolve(schema["$ref"]))
        if "const" in schema:
            parts.append(_const(schema["const"]))
        if "enum" in schema:
            parts.append(_enum(schema["enum"]))
        if "type" in schema:
            parts.append(_type(schema["type"]))
        if "anyOf" in schema:
            parts.append(self._any_of([self.compile(option) for option in schema["anyOf"]]))
        if "allOf" in schema:
            parts.append(self._all_of(schema["allOf"]))
        if "if" in schema:
            parts.append(self._if(self.compile(schema["if"]), self.compile(schema.get("then", {}))))
        if any(k in schema for k in ("required", "properties", "additionalProperties")):
            parts.append(self._object(schema))
        if any(k in schema for k in ("items", "prefixItems", "minItems", "maxItems")):
            parts.append(self._array(schema))
        if "maxLength" in schema or "pattern" in schema:
            parts.append(_string(schema.get("maxLength"), schema.get("pattern")))
        if any(k in schema for k in ("minimum", "exclusiveMinimum", "maximum")):
            parts.append(_number(schema))
        return parts

    def _takes_any_number(self, schema: dict) -> bool:
        """Whether ``schema`` accepts every finite number as it is (a value: a number, or...)."""
        while "$ref" in schema and len(schema) <= 2:
            node: Any = self.root
            for part in schema["$ref"][2:].split("/"):
                node = node[part]
            schema = node
        options = schema.get("anyOf", [schema])
        return any(option == {"type": "number"} for option in options) and set(schema) <= {"anyOf", "x-message", "type"}

    def _all_of(self, subs: list[dict]) -> Check:
        table = _by_kind(subs)
        if table is not None:  # the catalog's per-kind rules: look the kind up
            rules = {kind: self.compile(then) for kind, then in table.items()}

            def by_kind(value: Any, depth: int) -> None:
                if isinstance(value, dict):
                    rule = rules.get(value.get("kind")) if isinstance(value.get("kind"), str) else None
                    if rule is not None:
                        rule(value, depth + 1)
            return by_kind
        checks = [self.compile(sub) for sub in subs]

        def all_of(value: Any, depth: int) -> None:
            for check in checks:
                check(value, depth + 1)
        return all_of

    @staticmethod
    def _if(condition: Check, then: Check) -> Check:
        def if_then(value: Any, depth: int) -> None:
            try:
                condition(value, depth + 1)
            except _Fail:
                return
            then(value, depth + 1)
        return if_then

    @staticmethod
    def _any_of(options: list[Check]) -> Check:
        def any_of(value: Any, depth: int) -> None:
            failures = []
            for option in options:
                try:
                    option(value, depth + 1)
                    return
                except _Fail as fail:
                    failures.append(fail)
            deepest = max(failures, key=lambda f: len(f.parts))
            if deepest.parts:
                raise deepest
            raise _Fail(deepest.reason, deepest.final)
        return any_of

    def _object(self, schema: dict) -> Check:
        required = list(schema.get("required", []))
        properties = {key: self.compile(sub) for key, sub in schema.get("properties", {}).items()}
        closed = schema.get("additionalProperties") is False

        def check_object(value: Any, depth: int) -> None:
            if not isinstance(value, dict):
                return
            if depth > MAX_DEPTH:
                raise _Fail(texts.NESTED_DEEPER_THAN.format(depth=MAX_DEPTH))
            for key in required:
                if key not in value:
                    raise _Fail(texts.FIELD_MISSING.format(key=key))
            if closed:
                extra = [key for key in value if key not in properties]
                if extra:
                    fail = _Fail(texts.UNKNOWN_FIELD)
                    fail.parts.append(sorted(map(str, extra))[0])
                    raise fail
            for key, item in value.items():
                check = properties.get(key)
                if check is not None:
                    try:
                        check(item, depth + 1)
                    except _Fail as fail:
                        fail.parts.append(key)
                        raise
        return check_object

    def _array(self, schema: dict) -> Check:
        low, high = schema.get("minItems"), schema.get("maxItems")
        prefix = [self.compile(sub) for sub in schema.get("prefixItems", [])]
        items = self.compile(schema["items"]) if "items" in schema else None
        numbers_pass = not prefix and "items" in schema and self._takes_any_number(schema["items"])

        def check_array(value: Any, depth: int) -> None:
            if not isinstance(value, list):
                return
            if depth > MAX_DEPTH:
                raise _Fail(texts.NESTED_DEEPER_THAN.format(depth=MAX_DEPTH))
            if low is not None and len(value) < low:
                raise _Fail(texts.AT_LEAST_ITEMS.format(least=low))
            if high is not None and len(value) > high:
                raise _Fail(texts.AT_MOST_ITEMS.format(most=high, found=len(value)))
            if numbers_pass and _finite_numbers(value):
                return  # a row of a million numbers, each of which the items' schema takes
            for i, item in enumerate(value):
                check = prefix[i] if i < len(prefix) else items
                if check is None:
                    continue
                try:
                    check(item, depth + 1)
                except _Fail as fail:
                    fail.parts.append(i)
                    raise
        return check_array


def _by_kind(subs: list[dict]) -> dict[str, dict] | None:
    """{kind: then} when every sub-schema reads "if kind is K then ...", else None."""
    table = {}
    for sub in subs:
        condition = sub.get("if", {})
        kind = condition.get("properties", {}).get("kind", {}).get("const")
        if set(sub) != {"if", "then"} or set(condition) != {"properties"} or not isinstance(kind, str):
            return None
        table[kind] = sub["then"]
    return table


def _const(expected: Any) -> Check:
    def const(value: Any, depth: int) -> None:
        if value != expected:
            raise _Fail(texts.EXPECTED_CONSTANT.format(expected=expected))
    return const


def _enum(options: list) -> Check:
    try:
        allowed: Any = frozenset(options)  # a set when every option is hashable (kind names are)
    except TypeError:
        allowed = list(options)
    text = ", ".join(map(str, options))

    def enum(value: Any, depth: int) -> None:
        try:
            found = value in allowed
        except TypeError:  # an unhashable value (a list) is in no set of strings
            found = False
        if not found:
            raise _Fail(texts.EXPECTED_ONE_OF.format(options=text))
    return enum


def _type(expected: str) -> Check:
    test = _TYPES[expected]
    article = _ARTICLE[expected]
    number = expected in ("number", "integer")
    text = expected == "string"

    def type_(value: Any, depth: int) -> None:
        if not test(value):
            raise _Fail(texts.EXPECTED_TYPE.format(expected=article, found=describe(value)))
        if number and not _finite(value):
            raise _Fail(texts.NOT_A_FLOAT64, final=True)
        if text and not (value.isascii() or _valid_text(value)):
            raise _Fail(texts.LONE_SURROGATE, final=True)
    return type_


def _finite_numbers(values: list) -> bool:
    """True when every item is a finite int or float (not a bool); False means: look closer."""
    for item in values:
        if item.__class__ is not float and item.__class__ is not int:
            return False
    try:
        return math.isfinite(math.fsum(values))
    except OverflowError:
        return False


def _valid_text(text: str) -> bool:
    """False for a string JSON's \\ud800 escapes made, which no file can store."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _finite(value: float) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:  # an integer with more digits than a float64 can hold
        return False


def _string(longest: int | None, pattern: str | None) -> Check:
    regex = re.compile(_ecma(pattern)) if pattern else None

    def string(value: Any, depth: int) -> None:
        if not isinstance(value, str):
            return
        if longest is not None and len(value) > longest:
            raise _Fail(texts.LONGER_THAN.format(most=longest))
        if regex is not None and not regex.search(value):
            raise _Fail(texts.NOT_ALLOWED.format(text=value[:40]))
    return string


def _number(schema: dict) -> Check:
    message = schema.get("x-message")
    low, above, high = schema.get("minimum"), schema.get("exclusiveMinimum"), schema.get("maximum")

    def number(value: Any, depth: int) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return
        if low is not None and value < low:
            raise _Fail(message or texts.AT_LEAST.format(least=low))
        if above is not None and value <= above:
            raise _Fail(message or texts.MORE_THAN.format(above=above))
        if high is not None and value > high:
            raise _Fail(message or texts.AT_MOST.format(most=high))
    return number


def _ecma(pattern: str) -> str:
    """JSON Schema patterns are ECMA regexes, whose ``$`` ends the text; Python's ``$``
    also matches before a final newline, which would let ``"x0\\n"`` through."""
    return pattern[:-1] + r"\Z" if pattern.endswith("$") and not pattern.endswith(r"\$") else pattern
