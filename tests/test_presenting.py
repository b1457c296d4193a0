"""In front of a class: the presentation mode driven with a clicker's keys, the text size,
the play speed, the keys without Fn, and the first window's size."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolBar

from nodeeditor.view import style, texts
from nodeeditor.view.window.presenting import READABLE_PIXELS
from nodeeditor.view.window.text_size import apply_size
from tests.conftest import ROOT
from tests.gui_helpers import open_window

EXAMPLES = ROOT / "resources" / "examples"
SPHERE = EXAMPLES / "4-sphere.graph"


@pytest.fixture
def window(qtbot, tmp_path):
    with open_window(qtbot, tmp_path) as window:
        yield window
    apply_size("Normal")  # the application's font is shared by every test's window


def labels(window) -> dict[str, str]:
    """Each node's gradient as the canvas shows it, by the node's name."""
    names = window.document.graph.names()
    return {names[node_id]: item.gradient_label() for node_id, item in window.scene.nodes.items()}


def press(window, key, modifier=Qt.NoModifier) -> None:
    """A key as a presenter's clicker sends it: to whatever has the focus."""
    QTest.keyClick(QApplication.focusWidget() or window, key, modifier)


def test_a_clickers_keys_step_through_backward_and_back(window, qtbot):
    assert window.files.open_path(SPHERE, ask=False)
    window.canvas.setFocus()
    press(window, Qt.Key_F11)
    assert window.presenter.presenting and window.isFullScreen()
    assert not any(dock.isVisible() for dock in window.docks.all())
    assert not window.menuBar().isVisible() and not window.statusBar().isVisible()
    assert not any(bar.isVisible() for bar in window.findChildren(QToolBar))
    assert not window.centralWidget().tabBar().isVisible()
    assert window.caption_bar.label.text().startswith("Presenting.")
    press(window, Qt.Key_PageDown)  # the clicker's "next"
    assert window.caption_bar.text().startswith("Step 0 of 4. Backward starts at the output y")
    assert labels(window) == {"x0": "", "x1": "", "pow1": "", "pow2": "", "y": "1"}
    press(window, Qt.Key_Right)
    assert window.caption_bar.text().startswith("Step 1 of 4. Add passes the upstream gradient 1")
    # the gradient shows on the nodes it reached in the step its wires carry it
    assert labels(window) == {"x0": "", "x1": "", "pow1": "1", "pow2": "1", "y": "1"}
    press(window, Qt.Key_Space)
    press(window, Qt.Key_Space)
    assert window.caption_bar.text().startswith("Step 3 of 4.")
    assert labels(window) == {"x0": "12", "x1": "6", "pow1": "1", "pow2": "1", "y": "1"}
    press(window, Qt.Key_PageUp)  # the clicker's "back"
    assert window.caption_bar.text().startswith("Step 2 of 4.")
    assert sorted(labels(window).values()).count("") == 1  # one of x0 and x1 has its gradient
    press(window, Qt.Key_Left)
    assert window.caption_bar.text().startswith("Step 1 of 4.")
    assert labels(window)["x0"] == labels(window)["x1"] == ""
    press(window, Qt.Key_B)
    assert window.presenter.black.isVisible()
    assert window.presenter.black.geometry() == window.rect()
    press(window, Qt.Key_Period)
    assert not window.presenter.black.isVisible()
    press(window, Qt.Key_Home)
    assert window.caption_bar.text() == "" and not window.stepper.replaying
    assert set(labels(window).values()) == {""}  # from the start: nothing of the answer left
    press(window, Qt.Key_Escape)
    assert not window.presenter.presenting and not window.isFullScreen()
    assert window.menuBar().isVisible() and window.statusBar().isVisible()
    assert window.docks.inspector.isVisible() and window.docks.palette.isVisible()
    assert window.centralWidget().tabBar().isVisible()
    assert window.caption_bar.label.text() == texts.CAPTION_IDLE


def test_presenting_shows_node_text_the_back_row_can_read(window, qtbot):
    assert window.files.open_path(EXAMPLES / "9-neuron-from-parts.graph", ask=False)
    window.presenter.enter()
    qtbot.waitUntil(lambda: window.canvas.zoom >= window.presenter.readable_zoom() - 1e-9)
    node_pixels = window.canvas.zoom * style.FONT_POINT_SIZE * window.canvas.logicalDpiY() / 72
    assert node_pixels >= READABLE_PIXELS - 1e-6
    window.presenter.key(_key(Qt.Key_Right))  # step 0: a short caption, at its full size
    caption_points = window.caption_bar.label.font().pointSizeF()
    assert caption_points >= QApplication.font().pointSizeF() * 1.9  # 1.2 × 1.6
    for _ in range(4):  # the node at work stays in view as the steps move across the graph
        window.presenter.key(_key(Qt.Key_Right))
        item = window.scene.nodes[window.stepper.frames[window.stepper.index].active]
        shown = window.canvas.mapToScene(window.canvas.viewport().rect()).boundingRect()
        assert shown.intersects(item.sceneBoundingRect())
    window.presenter.leave()


