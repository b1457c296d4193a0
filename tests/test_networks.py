"""See the paths, build a network: the chain rule's paths lit on the canvas (and one
term's path with its local derivatives), the paths of the node at work while stepping,
Randomize Values, New Network… in both forms (the same gradients as the engine's), the
XOR example trained by the descent lab, and main.py new --network."""
from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

import engine
from nodeeditor.compiler import Compiler
from nodeeditor.model import Edge, load_graph
from nodeeditor.model.network import NetworkError, NetworkSpec, build_network, data, initial_weights, parse_sizes
from nodeeditor.session import Session
from nodeeditor.session.session import READABLE_VALUES
from nodeeditor.view import style
from tests.conftest import ROOT
from tests.gui_helpers import open_window

EXAMPLES = ROOT / "resources" / "examples"
SPHERE = EXAMPLES / "4-sphere.graph"


@pytest.fixture
def window(qtbot, tmp_path):
    with open_window(qtbot, tmp_path, 1400, 850) as window:
        yield window


def by_name(window) -> dict[str, str]:
    return {node.label: node_id for node_id, node in window.document.graph.nodes.items()}


def lit(window) -> tuple[set[str], set[tuple[str, str, str]]]:
    """What the canvas shows lit, by name: nodes at full strength, wires on a path."""
    names = {node_id: node.label for node_id, node in window.document.graph.nodes.items()}
    nodes = {names[n] for n, item in window.scene.nodes.items() if item.opacity() == 1.0}
    wires = {(names[e.src], names[e.dst], e.dst_port) for e, item in window.scene.edges.items()
             if item.pen().color() == style.PATH_COLOR}
    return nodes, wires


def explain(window, name: str) -> None:
    """Select the node and ask for its chain rule, as the Learn menu does."""
    window.scene.clearSelection()
    window.scene.nodes[by_name(window)[name]].setSelected(True)
    window.actions.chain_rule.trigger()
    QTest.qWait(10)


def test_the_chain_rule_lights_exactly_the_path_on_the_canvas(window):
    assert window.files.open_path(SPHERE, ask=False)
    explain(window, "x0")
    assert lit(window) == ({"x0", "pow1", "y"}, {("x0", "pow1", "a"), ("pow1", "y", "a")})
    dimmed = {n for n, item in window.scene.nodes.items() if item.opacity() < 1}
    assert {window.document.graph.nodes[n].label for n in dimmed} == {"x1", "pow2"}
    window.docks.bring_forward(window.docks.inspector)  # the tab hidden: nothing dimmed
    assert all(item.opacity() == 1.0 for item in window.scene.nodes.values())


def test_every_path_from_x_to_y_is_lit_and_pointing_at_a_term_lights_it_alone(window, qtbot):
    window.document.session.build_formula("(x0 + x1) * x")
    explain(window, "x")  # x is on one path; (x0 + x1)·x for x0 gives two
    explain(window, "x0")
    nodes, wires = lit(window)
    add = next(n for n in nodes if n.startswith("add"))
    assert nodes == {"x0", add, "y"} and wires == {("x0", add, "a"), (add, "y", "a")}
    window.document.session.build_formula("(x0 + x1) * x0")
    explain(window, "x0")
    nodes, wires = lit(window)
    assert wires == {("x0", add, "a"), (add, "y", "a"), ("x0", "y", "b")}
    browser = window.chain.text  # the pointer moves onto the second term's text
    cursor = browser.document().find("∂y/∂x0[b]")
    assert not cursor.isNull()
    cursor.setPosition(cursor.selectionStart() + 2, QTextCursor.MoveAnchor)
    point = browser.cursorRect(cursor).center()
    QTest.mouseMove(browser.viewport(), point)
    qtbot.waitUntil(lambda: lit(window)[1] == {("x0", "y", "b")})
    assert lit(window)[0] == {"x0", "y"}
    label = window.scene.edges[next(e for e in window.scene.edges if e.dst_port == "b")].derivative_label
    assert label == "∂y/∂x0[b] = 2"
    QTest.mouseMove(browser.viewport(), browser.viewport().rect().bottomRight() - point * 0)  # off the terms
    qtbot.waitUntil(lambda: len(lit(window)[1]) == 3)


def test_stepping_lights_the_paths_from_the_node_at_work(window):
    assert window.files.open_path(SPHERE, ask=False)
    window.stepper.step_backward()  # step 0: the output
    window.stepper.step_backward()  # step 1: y sends to pow1 and pow2
    assert lit(window)[0] == {"y", "pow1", "pow2"}
    window.stepper.step_backward()
    active = window.document.graph.nodes[window.stepper.frames[window.stepper.index].active].label
    nodes, _ = lit(window)
    assert active in nodes and "y" in nodes and len(nodes) == 3  # its path up to y, and its input
    window.stepper.reset()
    assert all(item.opacity() == 1.0 for item in window.scene.nodes.values())


