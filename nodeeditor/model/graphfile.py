"""Reading and writing .graph files: plain JSON, validated on load, saved atomically."""
from __future__ import annotations

import glob
import json
import os
import re
import tempfile
import time
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from nodeeditor.app.resources import resource_path
from nodeeditor.model import texts
from nodeeditor.model.catalog import INPUT, KINDS, input_port, kind_of
from nodeeditor.model.functions import FunctionDef, function_name_problem
from nodeeditor.model.graph import DEFAULT_OUTPUT_NAME, ConnectionRefused, Graph
from nodeeditor.model.params import Param, ParamError
from nodeeditor.model.safe_read import NotRegularFile, TooLarge, read_regular
from nodeeditor.model.schema_build import SCHEMA_FILE, derive
from nodeeditor.model.schema_check import SchemaError, describe, validate
from nodeeditor.model.task import Assignment, assignment_from_document, assignment_to_document
from nodeeditor.model.values import MAX_ELEMENTS, ValueFormatError

FORMAT = "backprop-studio-graph"
#: Version 2 added functions made of nodes, version 3 an assignment's task; a file is
#: written with the lowest version that holds it (without either: 1), so older programs
#: still open what they can.
VERSION = 3
#: How far from the middle of the canvas a node may sit (a zoom step must stay a number).
MAX_POSITION = 10_000_000
MAX_FILE_BYTES = 50 * 1024 * 1024


class GraphFileError(ValueError):
    """A file that cannot be opened as a graph; the message says where and why."""

    def __init__(self, message: str, where: str = "") -> None:
        super().__init__(texts.AT_PLACE.format(where=where, reason=message) if where else message)
        self.where = where
        self.reason = message


@cache
def load_schema() -> dict:
    """The JSON Schema of .graph files: resources/' file with the node rules derived
    from the catalog (see schema_build)."""
    return derive(json.loads(resource_path(SCHEMA_FILE).read_text(encoding="utf-8")))


def _refuse_constant(name: str) -> Any:
    raise GraphFileError(texts.NOT_A_JSON_NUMBER.format(name=name))


def parse_graph(text: str) -> Graph:
    """A Graph from the text of a .graph file, or GraphFileError saying what is wrong."""
    try:
        document = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise GraphFileError(texts.NOT_JSON.format(problem=exc.msg, line=exc.lineno, column=exc.colno)) from None
    except RecursionError:
        raise GraphFileError(texts.JSON_TOO_DEEP) from None
    except GraphFileError:
        raise  # NaN or Infinity, refused by _refuse_constant
    except ValueError:  # Python refuses integers of more than 4,300 digits
        raise GraphFileError(texts.TOO_MANY_DIGITS) from None
    return graph_from_document(document)


def graph_from_document(document: Any) -> Graph:
    """A Graph from already-parsed JSON, checked against the schema and for meaning."""
    if not isinstance(document, dict):
        raise GraphFileError(texts.NOT_AN_OBJECT.format(found=describe(document)))
    if document.get("format") != FORMAT:
        raise GraphFileError(texts.NOT_OUR_FORMAT.format(format=FORMAT))
    version = document.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise GraphFileError(texts.NEWER_VERSION.format(version=version, supported=VERSION))
    _refuse_oversized_values(document)  # before the schema walks millions of numbers one by one
    if _has_loop(document):  # checked first: a big ring is refused without building it
        raise GraphFileError(texts.LOOP, "edges")
    try:
        validate(document, load_schema())
    except SchemaError as exc:
        raise GraphFileError(exc.reason, exc.where) from None
    except RecursionError:
        raise GraphFileError(texts.FILE_TOO_DEEP) from None
    return _build(document)


def _refuse_oversized_values(document: dict) -> None:
    """A value whose lists multiply out to more than MAX_ELEMENTS numbers, refused from the
    lengths along its first elements alone (a 10⁷-number value in a fraction of a second)."""
    nodes = document.get("nodes")
    groups = [nodes] if isinstance(nodes, list) else []
    functions = document.get("functions")
    if isinstance(functions, list):
        groups += [f.get("nodes") for f in functions if isinstance(f, dict) and isinstance(f.get("nodes"), list)]
    for prefix, group in zip(["nodes"] + [f"functions[{i}].nodes" for i in range(len(groups) - 1)], groups):
        for i, node in enumerate(group):
            value = node.get("value") if isinstance(node, dict) else None
            count = 1
            while isinstance(value, list) and value:
                count *= len(value)
                value = value[0]
            if count > MAX_ELEMENTS:
                raise GraphFileError(texts.TOO_MANY_NUMBERS.format(count=count, limit=MAX_ELEMENTS), f"{prefix}[{i}].value")


