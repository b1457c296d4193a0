"""The fuzz suite's cases and its runner (used by tests/test_fuzz.py and `make fuzz`).

Cases are hostile .graph files, random mutations of the examples and hostile formulas.
They run in a worker process with a memory cap (1 GB of address space) and a time limit
per case, through the program's real entry point (``main.py run FILE`` / ``new --expr``),
and each reports its exit code, its time and whether a traceback reached the user.

    python tests/fuzz.py [--mutations 2000] [--seed 1]     the long profile, by hand
"""
from __future__ import annotations

import argparse
import contextlib
import copy
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "resources" / "examples").glob("*.graph"))
MEMORY_LIMIT = 1 << 30  # bytes of address space for the worker
TIME_LIMIT = 2.0  # seconds per case, as the issue asks
ALLOWED_EXITS = {0, 1, 2}  # success, a graph with node errors, a refused file or usage


def _graph(nodes: list, edges: list, **extra) -> dict:
    return {"format": "backprop-studio-graph", "version": 1, "nodes": nodes, "edges": edges, **extra}


def _chain(n: int, value: object = 1.0, ring: bool = False) -> dict:
    nodes = [{"id": "v", "kind": "Variable", "name": "x", "value": value, "position": [0, 0]}]
    edges = []
    previous = "v"
    for i in range(n):
        nodes.append({"id": f"n{i}", "kind": "Neg", "position": [i, 0]})
        edges.append({"from": [previous, "y"], "to": [f"n{i}", "a"]})
        previous = f"n{i}"
    if ring:
        edges[0] = {"from": [previous, "y"], "to": ["n0", "a"]}
    return _graph(nodes, edges)


def _binary(kind: str, a: object, b: object, **params) -> dict:
    return _graph([{"id": "a", "kind": "Constant", "value": a, "position": [0, 0]},
                   {"id": "b", "kind": "Constant", "value": b, "position": [0, 100]},
                   {"id": "op", "kind": kind, "position": [200, 50], **params}],
                  [{"from": ["a", "y"], "to": ["op", "a"]}, {"from": ["b", "y"], "to": ["op", "b"]}])