def test_randomize_gives_readable_numbers_in_one_undoable_step(window):
    assert window.files.open_path(SPHERE, ask=False)
    before = {n: float(node.params["value"]) for n, node in window.document.graph.nodes.items()
              if node.kind == "Variable"}
    window.canvas.setFocus()
    QTest.keyClick(window.canvas, Qt.Key_R, Qt.ControlModifier)
    after = {n: float(window.document.graph.nodes[n].params["value"]) for n in before}
    assert set(after.values()) <= set(READABLE_VALUES)
    assert window.statusBar().currentMessage().startswith("New numbers for 2 Variables")
    window.actions.undo.trigger()
    assert {n: float(window.document.graph.nodes[n].params["value"]) for n in before} == before
    x1 = by_name(window)["x1"]
    window.scene.nodes[x1].setSelected(True)
    window.actions.randomize.trigger()
    assert window.actions.undo.text() == "&Undo New numbers for x1"
    assert float(window.document.graph.nodes[by_name(window)["x0"]].params["value"]) == before[by_name(window)["x0"]]


def test_a_finished_guess_round_offers_new_numbers(window, qtbot):
    assert window.files.open_path(SPHERE, ask=False)
    window.actions.guess.trigger()
    for node_id, edit in list(window.guess.edits.items()):
        edit.setText(str(float(window.guess.round.expected(node_id))))
        QTest.keyClick(edit, Qt.Key_Return)
    assert window.guess.again_button.isVisible()
    old = {n: float(node.params["value"]) for n, node in window.document.graph.nodes.items() if node.kind == "Variable"}
    qtbot.mouseClick(window.guess.again_button, Qt.LeftButton)
    assert window.guess.active and not window.guess.again_button.isVisible()
    new = {n: float(window.document.graph.nodes[n].params["value"]) for n in old}
    assert set(new.values()) <= set(READABLE_VALUES) and window.document.gradients_hidden


def engine_network(spec: NetworkSpec) -> tuple[float, list[np.ndarray]]:
    """The same network called on the engine directly: the loss and each weight's gradient."""
    xs, targets = data(spec.sizes[0])
    params = [(engine.Variable(w.copy()), engine.Variable(b.copy())) for w, b in initial_weights(spec)]
    h = engine.Variable(xs)
    for layer, (w, b) in enumerate(params, start=1):
        h = h @ w + b
        if layer < len(params) or spec.activation == "Sigmoid":
            h = {"Sigmoid": engine.sigmoid, "Tanh": engine.tanh, "ReLU": engine.relu}[spec.activation](h)
    loss = engine.mean_squared_error(h, targets)
    loss.backward()
    return float(loss.data), [g for w, b in params for g in (w.grad, b.grad)]


@pytest.mark.parametrize("activation", ["Sigmoid", "Tanh", "ReLU"])
def test_both_forms_give_the_engines_gradients(activation):
    spec = NetworkSpec((2, 3, 1), activation, seed=5)
    loss, expected = engine_network(spec)
    scalar_graph = build_network(NetworkSpec(spec.sizes, activation, matrix=False, seed=5))
    matrix_graph = build_network(NetworkSpec(spec.sizes, activation, matrix=True, seed=5))
    for graph in (scalar_graph, matrix_graph):
        compiler = Compiler(graph)
        root = compiler.backward()
        assert float(compiler.results[root].value) == pytest.approx(loss, rel=1e-12)
    grads = {n.params["name"]: compiler.results[n.id].grad for n in matrix_graph.nodes.values() if n.kind == "Variable"}
    matrix_grads = [grads["W1"], grads["b1"], grads["W2"], grads["b2"]]
    for got, want in zip(matrix_grads, expected, strict=True):
        assert np.allclose(got, want, rtol=1e-10, atol=1e-14)
    scalar = Compiler(scalar_graph)
    scalar.backward()
    names = {n.params["name"]: scalar.results[n.id].grad for n in scalar_graph.nodes.values() if n.kind == "Variable"}
    for i in range(2):
        for j in range(3):
            assert float(names[f"w1_{i + 1}{j + 1}"]) == pytest.approx(float(expected[0][i, j]), rel=1e-10, abs=1e-14)
    assert [float(names[f"b1_{j + 1}"]) for j in range(3)] == pytest.approx(list(expected[1]), rel=1e-10, abs=1e-14)
    kinds = {n.kind for n in scalar_graph.nodes.values()}
    assert "Call" in kinds and set(scalar_graph.functions) <= {"Neuron2", "Neuron3", "Neuron3Linear"}
    assert set(matrix_graph.functions) == {"Linear"}


