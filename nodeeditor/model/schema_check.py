"""Checks a JSON document against the subset of JSON Schema our .graph schema uses.

Written here rather than depending on a validator package so that messages read as a
teacher would write them (``nodes[3].value: expected a number or a nested list of
numbers``) and the frozen program stays small. Supported keywords: type, const, enum,
required, properties, additionalProperties (false), items, prefixItems, minItems,
maxItems, minimum, exclusiveMinimum, maximum, maxLength, pattern, $ref (local), anyOf, allOf, if/then, and
``x-message``, our own: the message to give when the sub-schema fails.
"""
from __future__ import annotations

import re
from typing import Any

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
_ARTICLE = {"object": "an object", "array": "a list", "string": "a string", "number": "a number",
            "integer": "a whole number", "boolean": "true or false",
            "null": "null"}


class SchemaError(ValueError):
    """The document does not fit the schema; ``where`` is a path like ``nodes[3].value``."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}" if where else reason)
        self.where = where
        self.reason = reason


def validate(document: Any, schema: dict) -> None:
    """Raise SchemaError for the first place where ``document`` breaks ``schema``."""
    _Checker(schema).check(document, schema, "", 0)


def describe(value: Any) -> str:
    """A short name for what was found instead, for messages."""
    for name in ("boolean", "integer", "number", "string", "array", "object"):
        if _TYPES[name](value):
            return _ARTICLE[name]
    return "null" if value is None else type(value).__name__


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class _Checker:
    def __init__(self, root: dict) -> None:
        self.root = root

    def resolve(self, ref: str) -> dict:
        if not ref.startswith("#/"):
            raise ValueError(f"only local $ref is supported, not {ref!r}")
        node: Any = self.root
        for part in ref[2:].split("/"):
            node = node[part]
        return node

    def check(self, value: Any, schema: dict, path: str, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise SchemaError(path, f"nested more than {MAX_DEPTH} deep")
        try:
            self._check(value, schema, path, depth)
        except SchemaError as exc:
            message = schema.get("x-message")
            if message and exc.where == path:
                raise SchemaError(path, message) from None
            raise

    def _check(self, value: Any, schema: dict, path: str, depth: int) -> None:
        if "$ref" in schema:
            self.check(value, self.resolve(schema["$ref"]), path, depth + 1)
        if "const" in schema and value != schema["const"]:
            raise SchemaError(path, f"expected {schema['const']!r}")
        if "enum" in schema and value not in schema["enum"]:
            raise SchemaError(path, f"expected one of {', '.join(map(str, schema['enum']))}")
        expected = schema.get("type")
        if expected and not _TYPES[expected](value):
            raise SchemaError(path, f"expected {_ARTICLE[expected]}, found {describe(value)}")
        if "anyOf" in schema:
            self._any_of(value, schema["anyOf"], path, depth)
        for sub in schema.get("allOf", []):
            self.check(value, sub, path, depth + 1)
        if "if" in schema and self._fits(value, schema["if"], path, depth):
            self.check(value, schema.get("then", {}), path, depth + 1)
        if isinstance(value, dict):
            self._object(value, schema, path, depth)
        elif isinstance(value, list):
            self._array(value, schema, path, depth)
        elif isinstance(value, str):
            if "maxLength" in schema and len(value) > schema["maxLength"]:
                raise SchemaError(path, f"longer than {schema['maxLength']} characters")
            if "pattern" in schema and not re.search(_ecma(schema["pattern"]), value):
                raise SchemaError(path, f"{value[:40]!r} is not allowed here")
        elif _TYPES["number"](value):
            self._number(value, schema, path)

    def _number(self, value: float, schema: dict, path: str) -> None:
        message = schema.get("x-message")
        if "minimum" in schema and value < schema["minimum"]:
            raise SchemaError(path, message or f"expected at least {schema['minimum']}")
        if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
            raise SchemaError(path, message or f"expected more than {schema['exclusiveMinimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            raise SchemaError(path, message or f"expected at most {schema['maximum']}")

    def _fits(self, value: Any, schema: dict, path: str, depth: int) -> bool:
        try:
            self.check(value, schema, path, depth + 1)
        except SchemaError:
            return False
        return True

    def _any_of(self, value: Any, options: list, path: str, depth: int) -> None:
        errors = []
        for option in options:
            try:
                self.check(value, option, path, depth + 1)
                return
            except SchemaError as exc:
                errors.append(exc)
        deepest = max(errors, key=lambda e: len(e.where))
        raise deepest if deepest.where != path else SchemaError(path, deepest.reason)

    def _object(self, value: dict, schema: dict, path: str, depth: int) -> None:
        for key in schema.get("required", []):
            if key not in value:
                raise SchemaError(path, f"the field {key!r} is missing")
        properties = schema.get("properties", {})
        if schema.get("additionalProperties") is False:
            extra = sorted(set(value) - set(properties))
            if extra:
                raise SchemaError(join(path, extra[0]), "unknown field")
        for key, sub in properties.items():
            if key in value:
                self.check(value[key], sub, join(path, key), depth + 1)

    def _array(self, value: list, schema: dict, path: str, depth: int) -> None:
        if "minItems" in schema and len(value) < schema["minItems"]:
            raise SchemaError(path, f"expected at least {schema['minItems']} items")
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            raise SchemaError(path, f"expected at most {schema['maxItems']:,} items, found {len(value):,}")
        prefix = schema.get("prefixItems", [])
        for i, sub in enumerate(prefix[: len(value)]):
            self.check(value[i], sub, join(path, i), depth + 1)
        items = schema.get("items")
        if items is not None:
            for i in range(len(prefix), len(value)):
                self.check(value[i], items, join(path, i), depth + 1)


def _ecma(pattern: str) -> str:
    """JSON Schema patterns are ECMA regexes, whose ``$`` ends the text; Python's ``$``
    also matches before a final newline, which would let ``"x0\\n"`` through."""
    return pattern[:-1] + r"\Z" if pattern.endswith("$") and not pattern.endswith(r"\$") else pattern