def hostile_files() -> dict[str, bytes]:
    """The classes of bad files the issue lists (and more), each as the bytes of a file."""
    sphere = json.loads((ROOT / "resources" / "examples" / "4-sphere.graph").read_text())

    def mutated(change) -> bytes:
        document = copy.deepcopy(sphere)
        change(document)
        return json.dumps(document).encode()

    column = [[1.0]] * 10_000
    cases = {
        "empty": b"",
        "whitespace": b"   \n\t ",
        "truncated": json.dumps(sphere).encode()[:200],
        "not utf-8": "é".encode("latin-1") * 10,
        "utf-16": json.dumps(sphere).encode("utf-16"),
        "nul bytes": b"\x00" * 100,
        "a list": b"[1, 2, 3]",
        "deep nesting": b"[" * 100_000 + b"]" * 100_000,
        "deep value": json.dumps(_binary("Add", 1.0, 1.0))
                      .replace('"value": 1.0', '"value": ' + "[" * 200 + "1" + "]" * 200, 1).encode(),
        "wrong format": mutated(lambda d: d.update(format="something else")),
        "newer version": mutated(lambda d: d.update(version=99)),
        "version text": mutated(lambda d: d.update(version="1")),
        "unknown kind": mutated(lambda d: d["nodes"][0].update(kind="Sinh")),
        "dangling wire": mutated(lambda d: d["edges"][0].update({"from": ["nope", "y"]})),
        "duplicate id": mutated(lambda d: d["nodes"][1].update(id=d["nodes"][0]["id"])),
        "extra key": mutated(lambda d: d.update(surprise=1)),
        "nan word": json.dumps(sphere).replace("6.0", "NaN", 1).encode(),
        "1e999": json.dumps(sphere).replace("6.0", "1e999", 1).encode(),
        "huge integer": json.dumps(sphere).replace("6.0", "1" + "0" * 400, 1).encode(),
        "5000 digits": json.dumps(sphere).replace("6.0", "7" * 5000, 1).encode(),
        "huge position": json.dumps(sphere).replace('"position": [', '"position": [1' + "0" * 400 + ", ", 1)
                         .replace(", 0.0]", "]", 1).encode(),
        "huge exponent": mutated(lambda d: [n.update(c=1e308) for n in d["nodes"] if n["kind"] == "Pow"]),
        "name with newline": mutated(lambda d: d["nodes"][0].update(name="x0\n")),
        "name print": mutated(lambda d: d["nodes"][0].update(name="print")),
        "name too long": mutated(lambda d: d["nodes"][0].update(name="x" * 40)),
        "lone surrogate": json.dumps(sphere).replace('"format"', '"description": "\\ud800", "format"', 1).encode(),
        "long description": mutated(lambda d: d.update(description="x" * 20_000)),
        "bool value": mutated(lambda d: d["nodes"][0].update(value=True)),
        "ragged value": mutated(lambda d: d["nodes"][0].update(value=[[1, 2], [3]])),
        "empty list value": mutated(lambda d: d["nodes"][0].update(value=[])),
        "bad axis": json.dumps(_graph([{"id": "a", "kind": "Constant", "value": [1.0, 2.0], "position": [0, 0]},
                                       {"id": "s", "kind": "Sum", "axis": "rows", "keepdims": False,
                                        "position": [1, 1]}],
                                      [{"from": ["a", "y"], "to": ["s", "a"]}])).encode(),
        "negative shape": json.dumps(_graph([{"id": "a", "kind": "Constant", "value": [1.0, 2.0], "position": [0, 0]},
                                             {"id": "r", "kind": "Reshape", "shape": [-5, -2], "position": [1, 1]}],
                                            [{"from": ["a", "y"], "to": ["r", "a"]}])).encode(),
        "broadcast bomb": json.dumps(_binary("Mul", [1.0] * 10_000, column)).encode(),
        "matmul bomb": json.dumps(_binary("MatMul", [[1.0]] * 3000, [[1.0] * 3000])).encode(),
        "big value down a chain": json.dumps(_chain(300, [1.0] * 100_000)).encode(),
        "ring of 50,000": json.dumps(_chain(50_000, ring=True)).encode(),
        "too many nodes": json.dumps(_chain(100_001)).encode(),
        "division by zero": json.dumps(_binary("Div", 1.0, 0.0)).encode(),
        "call of a missing function": mutated(lambda d: d["nodes"][0].update(kind="Call", function="Ghost")),
        "function with no end": json.dumps({**_graph([], []), "version": 2, "functions": [
            {"name": "F", "inputs": [], "nodes": [], "edges": []}]}).encode(),
        "wire to a list": mutated(lambda d: d["edges"][0].update(to=["n2", []])),
        "wire from an object": mutated(lambda d: d["edges"][0].update({"from": [{}, "a"]})),
        "wire to a list and a list": mutated(lambda d: d["edges"][0].update(to=[[], "a"])),
        "positions at the ends of float64": mutated(lambda d: (d["nodes"][0].update(position=[-1e308, 0]),
                                                             d["nodes"][1].update(position=[1e308, 0]))),
        **{f"function {name}": json.dumps(_function_graph(**change)).encode() for name, change in FUNCTION_CASES.items()},
        **{f"task {name}": mutated(lambda d, change=change: d.update(version=3, **change))
           for name, change in TASK_CASES.items()},
    }
    return cases


