"""Big graphs in the window: no operation does more than linear work in the size of the
graph, every node can be panned to, and the plot of a big graph is sampled on a thread
while the window answers.

Growth is checked by counting work, never by timing it (a loaded machine changes times,
not counts): every everyday operation of benchmarks/gui_bench.py (open, paint, zoom, pan,
value edit, panels, Backward, select all, rubber band, delete, undo, redo, save) runs on
a chain of 500 and of 2,000 nodes while cProfile counts the calls it makes, Qt's callbacks
into Python included, plus the items its walks of the whole scene look at. The timings are
the benchmark's (make gui-bench)."""
from __future__ import annotations

import importlib
import pkgutil
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from tests.conftest import ROOT
from tests.gui_helpers import open_window
from tests.work_counts import SceneWalks, count_calls, exponent, fastest_growing

sys.path.insert(0, str(ROOT / "benchmarks"))
import gui_bench  # noqa: E402


@pytest.fixture
def window(qtbot, tmp_path):
    with open_window(qtbot, tmp_path) as w:
        yield w


#: work ∝ n^k: 1 is linear, 2 quadratic; n log n gives 1.15 from 500 to 2,000 nodes. The
#: counts are exact, so the margin is for honest overheads, not for noise.
MAX_EXPONENT = 1.25
SIZES = (500, 2_000)
#: a first run at this size takes the one-time costs (imports, caches) out of the others
WARM_UP = 50


def in_this_thread(monkeypatch) -> None:
    """Work the window would hand to a thread (reading a big file, a long evaluation) is
    done where it is counted: cProfile sees one thread."""
    import nodeeditor.view

    for found in pkgutil.walk_packages(nodeeditor.view.__path__, "nodeeditor.view."):
        module = importlib.import_module(found.name)  # the window imports most of them only once shown
        if hasattr(module, "run_in_background"):
            monkeypatch.setattr(module, "run_in_background", lambda parent, label, work, **kwargs: work())


def quiet_timers(window) -> None:
    """A panel's delayed redraw fires only when asked for (the session's settle step), never
    because an operation took long on a loaded machine and its timer ran out meanwhile."""
    for timer in window.findChildren(QTimer):
        if timer.interval() > 0:
            timer.setInterval(24 * 3600 * 1000)


def work_by_operation(n: int, folder: Path, walks: SceneWalks) -> dict[str, Counter[str]]:
    """The calls each operation of gui_bench.steps makes on a chain of ``n`` nodes, over two
    rounds (a first open into the empty window, then opening it again over itself)."""
    app = QApplication.instance()
    ours = gui_bench.Ours(gui_bench.build("chain", n), folder)
    work: dict[str, Counter[str]] = {op: Counter() for op in gui_bench.OPERATIONS}
    try:
        for round_ in range(2):
            for name, action, painted, settle in gui_bench.steps(ours, round_):
                quiet_timers(ours.window)
                if name is None:
                    action()
                else:
                    def operation(action=action, painted=painted):
                        action()
                        app.processEvents()
                        if painted:
                            gui_bench.paint(ours.view)
                    work[name] += walks.count(operation)
                if settle:
                    ours.settle()
    finally:
        ours.close()
    return work


def faster_than_linear(small: dict[str, Counter[str]], large: dict[str, Counter[str]],
                       sizes: tuple[int, int]) -> list[str]:
    """Each operation whose work grew faster than n^MAX_EXPONENT, with the functions that
    grew the most. Below one call per node at the large size, no work is done per node."""
    grew = []
    for op in small:
        before, after = sum(small[op].values()), sum(large[op].values())
        k = exponent(before, after, *sizes)
        if k > MAX_EXPONENT and after > sizes[1]:
            worst = fastest_growing(small[op], large[op], sizes[1] / sizes[0])
            grew.append(f"{op}: {before:,} -> {after:,} calls (n^{k:.2f}); most grown: {worst}")
    return grew


@pytest.fixture(scope="module")
def work_at_two_sizes(tmp_path_factory, qapp):
    """Every operation's work at both sizes, counted once for this file's tests."""
    from engine.gc_tuning import tune_gc_for_graphs
    from nodeeditor.view.canvas.scene import GraphScene

    tune_gc_for_graphs()
    with pytest.MonkeyPatch.context() as monkeypatch:
        in_this_thread(monkeypatch)
        walks = SceneWalks(monkeypatch, GraphScene)
        work_by_operation(WARM_UP, tmp_path_factory.mktemp("warm-up"), walks)
        return [work_by_operation(n, tmp_path_factory.mktemp(f"n{n}"), walks) for n in SIZES]


def test_no_operation_does_more_than_linear_work_from_500_to_2000_nodes(work_at_two_sizes):
    small, large = work_at_two_sizes
    assert set(small) == set(gui_bench.OPERATIONS)
    assert not faster_than_linear(small, large, SIZES)


