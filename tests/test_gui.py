"""The editor driven as a student drives it: mouse drags, clicks, and what the sockets show."""
import numpy as np
import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from nodeeditor.model import graph_to_document, load_graph
from nodeeditor.view.window.main_window import MainWindow
from tests.gui_helpers import drag, drop_from_palette, socket_point, type_into, wire


@pytest.fixture
def window(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    w = MainWindow(settings)

    w.resize(1400, 900)
    w.docks.plot.hide()  # room for the canvas: the positions below assume a roomy one
    w.docks.code.hide()
    w.show()
    qtbot.waitExposed(w)
    w.canvas.set_zoom(1.0)
    w.canvas.centerOn(0, 0)
    yield w
    w.document.undo_stack.setClean()
    w.close()
    w.deleteLater()
    qtbot.wait(1)


def set_value(window, node_id, text):
    window.scene.clearSelection()
    window.scene.nodes[node_id].setSelected(True)
    type_into(window.inspector.value_edit, text)


def build_sphere(window):
    vp = window.canvas.viewport().rect()
    left, mid, right = vp.width() // 5, vp.width() // 2, 4 * vp.width() // 5
    x0 = drop_from_palette(window, "Variable", QPoint(left, vp.height() // 3))
    x1 = drop_from_palette(window, "Variable", QPoint(left, 2 * vp.height() // 3))
    p0 = drop_from_palette(window, "Pow", QPoint(mid, vp.height() // 3))
    p1 = drop_from_palette(window, "Pow", QPoint(mid, 2 * vp.height() // 3))
    add = drop_from_palette(window, "Add", QPoint(right, vp.height() // 2))
    wire(window, x0, p0, "a")
    wire(window, x1, p1, "a")
    wire(window, p0, add, "a")
    wire(window, p1, add, "b")
    set_value(window, x0, "6")
    set_value(window, x1, "3")
    return x0, x1, p0, p1, add


def test_drag_add_from_palette_onto_canvas(window):
    node_id = drop_from_palette(window, "Add", QPoint(300, 300))
    item = window.scene.nodes[node_id]
    assert window.document.graph.nodes[node_id].kind == "Add"
    assert item.sceneBoundingRect().contains(window.canvas.mapToScene(QPoint(300, 300)))
    assert item.result.error == "Add needs 2 inputs; 0 are connected" and item.toolTip().count("Add needs")
    assert window.actions.undo.text() == "&Undo New Add add1"


def test_build_the_sphere_by_mouse_and_press_backward(window, qtbot):
    x0, x1, p0, p1, add = build_sphere(window)
    assert len(window.document.graph.edges) == 4
    assert window.scene.nodes[add].value_label() == "45"
    assert window.scene.nodes[add].gradient_label() == ""
    window.scene.clearSelection()
    qtbot.mouseClick(_tool_button(window, "Backward"), Qt.LeftButton)
    assert window.scene.nodes[x0].gradient_label() == "12"
    assert window.scene.nodes[x1].gradient_label() == "6"
    assert window.scene.nodes[p0].input_gradient_label("a") == "12"
    assert window.scene.nodes[add].input_gradient_label("a") == "1"
    assert window.scene.nodes[add].gradient_label() == "1"
    set_value(window, x1, "4")
    assert window.scene.nodes[add].value_label() == "52"
    assert window.scene.nodes[x0].gradient_label() == ""  # a stale gradient is never shown


def _tool_button(window, text):
    from PySide6.QtWidgets import QToolButton

    for button in window.findChildren(QToolButton):
        if button.defaultAction() is not None and button.defaultAction().text().replace("&", "") == text:
            return button
    raise LookupError(text)


def test_a_cycle_is_refused_with_a_reason(window):
    a = drop_from_palette(window, "Neg", QPoint(250, 250))
    b = drop_from_palette(window, "Neg", QPoint(600, 250))
    wire(window, a, b, "a")
    wire(window, b, a, "a")
    assert len(window.document.graph.edges) == 1
    assert "loop" in window.statusBar().currentMessage()


def test_drop_on_empty_canvas_cancels_and_dragging_a_wire_off_disconnects(window):
    v = drop_from_palette(window, "Variable", QPoint(250, 250))
    n = drop_from_palette(window, "Neg", QPoint(600, 250))
    drag(window.canvas.viewport(), socket_point(window, v, "out"), QPoint(400, 600))
    assert window.document.graph.edges == []
    wire(window, v, n, "a")
    assert len(window.document.graph.edges) == 1
    drag(window.canvas.viewport(), socket_point(window, n, "in", "a"), QPoint(420, 650))
    assert window.document.graph.edges == []
    window.document.undo_stack.undo()
    assert len(window.document.graph.edges) == 1


def test_undo_and_redo_restore_the_exact_model(window):
    snapshots = [graph_to_document(window.document.graph)]
    stack = window.document.undo_stack
    x0, x1, p0, p1, add = build_sphere(window)
    window.scene.nodes[p0].setSelected(True)
    drag(window.canvas.viewport(), window.canvas.mapFromScene(window.scene.nodes[p0].sceneBoundingRect().center()),
         window.canvas.mapFromScene(window.scene.nodes[p0].sceneBoundingRect().center()) + QPoint(30, 40))
    window.scene.clearSelection()
    window.scene.nodes[p1].setSelected(True)
    type_into(window.inspector.exponent_edit, "3")
    window.scene.clearSelection()
    window.scene.nodes[x1].setSelected(True)
    window.editing.copy()
    window.editing.paste()
    window.scene.clearSelection()
    window.scene.nodes[add].setSelected(True)
    window.editing.delete_selection()
    texts = [stack.text(i) for i in range(stack.count())]
    for kind in ("New", "Connect", "Set", "Move", "Paste", "Delete"):
        assert any(t.startswith(kind) for t in texts), (kind, texts)
    final = graph_to_document(window.document.graph)
    history = []
    while stack.canUndo():
        history.append(graph_to_document(window.document.graph))
        stack.undo()
    assert graph_to_document(window.document.graph) == snapshots[0]
    for expected in reversed(history):
        stack.redo()
        assert graph_to_document(window.document.graph) == expected
    assert graph_to_document(window.document.graph) == final


def test_malformed_value_is_refused_with_a_message(window):
    v = drop_from_palette(window, "Variable", QPoint(300, 300))
    set_value(window, v, "[1, 2")
    assert "not changed" in window.inspector.problem.text()
    assert float(window.document.graph.nodes[v].params["value"]) == 1.0
    set_value(window, v, "[1, 2, 3]")
    np.testing.assert_array_equal(window.document.graph.nodes[v].params["value"], [1.0, 2.0, 3.0])


def test_save_new_open_round_trip_and_title(window, tmp_path, monkeypatch):
    build_sphere(window)
    assert window.windowTitle().startswith("Untitled.graph") and window.isWindowModified()
    path = tmp_path / "sphere.graph"
    window.document.save(path)
    assert not window.isWindowModified() and window.windowTitle().startswith("sphere.graph")
    saved = graph_to_document(window.document.graph)
    window.files.new_file()
    assert window.document.graph.nodes == {}
    assert window.files.open_path(path)
    assert graph_to_document(window.document.graph) == saved == graph_to_document(load_graph(path))
    assert window.scene.nodes and not window.isWindowModified()
    assert str(path.resolve()) in window.files.recent()


@pytest.mark.parametrize("answer, expect_closed, expect_saved", [
    (QMessageBox.Cancel, False, False), (QMessageBox.Discard, True, False), (QMessageBox.Save, True, True),
])
def test_unsaved_changes_prompt(window, monkeypatch, tmp_path, answer, expect_closed, expect_saved):
    path = tmp_path / "work.graph"
    window.document.save(path)
    drop_from_palette(window, "Add", QPoint(300, 300))
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or answer)
    closed = window.close()
    assert asked and closed == expect_closed
    assert (len(load_graph(path).nodes) == 1) == expect_saved


def test_a_bad_file_leaves_the_document_as_it_was(window, tmp_path, monkeypatch):
    build_sphere(window)
    before = graph_to_document(window.document.graph)
    bad = tmp_path / "bad.graph"
    bad.write_text('{"format": "backprop-studio-graph", "version": 1, "nodes": [{"id": 3}], "edges": []}')
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    assert not window.files.open_path(bad, ask=False)
    assert "nodes[0]" in shown[0]
    assert graph_to_document(window.document.graph) == before
    assert window.isWindowModified()


def test_zoom_is_clamped_and_keeps_the_point_under_the_cursor(window):
    canvas = window.canvas
    anchor = QPoint(200, 150)
    before = canvas.mapToScene(anchor)
    canvas.set_zoom(2.0, anchor)
    after = canvas.mapToScene(anchor)
    assert abs(before.x() - after.x()) < 1 and abs(before.y() - after.y()) < 1
    canvas.set_zoom(100)
    assert canvas.zoom == pytest.approx(4.0)
    canvas.set_zoom(0.0001)
    assert canvas.zoom == pytest.approx(0.1)


def test_middle_button_pans(window):
    canvas = window.canvas
    before = canvas.mapToScene(QPoint(100, 100))
    drag(canvas.viewport(), QPoint(400, 400), QPoint(300, 350), button=Qt.MiddleButton)
    after = canvas.mapToScene(QPoint(100, 100))
    assert after.x() - before.x() == pytest.approx(100, abs=2) and after.y() - before.y() == pytest.approx(50, abs=2)


def test_rubber_band_selects_and_moves_several_nodes(window):
    a = drop_from_palette(window, "Neg", QPoint(300, 300))
    b = drop_from_palette(window, "Neg", QPoint(300, 500))
    window.scene.clearSelection()
    drag(window.canvas.viewport(), QPoint(120, 180), QPoint(520, 640))
    assert set(window.editing.selected_ids()) == {a, b}
    before = {n: window.document.graph.nodes[n].position for n in (a, b)}
    start = window.canvas.mapFromScene(window.scene.nodes[a].sceneBoundingRect().center())
    drag(window.canvas.viewport(), start, start + QPoint(50, 20))
    for n in (a, b):
        assert window.document.graph.nodes[n].position[0] == pytest.approx(before[n][0] + 50, abs=1)
    assert window.document.undo_stack.text(window.document.undo_stack.index() - 1) == "Move 2 nodes"


def test_wires_follow_a_dragged_node_at_every_step_even_back_to_where_it_started(window):
    from PySide6.QtCore import QEvent

    from tests.gui_helpers import send_mouse

    v = drop_from_palette(window, "Variable", QPoint(200, 300))
    n = drop_from_palette(window, "Neg", QPoint(550, 320))
    wire(window, v, n, "a")
    (edge,) = window.document.graph.edges
    item, wire_item = window.scene.nodes[n], window.scene.edges[edge]

    def wire_reaches_the_socket() -> bool:
        end = wire_item.path().pointAtPercent(1.0)
        socket = item.mapToScene(item.input_socket_pos("a"))
        return (end - socket).manhattanLength() < 0.5

    viewport = window.canvas.viewport()
    start = window.canvas.mapFromScene(item.mapToScene(item.body_rect().center().x(), 10))
    window.scene.clearSelection()
    send_mouse(viewport, QEvent.MouseButtonPress, start)
    for point in (start + QPoint(30, 10), start + QPoint(80, 60), start):
        send_mouse(viewport, QEvent.MouseMove, point, Qt.LeftButton, Qt.LeftButton)
        assert wire_reaches_the_socket(), point
    send_mouse(viewport, QEvent.MouseMove, start + QPoint(40, 0), Qt.LeftButton, Qt.LeftButton)
    send_mouse(viewport, QEvent.MouseButtonRelease, start + QPoint(40, 0))
    assert wire_reaches_the_socket()
    window.document.undo_stack.undo()
    assert wire_reaches_the_socket()


def test_examples_open_and_backward_shows_their_gradients(window):
    from nodeeditor.app.resources import example_paths

    for path in example_paths():
        assert window.files.open_path(path, ask=False)
        window.scene.clearSelection()
        window.editing.backward()
        assert all(item.result.grad is not None for item in window.scene.nodes.values()), path


def test_bad_name_and_exponent_are_refused(window):
    v = drop_from_palette(window, "Variable", QPoint(250, 300))
    p = drop_from_palette(window, "Pow", QPoint(600, 300))
    for node_id, edit, text in [(v, "name_edit", "2x"), (p, "exponent_edit", "two")]:
        window.scene.clearSelection()
        window.scene.nodes[node_id].setSelected(True)
        type_into(getattr(window.inspector, edit), text)
        assert "not changed" in window.inspector.problem.text()
    assert window.document.graph.nodes[v].params["name"] == "x"
    assert window.document.graph.nodes[p].params["c"] == 2.0


def test_tab_opens_the_search_and_enter_adds_the_node(window, qtbot):
    from PySide6.QtGui import QCursor

    window.canvas.setFocus()
    QCursor.setPos(window.canvas.viewport().mapToGlobal(QPoint(300, 300)))
    qtbot.keyClick(window.canvas, Qt.Key_Tab)
    assert window.search.isVisible()
    qtbot.keyClicks(window.search.field, "mul")
    assert window.search.list.currentItem().text().endswith("Multiply")
    qtbot.keyClick(window.search.field, Qt.Key_Return)
    assert [n.kind for n in window.document.graph.nodes.values()] == ["Mul"]
    assert not window.search.isVisible()


def test_right_click_opens_the_search_at_the_click(window, qtbot):
    qtbot.mouseClick(window.canvas.viewport(), Qt.RightButton, pos=QPoint(350, 260))
    assert window.search.isVisible()
    qtbot.keyClicks(window.search.field, "neg")
    qtbot.keyClick(window.search.field, Qt.Key_Return)
    (node,) = window.document.graph.nodes.values()
    item = window.scene.nodes[node.id]
    assert item.sceneBoundingRect().contains(window.canvas.mapToScene(QPoint(350, 260)))


def test_space_and_drag_pans(window, qtbot):
    canvas = window.canvas
    canvas.setFocus()
    before = canvas.mapToScene(QPoint(100, 100))
    qtbot.keyPress(canvas, Qt.Key_Space)
    drag(canvas.viewport(), QPoint(400, 400), QPoint(340, 380))
    qtbot.keyRelease(canvas, Qt.Key_Space)
    after = canvas.mapToScene(QPoint(100, 100))
    assert after.x() - before.x() == pytest.approx(60, abs=2) and after.y() - before.y() == pytest.approx(20, abs=2)
    assert window.editing.selected_ids() == []  # it panned; it did not draw a selection


def test_an_opened_graph_is_readable_and_f_still_shows_it_whole(window):
    from nodeeditor.app.resources import resource_path
    from nodeeditor.view import style

    examples = resource_path("examples")

    window.resize(700, 500)  # a small window: Goldstein-Price does not fit at a readable zoom
    window.files.open_path(str(examples / "6-goldstein-price.graph"), ask=False)
    assert window.canvas.zoom == pytest.approx(style.OPEN_ZOOM)
    viewport = window.canvas.mapToScene(window.canvas.viewport().rect()).boundingRect()
    assert viewport.contains(window.scene.output_item().sceneBoundingRect())  # where Backward starts
    assert "press F to see it whole" in window.statusBar().currentMessage()
    window.actions.fit.trigger()  # F: everything, however small
    assert window.canvas.zoom < style.OPEN_ZOOM
    window.resize(1400, 900)
    window.files.open_path(str(examples / "4-sphere.graph"), ask=False)
    viewport = window.canvas.mapToScene(window.canvas.viewport().rect()).boundingRect()
    assert viewport.contains(window.scene.itemsBoundingRect())  # small graphs fit whole