_PORTS = {name: frozenset(kind.inputs) | frozenset(kind.legacy_inputs) for name, kind in KINDS.items()}


def _has_loop(document: dict) -> bool:
    """Whether the wires (those that name two nodes by string ids) go round in a loop:
    Kahn's algorithm on the ids, linear in the number of wires."""
    edges, nodes = document.get("edges"), document.get("nodes")
    if not isinstance(edges, list) or not isinstance(nodes, list):
        return False
    ports = {}
    for node in nodes:
        if isinstance(node, dict):
            kind_ports = _PORTS.get(node.get("kind")) if isinstance(node.get("kind"), str) else None
            if kind_ports is not None and isinstance(node.get("id"), str):
                ports[node["id"]] = kind_ports
    after: dict[str, list[str]] = {}
    waiting: dict[str, int] = {}
    for edge in edges:
        try:
            src, (dst, port) = edge["from"][0], edge["to"]
        except (TypeError, KeyError, IndexError, ValueError):
            continue
        if not (isinstance(src, str) and isinstance(dst, str) and isinstance(port, str)) \
                or port not in ports.get(dst, ()):
            continue  # a wire the full check refuses with a more precise message
        after.setdefault(src, []).append(dst)
        waiting[dst] = waiting.get(dst, 0) + 1
        waiting.setdefault(src, 0)
    ready = [node for node, count in waiting.items() if count == 0]
    done = 0
    while ready:
        node = ready.pop()
        done += 1
        for following in after.get(node, ()):
            waiting[following] -= 1
            if waiting[following] == 0:
                ready.append(following)
    return done != len(waiting)


def _build(document: dict) -> Graph:
    graph = Graph()
    for i, entry in enumerate(document.get("functions", [])):
        graph.add_function(_build_function(entry, graph, f"functions[{i}]"))
    _build_nodes(graph, document, "")
    defined, graph.functions = graph.functions, {}
    for i, name in enumerate(defined):  # the rule Make Function follows (a Variable's name, np: no)
        problem = function_name_problem(graph, name)
        if problem:
            graph.functions = defined
            raise GraphFileError(problem, f"functions[{i}].name")
        graph.functions[name] = defined[name]
    output = document.get("output")
    if output is not None and output not in graph.nodes:
        raise GraphFileError(texts.NO_NODE_WITH_ID.format(id=output), "output")
    graph.output = output
    end = graph.output_node()
    if end is not None and not graph.nodes[end].params.get(graph.nodes[end].spec.name_param):
        # earlier versions named the output apart from its node: y, or the file's output_name
        graph.name_output(document.get("output_name", DEFAULT_OUTPUT_NAME))
    graph.learning_rate = document.get("learning_rate")
    graph.description = document.get("description", "")
    graph.give_names()  # (a file of an earlier version names only its Variables)
    graph.assignment = _assignment(document, graph)
    return graph


def _assignment(document: dict, graph: Graph) -> Assignment | None:
    """The assignment of a file: every locked id names a node, every answer a question."""
    try:
        assignment = assignment_from_document(document)
    except ValueError as exc:
        raise GraphFileError(str(exc), "task.questions") from None
    if assignment is None:
        for name in ("answers", "handed_in"):
            if name in document:
                raise GraphFileError(texts.NO_TASK_FOR.format(field=name), name)
        return None
    for node_id in sorted(assignment.task.locked):
        if node_id not in graph.nodes:
            raise GraphFileError(texts.NO_NODE_WITH_ID.format(id=node_id), "task.locked")
    asked = {q.id for q in assignment.task.questions}
    for question_id in assignment.answers:
        if question_id not in asked:
            raise GraphFileError(texts.NO_QUESTION.format(id=question_id), "answers")
    return assignment