#: An assignment's parts, broken (each goes into the sphere's file).
TASK_CASES: dict[str, dict] = {
    "without a title": {"task": {}},
    "that is a list": {"task": []},
    "hiding what there is not": {"task": {"title": "t", "hidden": ["everything"]}},
    "locking a node there is not": {"task": {"title": "t", "locked": ["zz"]}},
    "locking a list": {"task": {"title": "t", "locked": [[]]}},
    "asking twice": {"task": {"title": "t", "questions": [{"id": "q1", "ask": "value", "node": "y"}] * 2}},
    "asking nothing known": {"task": {"title": "t", "questions": [{"id": "q1", "ask": "poem"}]}},
    "a build without its formula": {"task": {"title": "t", "questions": [{"id": "q1", "ask": "build"}]}},
    "a gradient of no node": {"task": {"title": "t", "questions": [{"id": "q1", "ask": "gradient"}]}},
    "a question that is a number": {"task": {"title": "t", "questions": [3]}},
    "negative points": {"task": {"title": "t", "questions": [{"id": "q", "ask": "value", "node": "y", "points": -1}]}},
    "a build of a hostile formula": {"task": {"title": "t", "questions": [
        {"id": "q", "ask": "build", "formula": "__import__('os').system('true')"}]}},
    "huge instructions": {"task": {"title": "t", "instructions": "x" * 20_000}},
    "answers without a task": {"answers": [{"id": "q1", "text": "12"}]},
    "an answer to no question": {"task": {"title": "t"}, "answers": [{"id": "q9", "text": "12"}]},
    "an answer that is a number": {"task": {"title": "t", "questions": [{"id": "q1", "ask": "value", "node": "y"}]},
                                   "answers": [{"id": "q1", "text": 12}]},
    "a hand-in without a task": {"handed_in": {"student": "a", "time": "t", "task_checksum": "0" * 64}},
    "a hand-in with a bad checksum": {"task": {"title": "t"}, "handed_in": {"student": "a", "time": "t",
                                                                            "task_checksum": "zz"}},
    "a teacher key that is not one": {"task": {"title": "t", "teacher_key": "password"}},
}


def _function_graph(name: str = "Twice", body_nodes: list | None = None, inputs: list | None = None,
                    body_edges: list | None = None, position: list | None = None) -> dict:
    """A graph calling a function made of nodes (a * 2), changed as a test wants it."""
    body = body_nodes if body_nodes is not None else [
        {"id": "i", "kind": "Input", "name": "a", "position": position or [0, 0]},
        {"id": "c", "kind": "Constant", "value": 2.0, "position": [0, 100]},
        {"id": "m", "kind": "Mul", "position": [200, 50]}]
    edges = body_edges if body_edges is not None else [{"from": ["i", "y"], "to": ["m", "a"]},
                                                        {"from": ["c", "y"], "to": ["m", "b"]}]
    return {**_graph([{"id": "x", "kind": "Variable", "name": "x0", "value": 3.0, "position": [0, 0]},
                      {"id": "f", "kind": "Call", "function": name, "position": [200, 0]}],
                     [{"from": ["x", "y"], "to": ["f", "a"]}]),
            "version": 2, "functions": [{"name": name, "inputs": inputs if inputs is not None else ["i"],
                                         "nodes": body, "edges": edges}]}


#: Function sections a hand could break: names the editor refuses, missing or doubled
#: inputs, a Variable inside, loops, wires to lists, positions off the canvas.
FUNCTION_CASES: dict[str, dict] = {
    "named np": {"name": "np"},
    "named as a Variable": {"name": "x0"},
    "with a 40-letter name": {"name": "F" * 40},
    "whose input list is empty": {"inputs": []},
    "whose input list names a Mul": {"inputs": ["m"]},
    "with a Variable inside": {"body_nodes": [{"id": "i", "kind": "Input", "name": "a", "position": [0, 0]},
                                              {"id": "v", "kind": "Variable", "name": "w", "value": 1.0,
                                               "position": [0, 0]},
                                              {"id": "m", "kind": "Mul", "position": [1, 1]}],
                               "body_edges": [{"from": ["i", "y"], "to": ["m", "a"]},
                                              {"from": ["v", "y"], "to": ["m", "b"]}]},
    "with a loop inside": {"body_edges": [{"from": ["m", "y"], "to": ["m", "a"]},
                                          {"from": ["c", "y"], "to": ["m", "b"]}]},
    "with a wire to a list inside": {"body_edges": [{"from": ["i", "y"], "to": ["m", []]}]},
    "with a position off the canvas": {"position": [1e308, -1e308]},
    "calling itself": {"body_nodes": [{"id": "i", "kind": "Input", "name": "a", "position": [0, 0]},
                                      {"id": "m", "kind": "Call", "function": "Twice", "position": [1, 1]}],
                       "body_edges": [{"from": ["i", "y"], "to": ["m", "a"]}]},
}


