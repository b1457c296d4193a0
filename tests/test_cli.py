"""The headless CLI: tables, JSON for grading scripts, and exit codes."""
import json
import os
import subprocess
import sys

import pytest

from nodeeditor.model import save_graph
from tests.conftest import ROOT
from tests.helpers import sphere_graph

SPHERE = ROOT / "resources" / "examples" / "4-sphere.graph"


def cli(*args):
    return subprocess.run([sys.executable, "main.py", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)


def test_run_prints_a_table_of_values_and_gradients():
    out = cli("run", SPHERE)
    assert out.returncode == 0, out.stderr
    lines = {line.split()[0]: line.split() for line in out.stdout.splitlines()[3:] if line.strip()}
    # each node by the name the canvas shows, then its kind and id
    assert lines["x0"][1:5] == ["Variable", "n1", "6.0", "12.0"]
    assert lines["x1"][1:5] == ["Variable", "n3", "3.0", "6.0"]
    assert lines["pow1"][1:5] == ["Pow", "n2", "36.0", "1.0"]
    assert lines["y"][1:5] == ["Add", "n5", "45.0", "1.0"]


def test_run_json_for_grading_scripts():
    out = cli("run", SPHERE, "--json")
    report = json.loads(out.stdout)
    grads = {n["name"]: n["grad"] for n in report["nodes"]}
    assert grads == {"x0": 12.0, "x1": 6.0, "pow1": 1.0, "pow2": 1.0, "y": 1.0}
    assert report["output"] == "n5" and report["errors"] == {}
    by_name = json.loads(cli("run", SPHERE, "--json", "--output", "y").stdout)  # as the canvas names it
    assert by_name["output"] == "n5"


def test_output_picks_where_backward_starts(tmp_path):
    out = cli("run", SPHERE, "--json", "--output", "n2")
    report = json.loads(out.stdout)
    assert report["output"] == "n2"
    grads = {n["name"]: n["grad"] for n in report["nodes"] if n["kind"] == "Variable"}
    assert grads == {"x0": 12.0, "x1": None}
    assert json.loads(cli("run", SPHERE, "--json", "--output", "pow1").stdout)["output"] == "n2"
    assert cli("run", SPHERE, "--output", "nope").returncode == 1


def test_graph_errors_exit_1_and_name_the_node(tmp_path):
    g = sphere_graph()
    g.disconnect(g.input_edges("p1")["a"])
    path = tmp_path / "broken.graph"
    save_graph(g, path)
    out = cli("run", path)
    assert out.returncode == 1
    assert "pow1 (Pow p1): Power needs 1 input; 0 are connected" in out.stderr


@pytest.mark.parametrize("content", ["not json", '{"format": "backprop-studio-graph", "version": 9}'])
def test_bad_files_exit_2(tmp_path, content):
    path = tmp_path / "bad.graph"
    path.write_text(content)
    out = cli("run", path)
    assert out.returncode == 2 and "bad.graph" in out.stderr and out.stdout == ""


def test_usage_errors_exit_2_and_help_says_it_all():
    assert cli("run").returncode == 2
    assert cli("frobnicate").returncode == 2
    help_text = cli("--help").stdout + cli("run", "--help").stdout
    for word in ("run", "new", "--json", "--output", "Exit codes"):
        assert word in help_text


def test_new_writes_a_graph_from_a_formula(tmp_path):
    out_file = tmp_path / "f.graph"
    assert cli("new", "--expr", "x0**2 + x1**2", "--set", "x0=6", "--set", "x1=3", "-o", out_file).returncode == 0
    assert cli("run", out_file).returncode == 0
    refused = cli("new", "--expr", "__import__('os')", "-o", tmp_path / "g.graph")
    assert refused.returncode == 2 and "no function __import__" in refused.stderr


def test_seed_command_prints_the_seed():
    assert cli("seed").stdout.splitlines()[:3] == ["variable(9.0)", "1.0", "1.0"]


def test_selftest_passes_from_source():
    out = cli("--selftest")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "3 passed, 0 failed" in out.stdout and "FAIL" not in out.stdout


def variable_grads(report: dict) -> dict[str, float]:
    return {n["name"]: n["grad"] for n in report["nodes"] if n["kind"] == "Variable"}


def test_a_sigmoid_neuron_by_formula_gives_the_gradients_of_the_neuron_built_from_parts(tmp_path):
    """The issue's check: `new --expr "sigmoid(...)"` then `run` equals the parts example."""
    values = ["--set", "w0=2", "--set", "x0=-1", "--set", "w1=-3", "--set", "x1=-2", "--set", "w2=-3"]
    neuron = tmp_path / "neuron.graph"
    assert cli("new", "--expr", "sigmoid(w0*x0 + w1*x1 + w2)", *values, "-o", neuron).returncode == 0
    single = json.loads(cli("run", neuron, "--json").stdout)
    parts = json.loads(cli("run", ROOT / "resources/examples/9-neuron-from-parts.graph", "--json").stdout)
    assert variable_grads(single) == pytest.approx(variable_grads(parts))
    assert variable_grads(single) == pytest.approx({"w0": -0.19661193, "x0": 0.39322387, "w1": -0.39322387,
                                                    "x1": -0.58983580, "w2": 0.19661193})


def test_new_takes_arrays(tmp_path):
    out_file = tmp_path / "sum.graph"
    assert cli("new", "--expr", "sum(x * x)", "--set", "x=[1, 2, 3]", "-o", out_file).returncode == 0
    report = json.loads(cli("run", out_file, "--json").stdout)
    assert variable_grads(report) == {"x": [2.0, 4.0, 6.0]}
    bad = cli("new", "--expr", "x", "--set", "x=[1, [2]]", "-o", out_file)
    assert bad.returncode == 2 and "expected NAME=NUMBER or NAME=[ARRAY]" in bad.stderr


def test_the_entry_knows_every_command_without_importing_the_cli():
    """entry.COMMANDS decides whether an argument is a command or a file to open; it is
    kept apart from cli.py so that opening the editor does not load numpy first."""
    import argparse

    from nodeeditor.app import entry
    from nodeeditor.app.cli import build_parser

    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert set(sub.choices) == set(entry.COMMANDS)
    code = "import sys, nodeeditor.app.entry, nodeeditor.view.window.app; print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.strip() == "False", out.stderr


def test_run_sets_values_first_and_names_every_node_in_its_json():
    out = cli("run", SPHERE, "--set", "x0=2", "--set", "x1=-1", "--json")
    assert out.returncode == 0, out.stderr
    nodes = {n["name"]: n for n in json.loads(out.stdout)["nodes"]}
    assert nodes["x0"]["grad"] == 4.0 and nodes["x1"]["grad"] == -2.0 and nodes["y"]["value"] == 5.0
    xor = json.loads(cli("run", ROOT / "resources" / "examples" / "13-xor.graph", "--json").stdout)
    assert {n["name"] for n in xor["nodes"] if n["kind"] == "Constant"} == {"x1", "x2", "t"}
    for wrong, said in [("zz=2", "There is no node called 'zz'"), ("pow1=2", "it is a Power node"),
                        ("x0=abc", "--set 'x0=abc'")]:
        bad = cli("run", SPHERE, "--set", wrong)
        assert bad.returncode == 2 and said in bad.stderr, bad.stderr
