"""The learning features: replays, gradient check, formulas, code, second derivatives,
gradient descent and exported pictures."""
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage

from nodeeditor.app.resources import example_paths
from nodeeditor.compiler import Compiler
from nodeeditor.lessons.codegen import python_code
from nodeeditor.lessons.replay import backward_frames, forward_frames
from nodeeditor.lessons.study import gradient_check, second_derivative
from nodeeditor.model import format_array, graph_to_document, load_graph
from nodeeditor.model.expression import build_graph
from nodeeditor.session import Session
from nodeeditor.view.window.main_window import MainWindow
from tests.conftest import ROOT
from tests.gui_helpers import run_descent, type_into
from tests.helpers import sphere_graph


def test_sphere_backward_steps_come_in_engine_order_with_the_right_numbers():
    g = sphere_graph()
    c = Compiler(g)
    c.backward()
    frames = backward_frames(g, c)
    assert [f.active for f in frames[1:-1]] == [s.node_id for s in c.steps]
    assert frames[1].active == "y" and frames[1].caption == (
        "Add passes the upstream gradient 1 unchanged to both inputs: a (from Power = 36) gets 1, "
        "b (from Power = 9) gets 1")
    pow_frames = {f.active: f for f in frames[2:-1]}
    assert "= 12" in pow_frames["p0"].caption and "= 6" in pow_frames["p1"].caption
    assert format_array(frames[-1].shown["x0"].grad) == "12"
    assert frames[1].shown["x0"].grad is None  # x0 has received nothing yet
    assert [(f[0], f[2]) for f in frames[1].flows] == [("p0", "a"), ("p1", "b")]


def test_a_variable_used_twice_shows_the_running_sum():
    g = build_graph("x + x", {"x": 3})
    c = Compiler(g)
    c.backward()
    captions = " ".join(f.caption for f in backward_frames(g, c))
    assert "1 + 1 = 2" in captions
    g = build_graph("x * y", {"x": 6, "y": 3})
    c = Compiler(g)
    c.backward()
    assert "1 × 3 = 6" not in backward_frames(g, c)[1].caption
    assert "1 × 3 = 3" in backward_frames(g, c)[1].caption


def test_forward_steps_in_topological_order():
    g = sphere_graph()
    frames = forward_frames(g, Compiler(g))
    order = [f.active for f in frames[1:]]
    assert order.index("x0") < order.index("p0") < order.index("y")
    assert frames[-1].caption == "Add: 36 + 9 = 45"
    assert "y" not in frames[-2].shown


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_gradient_check_agrees_on_every_example(path):
    g = load_graph(path)
    rows = gradient_check(g, Compiler(g))
    assert rows and all(r.agrees for r in rows), [(r.name, r.relative_error) for r in rows]


def test_gradient_check_notices_disagreement():
    from nodeeditor.lessons.study import GradientCheckRow

    row = GradientCheckRow("n1", "x", np.array(12.0), np.array(11.0), 1 / 12)
    assert not row.agrees


def test_second_derivative():
    g = build_graph("x**4 - 2*x**2", {"x": 2})
    c = Compiler(g)
    x = next(n for n in g.nodes if g.nodes[n].kind == "Variable")
    assert float(second_derivative(c, x)) == 44.0


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_generated_code_reproduces_the_socket_values(path, tmp_path):
    g = load_graph(path)
    c = Compiler(g)
    root = c.backward()
    script = tmp_path / "graph.py"
    script.write_text(python_code(g, c))
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=ROOT,
                         env={"PYTHONPATH": str(ROOT)}, timeout=60)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert printed_number(lines[0]) == pytest.approx(float(np.asarray(c.results[root].value).reshape(())))
    variables = [n for n in g.reading_order() if g.nodes[n].kind == "Variable"]
    assert [printed_number(v) for v in lines[1:]] == pytest.approx(
        [float(np.asarray(c.results[n].grad).reshape(())) for n in variables])
    assert "Variable(np.array(" in script.read_text() and ".backward()" in script.read_text()


def printed_number(line: str) -> float:
    """The one number in a printed Variable or size-1 array: ``variable(45.0)``, ``[[-7.68]]``."""
    return float(line.removeprefix("variable(").removesuffix(")").replace("[", "").replace("]", ""))