def csv_cases(count: int = 0, seed: int = 1) -> dict[str, bytes]:
    """Hostile tables for Load from CSV, and ``count`` random mutations of a good one."""
    rng = random.Random(seed)
    good = b"x,t\n1,2\n3,4\n5,6\n"
    cases = {"empty": b"", "header only": b"a,b\n", "ragged": b"1,2\n3\n", "text": b"one,two\nthree,four\n",
             "nan": b"nan,1\n", "inf": b"inf,1\n", "1e999": b"1e999\n", "not utf-8": "é".encode("latin-1"),
             "nul bytes": b"\x00" * 50, "one huge line": b"1," * 300_000 + b"1\n",
             "too many numbers": b"1\n" * 1_100_000, "semicolons and tabs": b"1;2\t3\n4;5\t6\n",
             "a million columns": b",".join([b"1"] * 1_000_001) + b"\n"}
    for i in range(count):
        data = bytearray(good)
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        cases[f"mutation {i}"] = bytes(data)
    return cases


def recovery_cases() -> dict[str, tuple[bytes | None, bytes | None]]:
    """Recovery folder contents a tampering hand or a crash could leave: (note, graph)."""
    sphere = (ROOT / "resources" / "examples" / "4-sphere.graph").read_bytes()
    return {
        "nan time": (b'{"pid": 4194301, "original": null, "saved_at": "nan"}', sphere),
        "note not json": (b"{not json", sphere),
        "note a list": (b"[1, 2]", sphere),
        "note only": (b'{"pid": 4194302, "original": null, "saved_at": 1}', None),
        "graph only": (None, sphere),
        "graph truncated": (b'{"pid": 4194303, "original": "/nowhere/x.graph", "saved_at": 2}', sphere[:100]),
        "huge note": (b'{"pid": 1, "x": "' + b"a" * 200_000 + b'"}', sphere),
        "original a list": (b'{"pid": 4194304, "original": [1], "saved_at": 3}', sphere),
        "pid text": (b'{"pid": "me", "original": null, "saved_at": 4}', sphere),
    }


def mutations(count: int, seed: int) -> dict[str, bytes]:
    """Random changes to the examples: at the JSON level (a key dropped, a value replaced by
    something of another type, nodes duplicated) and at the byte level (a cut, a flipped byte)."""
    rng = random.Random(seed)
    documents = [json.loads(p.read_text()) for p in EXAMPLES]
    odd_values = [None, True, -1, 0, 2**70, 1e308, -1e-308, "", "x" * 300, [], [[]], {}, [1, [2]], "Add",
                  ["n1", "y"], [0, 0, 0], 3.5, "a", {"x": 1}]
    cases = {}
    for i in range(count):
        document = copy.deepcopy(rng.choice(documents))
        kind = rng.randrange(6)
        if kind == 0 and document["nodes"]:
            node = rng.choice(document["nodes"])
            key = rng.choice(list(node))
            node[key] = rng.choice(odd_values)
        elif kind == 1 and document["nodes"]:
            node = rng.choice(document["nodes"])
            node.pop(rng.choice(list(node)))
        elif kind == 2 and document["edges"]:
            edge = rng.choice(document["edges"])
            end = rng.choice(["from", "to"])
            edge[end] = [rng.choice([n["id"] for n in document["nodes"]] + ["zz"]), rng.choice(["a", "b", "y", "x0"])]
        elif kind == 3:
            document["nodes"].extend(copy.deepcopy(document["nodes"][: rng.randrange(1, 4)]))
        text = json.dumps(document).encode()
        if kind == 4:
            text = text[: rng.randrange(len(text))]
        elif kind == 5:
            position = rng.randrange(len(text))
            text = text[:position] + bytes([rng.randrange(256)]) + text[position + 1:]
        cases[f"mutation {i} ({kind})"] = text
    return cases


