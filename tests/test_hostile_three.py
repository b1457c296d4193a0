"""Hostile inputs, round three: devices and pipes where files are expected, wires and
positions that broke the loader, formulas the loader would refuse, a tampered config
folder, another user's file, a file changed behind the student's back."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QMessageBox

from nodeeditor.model import GraphFileError, load_graph, parse_graph, save_graph
from nodeeditor.model.expression import ExpressionError, build_graph
from nodeeditor.model.values import ValueFormatError, read_csv
from tests.conftest import ROOT
from tests.gui_helpers import open_window
from tests.launching import PROBE, launch

SPHERE = ROOT / "resources" / "examples" / "4-sphere.graph"
posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="pipes (mkfifo) are a POSIX thing")


@posix_only
@pytest.mark.parametrize("device", ["fifo", "/dev/zero"])
def test_a_csv_that_is_a_device_or_a_pipe_is_refused_before_it_is_read(tmp_path, device):
    path = tmp_path / "data.csv"
    if device == "fifo":
        os.mkfifo(path)  # no writer: reading it would wait for ever
    else:
        path = Path(device)
    with pytest.raises(ValueFormatError, match="not a regular file"):
        read_csv(path)


def _sphere_document() -> dict:
    return json.loads(SPHERE.read_text())


@pytest.mark.parametrize("end", [["n2", []], [[], "a"], [{}, "a"]])
def test_a_wire_whose_end_holds_a_list_or_an_object_is_refused_in_words(end):
    document = _sphere_document()
    document["edges"][0]["to"] = end
    with pytest.raises(GraphFileError) as error:
        parse_graph(json.dumps(document))
    assert "edges[0]" in str(error.value)


def test_positions_the_canvas_cannot_show_are_refused_with_their_place():
    document = _sphere_document()
    document["nodes"][0]["position"] = [-1e308, 0]
    document["nodes"][1]["position"] = [1e308, 0]
    with pytest.raises(GraphFileError, match=r"nodes\[0\]\.position"):
        parse_graph(json.dumps(document))


@pytest.mark.parametrize("formula", ["reshape(x, shape=(1.5,))", "sum(x, axis=[[0]])", "sum(x, axis={'a': 1})",
                                     "reshape(x, shape=(" + "9" * 500 + ",))"])
def test_the_formula_bar_builds_nothing_the_loader_would_refuse(formula):
    with pytest.raises(ExpressionError):
        build_graph(formula)


@pytest.mark.parametrize("name", ["np", "x0"])
def test_a_file_s_function_names_follow_make_function_s_rule(name, tmp_path):
    from nodeeditor.session import Session

    session = Session()
    session.build_formula("sigmoid(x0) + 1")
    session.make_function([n for n, d in session.graph.nodes.items() if d.kind == "Sigmoid"], "Squash")
    path = tmp_path / "f.graph"
    session.save(path)
    text = path.read_text().replace('"Squash"', f'"{name}"')
    with pytest.raises(GraphFileError, match="functions"):
        parse_graph(text)


def test_exported_code_never_passes_none_for_an_unwired_input():
    from nodeeditor.compiler import Compiler
    from nodeeditor.lessons.codegen import python_code

    graph = build_graph("x * y + 1")
    mul = next(n for n, d in graph.nodes.items() if d.kind == "Mul")
    graph.disconnect(graph.input_edges(mul)["b"])
    code = python_code(graph, Compiler(graph))
    assert "None" not in code and "# mul1 is left out: nothing is wired to its input b" in code
    compile(code, "exported.py", "exec")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file to another user")
def test_saving_over_another_user_s_file_keeps_its_owner_and_group(tmp_path):
    path = tmp_path / "theirs.graph"
    path.write_text(SPHERE.read_text())
    os.chown(path, 4321, 4322)
    path.chmod(0o640)
    save_graph(load_graph(path), path)
    status = path.stat()
    assert (status.st_uid, status.st_gid, status.st_mode & 0o777) == (4321, 4322, 0o640)


def _config(account: dict) -> Path:
    folder = Path(account["HOME"]) / ".config" / "BackpropStudio"
    folder.mkdir(parents=True)
    return folder


@posix_only
@pytest.mark.parametrize("bad", ["fifo", "link to a fifo", "link to a file of its own"])
def test_a_settings_file_that_is_not_a_file_never_hangs_the_start(account, tmp_path, bad):
    settings = _config(account) / "BackpropStudio.conf"
    target = tmp_path / ("target.fifo" if "fifo" in bad else "target.txt")
    if "fifo" in bad:
        os.mkfifo(target if "link" in bad else settings)
    else:
        target.write_text("[General]\nzoom=1\n")
    if "link" in bad:
        settings.symlink_to(target)
    events = launch(account, "--", "report", "quit")
    assert [e["event"] for e in events] == ["started", "layout"]
    if bad == "link to a file of its own":
        assert settings.is_symlink()  # a link to a regular file is used as it is
    else:
        assert settings.is_symlink() == ("link" in bad) and (target if "link" in bad else settings).is_fifo()


@posix_only
def test_a_tampered_recovery_folder_never_hangs_nor_crashes(account):
    data = Path(account["HOME"]) / ".local" / "share" / "BackpropStudio" / "Backprop Studio"
    folder = data / "recovery"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "recovery-4194301.graph")
    (folder / "recovery-4194302.graph").symlink_to("/dev/zero")
    (folder / "recovery-4194303.json").write_text('{"pid": 4194303, "original": null, "saved_at": "nan"}')
    (folder / "recovery-4194303.graph").write_text(SPHERE.read_text())
    os.mkfifo(folder / "recovery-4194304.json")
    events = launch(account, "--answer=Discard", "--", "quit")
    asked = [e for e in events if e["event"] == "asked"]
    assert len(asked) == 1 and "an untitled graph" in asked[0]["text"]  # the one real graph, from its file's time


@posix_only
def test_a_recovery_folder_that_is_a_file_does_not_crash_the_close(account):
    data = Path(account["HOME"]) / ".local" / "share" / "BackpropStudio" / "Backprop Studio"
    data.mkdir(parents=True)
    (data / "recovery").write_text("not a folder")
    done = subprocess.run([sys.executable, str(PROBE), "--", "formula=x * 2", "report", "quit-without-saving"],
                          env=account, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_a_file_changed_by_another_program_is_offered_back_when_the_window_comes_to_the_front(
        qtbot, tmp_path, monkeypatch):
    mine = tmp_path / "mine.graph"
    mine.write_text(SPHERE.read_text())
    with open_window(qtbot, tmp_path) as window:
        assert window.files.open_path(mine, ask=False)
        other = build_graph("a * b", {"a": np.array(2.0), "b": np.array(5.0)})
        save_graph(other, mine)  # a teacher's editor, say
        answers = iter(["Keep Mine", "Open Their Version"])
        shown = []

        def answer(box):
            shown.append(box.text())
            choice = next(answers)
            next(b for b in box.buttons() if b.text() == choice).click()

        monkeypatch.setattr(QMessageBox, "exec", answer)
        window.changeEvent(QEvent(QEvent.ActivationChange))
        qtbot.wait(20)
        assert "changed by another program" in shown[0] and "x0" in window.document.graph.names().values()
        window.changeEvent(QEvent(QEvent.ActivationChange))
        qtbot.wait(20)
        assert len(shown) == 1  # kept: not asked again about the same change
        os.utime(mine, ns=(1, 1))  # another change
        window.changeEvent(QEvent(QEvent.ActivationChange))
        qtbot.wait(20)
        assert len(shown) == 2 and sorted(window.document.graph.names().values()) == ["a", "b", "y"]