def _key(key):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    return QKeyEvent(QEvent.KeyPress, key, Qt.NoModifier)


def test_the_panel_beside_the_presentation_and_text_typed_in_it(window, qtbot):
    assert window.files.open_path(SPHERE, ask=False)
    menu = {a.text().replace("&", ""): a for a in window.menuBar().actions()}["View"].menu()
    beside = {a.text().replace("&", ""): a for a in menu.actions()}["Panel Beside the Presentation"].menu()
    {a.text(): a for a in beside.actions()}["Learn"].trigger()
    window.presenter.enter()
    assert [d.windowTitle() for d in window.docks.all() if d.isVisible()] == ["Learn"]
    rate = window.learn.rate  # a field beside the canvas takes ".", digits and arrows as typed
    rate.setFocus()
    rate.lineEdit().selectAll()
    QTest.keyClicks(rate, "0.05")
    assert rate.value() == pytest.approx(0.05)
    assert not window.presenter.black.isVisible() and not window.stepper.replaying
    QTest.keyClick(rate, Qt.Key_PageDown)  # a clicker still steps
    assert window.stepper.replaying
    window.presenter.leave()
    assert window.docks.inspector.isVisible()


def test_text_size_scales_the_interface_and_is_kept(window, qtbot, tmp_path):
    normal = QApplication.font().pointSizeF()
    caption = window.caption_bar.height()
    menu = {a.text().replace("&", ""): a for a in window.menuBar().actions()}["View"].menu()
    sizes = {a.text().replace("&", ""): a for a in menu.actions()}["Text Size"].menu()
    {a.text(): a for a in sizes.actions()}["Projector"].trigger()
    assert QApplication.font().pointSizeF() == pytest.approx(normal * 1.5)
    assert window.caption_bar.height() > caption
    window.save_settings()
    with open_window(qtbot, tmp_path) as again:  # the same settings file: a second start
        assert QApplication.font().pointSizeF() == pytest.approx(normal * 1.5)
        checked = [a.text() for a in sizes.actions() if a.isChecked()]
        assert checked == ["Projector"] and again.presenter.text_scale == 1.5


def test_play_speed_and_steps_without_fn(window, qtbot):
    assert window.files.open_path(SPHERE, ask=False)
    graph_menu = {a.text().replace("&", ""): a for a in window.menuBar().actions()}["Graph"].menu()
    speeds = {a.text().replace("&", ""): a for a in graph_menu.actions()}["Play Speed"].menu()
    {a.text(): a for a in speeds.actions()}["Fast"].trigger()
    assert window.stepper.play_timer.interval() == 550 and window.stepper.flow_ms == 350
    window.canvas.setFocus()
    QTest.keyClick(window.canvas, Qt.Key_Right)  # Backward step, no Fn needed
    QTest.keyClick(window.canvas, Qt.Key_Right)
    assert window.caption_bar.text().startswith("Step 1 of 4.")
    QTest.keyClick(window.canvas, Qt.Key_Left)  # back
    assert window.caption_bar.text().startswith("Step 0 of 4.")
    QTest.keyClick(window.canvas, Qt.Key_F7, Qt.ShiftModifier)  # Step Back at the first step: stays
    assert window.caption_bar.text().startswith("Step 0 of 4.")
    QTest.keyClick(window.canvas, Qt.Key_Home)
    assert not window.stepper.replaying
    QTest.keyClick(window.canvas, Qt.Key_Right, Qt.ShiftModifier)  # Forward step
    assert window.caption_bar.text().startswith("Step 0 of 5. Forward pass")


def test_ctrl_equals_zooms_in(window):
    window.canvas.setFocus()
    before = window.canvas.zoom
    QTest.keyClick(window.canvas, Qt.Key_Equal, Qt.ControlModifier)
    assert window.canvas.zoom == pytest.approx(before * 1.25)


def test_a_first_start_takes_most_of_the_screen(qtbot, tmp_path):
    from nodeeditor.view.window.main_window import MainWindow

    window = MainWindow(QSettings(str(tmp_path / "fresh.ini"), QSettings.IniFormat))
    try:
        screen = QGuiApplication.primaryScreen().availableGeometry()
        assert window.width() == int(screen.width() * 0.9) and window.height() == int(screen.height() * 0.9)
        assert screen.contains(window.frameGeometry().center())
    finally:
        window.close()
        window.deleteLater()


