"""Every panel shows the open document, always: found by type, so that a panel added later
is covered without editing these tests. Use them all on file A, open file B: nothing of A
is left on screen, and no button acts on B with A's numbers."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QTableWidget,
    QTextEdit,
    QWidget,
)

from nodeeditor.model import save_graph
from nodeeditor.model.expression import build_graph
from nodeeditor.view.panels.panel import Panel
from nodeeditor.view.panels.plot_widget import PlotWidget
from tests.gui_helpers import open_window, run_descent, type_into

#: File A's own names and numbers: none may be seen once B is open.
A_FORMULA = "(alpha - 3.25)**2 + 4*beta*beta"
A_VALUES = {"alpha": 7.5, "beta": -2.75}
A_WORDS = ("alpha", "beta", "7.5", "2.75", "3.25", "49.5")  # 49.5 = (7.5 - 3.25)² + 4·2.75²
B_FORMULA = "p*q + 1"
B_VALUES = {"p": 0.5, "q": -1.5}


def dock_panels(window) -> list[QWidget]:
    found = []
    for dock in window.findChildren(QDockWidget):
        widget = dock.widget()
        if isinstance(widget, QScrollArea):
            widget = widget.widget()
        found.append(widget)
    return found


def own_texts(w: QWidget) -> list[str]:
    """What ``w`` itself shows as text (not its children)."""
    if isinstance(w, (QLabel, QLineEdit)):
        return [w.text()]
    if isinstance(w, (QPlainTextEdit, QTextEdit)):
        return [w.toPlainText()]
    if isinstance(w, QListWidget):
        return [w.item(i).text() for i in range(w.count())]
    if isinstance(w, QTableWidget):
        return [w.item(r, c).text() for r in range(w.rowCount()) for c in range(w.columnCount())
                if w.item(r, c) is not None]
    if isinstance(w, QComboBox):
        return [w.itemText(i) for i in range(w.count())]
    if isinstance(w, PlotWidget):
        return [w.title]
    return []


def texts(widget: QWidget) -> list[str]:
    """Everything ``widget`` and its children show as text, hidden ones included."""
    return [t for w in [widget, *widget.findChildren(QWidget)] for t in own_texts(w)]


def make_file(path, formula: str, values: dict[str, float]):
    graph = build_graph(formula, {name: np.array(value) for name, value in values.items()})
    save_graph(graph, path)
    return path


def node_named(window, name: str) -> str:
    return next(n.id for n in window.document.graph.nodes.values() if n.params.get("name") == name)


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.Ok)
    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: QMessageBox.Discard)
    with open_window(qtbot, tmp_path) as w:
        yield w


def test_every_dock_holds_a_panel_that_says_what_it_forgets(window):
    panels = dock_panels(window)
    assert len(panels) == len(window.docks.all()) >= 7
    for panel in panels:
        assert isinstance(panel, Panel), f"{type(panel).__name__} in a dock is not a Panel"
        assert type(panel).document_replaced is not Panel.document_replaced, type(panel).__name__
    assert window.actions.formula in window.panels()


def use_every_panel(window, qtbot) -> None:
    """What a student does with file A open: every tab, every Learn feature."""
    canvas = window.canvas
    alpha = node_named(window, "alpha")
    window.scene.nodes[alpha].setSelected(True)
    canvas.setFocus()
    for key in (Qt.Key_R, Qt.Key_M, Qt.Key_N):  # chain rule, forward mode, Newton
        qtbot.keyClick(canvas, key, Qt.ControlModifier | Qt.ShiftModifier)
        qtbot.wait(100)
    window.chain.refresh()
    assert window.chain.iterates.count() >= 2 and window.chain.use_last.isEnabled()  # Newton ran on alpha
    window.actions.memory.trigger()
    qtbot.keyClick(canvas, Qt.Key_G, Qt.ControlModifier)  # gradient check
    for _ in range(2):
        qtbot.keyClick(canvas, Qt.Key_F7)  # backward steps: the caption and the steps list
    for dock in (window.docks.plot, window.docks.code):
        dock.raise_()
        dock.widget().refresh() if hasattr(dock.widget(), "refresh") else None
    window.plot.choice.setCurrentIndex(window.plot.choice.findText("alpha"))
    type_into(window.learn.steps, "5")
    run_descent(qtbot, window)
    window.docks.learn.raise_()
    qtbot.mouseClick(window.learn.clear_first, Qt.LeftButton)  # keep old gradients: A's lesson, not B's
    assert window.document.session.keep_gradients
    window.docks.guess.raise_()
    qtbot.keyClick(canvas, Qt.Key_G, Qt.ControlModifier | Qt.ShiftModifier)
    first = window.guess.edits[window.guess.round.order[0]]
    type_into(first, "3")  # a wrong guess: a hint naming A's nodes
    type_into(window.actions.formula, "")
    window.docks.inspector.raise_()
    window.scene.nodes[alpha].setSelected(True)
    seen = " ".join(t for panel in window.panels() for t in texts(panel))
    assert "alpha" in seen and "3.25" in seen  # the panels did show A


def test_nothing_of_file_a_stays_once_file_b_is_open(window, qtbot, tmp_path):
    a = make_file(tmp_path / "a.graph", A_FORMULA, A_VALUES)
    b = make_file(tmp_path / "b.graph", B_FORMULA, B_VALUES)
    assert window.files.open_path(a, ask=False)
    use_every_panel(window, qtbot)
    assert window.files.open_path(b, ask=False)
    qtbot.wait(200)  # the panels' own short delays
    for panel in window.panels():
        if hasattr(panel, "refresh"):
            panel.refresh()
    for panel in window.panels():
        for w in [panel, *panel.findChildren(QWidget)]:
            for text in own_texts(w):
                assert not any(word in text for word in A_WORDS), (type(panel).__name__, type(w).__name__, text)
    assert not any(word in window.caption_bar.text() for word in A_WORDS)
    assert not window.document.session.keep_gradients and window.learn.clear_first.isChecked()
    scene_texts = [item.toolTip() for item in window.scene.items()]
    assert not any(word in t for t in scene_texts for word in A_WORDS)


def enabled_buttons(window) -> list[QAbstractButton]:
    return [button for panel in window.panels() for button in panel.findChildren(QAbstractButton)
            if button.isVisible() and button.isEnabled()]


def test_no_button_acts_on_file_b_with_file_a_s_numbers(window, qtbot, tmp_path):
    """Each button pressed first thing after B opens (A used to its fullest before)."""
    a = make_file(tmp_path / "a.graph", A_FORMULA, A_VALUES)
    b = make_file(tmp_path / "b.graph", B_FORMULA, B_VALUES)
    forbidden = set(A_VALUES.values()) | {3.25}
    pressed = []
    index = 0
    while True:
        assert window.files.open_path(a, ask=False)
        use_every_panel(window, qtbot)
        assert window.files.open_path(b, ask=False)
        buttons = enabled_buttons(window)
        if index >= len(buttons):
            break
        button = buttons[index]
        pressed.append(button.text())
        qtbot.mouseClick(button, Qt.LeftButton)
        window.learn.stop_descent()
        graph = window.document.graph
        assert sorted(n.params["name"] for n in graph.nodes.values() if n.kind == "Variable") == ["p", "q"]
        for node in graph.nodes.values():
            if node.kind == "Variable":
                assert float(np.asarray(node.params["value"]).ravel()[0]) not in forbidden, button.text()
        window.guess.stop()
        index += 1
    assert len(pressed) >= 5
