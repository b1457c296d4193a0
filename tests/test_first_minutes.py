"""What a student meets in the first minutes: a welcome on the empty canvas, examples with
real titles, help that reads as sentences, messages that give the real reason."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from nodeeditor.app.resources import example_paths
from nodeeditor.model.params import NAME, ParamError
from tests.gui_helpers import open_window, type_into


@pytest.fixture
def window(qtbot, tmp_path):
    with open_window(qtbot, tmp_path) as w:
        yield w


def test_an_empty_canvas_says_how_to_start_until_the_first_node(window, qtbot):
    welcome = window.welcome

    def centred() -> bool:
        area = window.canvas.viewport().geometry()
        return area.contains(welcome.geometry()) and (welcome.geometry().center() - area.center()).manhattanLength() < 4

    assert welcome.isVisible() and centred()
    qtbot.mouseClick(welcome.formula_button, Qt.LeftButton)
    assert window.actions.formula.hasFocus()
    qtbot.mouseClick(welcome.example_button, Qt.LeftButton)
    assert len(window.document.graph.nodes) == 5 and not welcome.isVisible()
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClick(window.canvas, Qt.Key_Delete)
    assert welcome.isVisible()  # everything deleted: how to start again
    qtbot.keyClick(window.canvas, Qt.Key_Z, Qt.ControlModifier)
    assert not welcome.isVisible()
    window.actions.new.trigger()  # after the view panned and zoomed for the example
    assert welcome.isVisible() and centred()


def test_every_example_has_a_title_in_the_examples_menu(window):
    menu = window.actions.examples_menu
    titles = [a.text() for a in menu.actions()]
    assert len(titles) == len(example_paths())
    assert "Goldstein–Price" in titles and "Sine and Its Taylor Series" in titles
    assert not any(t == t.capitalize() and " " in t and t.split()[1].islower() for t in titles if "'" not in t)


def test_the_help_is_sentences_that_wrap_to_the_window(window, monkeypatch):
    from nodeeditor.view.texts import HELP_TEXT

    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    next(a for a in help_menu.actions() if a.text() == "&How to Use").trigger()
    (text,) = shown
    assert text == HELP_TEXT
    for line in text.splitlines():  # one line per bullet: no line broken in the middle of a sentence
        assert not line.startswith("  ") and (not line or line[0].isupper() or line[0] in "•"), line


def test_a_name_that_is_too_long_says_so():
    with pytest.raises(ParamError, match="at most 32 characters"):
        NAME.parse("a" * 49)
    with pytest.raises(ParamError, match="not a name"):
        NAME.parse("2x")


def test_a_long_name_is_cut_with_an_ellipsis_on_the_canvas(window, qtbot):
    type_into(window.actions.formula, "sum(x)")
    x = next(n for n, node in window.document.graph.nodes.items() if node.kind == "Variable")
    longest = "a_rather_long_name_of_32_letters"
    window.document.session.set_param(x, "name", longest)
    shown, kind = window.scene.nodes[x].header_parts(window.canvas.font())
    assert len(longest) == 32 and shown.endswith("…") and longest.startswith(shown[:-1])
    total = window.document.compiler.default_output()
    window.document.session.set_param(x, "value", __import__("numpy").array([[1.0, 2.0]]))
    window.document.session.set_param(total, "axis", 5)  # an error: its ⚠ takes the header's right end
    shown, kind = window.scene.nodes[total].header_parts(window.canvas.font())
    assert window.scene.nodes[total].result.error and kind == ""
