"""What the student sees is always true: every panel shows the current graph, Backward
differentiates the output, captions are in view and whole, wires are never hidden,
and names teach. Driven with the mouse and the keyboard, in the default window."""
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QRectF, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from nodeeditor.app.resources import example_paths, resource_path
from nodeeditor.view import style
from nodeeditor.view.window.main_window import MainWindow
from tests.conftest import ROOT
from tests.gui_helpers import type_into

EXAMPLES = resource_path("examples")


@pytest.fixture
def window(qtbot, tmp_path):
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    w.resize(1280, 800)  # the default window of a first start on a laptop
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.learn.stop_descent()
    w.document.undo_stack.setClean()
    w.close()
    w.deleteLater()
    qtbot.wait(1)


def open_example(window, stem):
    assert window.files.open_path(EXAMPLES / f"{stem}.graph", ask=False)


def node_named(window, name):
    return next(n.id for n in window.document.graph.nodes.values() if n.params.get("name") == name)


def click_node(window, qtbot, node_id):
    item = window.scene.nodes[node_id]
    header = item.mapToScene(QPointF(item.body_rect().width() / 2, style.HEADER_HEIGHT / 2))
    window.canvas.ensureVisible(item.sceneBoundingRect(), 10, 10)
    qtbot.mouseClick(window.canvas.viewport(), Qt.LeftButton, pos=window.canvas.mapFromScene(header))
    assert window.editing.selected_ids() == [node_id]


def type_formula(window, qtbot, text):
    type_into(window.actions.formula, text)


def show_dock(qtbot, dock):
    dock.show()
    dock.raise_()
    qtbot.waitUntil(lambda: dock.widget().isVisible(), timeout=2000)


# ---- every panel shows the current graph --------------------------------------------

def test_the_code_tab_shows_the_current_graph_the_first_time_it_is_opened(window, qtbot, tmp_path):
    assert not window.code.on_screen()  # behind the Plot tab, as on a first start
    open_example(window, "7-rosenbrock")
    open_example(window, "4-sphere")
    show_dock(qtbot, window.docks.code)
    text = window.code.editor.toPlainText()
    assert "x0 = Variable(np.array(6.0))" in text and "100" not in text  # the sphere, not Rosenbrock
    script = tmp_path / "shown.py"
    script.write_text(text)
    done = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["variable(45.0)", "12.0", "6.0"]  # what Backward writes on the canvas


def test_the_code_tab_catches_up_with_edits_made_while_it_was_hidden(window, qtbot):
    show_dock(qtbot, window.docks.code)
    open_example(window, "4-sphere")
    show_dock(qtbot, window.docks.plot)  # the code tab goes behind
    click_node(window, qtbot, node_named(window, "x0"))
    type_into(window.inspector.value_edit, "5")
    show_dock(qtbot, window.docks.code)
    assert "x0 = Variable(np.array(5.0))" in window.code.editor.toPlainText()


def test_the_plot_follows_a_value_typed_while_it_was_hidden(window, qtbot):
    open_example(window, "4-sphere")
    show_dock(qtbot, window.docks.code)  # the plot goes behind
    click_node(window, qtbot, node_named(window, "x0"))
    type_into(window.inspector.value_edit, "5")
    show_dock(qtbot, window.docks.plot)
    assert window.plot.choice.currentText() == "x0"
    assert "x0 = 5" in window.plot.plot.title and "∂y/∂x0 = 10" in window.plot.plot.title


def test_after_new_the_plot_and_code_are_empty_too(window, qtbot):
    open_example(window, "4-sphere")
    show_dock(qtbot, window.docks.code)
    window.actions.new.trigger()
    qtbot.waitUntil(lambda: window.code.editor.toPlainText().count("Variable(") == 0, timeout=2000)
    show_dock(qtbot, window.docks.plot)
    assert window.plot.choice.count() == 0 and window.plot.plot.series == []


def test_the_plot_offers_the_new_graphs_variables_after_opening_another(window, qtbot):
    open_example(window, "4-sphere")
    show_dock(qtbot, window.docks.code)
    open_example(window, "7-rosenbrock")
    show_dock(qtbot, window.docks.plot)
    combo = window.plot.choice
    qtbot.mouseClick(combo, Qt.LeftButton)
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key_Escape)
    index = combo.findText("x0")
    while combo.currentIndex() != index:
        qtbot.keyClick(combo, Qt.Key_Down if combo.currentIndex() < index else Qt.Key_Up)
    assert sorted(combo.itemText(i) for i in range(combo.count())) == ["x0", "x1"]
    assert "x0 = 0" in window.plot.plot.title and "= -2)" in window.plot.plot.title  # not the constant 100


