"""Copy and paste of nodes, as clipboard text in the same JSON the .graph file uses
(so nodes can be pasted into another window or a text editor)."""
from __future__ import annotations

import json
import re

from nodeeditor.model import Edge, Graph, GraphFileError, graph_from_document, graph_to_document
from nodeeditor.model.catalog import CALL
from nodeeditor.model.graphfile import FORMAT, VERSION
from nodeeditor.session import texts


def copy_text(graph: Graph, node_ids: list[str]) -> str:
    """The selected nodes and the wires among them, as .graph JSON."""
    part = Graph()
    for function in graph.functions.values():
        part.add_function(function)
    for node_id in node_ids:
        node = graph.nodes[node_id]
        part.add_node(node.kind, dict(node.params), node.position, node.id)
    for edge in graph.edges:
        if edge.src in part.nodes and edge.dst in part.nodes:
            part.connect(edge.src, edge.src_port, edge.dst, edge.dst_port)
    used = {n.params["function"] for n in part.nodes.values() if n.kind == CALL}
    document = graph_to_document(part)
    part.release_functions()
    kept = [f for f in document.pop("functions", []) if f["name"] in used]
    if kept:
        document["functions"] = kept
    return json.dumps(document, sort_keys=True)


def paste_plan(graph: Graph, text: str, offset: tuple[float, float]) -> tuple[list[dict], list[Edge]]:
    """New nodes (fresh ids, shifted by ``offset``) and wires for pasting ``text``.

    A pasted node whose name is taken gets a free one (x0 → x0_2; add1 → the next free
    addN), so no two nodes share a name. Raises GraphFileError when the clipboard holds
    no graph."""
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        raise GraphFileError(texts.CLIPBOARD_EMPTY) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise GraphFileError(texts.CLIPBOARD_EMPTY)
    version = document.get("version")
    if not isinstance(version, int) or not 1 <= version <= VERSION:
        raise GraphFileError(texts.CLIPBOARD_EMPTY)
    part = graph_from_document(document)
    part.release_functions()
    for node in part.nodes.values():
        if node.kind == CALL and node.params["function"] not in graph.functions:
            raise GraphFileError(texts.UNKNOWN_FUNCTION.format(name=node.params["function"]))
    renamed: dict[str, str] = {}
    taken = set(graph.nodes)
    counter = 1
    for node_id in part.nodes:
        while f"n{counter}" in taken:
            counter += 1
        renamed[node_id] = f"n{counter}"
        taken.add(renamed[node_id])
    names = {n.label for n in graph.nodes.values()}
    nodes = []
    for node in part.nodes.values():
        x, y = node.position
        params = dict(node.params)
        key = node.spec.name_param
        if params.get(key):
            # (a Variable's x0 is the student's name even when it looks like one of ours)
            base = node.spec.name_base if key == "label" else ""
            params[key] = _fresh(str(params[key]), base, names)
            names.add(params[key])
        nodes.append({"id": renamed[node.id], "kind": node.kind, "params": params,
                      "position": (x + offset[0], y + offset[1])})
    edges = [Edge(renamed[e.src], e.src_port, renamed[e.dst], e.dst_port) for e in part.edges]
    return nodes, edges


def _fresh(name: str, base: str, taken: set[str]) -> str:
    """``name`` if free; else a name the program gave (add1) becomes the next free one of
    its kind (add3), a student's (x0, h) gets a suffix (x0_2)."""
    if name not in taken:
        return name
    if not base or not re.fullmatch(rf"{re.escape(base)}\d+", name):
        return free_name(name, taken)
    i = 1
    while f"{base}{i}" in taken:
        i += 1
    return f"{base}{i}"


def free_name(name: str, taken: set[str]) -> str:
    """``name`` itself when free, else ``name_2``, ``name_3``, ... (at most 32 characters)."""
    if name not in taken:
        return name
    i = 2
    while True:
        suffix = f"_{i}"
        candidate = name[: 32 - len(suffix)] + suffix
        if candidate not in taken:
            return candidate
        i += 1
