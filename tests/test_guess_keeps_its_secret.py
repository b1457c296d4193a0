"""A Guess round keeps its secret (a class quiz): while it runs, no panel, caption, menu
command or status message shows a gradient; the nodes say "grad ?"."""
from __future__ import annotations

import pytest
from PySide6.QtTest import QTest

from tests.conftest import ROOT
from tests.gui_helpers import open_window

SPHERE = ROOT / "resources" / "examples" / "4-sphere.graph"


@pytest.fixture
def guessing(qtbot, tmp_path):
    with open_window(qtbot, tmp_path, 1400, 850) as window:
        assert window.files.open_path(SPHERE, ask=False)
        window.docks.bring_forward(window.docks.plot)
        qtbot.waitUntil(lambda: "slope" in window.plot.plot.title)
        window.actions.guess.trigger()
        assert window.guess.active
        yield window


def shown_anywhere(window) -> str:
    """Every text the student can see now, joined."""
    parts = [window.statusBar().currentMessage(), window.caption_bar.text(), window.plot.plot.title,
             window.chain.text.toPlainText()]
    parts += [window.chain.iterates.item(i).text() for i in range(window.chain.iterates.count())]
    parts += [window.learn.table.item(r, c).text() for r in range(window.learn.table.rowCount())
              for c in range(window.learn.table.columnCount()) if window.learn.table.item(r, c)]
    parts += [item.gradient_label() for item in window.scene.nodes.values()]
    parts += [item.input_gradient_label(p) for item in window.scene.nodes.values() for p in item.node.spec.inputs]
    return " | ".join(parts)


@pytest.mark.parametrize("command", ["check", "backward", "backward_step", "play", "chain_rule", "gradient_graph",
                                     "newton", "memory"])
def test_no_command_gives_the_answers_away(guessing, command):
    x0 = next(n for n, node in guessing.document.graph.nodes.items() if node.label == "x0")
    guessing.scene.nodes[x0].setSelected(True)
    getattr(guessing.actions, command).trigger()
    QTest.qWait(30)
    seen = shown_anywhere(guessing)
    # 12 is ∂y/∂x0 and appears nowhere else; a slope, a wire's "← g" or a table row would be one
    assert "12" not in seen and "slope" not in seen and "←" not in seen, seen
    assert guessing.guess.active or command == "play"
    assert all(item.overlay is not None for item in guessing.scene.nodes.values())


def test_the_node_asked_about_is_highlighted(guessing):
    graph = guessing.document.graph
    for name in ("x1", "x0"):
        node_id = next(n for n, node in graph.nodes.items() if node.label == name)
        guessing.guess.edits[node_id].setFocus()
        QTest.qWait(10)
        lit = [n for n, item in guessing.scene.nodes.items() if item.highlighted]
        assert lit == [node_id], (name, lit)
    guessing.guess.stop()
    assert not any(item.highlighted for item in guessing.scene.nodes.values())
