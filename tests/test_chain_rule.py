"""The chain rule written out, forward mode, and the explain command."""
from __future__ import annotations

import shutil
import subprocess
import sys

import numpy as np
import pytest

from nodeeditor.app.resources import example_paths
from nodeeditor.lessons.chain_rule import MAX_PATHS, ChainRuleError, derive, plain_text
from nodeeditor.lessons.derivatives import forward_mode
from nodeeditor.model import Edge
from nodeeditor.model.expression import build_graph
from nodeeditor.session import Session
from tests.conftest import ROOT

SPHERE = ROOT / "resources" / "examples" / "4-sphere.graph"


def _session(formula: str, **values: float) -> Session:
    session = Session()
    session.take(build_graph(formula, {k: np.array(v) for k, v in values.items()}), "formula.graph")
    return session


def _id(session: Session, name: str) -> str:
    return next(n.id for n in session.graph.nodes.values() if n.params.get("name") == name)


def test_the_sphere_is_written_out_in_symbols_numbers_and_result():
    session = Session()
    session.load(SPHERE)
    text = plain_text(derive(session.graph, session.compiler, _id(session, "x0")))
    assert text.splitlines()[:3] == ["∂y/∂x0 = ∂y/∂pow1·∂pow1/∂x0", "       = 1·12", "       = 12"]
    assert "Backward gave ∂y/∂x0 = 12" in text


def test_a_variable_used_twice_sums_both_paths_each_naming_its_port():
    session = _session("x * x", x=3.0)
    d = derive(session.graph, session.compiler, _id(session, "x"))
    assert d.paths == 2 and d.total == 6.0 == d.backward
    assert plain_text(d).splitlines()[0] == "∂y/∂x = ∂y/∂x[a] + ∂y/∂x[b]"


def test_every_path_of_x0_plus_x1_times_x0():
    session = _session("(x0 + x1) * x0", x0=2.0, x1=3.0)
    d = derive(session.graph, session.compiler, _id(session, "x0"))
    assert [round(t.value, 9) for t in d.terms] == [2.0, 5.0] and d.total == 7.0 == d.backward


def test_many_paths_fold_by_the_nodes_uses_and_still_sum_to_backward():
    session = _session("x", x=1.01)
    graph = session.graph
    previous = _id(session, "x")
    for i in range(7):  # each node squares the one before with a Mul: 2**7 = 128 paths
        node = session.add_node("Mul", (200.0 * i, 0))
        session.connect(Edge(previous, "y", node, "a"))
        session.connect(Edge(previous, "y", node, "b"))
        previous = node
    d = derive(graph, session.compiler, _id(session, "x"), previous)
    assert d.paths > MAX_PATHS and d.folded
    assert d.total == pytest.approx(d.backward, rel=1e-12)


def test_arrays_and_unreached_nodes_are_refused_with_a_reason():
    session = _session("sum(x * v) + z", x=2.0, z=1.0)
    session.set_param(_id(session, "v"), "value", np.array([1.0, 2.0]))
    with pytest.raises(ChainRuleError, match="matrix form"):
        derive(session.graph, session.compiler, _id(session, "x"))
    session = _session("x * 2 + 0 * z", x=1.0, z=1.0)
    lone = session.add_node("Variable", (0, 400), {"name": "w", "value": np.array(1.0)})
    with pytest.raises(ChainRuleError, match="does not reach"):
        derive(session.graph, session.compiler, lone, session.compiler.default_output())


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.name)
def test_forward_mode_gives_backwards_numbers_on_every_example(path):
    session = Session()
    session.load(path)
    compiler = session.compiler
    root = compiler.backward()
    for node_id, node in session.graph.nodes.items():
        if node.kind == "Variable":
            gradient, passes = full_gradient_by_forward_mode(session.graph, compiler, node_id, root)
            assert passes == np.size(node.params["value"])
            np.testing.assert_allclose(gradient, compiler.results[node_id].grad, rtol=1e-10, atol=1e-12)


def test_a_forward_pass_gives_each_node_its_tangent():
    session = _session("sin(x) * x", x=0.5)
    x = _id(session, "x")
    tangents = forward_mode(session.graph, session.compiler, x).tangents
    sin = next(n for n, node in session.graph.nodes.items() if node.kind == "Sin")
    assert tangents[x] == 1.0 and tangents[sin] == pytest.approx(np.cos(0.5))
    assert tangents[session.compiler.default_output()] == pytest.approx(np.cos(0.5) * 0.5 + np.sin(0.5))


def _explain(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "explain", *args],
                          capture_output=True, text=True, timeout=60)