def _descend(session, rate, steps):
    run = session.start_descent(rate, steps)
    losses = []
    while (step := run.step()) is not None:
        losses.append(step.loss)
    return run, losses


def test_gradient_descent_on_the_sphere_ends_near_zero():
    session = Session()
    session.load(ROOT / "resources" / "examples" / "4-sphere.graph")
    run, losses = _descend(session, 0.1, 100)
    final = {n.label: float(n.params["value"]) for n in session.graph.nodes.values() if n.kind == "Variable"}
    assert abs(final["x0"]) < 1e-6 and abs(final["x1"]) < 1e-6
    assert losses[0] == 45.0 and losses[-1] < losses[0] and run.done == 100 and not run.problem
    assert len(session.history) == 1 and session.history.undo_text() == "Gradient descent (100 steps)"


def test_gradient_descent_that_diverges_says_so_and_suggests_a_rate():
    session = Session()
    session.load(ROOT / "resources" / "examples" / "7-rosenbrock.graph")
    run, losses = _descend(session, 0.1, 50)
    assert run.problem.startswith("Gradient descent stopped at step 6: the loss became inf")
    assert "try a learning rate of 0.005 or less" in run.problem
    assert session.graph.learning_rate == 0.005
    run, losses = _descend(session, session.graph.learning_rate, 50)  # the example's own rate converges
    assert not run.problem and losses[-1] < losses[0]


def test_gradient_descent_stops_when_the_loss_keeps_growing():
    session = Session()
    session.build_formula("-(x**2)")  # a maximum: every step climbs away from it
    session.set_param(next(iter(session.graph.nodes)), "value", np.array(0.5))
    run, losses = _descend(session, 0.1, 200)
    assert "the loss grew 5 steps in a row" not in run.problem  # -(x²) falls as x moves away
    session.build_formula("x**2")
    run, losses = _descend(session, 1.5, 200)  # overshoots further every step
    assert "diverges" in run.problem and run.done < 200


@pytest.fixture
def window(qtbot, tmp_path):
    w = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    w.resize(1200, 800)
    w.show()
    yield w
    w.document.undo_stack.setClean()
    w.close()
    w.deleteLater()
    qtbot.wait(1)


def test_stepping_in_the_window_highlights_and_captions(window):
    window.files.open_path(ROOT / "resources" / "examples" / "2-mul.graph", ask=False)
    window.actions.backward_step.trigger()
    window.actions.backward_step.trigger()
    active = [n for n, item in window.scene.nodes.items() if item.highlighted]
    assert active == ["n3"]
    assert "1 × 3 = 3" in window.caption_bar.text() and "1 × 6 = 6" in window.caption_bar.text()
    assert window.scene.nodes["n1"].gradient_label() == "3"
    window.actions.reset.trigger()
    assert not any(item.highlighted for item in window.scene.nodes.values())


def test_play_moves_numbers_along_wires(window, qtbot):
    window.files.open_path(ROOT / "resources" / "examples" / "4-sphere.graph", ask=False)
    window.actions.play.trigger()
    qtbot.waitUntil(lambda: window.stepper.index >= 2, timeout=5000)
    from nodeeditor.view.canvas.flow_marker import FlowMarker

    assert any(isinstance(i, FlowMarker) for i in window.scene.items())
    window.actions.play.trigger()
    assert not window.stepper.play_timer.isActive()


def test_formula_bar_builds_and_undo_restores(window):
    before = graph_to_document(window.document.graph)
    type_into(window.actions.formula, "(x0 + x1) * x")
    kinds = sorted(n.kind for n in window.document.graph.nodes.values())
    assert kinds == ["Add", "Mul", "Variable", "Variable", "Variable"]
    type_into(window.actions.formula, "__import__('os').system('true')")
    assert "There is no function like this here" in window.statusBar().currentMessage()
    assert len(window.document.graph.nodes) == 5
    window.document.undo_stack.undo()
    assert graph_to_document(window.document.graph) == before


def test_gradient_check_table_is_green(window):
    window.files.open_path(ROOT / "resources" / "examples" / "6-goldstein-price.graph", ask=False)
    window.actions.check.trigger()
    table = window.learn.table
    assert table.rowCount() == 2
    from nodeeditor.view import style

    assert all(table.item(r, 0).background().color() == style.AGREE_COLOR for r in range(2))


