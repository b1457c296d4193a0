"""Functions made of nodes in the window: select, Make Function (Ctrl+Shift+F), use it
again from the node list, double-click to open it, see and edit the inside, undo."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QInputDialog

from nodeeditor.model.catalog import CALL
from nodeeditor.view import style
from tests.gui_helpers import drag, drop_from_palette, open_window, type_into
from tests.test_functions import NEURON, VALUES, sigmoid_parts


@pytest.fixture
def window(qtbot, tmp_path):
    with open_window(qtbot, tmp_path, 1280, 800) as w:
        yield w


def header_point(canvas, item) -> QPoint:
    canvas.ensureVisible(item.sceneBoundingRect(), 10, 10)
    return canvas.mapFromScene(item.mapToScene(QPointF(item.body_rect().width() / 2, style.HEADER_HEIGHT / 2)))


def build_neuron(window, qtbot):
    type_into(window.actions.formula, NEURON)
    for node in window.document.graph.nodes.values():
        if node.kind == "Variable":
            window.document.session.set_param(node.id, "value", np.array(VALUES[node.params["name"]]))
    window.canvas.set_zoom(0.8)


def select_by_clicks(window, qtbot, node_ids):
    """Click the first node, Ctrl+click the others."""
    for i, node_id in enumerate(node_ids):
        modifier = Qt.ControlModifier if i else Qt.NoModifier
        qtbot.mouseClick(window.canvas.viewport(), Qt.LeftButton, modifier,
                         header_point(window.canvas, window.scene.nodes[node_id]))
    assert sorted(window.editing.selected_ids()) == sorted(node_ids)


def test_make_use_open_edit_and_undo_a_function(window, qtbot, monkeypatch):
    build_neuron(window, qtbot)
    graph = window.document.graph
    select_by_clicks(window, qtbot, sigmoid_parts(graph))
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kw: ("Sigmoid2", True))
    qtbot.keyClick(window.canvas, Qt.Key_F, Qt.ControlModifier | Qt.ShiftModifier)
    (call,) = [n.id for n in graph.nodes.values() if n.kind == CALL]
    assert "Made the function Sigmoid2" in window.statusBar().currentMessage()
    assert window.palette.item_for(f"{CALL}:Sigmoid2").text(0).endswith("Sigmoid2")
    item = window.scene.nodes[call]
    assert item.header_text() == "ƒ  y" and item.kind_title() == "Sigmoid2" and item.value_label() == "0.7311"

    qtbot.keyClick(window.canvas, Qt.Key_B, Qt.ControlModifier)
    assert item.gradient_label() == "1" and item.input_gradient_label("a") == "0.1966"

    qtbot.mouseDClick(window.canvas.viewport(), Qt.LeftButton, pos=header_point(window.canvas, item))
    tab = window.function_tabs.current_tab()
    assert tab is not None and window.function_tabs.widget.tabText(1) == "ƒ Sigmoid2"
    body = graph.functions["Sigmoid2"].body
    exp = next(n for n in body.nodes.values() if n.kind == "Exp")
    assert tab.scene.nodes[exp.id].value_label() == "0.3679"
    assert tab.scene.nodes[exp.id].gradient_label() == "−0.5344"  # -1 / (1 + e)², as in the parts

    # edit inside: the Constant 1 that the Div divides becomes 2; every use follows
    top = next(n for n in body.nodes.values() if n.kind == "Constant"
               and any(body.nodes[e.dst].kind == "Div" for e in body.output_edges(n.id)))
    qtbot.mouseClick(tab.canvas.viewport(), Qt.LeftButton, pos=header_point(tab.canvas, tab.scene.nodes[top.id]))
    assert window.inspector.node is top
    type_into(window.inspector.value_edit, "2")
    assert item.value_label() == "1.462"
    assert tab.scene.nodes[top.id].value_label() == "2"

    # use it again from the node list
    window.function_tabs.widget.setCurrentIndex(0)
    viewport = window.canvas.viewport().rect()
    second = drop_from_palette(window, f"{CALL}:Sigmoid2", QPoint(viewport.width() // 3, viewport.height() // 2))
    assert graph.nodes[second].params["function"] == "Sigmoid2"

    # undo everything back to the parts: the tab closes, the palette forgets the function
    stack = window.document.undo_stack
    while stack.canUndo() and graph.functions:
        stack.undo()
    assert not window.function_tabs.tabs() and window.palette.functions_group.isHidden()
    assert not any(n.kind == CALL for n in graph.nodes.values())


def test_make_function_refused_says_why_and_changes_nothing(window, qtbot, monkeypatch):
    build_neuron(window, qtbot)
    graph = window.document.graph
    muls = [n.id for n in graph.nodes.values() if n.kind == "Mul"]
    select_by_clicks(window, qtbot, muls)
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kw: ("Two", True))
    before = window.document.undo_stack.count()
    qtbot.keyClick(window.canvas, Qt.Key_F, Qt.ControlModifier | Qt.ShiftModifier)
    assert "No function made: a function has one output" in window.statusBar().currentMessage()
    assert window.document.undo_stack.count() == before


def test_every_shortcut_is_used_once(window):
    keys = [a.shortcut().toString() for a in window.findChildren(type(window.actions.backward))
            if not a.shortcut().isEmpty()]
    repeated = {k for k in keys if keys.count(k) > 1}
    assert not repeated, repeated
    assert window.actions.make_function.shortcut() == QKeySequence("Ctrl+Shift+F")


def test_inside_an_opened_function_nodes_are_added_deleted_and_wired(window, qtbot, monkeypatch):
    build_neuron(window, qtbot)
    graph = window.document.graph
    call = window.document.session.make_function(sigmoid_parts(graph), "Sigmoid2")
    qtbot.mouseDClick(window.canvas.viewport(), Qt.LeftButton, pos=header_point(window.canvas, window.scene.nodes[call]))
    tab = window.function_tabs.current_tab()
    body = graph.functions["Sigmoid2"].body
    viewport = tab.canvas.viewport().rect()
    before = set(body.nodes)
    square = drop_from_palette(window, "Square", QPoint(viewport.width() // 2, viewport.height() - 60),
                               canvas=tab.canvas, graph=body)
    assert body.nodes[square].kind == "Square"  # ids are the body's own
    assert set(body.nodes) - before == {square}
    # wire the Exp into it with the mouse, in the tab
    exp = next(n.id for n in body.nodes.values() if n.kind == "Exp")
    start = tab.canvas.mapFromScene(tab.scene.nodes[exp].mapToScene(tab.scene.nodes[exp].output_socket_pos()))
    end = tab.canvas.mapFromScene(tab.scene.nodes[square].mapToScene(tab.scene.nodes[square].input_socket_pos("a")))
    drag(tab.canvas.viewport(), start, end)
    assert body.input_edges(square)["a"].src == exp
    assert tab.scene.nodes[square].value_label() == "0.1353"  # exp(-1)² at this use
    # Delete in the tab deletes inside; an Input cannot go
    tab.canvas.setFocus()
    qtbot.mouseClick(tab.canvas.viewport(), Qt.LeftButton, pos=header_point(tab.canvas, tab.scene.nodes[square]))
    qtbot.keyClick(tab.canvas, Qt.Key_Delete)
    assert square not in body.nodes
    (port,) = graph.functions["Sigmoid2"].inputs
    qtbot.mouseClick(tab.canvas.viewport(), Qt.LeftButton, pos=header_point(tab.canvas, tab.scene.nodes[port]))
    qtbot.keyClick(tab.canvas, Qt.Key_Delete)
    assert port in body.nodes and "an Input of a function stays" in window.statusBar().currentMessage()
    count = len(body.nodes)
    drop_from_palette(window, "Variable", QPoint(viewport.width() // 2, viewport.height() - 60),
                      canvas=tab.canvas, graph=body, expect_new=False)
    assert len(body.nodes) == count and "a function holds no Variables" in window.statusBar().currentMessage()


def test_deleting_many_nodes_changes_the_selection_once_not_once_per_node(window, qtbot):
    """Each selection change rebuilds the selection and refreshes the panels: per node,
    deleting 5,000 nodes took 10 s; once, 0.3 s."""
    type_into(window.actions.formula, "+".join(f"x{i}" for i in range(60)))
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key_A, Qt.ControlModifier)
    changes = []
    window.scene.selectionChanged.connect(lambda: changes.append(1))
    qtbot.keyClick(window.canvas, Qt.Key_Delete)
    assert not window.document.graph.nodes
    assert len(changes) == 1


def test_pasting_many_nodes_selects_them_in_one_change(window, qtbot):
    type_into(window.actions.formula, "+".join(f"x{i}" for i in range(60)))
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClick(window.canvas, Qt.Key_C, Qt.ControlModifier)
    changes = []
    scene = window.scene

    def changed() -> None:
        changes.append(len(scene.selectedItems()))

    scene.selectionChanged.connect(changed)
    qtbot.keyClick(window.canvas, Qt.Key_V, Qt.ControlModifier)
    scene.selectionChanged.disconnect(changed)
    pasted = len(window.document.graph.nodes) // 2
    assert changes == [pasted]  # one change, after which all the pasted nodes are selected
    assert window.inspector.title.text().startswith("Select a node")