def test_the_plots_tangent_waits_for_its_gradient_while_stepping(window, qtbot):
    assert window.files.open_path(SPHERE, ask=False)
    window.docks.bring_forward(window.docks.plot)
    qtbot.waitUntil(lambda: window.plot._shown is not None)
    assert "tangent, slope" in window.plot.plot.title
    window.stepper.step_backward()  # step 0: only y has its gradient
    assert "the tangent comes when" in window.plot.plot.title
    while window.stepper.step_backward():
        if labels(window)[window.plot.choice.currentText()]:
            break
    assert "tangent, slope" in window.plot.plot.title
    window.stepper.reset()
    assert "tangent, slope" in window.plot.plot.title


# what the student's try of 2026-12-06 found -------------------------------------------------
def test_renaming_a_node_keeps_the_gradients_on_show(window, qtbot):
    from tests.gui_helpers import type_into

    assert window.files.open_path(SPHERE, ask=False)
    window.actions.backward.trigger()
    x0 = next(n for n, node in window.document.graph.nodes.items() if node.label == "x0")
    window.scene.nodes[x0].setSelected(True)
    type_into(window.inspector.name_edit, "weight")
    assert window.document.graph.nodes[x0].label == "weight"
    assert labels(window) == {"weight": "12", "x1": "6", "pow1": "1", "pow2": "1", "y": "1"}


def test_keeping_old_gradients_does_not_make_the_check_old(window, qtbot):
    assert window.files.open_path(SPHERE, ask=False)
    window.docks.bring_forward(window.docks.learn)
    qtbot.mouseClick(window.learn.check_button, Qt.LeftButton)
    assert window.learn.table.rowCount() == 2
    window.actions.keep_gradients.trigger()
    assert window.learn.table.rowCount() == 2 and "changed" not in window.learn.check_note.text()
    headers = [window.learn.table.horizontalHeaderItem(i).text() for i in range(window.learn.table.columnCount())]
    assert "" not in headers


def test_a_function_nodes_input_shows_its_whole_name(window):
    from nodeeditor.model.catalog import CALL

    window.document.session.build_formula("weight * weight + 1")
    session = window.document.session
    inside = [n for n, node in session.graph.nodes.items() if node.kind in ("Mul", "Add")]
    call = session.make_function(inside, "SqPlus")
    assert session.graph.nodes[call].kind == CALL and "weight" in session.graph.nodes[call].spec.inputs
    item = window.scene.nodes[call]
    from PySide6.QtGui import QFontMetricsF

    rect = item.label_rects()["port:weight"]
    assert QFontMetricsF(item._label_font()).horizontalAdvance("weight") <= rect.width()


def test_newtons_own_button_keeps_its_steps_and_a_step_past_the_end_says_what_next(window, qtbot):
    window.document.session.build_formula("x**4 - 2*x**2")
    x = next(n for n, node in window.document.graph.nodes.items() if node.kind == "Variable")
    window.document.session.set_param(x, "value", np.array(2.0))
    window.learning.show_chain_rule()
    window.chain.forward_input.setCurrentIndex(window.chain.forward_input.findData(x))
    steps = window.chain.run_newton()
    qtbot.mouseClick(window.chain.use_last, Qt.LeftButton)
    shown = [window.chain.iterates.item(i).text() for i in range(window.chain.iterates.count())]
    assert len(shown) == len(steps) + 1 and shown[-1].startswith("x is now at the last x")
    assert float(window.document.graph.nodes[x].params["value"]) == pytest.approx(steps[-1].x)
    for _ in range(50):
        if not window.stepper.step_backward():
            break
    assert window.statusBar().currentMessage().startswith("That was the last step of Backward")


def test_a_long_caption_takes_smaller_type_rather_than_hiding_its_end(window):
    window.presenter.text_scale = 1.5  # Projector
    window.presenter.enter()
    bar = window.caption_bar
    bar.show_caption("Step 0 of 4. Backward starts at the output y: ∂y/∂y = 1.")
    full = bar.label.font().pointSizeF()  # a short caption at the full size
    assert full == pytest.approx(QApplication.font().pointSizeF() * 1.2 * 1.6 * 1.5, rel=0.01)
    bar.show_caption("Step 1 of 4. Mul sends each input the upstream gradient times the other input: a (from x0) "
                     "gets 1 × 3 = 3, b (from x1) gets 1 × 6 = 6, and the running sums add up as before, "
                     "which is the whole point of the chain rule taken one node at a time.")
    assert full * 0.7 - 0.01 <= bar.label.font().pointSizeF() < full  # smaller, never tiny
    window.presenter.leave()