HOSTILE_FORMULAS = [
    "__import__('os').system('true')", "().__class__", "(lambda: 1)()", "f'{x}'", "x.__class__", "open('x')",
    "x[0]", "{1: 2}", "[x]", "x if y else z", "x and y", "x < y", "exp(x, y)", "sum(x, axis=__import__('os'))",
    "sum(x, **k)", "exp(*x)", "nosuch(x)", "x ^ 2", "x // 2", "x % 2", "(" * 300 + "x" + ")" * 300,
    "+".join(["x"] * 700), "x**1e309", "1e999", "é + 1", "x" * 40, "", "   ", "x +", "2x", "-x", "x @ W",
    "sigmoid(w*x + b)", "reshape(x, shape=(2, -1))", "transpose(x, axes=(0, 0))", "x" + " + 1" * 3000,
]


WORKER = r"""
import contextlib, io, json, os, resource, signal, sys
resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[2]), int(sys.argv[2])))

class TimeUp(BaseException):
    pass

def alarm(*_):
    raise TimeUp()

signal.signal(signal.SIGALRM, alarm)
from nodeeditor.app.entry import main
for line in open(sys.argv[1], encoding="utf-8"):
    case = json.loads(line)
    out, err = io.StringIO(), io.StringIO()
    started = resource.getrusage(resource.RUSAGE_SELF)  # processor time: a busy machine does not inflate it
    signal.setitimer(signal.ITIMER_REAL, float(sys.argv[3]) * 3)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(case["argv"])
            except SystemExit as stop:
                code = stop.code if isinstance(stop.code, int) else 2
    except TimeUp:
        code = "timeout"
    except MemoryError:
        code = "memory"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    used = resource.getrusage(resource.RUSAGE_SELF)
    seconds = used.ru_utime + used.ru_stime - started.ru_utime - started.ru_stime
    text = err.getvalue()
    print(json.dumps({"name": case["name"], "code": code, "seconds": round(seconds, 3),
                      "traceback": "Traceback" in text, "message": text.strip().splitlines()[:1]}), flush=True)
"""


def run_cases(files: dict[str, bytes], formulas: list[str], folder: Path) -> list[dict]:
    """Run every case in one capped worker process; one result per case."""
    cases = []
    for i, (name, data) in enumerate(files.items()):
        path = folder / f"case{i}.graph"
        path.write_bytes(data)
        cases.append({"name": name, "argv": ["run", str(path)]})
    for i, formula in enumerate(formulas):
        cases.append({"name": f"formula {formula[:40]!r}", "argv": ["new", "--expr", formula, "-o",
                                                                    str(folder / f"formula{i}.graph")]})
    listing = folder / "cases.jsonl"
    listing.write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    out = subprocess.run([sys.executable, "-c", WORKER, str(listing), str(MEMORY_LIMIT), str(TIME_LIMIT)],
                         capture_output=True, text=True, env=env, cwd=ROOT, timeout=60 + 10 * len(cases))
    results = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    if len(results) != len(cases):
        raise RuntimeError(f"the fuzz worker stopped after {len(results)} of {len(cases)} cases:\n{out.stderr[-2000:]}")
    return results