def test_the_gradient_check_table_never_shows_an_old_graphs_numbers(window, qtbot):
    open_example(window, "4-sphere")
    qtbot.keyClick(window.canvas, Qt.Key_G, Qt.ControlModifier)
    assert window.learn.table.rowCount() == 2
    click_node(window, qtbot, node_named(window, "x0"))
    show_dock(qtbot, window.docks.inspector)
    type_into(window.inspector.value_edit, "2")
    assert window.learn.table.rowCount() == 0 and "changed" in window.learn.check_note.text()


# ---- Backward differentiates the output ----------------------------------------------

def test_backward_after_typing_a_value_differentiates_the_output_not_the_selection(window, qtbot):
    type_formula(window, qtbot, "x * x + x")
    x = node_named(window, "x")
    click_node(window, qtbot, x)
    type_into(window.inspector.value_edit, "3")
    assert window.editing.selected_ids() == [x]  # x is still selected...
    qtbot.keyClick(window.canvas, Qt.Key_B, Qt.ControlModifier)
    assert window.scene.nodes[x].gradient_label() == "7"  # ...and Backward gives ∂y/∂x = 2x + 1
    assert "∂y/∂x: 7.0" in window.inspector.numbers.toPlainText()
    output = window.document.compiler.default_output()
    assert window.scene.nodes[output].output_name == "y"


def test_the_output_is_chosen_once_renamed_and_named_everywhere(window, qtbot):
    type_formula(window, qtbot, "a * b")
    mul = window.document.compiler.default_output()
    click_node(window, qtbot, mul)
    type_into(window.inspector.output_edit, "loss")
    assert window.scene.nodes[mul].header_text() == "×  loss"
    qtbot.keyClick(window.canvas, Qt.Key_B, Qt.ControlModifier)
    click_node(window, qtbot, node_named(window, "a"))
    assert "gradient ∂loss/∂a: 1.0" in window.inspector.numbers.toPlainText()
    assert "∂loss" in window.statusBar().currentMessage()


# ---- captions where the student looks ---------------------------------------------------

def test_step_captions_are_above_the_canvas_whole_and_the_view_follows(window, qtbot):
    type_formula(window, qtbot, "x * x")
    click_node(window, qtbot, node_named(window, "x"))
    type_into(window.inspector.value_edit, "3")
    window.canvas.set_zoom(3.0)  # zoomed in: most nodes out of view
    assert window.docks.inspector.widget().isVisible()  # the Learn tab is behind the Inspector
    captions = []
    while window.actions.backward_step.trigger() is None and window.stepper.index + 1 < len(window.stepper.frames):
        captions.append(window.caption_bar.text())
        active = next(n for n, item in window.scene.nodes.items() if item.highlighted) \
            if any(i.highlighted for i in window.scene.nodes.values()) else None
        if active:
            view = window.canvas.mapToScene(window.canvas.viewport().rect()).boundingRect()
            assert view.intersects(window.scene.nodes[active].sceneBoundingRect())
    joined = " ".join(captions)
    assert "x is used 2 times, so its gradients add up: 3 + 3 = 6" in joined
    label = window.caption_bar.label
    assert window.caption_bar.isVisible() and label.width() > window.canvas.width() * 0.85
    assert window.learn.steps_list.count() == len(captions) + 1
    qtbot.keyClick(window.canvas, Qt.Key_F9)
    assert window.caption_bar.text() == "" and "F7" in label.text()  # how to start again


def test_play_shows_a_gradient_only_when_its_moving_number_arrives(window, qtbot):
    open_example(window, "2-mul")
    x0 = node_named(window, "x0")
    qtbot.keyClick(window.canvas, Qt.Key_F8)  # frame 0: the start
    qtbot.waitUntil(lambda: window.stepper.index == 1, timeout=5000)
    assert window.scene.nodes[x0].gradient_label() == ""  # its number is still on the way
    qtbot.waitUntil(lambda: window.scene.nodes[x0].gradient_label() == "3", timeout=3000)
    qtbot.keyClick(window.canvas, Qt.Key_F8)