def test_descent_in_the_window_is_one_undo(window, qtbot):
    window.files.open_path(ROOT / "resources" / "examples" / "4-sphere.graph", ask=False)
    window.learn.steps.setValue(60)
    run_descent(qtbot, window)
    values = {n.params["name"]: float(n.params["value"]) for n in window.document.graph.nodes.values()
              if n.kind == "Variable"}
    assert abs(values["x0"]) < 1e-3 and abs(values["x1"]) < 1e-3
    # the loss before each of the 60 steps, and after the last: what the canvas shows now
    assert len(window.plot.losses) == 61 and window.plot.losses[0] == 45.0
    output = window.document.compiler.default_output()
    assert window.plot.losses[-1] == float(window.document.compiler.results[output].value)
    shown = window.scene.nodes[output].value_label()
    assert window.statusBar().currentMessage().startswith(f"Gradient descent: 60 steps, the output went from 45 to "
                                                          f"{shown}.")
    window.plot.refresh()
    assert "gradient descent" in window.plot.plot.title  # the loss curve stays after the run
    window.document.undo_stack.undo()
    values = {n.params["name"]: float(n.params["value"]) for n in window.document.graph.nodes.values()
              if n.kind == "Variable"}
    assert values == {"x0": 6.0, "x1": 3.0}


def test_inspector_shows_the_second_derivative(window):
    type_into(window.actions.formula, "x**4 - 2*x**2")
    x = next(n for n, node in window.document.graph.nodes.items() if node.kind == "Variable")
    window.document.session.set_param(x, "value", np.array(2.0))
    window.scene.clearSelection()
    window.editing.backward()
    window.scene.nodes[x].setSelected(True)
    assert "∂²" in window.inspector.numbers.toPlainText() and ": 44.0" in window.inspector.numbers.toPlainText()


def test_export_png_and_svg(window, tmp_path):
    from nodeeditor.view.window.export import export_image

    window.files.open_path(ROOT / "resources" / "examples" / "4-sphere.graph", ask=False)
    export_image(window.scene, tmp_path / "g.png")
    export_image(window.scene, tmp_path / "g.svg")
    image = QImage(str(tmp_path / "g.png"))
    assert not image.isNull() and image.width() > 400
    import xml.etree.ElementTree as ET

    root = ET.parse(tmp_path / "g.svg").getroot()
    assert root.tag.endswith("svg") and len(list(root.iter())) > 10


def test_code_panel_matches_the_graph(window, qtbot):
    window.files.open_path(ROOT / "resources" / "examples" / "4-sphere.graph", ask=False)
    window.docks.code.show()
    window.docks.code.raise_()
    qtbot.waitUntil(lambda: "Variable(" in window.code.editor.toPlainText(), timeout=3000)
    text = window.code.editor.toPlainText()
    assert "x0 = Variable(np.array(6.0))" in text and "print(x0.grad)" in text


def test_plot_ticks_are_round_numbers():
    from nodeeditor.view.panels.plot_widget import nice_ticks

    assert nice_ticks(0, 10) == [0, 2, 4, 6, 8, 10]
    ticks = nice_ticks(-3.3, 3.3)
    assert ticks == [-2, 0, 2] or ticks == [-3, -2, -1, 0, 1, 2, 3]
    small = nice_ticks(-0.33, 0.33)
    assert all(-0.33 <= t <= 0.33 and abs(t * 10 - round(t * 10)) < 1e-9 for t in small) and len(small) >= 3


def test_plot_panel_tangent_slope_is_the_gradient(window):
    window.files.open_path(ROOT / "resources" / "examples" / "4-sphere.graph", ask=False)
    window.docks.plot.show()
    window.docks.plot.raise_()
    window.plot.refresh()  # what its timer does a moment after the file opened
    window.plot.choice.setCurrentIndex(window.plot.choice.findText("x0"))
    curve = window.plot.series()
    assert (curve.x0, curve.y0, curve.slope) == (6.0, 45.0, 12.0)
    assert curve.ys[np.argmin(np.abs(curve.xs))] == pytest.approx(9.0, abs=0.5)
