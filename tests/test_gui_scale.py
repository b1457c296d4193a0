"""Big graphs in the window: nothing grows quadratically, every node can be panned to,
and the plot of a big graph is sampled on a thread while the window answers."""
from __future__ import annotations

import sys

import numpy as np
import pytest
from PySide6.QtCore import Qt

from tests.conftest import ROOT
from tests.gui_helpers import open_window

sys.path.insert(0, str(ROOT / "benchmarks"))
import gui_bench  # noqa: E402


@pytest.fixture
def window(qtbot, tmp_path):
    with open_window(qtbot, tmp_path) as w:
        yield w


#: t ∝ n^k: 1 is linear, 2 quadratic. The check leaves room for a noisy machine.
MAX_EXPONENT = 1.5


def test_no_operation_grows_quadratically_from_500_to_2000_nodes(qapp):
    rows, fits = gui_bench.growth("chain", (500, 2_000), runs=3)
    large = {row["op"]: row for row in rows if row["nodes"] == 2_000}
    assert {fit["op"] for fit in fits} == set(gui_bench.OPERATIONS)
    grew = [(fit["op"], fit["exponent"], large[fit["op"]]["ms"]) for fit in fits
            if fit["exponent"] > MAX_EXPONENT and large[fit["op"]]["ms"] > 20]
    assert not grew, f"grows faster than n^{MAX_EXPONENT} (operation, exponent, ms at 2,000): {grew}"


def test_the_exponent_tells_quadratic_from_linear():
    """The check above can fail: a made-up quadratic operation gives an exponent of 2."""
    small, large = {"ms": 40.0, "nodes": 500}, {"ms": 640.0, "nodes": 2_000}
    assert gui_bench.exponent(small, large) == pytest.approx(2.0)
    assert gui_bench.exponent(small, dict(large, ms=160.0)) == pytest.approx(1.0)


def test_every_node_of_a_long_chain_can_be_panned_to(window, tmp_path):
    from nodeeditor.model import save_graph

    graph = gui_bench.build("chain", 3_000)  # about 660,000 units wide
    path = tmp_path / "long.graph"
    save_graph(graph, path)
    assert window.files.open_path(path, ask=False)
    canvas = window.canvas
    for node_id in ("n1", f"n{len(graph.nodes)}"):
        item = window.scene.nodes[node_id]
        canvas.centerOn(item)
        seen = canvas.mapFromScene(item.sceneBoundingRect().center())
        assert canvas.viewport().rect().contains(seen), node_id


def test_a_big_graphs_curve_is_sampled_on_a_thread_and_then_drawn(window, qtbot, tmp_path):
    from nodeeditor.model import save_graph
    from nodeeditor.view import plot_panel

    graph = gui_bench.build("chain", 4_000)
    path = tmp_path / "chain.graph"
    save_graph(graph, path)
    window.plot_dock.show()
    window.plot_dock.raise_()
    assert window.files.open_path(path, ask=False)
    window.plot.refresh()
    assert window.plot._job is not None and window.plot._job.cost > plot_panel.SYNC_COST
    assert "Computing the curve" in window.plot.plot.title
    qtbot.waitUntil(lambda: window.plot._job is None, timeout=20_000)
    job_curve = window.plot.series()
    assert "against x" in window.plot.plot.title
    assert np.isfinite(job_curve.ys).all() and len(job_curve.xs) > 100
    # an edit while a curve is being sampled: the old one is dropped, the new one drawn
    window.document.session.set_param("n1", "value", np.array(0.25))
    window.plot.refresh()
    first = window.plot._job
    window.document.session.set_param("n1", "value", np.array(0.3))
    window.plot.refresh()
    assert first.cancel.is_set()
    qtbot.waitUntil(lambda: window.plot._job is None, timeout=20_000)
    assert "= 0.3" in window.plot.plot.title


def _open_chain(window, tmp_path, n: int):
    from nodeeditor.model import save_graph

    path = tmp_path / "chain.graph"
    save_graph(gui_bench.build("chain", n), path)
    assert window.files.open_path(path, ask=False)