# ---- readable drawing ------------------------------------------------------------------

def test_a_wire_passing_a_node_is_drawn_above_it(window, qtbot):
    type_formula(window, qtbot, "x * x + x")  # the wire from x to Add runs past Multiply
    scene, crossings = window.scene, 0
    for edge_item in scene.edges.values():
        path = edge_item.path()
        for k in range(1, 80):
            point = path.pointAtPercent(k / 80)
            for node in scene.nodes.values():
                body = node.mapToScene(node.body_rect().adjusted(8, 8, -8, -8)).boundingRect()
                if body.contains(point):
                    crossings += 1
                    stack = scene.items(QRectF(point.x() - 1, point.y() - 1, 2, 2), Qt.IntersectsItemShape,
                                        Qt.DescendingOrder)
                    assert stack.index(edge_item) < stack.index(node)  # the wire is painted on top
    assert crossings  # the layout does make a wire pass a node here


def test_labels_have_rectangles_of_their_own(window):
    open_example(window, "3-add-and-mul")
    for item in window.scene.nodes.values():
        rects = list(item.label_rects().values())
        for i, first in enumerate(rects):
            assert all(not first.intersects(second) for second in rects[i + 1:]), item.node.kind


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_examples_open_readable_in_a_laptop_s_window(window, path):
    """At 60 % or more (numbers and port names readable), the output in view, and the
    whole graph when it fits at that zoom (the long ones open around their output)."""
    window.files.open_path(path, ask=False)
    view = window.canvas.mapToScene(window.canvas.viewport().rect()).boundingRect()
    assert window.canvas.zoom >= 0.6
    assert view.contains(window.scene.output_item().sceneBoundingRect())
    whole = all(view.contains(item.sceneBoundingRect()) for item in window.scene.nodes.values())
    assert whole or "press F to see it whole" in window.statusBar().currentMessage()
    if len(window.document.graph.nodes) <= 11:
        assert whole, path.stem  # the book's examples, the neuron, Newton, linear regression
    window.editing.backward()
    for zoom in (window.canvas.zoom, fit_zoom(window)):  # as opened, and after F
        if len(window.document.graph.nodes) <= 40:
            smallest = min(item.screen_points(zoom) for item in window.scene.nodes.values())
            assert smallest >= MIN_READABLE_POINTS, (zoom, smallest)


MIN_READABLE_POINTS = 6.5


def fit_zoom(window):
    window.canvas.setFocus()
    QTest.keyClick(window.canvas, Qt.Key_F)
    return window.canvas.zoom


# ---- names that teach ------------------------------------------------------------------

def test_inputs_are_a_and_b_and_captions_name_the_wires_source(window, qtbot):
    open_example(window, "2-mul")
    qtbot.keyClick(window.canvas, Qt.Key_F7)
    qtbot.keyClick(window.canvas, Qt.Key_F7)
    text = window.caption_bar.text()
    assert "a (from x0) gets 1 × 3 = 3" in text and "b (from x1) gets 1 × 6 = 6" in text
    mul = window.document.compiler.default_output()
    assert window.document.graph.nodes[mul].spec.inputs == ("a", "b")


def test_paste_renames_a_variable_whose_name_is_taken(window, qtbot):
    open_example(window, "4-sphere")
    click_node(window, qtbot, node_named(window, "x0"))
    qtbot.keyClick(window.canvas, Qt.Key_D, Qt.ControlModifier)  # duplicate
    names = sorted(n.params["name"] for n in window.document.graph.nodes.values() if n.kind == "Variable")
    assert names == ["x0", "x0_2", "x1"]


# ---- gradient descent watches itself ---------------------------------------------------

