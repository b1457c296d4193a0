"""Learning by doing, as a student uses it: guessing the gradients from the keyboard, the
chain rule panel for the selected node, forward mode beside Backward."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from nodeeditor.view import style
from tests.conftest import ROOT
from tests.gui_helpers import answer_dialog, open_window, type_into

SPHERE = ROOT / "resources" / "examples" / "4-sphere.graph"


@pytest.fixture
def window(qtbot, tmp_path):
    with open_window(qtbot, tmp_path) as w:
        yield w


def _build(window, formula: str, **values: float) -> None:
    type_into(window.actions.formula, formula)
    for name, value in values.items():
        node_id = next(n for n, node in window.document.graph.nodes.items() if node.params.get("name") == name)
        window.document.session.set_param(node_id, "value", np.array(value))


def _press_guess(window, qtbot) -> None:
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key_G, Qt.ControlModifier | Qt.ShiftModifier)


def _answer(window, qtbot, text: str) -> None:
    """Type into the box that has the focus and press Enter, as a student does."""
    box = QGuiApplication.focusObject()
    assert box in window.guess.edits.values()
    box.selectAll()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key_Return)


@pytest.mark.parametrize("setup, answers", [
    ("sphere", ["1", "1", "12", "1", "6"]),
    (("(x0 + x1) * x0", {"x0": 2.0, "x1": 3.0}), ["1", "2", "7", "2"]),
    (("x * x", {"x": 3.0}), ["1", "6"]),
])
def test_each_graph_can_be_solved_from_the_keyboard_with_a_hint_after_a_wrong_guess(window, qtbot, setup, answers):
    if setup == "sphere":
        assert window.files.open_path(SPHERE, ask=False)
    else:
        _build(window, setup[0], **setup[1])
    _press_guess(window, qtbot)
    round_ = window.guess.round
    assert round_ is not None and len(round_.order) == len(answers)
    hidden = [window.scene.nodes[n].gradient_label() for n in round_.order]
    assert hidden == [""] * len(answers)  # no gradient on the canvas
    assert all(window.scene.nodes[n].overlay[0] == "grad ?" for n in round_.order)
    # a wrong guess first: marked wrong, with a hint in the gate's words
    wrong = str(float(answers[-1]) + 5)
    for answer, node_id in zip(answers, round_.order, strict=True):
        if node_id == round_.order[-1]:
            _answer(window, qtbot, wrong)
            assert "not yet" in window.guess.verdicts[node_id].text()
            assert window.guess.hint.text().startswith("Hint for")
            assert window.scene.nodes[node_id].overlay[0] == "grad ?"
        _answer(window, qtbot, answer)
        if node_id != round_.order[-1]:
            assert "right" in window.guess.verdicts[node_id].text(), (node_id, answer)
            assert window.scene.nodes[node_id].overlay == (f"grad {answer}", style.GRADIENT_COLOR)
    assert round_.finished and round_.total_attempts == len(answers) + 1
    assert "All" in window.statusBar().currentMessage() and "what Backward gives" in window.guess.hint.text()
    # the round is over: the canvas shows Backward's own gradients, the same as the answers
    assert window.guess.round is None and all(item.overlay is None for item in window.scene.nodes.values())
    assert [window.scene.nodes[n].gradient_label() for n in round_.order] == answers


def test_a_finished_round_leaves_the_canvas_and_the_inspector_agreeing_with_old_gradients_kept(window, qtbot):
    assert window.files.open_path(SPHERE, ask=False)
    window.learn.clear_first.setChecked(False)  # keep old gradients: Backward twice gives 24
    for _ in range(2):
        qtbot.keyClick(window.canvas, Qt.Key_B, Qt.ControlModifier)
    x0 = next(n for n, node in window.document.graph.nodes.items() if node.params.get("name") == "x0")
    assert window.scene.nodes[x0].gradient_label() == "24"
    _press_guess(window, qtbot)
    qtbot.keyClick(window.canvas, Qt.Key_B, Qt.ControlModifier)  # Backward would give the answers away
    assert "hidden while you guess" in window.statusBar().currentMessage()
    for answer in ["1", "1", "12", "1", "6"]:
        _answer(window, qtbot, answer)
    window.scene.clearSelection()
    window.scene.nodes[x0].setSelected(True)
    assert window.scene.nodes[x0].gradient_label() == "12"
    assert "x0: 12.0" in window.inspector.numbers.toPlainText()


def test_a_guess_that_is_not_a_number_says_so_and_counts_nothing(window, qtbot):
    assert window.files.open_path(SPHERE, ask=False)
    _press_guess(window, qtbot)
    _answer(window, qtbot, "twelve")
    first = window.guess.round.order[0]
    assert "not a number" in window.guess.verdicts[first].text() and window.guess.round.total_attempts == 0
    _answer(window, qtbot, "1/1")
    assert "right" in window.guess.verdicts[first].text()


def test_nothing_else_gives_the_answers_away_while_guessing(window, qtbot):
    assert window.files.open_path(SPHERE, ask=False)
    window.docks.plot.show()
    window.docks.plot.raise_()
    _press_guess(window, qtbot)
    window.scene.nodes["n1"].setSelected(True)
    window.learning.show_chain_rule()
    assert "hidden while you guess" in window.chain.text.toPlainText()
    window.plot.refresh()
    assert "tangent is hidden" in window.plot.plot.title and "12" not in window.plot.plot.title


def test_an_edit_ends_the_round(window, qtbot):
    assert window.files.open_path(SPHERE, ask=False)
    _press_guess(window, qtbot)
    window.document.session.set_param("n1", "value", np.array(2.0))
    assert window.guess.round is None and "round ended" in window.guess.hint.text()


def test_the_chain_rule_panel_explains_the_selected_node_and_copies_latex(window, qtbot):
    assert window.files.open_path(SPHERE, ask=False)
    window.scene.nodes["n1"].setSelected(True)
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key_R, Qt.ControlModifier | Qt.ShiftModifier)
    text = window.chain.text.toPlainText()
    assert "∂y/∂x0 =\n∂y/∂pow1 · ∂pow1/∂x0\n= 1·12\n= 12" in text and "∂y/∂x0 = 12" in text
    assert "∂pow1/∂x0 = 2·x0 = 2·6 = 12" in text  # the local rule, in names and in numbers
    assert window.scene.nodes["n1"].gradient_label() == ""  # looking changed nothing on the canvas
    QTest.mouseClick(window.chain.copy_button, Qt.LeftButton)
    assert QGuiApplication.clipboard().text().startswith(r"\documentclass")
    window.scene.clearSelection()
    window.scene.nodes["n3"].setSelected(True)
    window.chain.refresh()
    assert "∂y/∂x1 = 6" in window.chain.text.toPlainText()


def test_forward_mode_shows_each_tangent_and_agrees_with_backward(window, qtbot):
    assert window.files.open_path(SPHERE, ask=False)
    window.learning.show_chain_rule()
    window.chain.forward_input.setCurrentIndex(window.chain.forward_input.findText("x1"))
    QTest.mouseClick(window.chain.forward, Qt.LeftButton)
    window.chain.refresh()
    tangents = {n: item.overlay[0] for n, item in window.scene.nodes.items()}
    assert tangents == {"n1": "ẋ 0", "n2": "ẋ 0", "n3": "ẋ 1", "n4": "ẋ 6", "n5": "ẋ 6"}
    assert "one pass per number of the inputs, 2 here" in window.chain.counts.text()
    window.editing.backward()
    assert window.document.compiler.results["n3"].grad == 6.0  # Backward gives the tangent's number
    QTest.mouseClick(window.chain.forward, Qt.LeftButton)
    assert all(item.overlay is None for item in window.scene.nodes.values())


NEWTON = ROOT / "resources" / "examples" / "11-newton.graph"


def test_the_gradients_graph_opens_in_its_own_window_and_backward_there_is_the_second_derivative(window, qtbot):
    assert window.files.open_path(NEWTON, ask=False)
    x = next(n for n, node in window.document.graph.nodes.items() if node.kind == "Variable")
    window.scene.nodes[x].setSelected(True)
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key_D, Qt.ControlModifier | Qt.ShiftModifier)
    (other,) = window.learning.opened_windows
    try:
        qtbot.waitExposed(other)
        graph = other.document.graph
        assert other.windowTitle().startswith("dy_dx.graph")
        assert float(other.document.compiler.results[graph.output].value) == 24.0  # 4x³ − 4x at 2
        other.actions.backward.trigger()  # Graph > Backward in the new window
        x_there = next(n for n, node in graph.nodes.items() if node.kind == "Variable")
        assert float(other.document.compiler.results[x_there].grad) == 44.0  # 12x² − 4 at 2
        assert window.document.compiler.results[x].grad is None  # the first window is untouched
    finally:
        other.document.undo_stack.setClean()
        other.close()


def test_newtons_method_lists_the_books_iterates_and_sets_x(window, qtbot):
    assert window.files.open_path(NEWTON, ask=False)
    window.learning.show_chain_rule()
    QTest.mouseClick(window.chain.newton_button, Qt.LeftButton)
    rows = [window.chain.iterates.item(i).text() for i in range(window.chain.iterates.count())]
    assert rows[0].startswith("x₀ = 2 ") and rows[1].startswith("x₁ = 1.45454545")
    assert rows[2].startswith("x₂ = 1.15104678") and len(rows) == 6
    QTest.mouseClick(window.chain.use_last, Qt.LeftButton)
    x = next(n for n, node in window.document.graph.nodes.items() if node.kind == "Variable")
    assert float(window.document.graph.nodes[x].params["value"]) == pytest.approx(1.0, abs=1e-5)
    assert window.document.undo_stack.canUndo()


def test_backward_twice_without_clearing_adds_the_gradients_up(window, qtbot):
    assert window.files.open_path(SPHERE, ask=False)
    window.docks.learn.show()
    window.docks.learn.raise_()
    QTest.mouseClick(window.learn.clear_first, Qt.LeftButton)  # untick: no cleargrad
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key_B, Qt.ControlModifier)
    assert window.scene.nodes["n1"].gradient_label() == "12"
    qtbot.keyClick(window.canvas, Qt.Key_B, Qt.ControlModifier)
    assert window.scene.nodes["n1"].gradient_label() == "24" and window.scene.nodes["n3"].gradient_label() == "12"
    assert "sum of 2 runs" in window.statusBar().currentMessage()
    QTest.mouseClick(window.learn.clear_first, Qt.LeftButton)  # tick: cleargrad again
    qtbot.keyClick(window.canvas, Qt.Key_B, Qt.ControlModifier)
    assert window.scene.nodes["n1"].gradient_label() == "12"


def test_the_memory_view_lists_what_each_function_keeps_and_no_grad_keeps_nothing(window):
    assert window.files.open_path(SPHERE, ask=False)
    window.docks.learn.show()
    window.docks.learn.raise_()
    QTest.mouseClick(window.learn.memory_button, Qt.LeftButton)
    rows = [[window.learn.memory.item(i, j).text() for j in range(3)] for i in range(window.learn.memory.rowCount())]
    assert rows == [["pow1", "Pow: x0", "1"], ["pow2", "Pow: x1", "1"], ["y", "Add: pow1, pow2", "2"]]
    note = window.learn.memory_note.text()
    assert "keep 4 numbers (32 bytes)" in note and "graph keeps 0" in note


def test_file_menu_exports_the_backward_steps_and_the_chain_rule(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    assert window.files.open_path(SPHERE, ask=False)
    answer_dialog(str(tmp_path / "steps"), slides=False)
    window.actions.export_frames.trigger()
    assert len(list((tmp_path / "steps").glob("backward-*.png"))) == 5
    assert (tmp_path / "steps" / "backward.apng").is_file()
    assert all(item.overlay is None and not item.highlighted for item in window.scene.nodes.values())
    window.scene.nodes["n1"].setSelected(True)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "x0.tex"), ""))
    window.actions.export_chain.trigger()
    text = (tmp_path / "x0.tex").read_text(encoding="utf-8")
    assert text.startswith(r"\documentclass") and "12" in text


def test_each_tabbed_dock_area_shows_one_tab_bar(window, qtbot):
    """Qt 6.11 left a second Plot | Python code bar drawn over the node list."""
    from PySide6.QtWidgets import QTabBar

    def shown():
        return sorted((tuple(bar.tabText(i) for i in range(bar.count())), bar) for bar in window.findChildren(QTabBar)
                      if bar.isVisible() and bar.count() and bar.parent() is window)

    qtbot.waitUntil(lambda: len(shown()) == 2)
    (right, right_bar), (below, below_bar) = shown()
    assert right == ("Inspector", "Learn", "Chain rule", "Guess", "Task") and below == ("Plot", "Python code")
    # each at the foot of its own panels, none over the node list
    assert right_bar.geometry().top() >= window.docks.inspector.geometry().bottom() - 2
    assert below_bar.geometry().top() >= window.docks.plot.geometry().bottom() - 2
    assert not right_bar.geometry().intersects(window.docks.palette.geometry())


def test_every_learning_feature_is_in_the_learn_menu_with_the_keyboard(window, qtbot):
    assert window.files.open_path(SPHERE, ask=False)
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Learn")
    texts = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    assert texts == ["Guess the Gradients", "Chain Rule for the Selection", "Forward Mode from the Selection",
                     "Show the Graph of the Gradient", "Newton's Method on the Selection",
                     "Keep Old Gradients (no cleargrad)", "What Backward Keeps"]
    window.scene.nodes["n3"].setSelected(True)  # x1
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key_M, Qt.ControlModifier | Qt.ShiftModifier)
    window.chain.refresh()
    assert window.chain.forward.isChecked() and window.chain.forward_input.currentText() == "x1"
    assert window.scene.nodes["n4"].overlay[0] == "ẋ 6"
    qtbot.keyClick(window.canvas, Qt.Key_M, Qt.ControlModifier | Qt.ShiftModifier)
    assert not window.chain.forward.isChecked() and window.scene.nodes["n4"].overlay is None
    qtbot.keyClick(window.canvas, Qt.Key_N, Qt.ControlModifier | Qt.ShiftModifier)
    assert window.chain.iterates.count() >= 2
    window.actions.keep_gradients.trigger()
    assert not window.learn.clear_first.isChecked() and window.document.session.keep_gradients
    window.actions.keep_gradients.trigger()
    assert window.learn.clear_first.isChecked() and not window.document.session.keep_gradients


def test_tangents_follow_an_edit_even_with_the_chain_rule_tab_hidden(window, qtbot):
    assert window.files.open_path(SPHERE, ask=False)
    window.scene.nodes["n3"].setSelected(True)  # x1
    window.learning.toggle_forward_mode()
    assert window.scene.nodes["n4"].overlay[0] == "ẋ 6"
    window.docks.inspector.raise_()  # the Chain rule tab is behind now
    window.document.session.set_param("n3", "value", np.array(5.0))
    assert window.scene.nodes["n4"].overlay[0] == "ẋ 10"  # 2·x1, never the old 6
