"""Shapes on the wires: arrays typed or loaded from CSV, shape tags on wires, the
broadcast mark, and a node whose shapes do not fit saying which and why."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from nodeeditor.compiler import Compiler
from nodeeditor.model import Graph
from nodeeditor.model.values import ValueFormatError, read_csv
from tests.gui_helpers import drop_from_palette, open_window, type_into, wire


def two_inputs(kind: str, a, b, **params) -> tuple[Graph, Compiler]:
    graph = Graph()
    graph.add_node("Variable", {"name": "A", "value": np.asarray(a, dtype=float)}, node_id="A")
    graph.add_node("Variable", {"name": "B", "value": np.asarray(b, dtype=float)}, node_id="B")
    graph.add_node(kind, params, node_id="op")
    graph.connect("A", "y", "op", "a")
    if len(graph.nodes["op"].spec.inputs) > 1:
        graph.connect("B", "y", "op", "b")
    return graph, Compiler(graph)


def test_matmul_that_does_not_fit_says_which_lengths():
    _, c = two_inputs("MatMul", np.ones((2, 3)), np.ones((4, 2)))
    assert c.result("op").error == "MatMul needs a's last length to equal b's first: a is (2, 3), b is (4, 2), and 3 ≠ 4"


def test_reshape_that_does_not_fit_counts_the_numbers():
    _, c = two_inputs("Reshape", np.ones((2, 3)), 0, shape=(4, 2))
    assert c.result("op").error == "Reshape cannot put the 6 numbers of (2, 3) into shape (4, 2), which holds 8"


def test_sum_over_a_missing_axis_names_the_shape():
    _, c = two_inputs("Sum", np.ones(3), 0, axis=1, keepdims=False)
    error = c.result("op").error
    assert error == "Sum cannot reduce axis 1 of a (3,): its only axis is 0 (or −1)"


def test_broadcasting_is_noted_at_the_node_and_summed_back():
    _, c = two_inputs("Add", np.ones((2, 3)), [1.0, 2.0, 3.0])
    result = c.result("op")
    assert result.error is None and result.value.shape == (2, 3)
    assert result.note == "Broadcast: b (3,) was copied out to (2, 3); backward sums the gradient back down"
    c.backward("op")
    assert c.results["B"].grad.tolist() == [2.0, 2.0, 2.0]
    _, same = two_inputs("Add", [1.0, 2.0], [3.0, 4.0])
    assert same.result("op").note is None
    _, loss = two_inputs("MeanSquaredError", np.ones((4, 1)), np.zeros((4, 1)))
    assert loss.result("op").note is None and float(loss.result("op").value) == 1.0


def test_csv_tables(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("x,y\n1,2\n3,4\n5,6\n")
    assert read_csv(path).tolist() == [[1, 2], [3, 4], [5, 6]]
    path.write_text("1; 2; 3\n")
    assert read_csv(path).shape == (3,)
    path.write_text("1\n2\n3\n")
    assert read_csv(path).shape == (3, 1)
    for text, message in [("1,2\n3\n", "same number of columns"), ("1,2\n3,x\n", "line 2"), ("", "no numbers"),
                          ("1,nan\n", "NaN")]:
        path.write_text(text)
        with pytest.raises(ValueFormatError, match=message):
            read_csv(path)


# the window -----------------------------------------------------------------------
@pytest.fixture
def window(qtbot, tmp_path):
    with open_window(qtbot, tmp_path, 1400, 900) as w:
        w.canvas.set_zoom(1.0)
        w.canvas.centerOn(0, 0)
        yield w


def select(window, node_id):
    window.scene.clearSelection()
    window.scene.nodes[node_id].setSelected(True)


def test_a_matrix_typed_and_a_vector_from_csv_show_their_shapes(window, tmp_path, monkeypatch):
    vp = window.canvas.viewport().rect()
    m = drop_from_palette(window, "Variable", QPoint(vp.width() // 5, vp.height() // 3))
    v = drop_from_palette(window, "Variable", QPoint(vp.width() // 5, 2 * vp.height() // 3))
    add = drop_from_palette(window, "Add", QPoint(vp.width() // 2, vp.height() // 2))
    wire(window, m, add, "a")
    wire(window, v, add, "b")
    select(window, m)
    type_into(window.inspector.value_edit, "[[1, 2, 3], [4, 5, 6]]")
    csv = tmp_path / "row.csv"
    csv.write_text("10,20,30\n")
    select(window, v)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kw: (str(csv), ""))
    QTest.mouseClick(window.inspector.csv_button, Qt.LeftButton)
    graph = window.document.graph
    assert graph.nodes[v].params["value"].tolist() == [10, 20, 30]
    edges = {e.src: window.scene.edges[e] for e in graph.edges}
    assert edges[m].shape_label == "(2, 3)" and edges[v].shape_label == "(3,)"
    item = window.scene.nodes[add]
    assert item.result.note and "b (3,) was copied out to (2, 3)" in item.toolTip()
    assert item.value_label() == "shape (2, 3)"
    select(window, add)
    assert "shape: (2, 3)" in window.inspector.numbers.toPlainText()
    window.document.undo_stack.undo()  # the CSV load is one undoable edit
    assert graph.nodes[v].params["value"].tolist() == 1.0
    assert edges[v].shape_label == ""
    assert "b (a single number) was copied out to (2, 3)" in window.scene.nodes[add].result.note


def test_a_broken_csv_is_refused_in_the_inspector_and_nothing_changes(window, tmp_path, monkeypatch):
    v = drop_from_palette(window, "Variable", QPoint(300, 300))
    select(window, v)
    bad = tmp_path / "bad.csv"
    bad.write_text("1,2\n3\n")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kw: (str(bad), ""))
    QTest.mouseClick(window.inspector.csv_button, Qt.LeftButton)
    assert "not loaded from bad.csv" in window.inspector.problem.text()
    assert float(window.document.graph.nodes[v].params["value"]) == 1.0


def test_linear_regression_trains_from_the_learn_panel_and_the_loss_falls(window, qtbot):
    from nodeeditor.app.resources import resource_path

    assert window.files.open_path(resource_path("examples/12-linear-regression.graph"), ask=False)
    window.docks.learn.show()
    window.docks.learn.raise_()
    type_into(window.learn.steps, "300")
    qtbot.mouseClick(window.learn.run_button, Qt.LeftButton)
    plot = window.plot
    assert [plot.choice.itemText(i) for i in range(plot.choice.count())] == ["W", "b"]  # this graph's, at once
    qtbot.waitUntil(lambda: window.learn.run is None, timeout=30_000)
    losses = plot.losses
    assert len(losses) == 301 and losses[0] == pytest.approx(44.4703, abs=1e-4)  # and after the last step
    assert losses[-1] < 0.1 and all(b <= a + 1e-12 for a, b in zip(losses, losses[1:]))
    graph = window.document.graph
    values = {n.params["name"]: n.params["value"] for n in graph.nodes.values() if n.kind == "Variable"}
    assert values["W"].shape == (1, 1) and values["b"].shape == (1,)
    x = next(n for n in graph.nodes.values() if n.params.get("label") == "x").params["value"]
    t = next(n for n in graph.nodes.values() if n.params.get("label") == "t").params["value"]
    slope, intercept = np.polyfit(x[:, 0], t[:, 0], 1)
    assert float(values["W"][0, 0]) == pytest.approx(slope, abs=0.05)
    assert float(values["b"][0]) == pytest.approx(intercept, abs=0.05)
    qtbot.keyClick(window.canvas, Qt.Key_Z, Qt.ControlModifier)  # one undo: back to W = 0, b = 0
    assert float(graph.nodes[next(n for n in graph.nodes if graph.nodes[n].params.get("name") == "W")]
                 .params["value"].sum()) == 0.0


def test_the_newton_example_shows_the_first_and_second_derivative_of_x(window, qtbot):
    from nodeeditor.app.resources import resource_path

    assert window.files.open_path(resource_path("examples/11-newton.graph"), ask=False)
    qtbot.keyClick(window.canvas, Qt.Key_B, Qt.ControlModifier)
    x = next(n for n in window.document.graph.nodes.values() if n.params.get("name") == "x").id
    select(window, x)
    numbers = window.inspector.numbers.toPlainText()
    assert "gradient ∂y/∂x: 24.0" in numbers and "second derivative ∂²y/∂x²: 44.0" in numbers
    type_into(window.inspector.value_edit, str(2 - 24 / 44))  # one Newton step, as the description says
    qtbot.keyClick(window.canvas, Qt.Key_B, Qt.ControlModifier)
    numbers = window.inspector.numbers.toPlainText()
    assert "gradient ∂y/∂x: 6.4913598" in numbers and "second derivative ∂²y/∂x²: 21.3884297" in numbers  # next: 1.1510


def test_shape_tags_sit_on_their_wires_and_come_back_with_an_undone_delete(window, qtbot):
    from nodeeditor.app.resources import resource_path

    assert window.files.open_path(resource_path("examples/12-linear-regression.graph"), ask=False)
    scene = window.scene

    def tags():
        return {edge: item.shape_label for edge, item in scene.edges.items()}

    before = tags()
    assert sorted(before.values()) == ["(1, 1)", "(1,)", "(100, 1)", "(100, 1)", "(100, 1)", "(100, 1)"]
    for item in scene.edges.values():  # each tag is drawn on its own wire
        assert any(item.label_rect().contains(item.path().pointAtPercent(k / 50)) for k in range(51))
    rects = [item.label_rect() for item in scene.edges.values()]
    assert not any(r.intersects(other) for i, r in enumerate(rects) for other in rects[i + 1:])
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClick(window.canvas, Qt.Key_Delete)
    assert not scene.edges and not scene.items()  # the tags went with their wires
    qtbot.keyClick(window.canvas, Qt.Key_Z, Qt.ControlModifier)
    assert tags() == before
    b = next(n.id for n in window.document.graph.nodes.values() if n.params.get("name") == "b")
    window.document.session.set_param(b, "value", np.zeros(3))  # a new shape flows on from b
    add_input = next(edge for edge in scene.edges if edge.src == b)
    assert scene.edges[add_input].shape_label == "(3,)"


def test_the_tags_of_two_wires_from_one_source_do_not_cover_each_other(window, qtbot):
    window.document.session.build_formula("sum(x * x)")
    x = next(n.id for n in window.document.graph.nodes.values() if n.kind == "Variable")
    window.document.session.set_param(x, "value", np.array([1.0, 2.0, 3.0]))
    tags = [item for item in window.scene.edges.values() if item.shape_label == "(3,)"]
    assert len(tags) == 2  # one for x into both a and b, one for x * x into Sum
    rects = [item.label_rect() for item in tags]
    assert not any(r.intersects(other) for i, r in enumerate(rects) for other in rects[i + 1:])