def test_an_edit_of_a_big_graph_is_computed_off_the_windows_thread(window, tmp_path, qtbot, monkeypatch):
    from nodeeditor.session.session import LONG_EVALUATION
    from nodeeditor.view import background
    from tests.gui_helpers import type_into

    _open_chain(window, tmp_path, LONG_EVALUATION + 500)
    threads = []
    real = background.run_in_background

    def spy(parent, label, work, **kwargs):
        threads.append(label)
        return real(parent, label, work, **kwargs)

    monkeypatch.setattr(background, "run_in_background", spy)
    window.scene.clearSelection()
    window.scene.nodes["n1"].setSelected(True)
    type_into(window.inspector.value_edit, "0.25")
    assert threads == ["Computing…"]
    last = window.scene.nodes[f"n{LONG_EVALUATION + 500}"]
    expected = window.document.compiler.results[last.node.id].value
    assert last.result.value is not None and last.result.value == expected
    assert window.document.graph.nodes["n1"].params["value"] == 0.25


def test_cancel_leaves_no_old_number_and_f5_computes_the_rest(window, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from nodeeditor.compiler import STOPPED
    from nodeeditor.session.session import LONG_EVALUATION
    from nodeeditor.view import background

    _open_chain(window, tmp_path, LONG_EVALUATION + 500)
    before = window.scene.nodes["n3000"].result.value

    def cancel_at_once(parent, label, work, progress=None, on_cancel=None):
        on_cancel()  # the student pressed Cancel before the first node
        return work()

    monkeypatch.setattr(background, "run_in_background", cancel_at_once)
    window.document.session.set_param("n1", "value", np.array(-1.5))
    item = window.scene.nodes["n3000"]
    assert item.result.value is None and item.result.error == STOPPED  # never the old number
    assert before is not None
    assert window.document.compiler.stopped == LONG_EVALUATION + 500  # the Variable too
    assert "Press F5" in window.statusBar().currentMessage()
    monkeypatch.setattr(background, "run_in_background", lambda parent, label, work, **kw: work())
    window.canvas.setFocus()
    QTest.keyClick(window.canvas, Qt.Key_F5)
    assert window.document.compiler.stopped == 0
    assert window.scene.nodes["n3000"].result.value is not None and item.result.error is None


def test_a_big_gradient_check_runs_on_a_thread_and_can_be_cancelled(window, tmp_path, monkeypatch):
    from nodeeditor.model import save_graph
    from nodeeditor.view import learn_panel

    path = tmp_path / "sum.graph"
    save_graph(gui_bench.build("sum", 1_200), path)  # 601 Variables, 1,201 nodes
    assert window.files.open_path(path, ask=False)
    labels = []
    real = learn_panel.run_in_background

    def spy(parent, label, work, **kwargs):
        labels.append(label)
        assert window.document.session.busy  # nothing may change the graph meanwhile
        return real(parent, label, work, **kwargs)

    monkeypatch.setattr(learn_panel, "run_in_background", spy)
    rows = window.learn.check_gradients()
    assert labels == ["Checking the gradients numerically…"] and len(rows) == 601
    assert all(row.agrees for row in rows) and not window.document.session.busy

    def cancel_at_once(parent, label, work, progress=None, on_cancel=None):
        on_cancel()
        return work()

    monkeypatch.setattr(learn_panel, "run_in_background", cancel_at_once)
    assert window.learn.check_gradients() == []
    assert window.statusBar().currentMessage() == "Gradient check cancelled." and not window.document.session.busy


def test_backward_does_not_sample_the_curve_again(window, qtbot, tmp_path):
    _open_chain(window, tmp_path, 4_000)
    window.plot_dock.show()
    window.plot_dock.raise_()
    window.plot.refresh()
    qtbot.waitUntil(lambda: window.plot._job is None, timeout=20_000)
    before = window.plot._shown
    window.editing.backward()
    window.plot.refresh()
    assert window.plot._job is None  # no new sampling on a thread: the values did not change
    assert window.plot._shown.ys is before.ys and window.plot._shown.slope == pytest.approx(before.slope)


def test_undoing_a_delete_puts_back_the_same_items_showing_the_right_numbers(window, tmp_path, qtbot):
    _open_chain(window, tmp_path, 50)
    items = dict(window.scene.nodes)
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClick(window.canvas, Qt.Key_Delete)
    assert not window.scene.nodes and not window.scene.items()
    computed = window.document.compiler.evaluations
    qtbot.keyClick(window.canvas, Qt.Key_Z, Qt.ControlModifier)
    assert window.scene.nodes == items  # the very items, not new ones
    assert window.document.compiler.evaluations == computed  # and the very Variables: nothing recomputed
    results = window.document.compiler.results
    for node_id, item in window.scene.nodes.items():
        assert item.node is window.document.graph.nodes[node_id] and not item.isSelected()
        np.testing.assert_array_equal(item.result.value, results[node_id].value)
    assert len(window.scene.edges) == 49 and all(edge.scene() is window.scene for edge in window.scene.edges.values())
