"""Limits checked before the work starts, each at the limit and one past it; and exits
that never show a traceback."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from nodeeditor.compiler import Compiler
from nodeeditor.model import Graph, GraphFileError, graphfile, load_graph, parse_graph
from nodeeditor.model.limits import MAX_GRAPH_ELEMENTS, MAX_RESULT_ELEMENTS
from nodeeditor.model.values import MAX_ELEMENTS, ValueFormatError, to_array
from tests.conftest import POSIX_ONLY, ROOT

SPHERE = ROOT / "resources" / "examples" / "4-sphere.graph"


def two_vectors(kind: str, a_shape, b_shape) -> Compiler:
    graph = Graph()
    graph.add_node("Constant", {"value": np.ones(a_shape)}, node_id="a")
    graph.add_node("Constant", {"value": np.ones(b_shape)}, node_id="b")
    graph.add_node(kind, node_id="op")
    graph.connect("a", "y", "op", "a")
    graph.connect("b", "y", "op", "b")
    return Compiler(graph)


def test_a_broadcast_at_the_limit_runs_and_one_past_it_is_refused_before_allocating():
    side = int(MAX_RESULT_ELEMENTS ** 0.5)  # 1000 x 1000: exactly the limit
    assert side * side == MAX_RESULT_ELEMENTS
    at = two_vectors("Add", (side,), (side, 1))
    assert at.result("op").error is None and at.result("op").value.size == MAX_RESULT_ELEMENTS
    past = two_vectors("Add", (side + 1,), (side, 1))
    error = past.result("op").error
    assert error.startswith(f"This would make {(side + 1) * side:,} numbers (8 MB); the limit is 1,000,000 per node")
    huge = two_vectors("Mul", (10_000,), (10_000, 1))  # the 800 MB case
    assert "100,000,000 numbers (800 MB)" in huge.result("op").error


def test_matmul_and_broadcast_to_are_sized_too():
    assert "numbers" in two_vectors("MatMul", (2000, 3), (3, 2000)).result("op").error
    graph = Graph()
    graph.add_node("Constant", {"value": np.ones(3)}, node_id="a")
    graph.add_node("BroadcastTo", {"shape": (2000, 1000)}, node_id="op")
    graph.connect("a", "y", "op", "a")
    assert "This would make" in Compiler(graph).result("op").error


def test_the_whole_graph_has_a_budget():
    """A chain on a big value: each node is small enough, together they are not."""
    graph = Graph()
    graph.add_node("Variable", {"name": "x", "value": np.ones(MAX_ELEMENTS)}, node_id="x")
    previous = "x"
    steps = MAX_GRAPH_ELEMENTS // MAX_ELEMENTS + 2
    for i in range(steps):
        graph.add_node("Neg", node_id=f"n{i}")
        graph.connect(previous, "y", f"n{i}", "a")
        previous = f"n{i}"
    compiler = Compiler(graph)
    errors = compiler.errors()
    first = min(int(n[1:]) for n in errors)
    assert first == MAX_GRAPH_ELEMENTS // MAX_ELEMENTS - 1  # x plus 19 results fill the budget
    assert "more than 20,000,000 numbers (160 MB)" in errors[f"n{first}"]


def test_values_at_the_element_limit_load_and_past_it_are_refused():
    assert to_array([0.0] * MAX_ELEMENTS).size == MAX_ELEMENTS
    with pytest.raises(ValueFormatError, match="1,000,001 numbers is too many"):
        to_array([0.0] * (MAX_ELEMENTS + 1))


def test_file_size_at_the_limit_and_past_it(tmp_path, monkeypatch):
    monkeypatch.setattr(graphfile, "MAX_FILE_BYTES", 4096)
    text = SPHERE.read_text()
    path = tmp_path / "padded.graph"
    path.write_bytes(text.encode() + b" " * (4096 - len(text.encode())))
    assert path.stat().st_size == 4096
    assert load_graph(path).nodes
    path.write_text(text + " " * (4097 - len(text.encode())))
    with pytest.raises(GraphFileError, match="at most 0 MB|the most a graph file may be"):
        load_graph(path)


@POSIX_ONLY
@pytest.mark.parametrize("special", ["/dev/zero", "/dev/urandom"])
def test_devices_are_refused_at_once(special):
    with pytest.raises(GraphFileError, match="not a regular file"):
        load_graph(special)


@POSIX_ONLY
def test_a_fifo_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "pipe.graph"
    os.mkfifo(fifo)
    with pytest.raises(GraphFileError, match="not a regular file"):
        load_graph(fifo)


@pytest.mark.parametrize("number, where", [("1e999", "position"), ("1" + "0" * 400, "value"),
                                           ("9" * 5000, "value")])
def test_numbers_outside_float64_are_refused_with_the_place(number, where):
    document = json.loads(SPHERE.read_text())
    document["nodes"][0][where] = [0, 0] if where == "position" else 0
    text = json.dumps(document).replace('"position": [0, 0]', f'"position": [{number}, 0]', 1) \
        if where == "position" else json.dumps(document).replace('"value": 0', f'"value": {number}', 1)
    with pytest.raises(GraphFileError) as info:
        parse_graph(text)
    assert "float64" in str(info.value) or "too many digits" in str(info.value)


def cli(*args, **kwargs):
    return subprocess.run([sys.executable, "main.py", *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, **kwargs)


@POSIX_ONLY
def test_a_closed_pipe_ends_quietly():
    shell = f"{sys.executable} main.py run {SPHERE} --json | head -c 10"
    out = subprocess.run(["bash", "-c", f"set -o pipefail; {shell}"], cwd=ROOT, capture_output=True, text=True,
                         timeout=60)
    assert "Traceback" not in out.stderr and "BrokenPipe" not in out.stderr


def test_an_unexpected_error_is_one_line_and_exit_3_with_the_log(tmp_path):
    """A hook makes the run fail inside; the user sees one line, the log the traceback."""
    env = dict(os.environ, BACKPROP_STUDIO_LOG_DIR=str(tmp_path), PYTHONPATH=str(ROOT))
    code = ("import sys, nodeeditor.app.cli as c; from nodeeditor.app.entry import main\n"
            "def boom(*a): raise RuntimeError('a deliberate fault')\n"
            "c.table = boom\nsys.exit(main(['run', sys.argv[1]]))")
    out = subprocess.run([sys.executable, "-c", code, str(SPHERE)], capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 3, out.stderr
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1
    assert "RuntimeError: a deliberate fault" in out.stderr and str(tmp_path) in out.stderr
    assert "Traceback" in (tmp_path / "backprop-studio.log").read_text()


def test_progress_shows_on_a_terminal_only_after_a_second_and_is_cleared():
    import io
    import time as clock

    from nodeeditor.app.progress import Progress

    screen = io.StringIO()
    with Progress(screen, enabled=True) as progress:
        progress.stage("quick")
        clock.sleep(0.3)
        assert screen.getvalue() == ""
        progress.stage("computing 100,000 nodes")
        clock.sleep(1.7)
    assert "computing 100,000 nodes... 1 s (Ctrl+C stops)" in screen.getvalue()
    assert screen.getvalue().endswith("\r\033[K")
    quiet = io.StringIO()
    with Progress(quiet, enabled=False) as progress:
        progress.stage("long")
        clock.sleep(1.2)
    assert quiet.getvalue() == ""


@POSIX_ONLY  # Windows has no SIGINT to send to another process
def test_ctrl_c_stops_a_run_cleanly():
    import signal
    import time as clock

    big = ROOT / "build" / "interrupt-chain.graph"
    big.parent.mkdir(exist_ok=True)
    from tests.fuzz import _chain

    big.write_text(json.dumps(_chain(60_000)))
    # as in a student's terminal: a shell's background job (`make test &`) starts with
    # Ctrl+C ignored, and Python then never raises KeyboardInterrupt
    run = subprocess.Popen([sys.executable, "main.py", "run", str(big)], cwd=ROOT, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True,
                           preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    clock.sleep(1.5)
    run.send_signal(signal.SIGINT)
    _out, err = run.communicate(timeout=60)
    assert run.returncode == 130 and "interrupted" in err and "Traceback" not in err, (run.returncode, err[-600:])


def test_the_log_rotates_and_keeps_two_older_files(tmp_path, monkeypatch):
    import logging

    from nodeeditor.app import logs

    monkeypatch.setattr(logs, "LOG_BYTES", 2000)
    handler = logs._RotatingFile(tmp_path / "backprop-studio.log")
    log = logging.getLogger("rotation-test")
    log.addHandler(handler)
    for i in range(200):
        log.error("line %d %s", i, "x" * 50)
    handler.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["backprop-studio.log", "backprop-studio.log.1", "backprop-studio.log.2"]
    assert all(p.stat().st_size < 2200 for p in tmp_path.iterdir())
    assert "line 199" in (tmp_path / "backprop-studio.log").read_text()