def test_descent_that_diverges_stops_says_so_and_suggests_a_rate(window, qtbot):
    open_example(window, "7-rosenbrock")
    assert window.learn.rate.value() == pytest.approx(0.005)  # the example's own rate
    show_dock(qtbot, window.docks.learn)
    type_into(window.learn.rate, "0.1")
    qtbot.mouseClick(window.learn.run_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not window.learn.descending, timeout=10000)
    message = window.statusBar().currentMessage()
    assert "stopped at step 6" in message and "try a learning rate of 0.005 or less" in message
    assert window.document.graph.nodes[node_named(window, "x0")].params["value"] == 0.0  # put back
    assert not window.actions.redo.isEnabled()  # a run that ran away leaves nothing to redo
    qtbot.keyClick(window.canvas, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert window.document.graph.nodes[node_named(window, "x0")].params["value"] == 0.0


def test_ctrl_z_during_a_descent_stops_it_and_restores_the_values(window, qtbot):
    open_example(window, "4-sphere")
    show_dock(qtbot, window.docks.learn)
    type_into(window.learn.steps, "100000")
    qtbot.mouseClick(window.learn.run_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.document.undo_stack.count() == 1, timeout=5000)
    qtbot.keyClick(window.canvas, Qt.Key_Z, Qt.ControlModifier)
    qtbot.waitUntil(lambda: not window.learn.descending, timeout=5000)
    values = {n.params["name"]: float(n.params["value"]) for n in window.document.graph.nodes.values()
              if n.kind == "Variable"}
    assert values == {"x0": 6.0, "x1": 3.0} and not window.document.modified


# ---- keyboard, errors, files ---------------------------------------------------------------

def test_text_fields_keep_their_own_select_all_and_copy(window, qtbot):
    open_example(window, "4-sphere")
    show_dock(qtbot, window.docks.code)
    editor = window.code.editor
    qtbot.mouseClick(editor.viewport(), Qt.LeftButton)
    qtbot.keyClick(editor, Qt.Key_A, Qt.ControlModifier)
    assert window.editing.selected_ids() == []  # the canvas selected nothing
    assert editor.textCursor().selectedText().startswith("import numpy")
    qtbot.keyClick(editor, Qt.Key_C, Qt.ControlModifier)
    assert QApplication.clipboard().text().startswith("import numpy")


def test_formula_errors_in_the_window_speak_plainly(window, qtbot):
    type_formula(window, qtbot, "x ^ 2")
    assert "Use ** for powers" in window.statusBar().currentMessage()
    type_formula(window, qtbot, "2x")
    assert "Write 2*x" in window.statusBar().currentMessage()


def test_building_a_formula_with_nodes_selected_raises_nothing(window, qtbot):
    open_example(window, "4-sphere")
    qtbot.mouseClick(window.canvas.viewport(), Qt.LeftButton)
    qtbot.keyClick(window.canvas, Qt.Key_A, Qt.ControlModifier)
    assert len(window.editing.selected_ids()) == 5
    type_formula(window, qtbot, "a + b + c")
    assert len(window.document.graph.nodes) == 5 and window.inspector.node is None


def test_an_unexpected_error_is_reported_in_the_window_and_logged(window, monkeypatch, tmp_path, qtbot):
    monkeypatch.setenv("BACKPROP_STUDIO_LOG_DIR", str(tmp_path))
    monkeypatch.setattr("nodeeditor.app.logs._crash_file", None)
    import logging

    logging.getLogger("backprop_studio").handlers.clear()  # set up again, in tmp_path
    monkeypatch.setattr(window.errors, "previous", sys.__excepthook__)  # as in the real program
    open_example(window, "4-sphere")
    window.document.session.set_param(node_named(window, "x0"), "value", np.array(7.0))  # unsaved work
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        window.errors(type(exc), exc, exc.__traceback__)
    assert "Something went wrong" in window.statusBar().currentMessage()
    log = tmp_path / "backprop-studio.log"
    assert "RuntimeError: boom" in log.read_text() and "Traceback" in log.read_text()
    box = window.errors.box
    assert str(log) in box.text() and "plain" not in box.text()
    keep = next(b for b in box.buttons() if b.text() == "Keep a recovery copy")
    qtbot.mouseClick(keep, Qt.LeftButton)
    kept = window.autosave.store.graph_path
    assert kept.is_file() and str(kept) in window.statusBar().currentMessage()
    assert '"value": 7.0' in kept.read_text()
    logging.getLogger("backprop_studio").handlers.clear()


def test_dialogs_start_in_the_folder_last_used(window, tmp_path):
    folder = tmp_path / "homework"
    folder.mkdir()
    window.files._save_to(folder / "mine.graph")
    window.actions.new.trigger()
    assert window.files.last_folder() == folder
    assert window.files._suggested(".graph") == str(folder / "Untitled.graph")


def test_a_change_of_the_session_updates_the_labels(window):
    open_example(window, "4-sphere")
    window.document.session.set_param(node_named(window, "x0"), "value", np.array(1.0))
    output = window.document.compiler.default_output()
    assert window.scene.nodes[output].value_label() == "10"
