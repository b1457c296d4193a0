"""Rewrite resources/graph.schema.json with the node rules derived from the catalog.

Run after adding a kind or a parameter: ``.venv/bin/python scripts/make_schema.py``.
(Loading derives the rules anyway; the file is for tools outside the program.)
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from nodeeditor.app.resources import resource_path  # noqa: E402
from nodeeditor.model.schema_build import SCHEMA_FILE, derive, dumps_schema  # noqa: E402


def main() -> None:
    path = resource_path(SCHEMA_FILE)
    path.write_text(dumps_schema(derive(json.loads(path.read_text(encoding="utf-8")))), encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