def _build_nodes(graph: Graph, document: dict, prefix: str) -> None:
    """The nodes and wires of ``document`` into ``graph``; ``prefix`` says where they are."""
    for i, entry in enumerate(document["nodes"]):
        where = f"{prefix}nodes[{i}]"
        if entry["id"] in graph.nodes:
            raise GraphFileError(texts.ID_TWICE.format(id=entry["id"]), f"{where}.id")
        if any(abs(float(p)) > MAX_POSITION for p in entry["position"]):
            raise GraphFileError(texts.TOO_FAR.format(most=MAX_POSITION), f"{where}.position")
        params = {}
        for param in kind_of(entry["kind"]).params:
            if param.name in entry:
                params[param.name] = _param(param, entry[param.name], f"{where}.{param.name}")
        try:
            graph.add_node(entry["kind"], params, tuple(entry["position"]), entry["id"])
        except ValueError as exc:  # a Call of a function the file does not define
            raise GraphFileError(str(exc), f"{where}.function") from None
    for i, entry in enumerate(document["edges"]):
        where = f"{prefix}edges[{i}]"
        (src, src_port), (dst, dst_port) = entry["from"], entry["to"]
        for end, node_id in (("from", src), ("to", dst)):
            if node_id not in graph.nodes:
                raise GraphFileError(texts.NO_NODE_WITH_ID.format(id=node_id), f"{where}.{end}")
        dst_port = input_port(graph.nodes[dst].spec, dst_port)
        if dst_port in graph.input_edges(dst):
            raise GraphFileError(texts.TWO_WIRES.format(port=dst_port, node=dst), f"{where}.to")
        try:
            graph.connect(src, src_port, dst, dst_port, cycles=False)
        except ConnectionRefused as exc:
            raise GraphFileError(str(exc), where) from None
    if graph.has_cycle():
        raise GraphFileError(texts.LOOP, f"{prefix}edges")


def _build_function(entry: dict, outer: Graph, where: str) -> FunctionDef:
    """A function made of nodes from its entry; it may use the functions defined before it."""
    name = entry["name"]
    if name in outer.functions:
        raise GraphFileError(texts.TWO_FUNCTIONS.format(name=name), f"{where}.name")
    body = Graph()
    for earlier in outer.functions.values():
        body.add_function(earlier)
    _build_nodes(body, entry, f"{where}.")
    for node in body.nodes.values():
        if node.kind == "Variable":
            raise GraphFileError(texts.VARIABLE_IN_FUNCTION.format(name=node.label), f"{where}.nodes")
    inputs = list(entry["inputs"])
    found = [n for n in body.nodes.values() if n.kind == INPUT]
    if sorted(inputs) != sorted(n.id for n in found):
        raise GraphFileError(texts.INPUTS_LISTED_ONCE, f"{where}.inputs")
    names = [str(n.params["name"]) for n in found]
    if len(set(names)) != len(names):
        raise GraphFileError(texts.INPUTS_SAME_NAME, f"{where}.inputs")
    output = entry.get("output")
    if output is not None and output not in body.nodes:
        raise GraphFileError(texts.NO_NODE_WITH_ID.format(id=output), f"{where}.output")
    body.output = output
    body.give_names()
    function = FunctionDef(name, body, inputs)
    try:
        function.output()
    except ValueError as exc:
        raise GraphFileError(str(exc), f"{where}.output") from None
    return function


def param_from_json(param: Param, value: Any, where: str = "") -> Any:
    """A parameter's value from its JSON form, checked as a file's is (the schema's rule
    for it, then its type and its check): what the formula bar builds, a file can hold.
    GraphFileError says what is wrong."""
    schema = load_schema()
    rule = {"$defs": schema["$defs"], **schema["$defs"]["node"]["properties"][param.name]}
    try:
        validate(value, rule)
    except SchemaError as exc:
        raise GraphFileError(exc.reason, where) from None
    except RecursionError:
        raise GraphFileError(texts.VALUE_TOO_DEEP, where) from None
    return _param(param, value, where)


def _param(param: Param, value: Any, where: str) -> Any:
    """A parameter's value from its JSON form, checked as the Inspector checks it."""
    try:
        result = param.type.from_json(value)
        if param.check is not None:
            param.check(result)
        return result
    except (ValueFormatError, ParamError) as exc:
        raise GraphFileError(str(exc), where) from None


