"""One name per node: the canvas shows it, and every panel, the code, the command line and
the LaTeX use it; a student renames any node and every place follows. And the README's
menu paths name menus that exist."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

from nodeeditor.app.cli import report
from nodeeditor.compiler import Compiler
from nodeeditor.lessons.chain_rule import derive, latex
from nodeeditor.model import load_graph
from tests.conftest import ROOT
from tests.gui_helpers import open_window, type_into

SPHERE = ROOT / "resources" / "examples" / "4-sphere.graph"


@pytest.fixture
def window(qtbot, tmp_path):
    with open_window(qtbot, tmp_path) as w:
        assert w.files.open_path(SPHERE, ask=False)
        yield w


def node_called(window, name: str) -> str:
    return next(node_id for node_id, shown in window.document.graph.names().items() if shown == name)


def everywhere(window) -> dict[str, str]:
    """Every place a node is named, as text: the canvas, the code, the chain rule of x0,
    the guess panel, the command line's JSON and the LaTeX."""
    graph = window.document.graph
    window.code.redraw()
    x0 = node_called(window, "x0")
    window.scene.clearSelection()
    window.scene.nodes[x0].setSelected(True)
    window.learning.show_chain_rule()
    window.chain.redraw()
    compiler = Compiler(graph)
    compiler.backward()
    cli = json.dumps(report(graph, compiler, compiler.gradient_root, None))
    return {"canvas": " | ".join(item.header_text() for item in window.scene.nodes.values()),
            "code": window.code.editor.toPlainText(), "chain rule": window.chain.text.toPlainText(),
            "cli": cli, "latex": latex(derive(graph, compiler, x0))}


def test_every_place_names_a_node_as_the_canvas_does(window):
    graph = window.document.graph
    assert sorted(graph.names().values()) == ["pow1", "pow2", "x0", "x1", "y"]
    places = everywhere(window)
    for node_id, name in graph.names().items():
        assert re.search(rf"\b{name}\b", window.scene.nodes[node_id].header_text()), name
    assert "pow1 = x0 ** 2" in places["code"] and "y = pow1 + pow2" in places["code"]
    assert "∂y/∂pow1" in places["chain rule"] and "∂pow1/∂x0" in places["chain rule"]
    assert {n["name"] for n in json.loads(places["cli"])["nodes"]} == set(graph.names().values())
    assert "pow1" in places["latex"] and "v_pow1" not in " ".join(places.values())


def test_a_student_renames_an_operation_and_every_place_follows(window, qtbot):
    pow1 = node_called(window, "pow1")
    window.scene.clearSelection()
    window.scene.nodes[pow1].setSelected(True)
    type_into(window.inspector.name_edit, "h")
    assert window.document.graph.names()[pow1] == "h"
    places = everywhere(window)
    assert "^2  h" in places["canvas"] and "h = x0 ** 2" in places["code"] and "∂y/∂h" in places["chain rule"]
    assert "pow1" not in " ".join(places.values())
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key_Z, Qt.ControlModifier)
    assert window.document.graph.names()[pow1] == "pow1"


def test_renaming_the_output_renames_y_everywhere(window):
    output = window.document.compiler.default_output()
    window.scene.clearSelection()
    window.scene.nodes[output].setSelected(True)
    assert window.inspector.name_edit.text() == "y"
    type_into(window.inspector.name_edit, "loss")
    places = everywhere(window)
    assert "loss = pow1 + pow2" in places["code"] and "∂loss/∂pow1" in places["chain rule"]
    assert window.scene.nodes[output].header_text() == "+  loss"


def test_a_name_another_node_has_is_refused_with_the_reason(window):
    pow1 = node_called(window, "pow1")
    window.scene.clearSelection()
    window.scene.nodes[pow1].setSelected(True)
    for taken in ("x0", "pow2", "y"):
        type_into(window.inspector.name_edit, taken)
        assert "another node is called" in window.inspector.problem.text()
        assert window.document.graph.names()[pow1] == "pow1"


def test_files_of_earlier_versions_get_names_in_reading_order():
    graph = load_graph(ROOT / "tests" / "data" / "sphere-old-port-names.graph")
    assert sorted(graph.names().values()) == ["pow1", "pow2", "x0", "x1", "y"]


def test_the_command_line_finds_nodes_by_the_canvas_s_names(tmp_path):
    run = subprocess.run([sys.executable, "main.py", "explain", str(SPHERE), "--wrt", "pow1"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and "∂y/∂pow1" in run.stdout


MENU_PATH = re.compile(r"\b(File|Edit|View|Graph|Learn|Help) → ((?:\*\*)?[A-Z][^,.;:()`\n]*)")


def menu_items(menu) -> dict[str, object]:
    return {a.text().replace("&", "").rstrip("…"): a.menu() for a in menu.actions() if not a.isSeparator()}


def test_every_menu_path_the_readme_names_is_in_the_window(qtbot, tmp_path):
    text = (ROOT / "README.md").read_text(encoding="utf-8").replace("\n  ", " ")
    paths = MENU_PATH.findall(text)
    assert len(paths) >= 8
    with open_window(qtbot, tmp_path) as window:
        menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
        for top, rest in paths:
            items = menu_items(menus[top])
            steps = [step.replace("*", "").strip() for step in rest.split("→")]
            for i, step in enumerate(steps):
                found = [name for name in items if step.rstrip("…").startswith(name)]
                assert found, f"README names {top} → {' → '.join(steps[:i + 1])}, which the menus do not have"
                submenu = items[max(found, key=len)]
                if submenu is None:
                    break
                items = menu_items(submenu)
