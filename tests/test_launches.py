"""A student's real conditions, each launch a process of its own: a new account (an empty
HOME, the native settings format), a second and a third start, a kill -9 on the first run.
The program is driven by tests/app_probe.py."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from tests.launching import PROBE, launch


def layouts(events: list[dict]) -> list[dict]:
    return [e for e in events if e["event"] == "layout"]


def test_the_window_comes_back_as_the_student_left_it_launch_after_launch(account):
    first = layouts(launch(account, "--", "report", "drag-panel-edge=120", "report", "quit"))
    as_new, as_left = first
    assert as_new["canvas"][0] >= 600  # a new install: the canvas has most of a 1280-wide window
    assert as_left["nodes_panel"] == as_new["nodes_panel"] + 120  # the student widened the node list
    assert (Path(account["HOME"]) / ".config" / "BackpropStudio" / "BackpropStudio.conf").is_file()
    for _second_and_third in range(2):
        (again,) = layouts(launch(account, "--", "report", "quit"))
        assert again == as_left


def test_a_saved_layout_that_leaves_no_room_for_the_canvas_is_not_taken(account):
    squeezed = layouts(launch(account, "--", "drag-panel-edge=900", "report", "quit"))[-1]
    assert 320 <= squeezed["canvas"][0] < 420  # the student may squeeze it while working (not away)...
    (next_start,) = layouts(launch(account, "--", "report", "quit"))
    assert next_start["canvas"][0] >= 600  # ...but the next start gives the canvas its room back
    assert len(next_start["panels_shown"]) == 8


def test_a_kill_during_the_very_first_run_loses_nothing(account, tmp_path):
    home = Path(account["HOME"])
    assert not any(home.iterdir())  # a new account: no settings, no data folder yet
    mine = tmp_path / "homework.graph"
    mine.write_text((ROOT / "resources" / "examples" / "4-sphere.graph").read_text())
    # Opening a file writes the settings (its folder, the recent files) during the first run.
    first = subprocess.Popen([sys.executable, str(PROBE), str(mine), "--", "formula=(a + b) * a", "wait-autosave",
                              "hang"], env=account, stdout=subprocess.PIPE, text=True)
    try:
        events = [json.loads(first.stdout.readline()) for _ in range(2)]
        assert events[-1]["event"] == "autosaved"
        assert (home / ".config" / "BackpropStudio" / "BackpropStudio.conf").is_file()
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    assert first.returncode == -signal.SIGKILL
    second = launch(account, "--answer=Restore", "--", "report", "quit-without-saving")
    asked = next(e for e in second if e["event"] == "asked")
    assert "closed without saving homework.graph" in asked["text"]
    started = next(e for e in second if e["event"] == "started")
    assert started["variables"] == ["a", "b"] and started["modified"] and started["title"] == "homework.graph"
    third = launch(account, "--", "quit")  # given back once: nothing is offered again
    assert not [e for e in third if e["event"] == "asked"]


def test_reset_layout_puts_every_panel_back(qtbot, tmp_path):
    from tests.gui_helpers import open_window

    with open_window(qtbot, tmp_path) as window:
        qtbot.wait(50)
        fresh = {d.windowTitle(): (window.dockWidgetArea(d), d.isVisible()) for d in window.docks.all()}
        window.docks.plot.setFloating(True)
        window.docks.learn.hide()
        window.removeDockWidget(window.docks.palette)
        window.actions.reset_layout.trigger()
        qtbot.wait(50)
        assert {d.windowTitle(): (window.dockWidgetArea(d), d.isVisible()) for d in window.docks.all()} == fresh
        assert window.window_state.canvas_is_usable()
