"""The .graph JSON Schema's node rules, derived from the catalog.

The shipped ``resources/graph.schema.json`` holds the fixed part (ids, values, wires)
and, for outside tools, the derived part too; loading always derives that part afresh,
and a test checks that the shipped file is current. Regenerate it with
``python scripts/make_schema.py``.
"""
from __future__ import annotations

import copy
import json

from nodeeditor.model import texts
from nodeeditor.model.catalog import KINDS, param_types

SCHEMA_FILE = "graph.schema.json"


def derive(base: dict) -> dict:
    """``base`` with the node rules (kinds, parameters, required ones) from the catalog."""
    schema = copy.deepcopy(base)
    names = list(KINDS)
    node = schema["$defs"]["node"]
    node["properties"] = {
        "id": {"$ref": "#/$defs/id"},
        "kind": {"enum": names, "x-message": texts.UNKNOWN_KIND.format(kinds=", ".join(names))},
        "position": {"$ref": "#/$defs/position"},
        **{name: p.type.schema for name, p in sorted(param_types().items())},
    }
    node["allOf"] = []
    for kind in KINDS.values():
        required = [p.name for p in kind.params if p.required]
        if required:
            node["allOf"].append({"if": {"properties": {"kind": {"const": kind.name}}}, "then": {"required": required}})
    return schema


def dumps_schema(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