def test_the_xor_example_trains_below_a_loss_of_one_hundredth():
    session = Session()
    session.load(EXAMPLES / "13-xor.graph")
    assert session.graph.learning_rate == 2.0
    run = session.start_descent(session.graph.learning_rate, 500)
    last = None
    while (step := run.step()) is not None:
        last = step
    assert last.loss < 0.01
    out = session.compiler.results[next(n for n, node in session.graph.nodes.items() if node.label == "out1")]
    assert np.allclose(np.round(out.value), [0, 1, 1, 0])  # XOR learnt


def test_sizes_are_read_or_refused_in_words():
    assert parse_sizes("2-2-1") == parse_sizes("2, 2, 1") == parse_sizes("2 2 1") == (2, 2, 1)
    for text, said in [("2", "at least two"), ("2-x-1", "whole numbers joined by -"), ("2--1", "whole numbers"),
                       ("2-0-1", "between 1 and"),
                       ("9-2-1", "at most 8 inputs"), ("2-2-2", "the last layer has one neuron")]:
        with pytest.raises(NetworkError, match=said):
            parse_sizes(text)


def test_new_network_as_a_student_builds_a_new_document(window, qtbot):
    assert window.files.open_path(SPHERE, ask=False)

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            fill(dialog)
        finally:
            if dialog.isVisible() and dialog.result() != QDialog.Accepted:
                dialog.reject()  # (a failed check must not leave the test waiting on the dialog)

    def fill(dialog) -> None:
        dialog.sizes_edit.selectAll()
        QTest.keyClicks(dialog.sizes_edit, "2-x")
        assert not dialog.buttons.button(QDialogButtonBox.Ok).isEnabled() and "whole numbers" in dialog.problem.text()
        dialog.sizes_edit.selectAll()
        QTest.keyClicks(dialog.sizes_edit, "2-3-1")
        dialog.activation.setCurrentText("Tanh")
        QTest.keyClick(dialog, Qt.Key_Return)
    QTimer.singleShot(0, answer)
    window.canvas.setFocus()
    QTest.keyClick(window.canvas, Qt.Key_K, Qt.ControlModifier | Qt.ShiftModifier)
    graph = window.document.graph
    assert {n.label for n in graph.nodes.values() if n.kind == "Variable"} >= {"w1_11", "w1_23", "b2_1"}
    assert set(graph.functions) == {"Neuron2", "Neuron3Linear"} and graph.output_name == "loss"
    assert window.statusBar().currentMessage().startswith("Built a 2-3-1 network of")
    assert window.document.path is None and window.document.title == "network-2-3-1.graph"  # a new document
    assert graph.learning_rate == 0.1  # tanh's: 2 would make it diverge
    window.actions.undo.trigger()
    assert not window.document.graph.nodes


def test_the_command_line_writes_the_same_network(tmp_path):
    out = tmp_path / "xor.graph"
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "new", "--network", "2-2-1", "--activation",
                           "sigmoid", "-o", str(out)], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == (EXAMPLES / "13-xor.graph").read_bytes()
    assert load_graph(out).output_name == "loss"
    bad = subprocess.run([sys.executable, str(ROOT / "main.py"), "new", "--network", "2-2-2", "-o", str(out)],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "the last layer has one neuron" in bad.stderr


def test_a_wire_off_the_paths_is_dimmed_and_back_after(window):
    assert window.files.open_path(SPHERE, ask=False)
    explain(window, "x0")
    off = next(item for e, item in window.scene.edges.items() if window.document.graph.nodes[e.src].label == "x1")
    assert off.opacity() == style.DIMMED_OPACITY
    window.document.session.set_param(by_name(window)["x1"], "value", np.array(5.0))  # an edit: lit anew
    window.docks.bring_forward(window.docks.inspector)
    assert off.opacity() == 1.0 and isinstance(next(iter(window.scene.edges)), Edge)


@pytest.mark.parametrize("activation", ["Sigmoid", "Tanh", "ReLU"])
@pytest.mark.parametrize("sizes", [(2, 2, 1), (3, 5, 1), (2, 3, 3, 1)])
def test_the_learning_rate_a_network_comes_with_never_makes_it_diverge(activation, sizes, tmp_path):
    from nodeeditor.model import save_graph

    save_graph(build_network(NetworkSpec(sizes, activation)), tmp_path / "net.graph")
    session = Session()
    session.load(tmp_path / "net.graph")
    run = session.start_descent(session.graph.learning_rate, 200)
    losses = [step.loss for step in iter(run.step, None)]
    assert len(losses) == 200 and losses[-1] < losses[0], (losses[0], losses[-1])
