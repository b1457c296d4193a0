"""The student's hands: nothing moves under the pointer, a wire dropped a little off its
socket still connects (or says why not), new nodes land where the student points."""
import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QToolBar

from tests.gui_helpers import drag, drop_from_palette, open_window, socket_point, type_into


@pytest.fixture
def window(qtbot, tmp_path):
    with open_window(qtbot, tmp_path, 1400, 900) as w:
        w.docks.plot.hide()
        w.docks.code.hide()
        w.canvas.set_zoom(1.0)
        w.canvas.centerOn(0, 0)
        yield w


def body(window, node_id: str) -> QRectF:
    item = window.scene.nodes[node_id]
    return item.mapRectToScene(item.body_rect())


def test_the_toolbar_stays_put_whatever_undo_says(window, qtbot):
    formula = window.actions.formula
    toolbar = window.findChild(QToolBar, "MainToolbar")
    before = (formula.geometry(), formula.mapTo(window, QPoint(0, 0)), toolbar.geometry())
    type_into(formula, "sin(x) * exp(x) + sigmoid(w * x + b) - tanh(x) * relu(x - 1)")
    assert window.actions.undo.text().startswith("&Undo Build sin(x)")  # the menu says what
    assert "sin(x)" in window.actions.undo.toolTip()
    assert (formula.geometry(), formula.mapTo(window, QPoint(0, 0)), toolbar.geometry()) == before
    assert formula.width() >= 360


def test_a_click_on_the_formula_label_puts_the_keyboard_in_the_field(window, qtbot):
    from nodeeditor.view.panels.formula_field import FieldLabel

    label = window.findChild(FieldLabel)
    window.canvas.setFocus()
    qtbot.mouseClick(label, Qt.LeftButton)
    assert window.actions.formula.hasFocus()


def test_the_inspector_s_rows_keep_their_places_when_the_output_row_appears(window, qtbot):
    type_into(window.actions.formula, "x * 2")  # x is not the output...
    x = next(n for n, node in window.document.graph.nodes.items() if node.kind == "Variable")
    window.scene.nodes[x].setSelected(True)
    value_at = window.inspector.value_edit.mapTo(window.inspector, QPoint(0, 0))
    type_into(window.actions.formula, "x")  # ...and here it is
    x = next(iter(window.document.graph.nodes))
    window.scene.clearSelection()
    window.scene.nodes[x].setSelected(True)
    assert window.inspector.output_edit.isVisible()
    assert window.inspector.value_edit.mapTo(window.inspector, QPoint(0, 0)) == value_at


def test_a_wire_dropped_on_a_node_s_body_goes_to_its_first_free_input(window, qtbot):
    add = drop_from_palette(window, "Add", QPoint(700, 300))
    sources = [drop_from_palette(window, "Variable", QPoint(250, y)) for y in (150, 300, 450)]
    centre = window.canvas.mapFromScene(body(window, add).center())
    viewport = window.canvas.viewport()
    for source, port in zip(sources[:2], ("a", "b"), strict=True):
        drag(viewport, socket_point(window, source, "out"), centre)
        assert window.document.graph.input_edges(add)[port].src == source
    drag(viewport, socket_point(window, sources[2], "out"), centre)
    assert "every input of add1 is wired already" in window.statusBar().currentMessage()
    assert len(window.document.graph.input_edges(add)) == 2


def test_a_wire_dropped_just_past_a_socket_connects_even_zoomed_out(window, qtbot):
    window.canvas.set_zoom(0.5)
    add = drop_from_palette(window, "Add", QPoint(600, 300))
    x = drop_from_palette(window, "Variable", QPoint(250, 300))
    near = socket_point(window, add, "in", "b") + QPoint(-9, 5)  # a fingertip off, at half size
    drag(window.canvas.viewport(), socket_point(window, x, "out"), near)
    assert window.document.graph.input_edges(add)["b"].src == x


def test_a_wire_dropped_on_empty_canvas_says_so(window, qtbot):
    x = drop_from_palette(window, "Variable", QPoint(250, 300))
    drag(window.canvas.viewport(), socket_point(window, x, "out"), QPoint(900, 600))
    assert "dropped on empty canvas" in window.statusBar().currentMessage()
    assert not window.document.graph.output_edges(x)