def test_the_counts_see_the_work_that_grows_with_the_graph(work_at_two_sizes):
    """Not flat: reading the file (done on a thread in the window, here where it is
    counted), editing a value that the 1,999 nodes after it depend on, Backward... do about
    four times the work on four times the nodes."""
    small, large = work_at_two_sizes
    for op in ("open", "value edit", "panels after edit", "backward", "delete", "undo", "redo", "save"):
        k = exponent(sum(small[op].values()), sum(large[op].values()), *SIZES)
        assert 0.8 < k <= MAX_EXPONENT, (op, k)


def test_the_exponent_tells_quadratic_from_linear():
    """The check can fail: made-up work of n^2 calls is caught, and named; n calls is not."""

    def touch(n: int) -> None:
        for _ in range(n):
            abs(-1)

    def counted(work) -> list[dict[str, Counter[str]]]:
        return [{"made up": count_calls(lambda n=n: work(n))} for n in SIZES]

    linear = counted(touch)
    assert exponent(sum(linear[0]["made up"].values()), sum(linear[1]["made up"].values()), *SIZES) \
        == pytest.approx(1.0, abs=0.01)
    assert faster_than_linear(*linear, SIZES) == []
    quadratic = counted(lambda n: [touch(n) for _ in range(n)])
    grew = faster_than_linear(*quadratic, SIZES)
    assert len(grew) == 1 and grew[0].startswith("made up: ") and "(n^2.00)" in grew[0]
    assert "builtins.abs" in grew[0]  # the function that grew is named


def test_a_quadratic_slip_in_the_real_window_is_caught(tmp_path_factory, qapp):
    """The whole harness on the real window, with Select All made quadratic two ways: a
    Python loop in a loop (counted as calls) and a walk of the scene for each item (counted
    as the items the walks look at)."""
    from nodeeditor.view.canvas.scene import GraphScene
    from nodeeditor.view.window.editing import Editing

    sizes = (50, 200)
    real = Editing.select_all

    def select_all_then_compare_pairs(editing, *args):
        real(editing)
        items = list(editing.scene.nodes.values())
        editing.pairs = sum(item.isSelected() and other.isSelected() for item in items for other in items)

    def select_all_then_walk_per_item(editing, *args):
        real(editing)
        editing.found = [item in editing.scene.selectedItems() for item in editing.scene.nodes.values()]

    for slip in (select_all_then_compare_pairs, select_all_then_walk_per_item):
        with pytest.MonkeyPatch.context() as monkeypatch:
            in_this_thread(monkeypatch)
            walks = SceneWalks(monkeypatch, GraphScene)
            monkeypatch.setattr(Editing, "select_all", slip)
            small, large = (work_by_operation(n, tmp_path_factory.mktemp(f"slip{n}"), walks) for n in sizes)
        grew = faster_than_linear(small, large, sizes)
        assert [line.split(":")[0] for line in grew] == ["select all"], (slip.__name__, grew)


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
    from nodeeditor.view.panels import plot_panel

    graph = gui_bench.build("chain", 4_000)
    path = tmp_path / "chain.graph"
    save_graph(graph, path)
    window.docks.plot.show()
    window.docks.plot.raise_()
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
    from nodeeditor.view.window import background
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
    from nodeeditor.view.window import background

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
    from nodeeditor.view.window import background

    path = tmp_path / "sum.graph"
    save_graph(gui_bench.build("sum", 1_200), path)  # 601 Variables, 1,201 nodes
    assert window.files.open_path(path, ask=False)
    labels = []
    real = background.run_in_background

    def spy(parent, label, work, **kwargs):
        labels.append(label)
        assert window.document.session.busy  # nothing may change the graph meanwhile
        return real(parent, label, work, **kwargs)

    monkeypatch.setattr(background, "run_in_background", spy)
    window.document.session.keep_gradients = True  # the check's Backward is the button's, as chosen
    window.editing.backward()
    rows = window.learn.check_gradients()
    assert labels == ["Checking the gradients numerically…"] and len(rows) == 601
    assert window.document.compiler.backward_runs == 2  # added up, as Backward would have...
    assert not any(row.agrees for row in rows)  # ...so the check shows them twice too big
    assert all(np.allclose(row.analytic, 2 * row.numeric, rtol=1e-4) for row in rows)
    window.document.session.keep_gradients = False
    rows = window.learn.check_gradients()
    assert all(row.agrees for row in rows) and not window.document.session.busy

    def cancel_at_once(parent, label, work, progress=None, on_cancel=None):
        on_cancel()
        return work()

    monkeypatch.setattr(background, "run_in_background", cancel_at_once)
    assert window.learn.check_gradients() == []
    assert window.statusBar().currentMessage() == "Gradient check cancelled." and not window.document.session.busy


def test_backward_does_not_sample_the_curve_again(window, qtbot, tmp_path):
    _open_chain(window, tmp_path, 4_000)
    window.docks.plot.show()
    window.docks.plot.raise_()
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
