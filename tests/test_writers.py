"""Whatever the program writes, it opens: names, numbers and text are checked on the way
in (formula bar, `new`, the Inspector), not only when a file is loaded again."""
from __future__ import annotations

import contextlib
import io
import json

import numpy as np
import pytest

from nodeeditor.compiler import Compiler
from nodeeditor.lessons.codegen import python_code
from nodeeditor.model import GraphFileError, dumps_graph, parse_graph
from nodeeditor.model.expression import ExpressionError, build_graph
from tests.conftest import ROOT
from tests.test_cli import cli

SPHERE = ROOT / "resources" / "examples" / "4-sphere.graph"


@pytest.mark.parametrize("formula, message", [
    ("x**1e309", "too large for a float64"),
    ("1e999 * x", "too large for a float64"),
    ("é + 1", "cannot be a Variable's name"),
    ("变量 * 2", "cannot be a Variable's name"),
    ("a" * 33 + " + 1", "cannot be a Variable's name"),
])
def test_formulas_that_would_write_an_unreadable_file_are_refused(formula, message):
    with pytest.raises(ExpressionError, match=message):
        build_graph(formula)


def test_the_refused_part_is_pointed_at_in_characters_not_bytes():
    with pytest.raises(ExpressionError) as info:
        build_graph("  2 * 变量")
    assert (info.value.column, info.value.length) == (7, 2)  # '变量' after two spaces and '2 * '


FORMULAS = ["x0**2 + x1**2", "-x", "sigmoid(w*x + b)", "sum(x * x)", "mean_squared_error(x @ W, t)",
            "exp(-x) / (1 + exp(-x))", "print * 2", "tanh(relu(x) - sqrt(y) + log(z))", "x ** 0.5 - 3 / y"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_every_graph_new_writes_opens_again(formula, tmp_path):
    out = tmp_path / "g.graph"
    made = cli("new", "--expr", formula, "-o", out)
    assert made.returncode == 0, made.stderr
    ran = cli("run", out)
    assert ran.returncode in (0, 1), ran.stderr  # 1: the graph computes with a node error (shapes)
    assert "Traceback" not in ran.stderr


@pytest.mark.parametrize("formula", FORMULAS)
def test_every_graph_saves_reopens_and_exports_code_that_runs(formula):
    graph = build_graph(formula)
    text = dumps_graph(graph)
    assert dumps_graph(parse_graph(text)) == text
    compiler = Compiler(graph)
    if compiler.has_errors():
        return
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(python_code(graph, compiler), "exported.py", "exec"), {})  # noqa: S102 - our own code


def test_a_variable_called_print_still_exports_code_that_prints():
    graph = build_graph("print * 2", {"print": 3.0})
    code = python_code(graph, Compiler(graph))
    assert "v_print = Variable" in code
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "exported.py", "exec"), {})  # noqa: S102 - our own code
    assert out.getvalue().splitlines()[0] == "variable(6.0)"


def test_a_lone_surrogate_is_refused_on_the_way_in():
    document = json.loads(SPHERE.read_text())
    text = json.dumps(document).replace('"format"', '"description": "bad \\ud800 text", "format"', 1)
    with pytest.raises(GraphFileError, match="description: this text holds a character that is not valid Unicode"):
        parse_graph(text)


def test_a_number_json_cannot_hold_is_never_written():
    graph = build_graph("x ** 2")
    pow_node = next(n for n in graph.nodes.values() if n.kind == "Pow")
    pow_node.params["c"] = float("inf")  # only code that skips every check can do this
    with pytest.raises(ValueError):
        dumps_graph(graph)


def _reference_text(document: dict) -> str:
    """The .graph text as json.dumps writes it with flat lists joined onto one line: the
    fast writer must give these very bytes."""
    import re
    flat = re.compile(r"\[\n\s*([^\[\]{}\n]*(?:\n\s*[^\[\]{}\n]*)*?)\n\s*\]")
    text = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False)
    return flat.sub(lambda m: "[" + ", ".join(p.strip() for p in m.group(1).split(",\n")) + "]", text) + "\n"


def test_the_fast_writer_writes_what_json_dumps_would(tmp_path):
    from nodeeditor.model import load_graph
    from nodeeditor.model.graphfile import graph_to_document
    examples = sorted((ROOT / "resources" / "examples").glob("*.graph"))
    assert len(examples) >= 12
    graphs = [load_graph(path) for path in examples]
    odd = build_graph("x0 * 3 + x0 ** 2", {})
    odd.description = 'brackets [1, 2] {a: b}, "quotes", tabs\t, newlines\n, 日本語, emoji 🙂, \\ backslash'
    constant = next(n for n in odd.nodes.values() if n.kind == "Constant")
    constant.params["value"] = np.array([[1e-300, -0.0], [123456789.125, 1e300]])
    constant.params["label"] = "t[0]"
    graphs.append(odd)
    for graph in graphs:
        assert dumps_graph(graph) == _reference_text(graph_to_document(graph))
    constant.params["value"] = np.array([1.0, np.inf])
    with pytest.raises(ValueError):
        dumps_graph(odd)