def problems(results: list[dict], timed: bool = False) -> list[str]:
    """What went wrong: an exit code outside 0-2 (a hang ends as "timeout" at three times
    the limit), a traceback; and, when ``timed`` (the long profile's report, never a test,
    which a loaded machine would make fail), a case over the time limit."""
    found = []
    for r in results:
        if r["code"] not in ALLOWED_EXITS or r["traceback"]:
            found.append(f"{r['name']}: exit {r['code']}, {r['message']}")
        elif timed and r["seconds"] > TIME_LIMIT:
            found.append(f"{r['name']}: {r['seconds']} s (limit {TIME_LIMIT} s)")
    return found


def write_case(folder: Path, data: bytes, name: str = "table.csv") -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def check_csv_cases(cases: dict[str, bytes], folder: Path) -> dict:
    """Each table through Load from CSV's reader: a finite array within the limits, or a
    ValueFormatError; anything else is a problem."""
    import numpy as np

    from nodeeditor.model.values import MAX_ELEMENTS, ValueFormatError, read_csv

    counts: dict = {"read": 0, "refused": 0, "problems": []}
    for name, data in cases.items():
        try:
            value = read_csv(write_case(folder, data))
        except ValueFormatError:
            counts["refused"] += 1
            continue
        except Exception as exc:  # noqa: BLE001 - what the fuzzer is for
            counts["problems"].append(f"csv {name}: {type(exc).__name__}: {exc}")
            continue
        if not (isinstance(value, np.ndarray) and np.isfinite(value).all() and value.size <= MAX_ELEMENTS):
            counts["problems"].append(f"csv {name}: an unusable value {value!r:.80}")
        counts["read"] += 1
    return counts


def check_recovery_cases(cases: dict[str, tuple[bytes | None, bytes | None]], folder: Path) -> dict:
    """Each tampered recovery folder read as the next start reads it: no error, and every
    graph offered either opens or says why it cannot."""
    from nodeeditor.model import GraphFileError
    from nodeeditor.session.recovery import RecoveryStore

    counts: dict = {"offered": 0, "problems": []}
    for i, (name, (note, graph)) in enumerate(cases.items()):
        place = folder / f"case{i}"
        place.mkdir()
        stem = place / f"recovery-{4194300 + i}"
        if note is not None:
            stem.with_suffix(".json").write_bytes(note)
        if graph is not None:
            stem.with_suffix(".graph").write_bytes(graph)
        try:
            for orphan in RecoveryStore(place).orphans():
                counts["offered"] += 1
                with contextlib.suppress(GraphFileError):  # (said to the student, who then discards it)
                    orphan.load()
        except Exception as exc:  # noqa: BLE001
            counts["problems"].append(f"recovery {name}: {type(exc).__name__}: {exc}")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description="The fuzz suite's long profile.")
    parser.add_argument("--mutations", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        files = {**hostile_files(), **mutations(args.mutations, args.seed)}
        results = run_cases(files, HOSTILE_FORMULAS, Path(folder))
        tables = check_csv_cases(csv_cases(args.mutations, args.seed), Path(folder))
        recovered = check_recovery_cases(recovery_cases(), Path(folder))
    print(f"{len(csv_cases(args.mutations, args.seed))} tables: {tables['read']} read, {tables['refused']} refused; "
          f"{len(recovery_cases())} recovery folders: {recovered['offered']} graphs offered")
    counts: dict[object, int] = {}
    for r in results:
        counts[r["code"]] = counts.get(r["code"], 0) + 1
    slowest = max(results, key=lambda r: r["seconds"])
    print(f"{len(results)} cases: " + ", ".join(f"exit {code}: {n}" for code, n in sorted(counts.items(), key=str)))
    print(f"slowest: {slowest['name']} {slowest['seconds']} s of processor time")
    found = problems(results, timed=True) + tables["problems"] + recovered["problems"]
    for line in found:
        print("PROBLEM", line)
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