def test_explain_prints_12_and_6_for_the_sphere():
    assert "= 12" in _explain(str(SPHERE), "--wrt", "x0").stdout
    assert "= 6" in _explain(str(SPHERE), "--wrt", "x1").stdout
    bad = _explain(str(SPHERE), "--wrt", "nope")
    assert bad.returncode == 1 and "no node called 'nope'" in bad.stderr


def test_explain_latex_is_a_whole_document_with_balanced_groups(tmp_path):
    text = _explain(str(SPHERE), "--wrt", "x0", "--latex").stdout
    assert text.startswith(r"\documentclass") and text.rstrip().endswith(r"\end{document}")
    assert text.count("{") == text.count("}") and text.count(r"\begin{") == text.count(r"\end{")
    assert r"\frac{\partial y}{\partial x_{0}}" in text and "12" in text


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed on this machine")
def test_explain_latex_compiles_with_pdflatex(tmp_path):
    source = tmp_path / "sphere.tex"
    source.write_text(_explain(str(SPHERE), "--wrt", "x0", "--latex").stdout, encoding="utf-8")
    done = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", source.name],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:]
    assert (tmp_path / "sphere.pdf").is_file()


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.name)
def test_the_gradients_own_graph_computes_the_gradient_on_every_example(path):
    from nodeeditor.compiler import Compiler
    from nodeeditor.lessons.gradient_graph import gradient_graph

    session = Session()
    session.load(path)
    root = session.compiler.backward()
    for node_id, node in session.graph.nodes.items():
        if node.kind != "Variable":
            continue
        derived = gradient_graph(session.graph, root, node_id)
        compiler = Compiler(derived)
        compiler.evaluate()
        assert not compiler.errors()
        np.testing.assert_allclose(compiler.results[derived.output].value, session.compiler.results[node_id].grad,
                                   rtol=1e-12, atol=1e-12)


def test_newtons_method_gives_the_books_iterates():
    from nodeeditor.lessons.gradient_graph import newton

    session = Session()
    session.load(ROOT / "resources" / "examples" / "11-newton.graph")
    x = _id(session, "x")
    steps = newton(session.graph, session.compiler.default_output(), x, 5)
    assert [round(s.x, 4) for s in steps] == [2.0, 1.4545, 1.151, 1.0253, 1.0009, 1.0]
    assert (steps[0].slope, steps[0].curvature) == (24.0, 44.0)


def test_frames_writes_each_backward_step_and_an_animation_that_loops(tmp_path):
    import struct

    from nodeeditor.app.apng import chunks

    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "frames", str(SPHERE), "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    pictures = sorted(tmp_path.glob("backward-*.png"))
    assert [p.name for p in pictures] == [f"backward-{i:03d}.png" for i in range(5)]
    parts = chunks((tmp_path / "backward.apng").read_bytes())
    kinds = [kind for kind, _ in parts]
    assert kinds[:2] == [b"IHDR", b"acTL"] and kinds[-1] == b"IEND"
    frames, plays = struct.unpack(">II", parts[1][1])
    assert (frames, plays) == (5, 0) and kinds.count(b"fcTL") == 5
    sequence = [struct.unpack(">I", body[:4])[0] for kind, body in parts if kind in (b"fcTL", b"fdAT")]
    assert sequence == list(range(len(sequence)))  # what players check before they animate


def test_an_animation_refuses_frames_of_different_sizes(tmp_path):
    from nodeeditor.app.apng import APNGError, write_apng

    def png(width: int) -> bytes:
        import struct
        import zlib

        def chunk(kind: bytes, body: bytes) -> bytes:
            return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

        header = struct.pack(">IIBBBBB", width, 1, 8, 0, 0, 0, 0)
        pixels = zlib.compress(b"\x00" + b"\x80" * width)
        return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")

    write_apng([png(2), png(2)], tmp_path / "ok.apng")
    with pytest.raises(APNGError, match="frame 2"):
        write_apng([png(2), png(3)], tmp_path / "bad.apng")


def full_gradient_by_forward_mode(graph, compiler, wrt: str, root: str) -> tuple[np.ndarray, int]:
    """d(sum of root)/d(wrt) for every element of ``wrt``: one forward pass per element
    (what forward mode costs for an array input); the gradient and the number of passes."""
    value = compiler.results[wrt].value
    gradient = np.zeros_like(value, dtype=np.float64)
    passes = 0
    for index in np.ndindex(value.shape):
        direction = np.zeros_like(value, dtype=np.float64)
        direction[index] = 1.0
        gradient[index] = float(np.sum(forward_mode(graph, compiler, wrt, direction).tangents[root]))
        passes += 1
    return gradient, passes