def test_new_nodes_land_where_the_student_points_clear_of_the_others(window, qtbot):
    point = QPoint(500, 350)
    first = drop_from_palette(window, "Add", point)
    second = drop_from_palette(window, "Mul", point)  # on top of the first: nudged beside it
    assert not body(window, first).intersects(body(window, second))
    target = window.canvas.mapToScene(point)
    assert (body(window, second).center() - target).manhattanLength() < 400
    window.canvas.setFocus()
    QCursor.setPos(window.canvas.viewport().mapToGlobal(point))
    qtbot.keyClick(window.canvas, Qt.Key_Tab)  # the search pop-up, at the pointer
    qtbot.keyClicks(window.search.field, "Sub")
    qtbot.keyClick(window.search.field, Qt.Key_Return)
    third = next(n for n, node in window.document.graph.nodes.items() if node.kind == "Sub")
    assert not any(body(window, third).intersects(body(window, n)) for n in (first, second))


def test_paste_lands_at_the_pointer(window, qtbot):
    x = drop_from_palette(window, "Variable", QPoint(250, 250))
    window.scene.nodes[x].setSelected(True)
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key_C, Qt.ControlModifier)
    pointer = QPoint(800, 500)
    QCursor.setPos(window.canvas.viewport().mapToGlobal(pointer))
    qtbot.keyClick(window.canvas, Qt.Key_V, Qt.ControlModifier)
    (pasted,) = [n for n in window.document.graph.nodes if n != x]
    assert body(window, pasted).contains(window.canvas.mapToScene(pointer))
    qtbot.keyClick(window.canvas, Qt.Key_V, Qt.ControlModifier)  # again at the same place: beside it
    (again,) = [n for n in window.document.graph.nodes if n not in (x, pasted)]
    assert not body(window, again).intersects(body(window, pasted))


def test_stepping_keeps_the_canvas_still_and_the_node_at_work_in_view_with_its_inputs(qtbot, tmp_path):
    from nodeeditor.app.resources import resource_path

    with open_window(qtbot, tmp_path, 1280, 800) as window:
        assert window.files.open_path(resource_path("examples/9-neuron-from-parts.graph"), ask=False)
        window.canvas.set_zoom(1.2)  # closer than it opens: the graph does not fit
        canvas_at = window.canvas.geometry()
        caption_height = window.caption_bar.height()
        moves = 0
        window.canvas.setFocus()
        while True:
            before = window.canvas.mapToScene(window.canvas.viewport().rect().center())
            qtbot.keyClick(window.canvas, Qt.Key_F7)
            if window.stepper.index + 1 >= len(window.stepper.frames):
                break
            assert window.canvas.geometry() == canvas_at and window.caption_bar.height() == caption_height
            active = window.stepper.frames[window.stepper.index].active
            shown = window.canvas.mapToScene(window.canvas.viewport().rect()).boundingRect()
            if active is not None:
                wanted = window.scene.nodes[active].sceneBoundingRect()
                assert shown.contains(wanted)
                for edge in window.document.graph.input_edges(active).values():
                    wanted = wanted.united(window.scene.nodes[edge.src].sceneBoundingRect())
                if wanted.width() <= shown.width() * 0.9 and wanted.height() <= shown.height() * 0.9:
                    assert shown.contains(wanted)  # its inputs too, when they fit together
            moves += window.canvas.mapToScene(window.canvas.viewport().rect().center()) != before
        assert 0 < moves < window.stepper.index  # it moved, but not at every step


def test_undo_and_redo_say_what_they_did(window, qtbot):
    type_into(window.actions.formula, "x * 2")
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key_Z, Qt.ControlModifier)
    assert window.statusBar().currentMessage().startswith("Undone: Build x * 2")
    qtbot.keyClick(window.canvas, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert window.statusBar().currentMessage() == "Redone: Build x * 2."


def test_stepping_shows_gradients_even_when_forward_mode_was_on(window, qtbot):
    from nodeeditor.app.resources import resource_path

    assert window.files.open_path(resource_path("examples/4-sphere.graph"), ask=False)
    x0 = next(n for n, d in window.document.graph.nodes.items() if d.params.get("name") == "x0")
    window.scene.nodes[x0].setSelected(True)
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key_M, Qt.ControlModifier | Qt.ShiftModifier)  # forward mode from x0
    qtbot.waitUntil(lambda: any(item.overlay for item in window.scene.nodes.values()), timeout=2000)
    for _ in range(3):
        qtbot.keyClick(window.canvas, Qt.Key_F7)
    assert not window.chain.forward.isChecked() and not any(item.overlay for item in window.scene.nodes.values())