def graph_to_document(graph: Graph) -> dict:
    """The JSON-ready form of a graph: nodes in id order, wires sorted."""
    nodes = []
    keys = {node_id: _id_key(node_id) for node_id in graph.nodes}
    for node in sorted(graph.nodes.values(), key=lambda n: keys[n.id]):
        entry: dict[str, Any] = {"id": node.id, "kind": node.kind, "position": list(node.position)}
        for param in node.spec.params:
            value = node.params[param.name]
            if param.required or not _same(value, param.default):
                entry[param.name] = param.type.to_json(value)
        nodes.append(entry)
    edges = [{"from": [e.src, e.src_port], "to": [e.dst, e.dst_port]}
             for e in sorted(graph.edges, key=lambda e: (keys[e.dst], e.dst_port))]
    version = 3 if graph.assignment is not None else 2 if graph.functions else 1
    document: dict[str, Any] = {"format": FORMAT, "version": version, "nodes": nodes, "edges": edges}
    if graph.functions:
        document["functions"] = [_function_document(f) for f in graph.functions.values()]
    if graph.description:
        document["description"] = graph.description
    if graph.output:
        document["output"] = graph.output
    if graph.learning_rate is not None:
        document["learning_rate"] = float(graph.learning_rate)
    if graph.assignment is not None:
        assignment_to_document(graph.assignment, document)
        if "locked" in document["task"]:  # (a node the teacher deleted in teacher mode is no longer locked)
            document["task"]["locked"] = [n for n in document["task"]["locked"] if n in graph.nodes]
    return document


def copy_graph(graph: Graph) -> Graph:
    """A graph of its own with the same nodes, wires, functions and fields (no listeners,
    no guard): a scratch copy to compute on, or the start of another document."""
    return graph_from_document(graph_to_document(graph))


def _function_document(function: FunctionDef) -> dict:
    body = graph_to_document(function.body)
    entry = {"name": function.name, "inputs": list(function.inputs), "nodes": body["nodes"], "edges": body["edges"]}
    if function.body.output:
        entry["output"] = function.body.output
    return entry


def _same(value: Any, default: Any) -> bool:
    return not isinstance(value, np.ndarray) and value == default


def _id_key(node_id: str) -> tuple:
    digits = node_id.lstrip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_.-")
    return (node_id[: len(node_id) - len(digits)], int(digits) if digits.isdigit() else -1, node_id)


def dumps_graph(graph: Graph) -> str:
    """The text of a .graph file: sorted keys, two-space indent, lists of plain values
    (positions, wire ends, rows of numbers) on one line, a final newline."""
    return dumps_document(graph_to_document(graph))


def dumps_document(document: dict) -> str:
    """The text of a .graph file from ``graph_to_document``'s form of it; that form shares
    nothing with the graph, so it may be written out on another thread."""
    parts: list[str] = []
    _write(document, "", parts)
    parts.append("\n")
    return "".join(parts)


# The text is json.dumps(indent=2, sort_keys=True) with flat lists on one line, written
# by hand around the C encoder: json's own indenting encoder is pure Python and took 55 µs
# a node. allow_nan=False: a number JSON cannot hold (inf) is an error here, never a file
# that will not open again.
_encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(", ", ": ")).encode
_string = json.encoder.encode_basestring


def _scalar(value: Any) -> str:
    """What json.dumps writes for a string, number, bool or None (floats as repr)."""
    kind = value.__class__
    if kind is str:
        return _string(value)
    if kind is float:
        if value - value != 0.0:  # inf or nan
            raise ValueError(f"Out of range float values are not JSON compliant: {value!r}")
        return float.__repr__(value)
    if kind is int:
        return int.__repr__(value)
    return _encode(value)
_BRACKETS = re.compile(r"[\[\]{}]")


def _write(value: Any, indent: str, out: list[str]) -> None:
    if value.__class__ is dict:
        if not value:
            out.append("{}")
            return
        inner = ",\n" + indent + "  "
        out.append("{")
        first = "\n" + indent + "  "
        for key in sorted(value):
            item = value[key]
            out.append(first + _scalar(key) + ": ")
            first = inner
            flat = _flat(item)
            if flat is None:
                _write(item, indent + "  ", out)
            else:
                out.append(flat)
        out.append("\n" + indent + "}")
        return
    flat = _flat(value)
    if flat is not None:
        out.append(flat)
        return
    inner = ",\n" + indent + "  "
    first = "\n" + indent + "  "
    out.append("[")
    for item in value:
        out.append(first)
        first = inner
        _write(item, indent + "  ", out)
    out.append("\n" + indent + "]")


def _flat(value: Any) -> str | None:
    """A scalar's text, or a list of scalars on one line; None for what needs indenting."""
    kind = value.__class__
    if kind is list or kind is tuple:
        if not value:
            return "[]"
        for item in value:
            if item.__class__ in (dict, list, tuple):
                return None
        text = "[" + ", ".join([_scalar(item) for item in value]) + "]"
        return None if _BRACKETS.search(text, 1, len(text) - 1) else text
    return None if kind is dict else _scalar(value)


def load_graph(path: str | os.PathLike) -> Graph:
    """Open a .graph file; GraphFileError for anything unreadable or invalid."""
    path = Path(path)
    try:
        data = read_limited(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise GraphFileError(texts.NO_FILE.format(path=str(path))) from None
    except IsADirectoryError:
        raise GraphFileError(texts.A_FOLDER.format(path=str(path))) from None
    except OSError as exc:
        raise GraphFileError(texts.FILE_UNREADABLE.format(reason=exc.strerror or exc)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise GraphFileError(texts.NOT_UTF8) from None
    return parse_graph(text)


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes. A device (/dev/zero), a
    pipe or a folder is refused before reading, and a file that grows while it is read
    stops at the limit: nothing reads without end."""
    try:
        return read_regular(path, limit)
    except NotRegularFile:
        raise GraphFileError(texts.NOT_REGULAR.format(path=str(path))) from None
    except TooLarge:
        raise GraphFileError(texts.GRAPH_TOO_LARGE.format(megabytes=limit // 2**20)) from None


def save_graph(graph: Graph, path: str | os.PathLike) -> None:
    """Write atomically: a temporary file beside the target, flushed, then renamed.

    Through a symbolic link the real file is written. The file keeps its permissions;
    a new one gets the usual ones (0666 less the umask), not the temporary file's 0600.
    A number JSON cannot hold or text that cannot be encoded raises ValueError before
    anything is written."""
    save_text(dumps_graph(graph), path)


#: A temporary file of an interrupted save (a kill between writing and renaming) older
#: than this is removed by the next save into the same folder, or by the next start.
STALE_TEMPORARY_SECONDS = 60


def save_text(text: str, path: str | os.PathLike) -> None:
    """Write ``text`` to ``path`` atomically (see save_graph)."""
    path = Path(path)
    if path.is_symlink():
        path = path.resolve()
    data = text.encode("utf-8")  # UnicodeEncodeError (a ValueError) here, before any file is touched
    remove_stale_temporaries(path)
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        os.chmod(tmp, mode)
        _keep_owner(path, tmp)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Delete what interrupted saves of ``path`` left beside it (``.name.XXXX.tmp``)."""
    removed = []
    now = time.time()
    try:
        candidates = list(path.parent.glob(f".{glob.escape(path.name)}.*.tmp"))
    except OSError:
        return removed
    for candidate in candidates:
        try:
            if now - candidate.stat().st_mtime > STALE_TEMPORARY_SECONDS:
                candidate.unlink()
                removed.append(candidate)
        except OSError:
            continue
    return removed


def disk_stamp(path: Path) -> tuple[int, int] | None:
    """(modification time in ns, size) of the file, to notice a change by another program."""
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size)


def _keep_owner(path: Path, tmp: str) -> None:
    """The saved file keeps the owner and group the file had (as its mode), where this
    process may give them (root may; anyone may keep their own group)."""
    if not hasattr(os, "chown"):
        return
    try:
        status = path.stat()
        if (status.st_uid, status.st_gid) != (os.getuid(), os.getgid()):
            os.chown(tmp, status.st_uid, status.st_gid)
    except OSError:
        pass  # a new file, or an owner this process may not give: the usual one


def _mode_for(path: Path) -> int:
    """The permission bits a saved file should get."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
