"""Work is never lost: autosave and recovery after a kill, saves that fail keep the work,
a file changed on disk is not overwritten unasked, stale temporaries go, and a poisoned
settings file cannot break a start."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading

import numpy as np
import pytest
from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtWidgets import QMessageBox, QToolBar

from nodeeditor.model import load_graph
from nodeeditor.model.graphfile import STALE_TEMPORARY_SECONDS, remove_stale_temporaries
from nodeeditor.session.recovery import RecoveryStore
from nodeeditor.view.window.main_window import MainWindow
from tests.conftest import POSIX_ONLY, ROOT
from tests.gui_helpers import open_window

SPHERE = ROOT / "resources" / "examples" / "4-sphere.graph"

KILLED_RUN = textwrap.dedent("""
    import sys
    import numpy as np
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication
    from nodeeditor.view.window.main_window import MainWindow
    app = QApplication([])
    window = MainWindow(QSettings(sys.argv[1], QSettings.IniFormat))
    window.show()
    window.files.open_path(sys.argv[2], ask=False)
    x0 = next(n.id for n in window.document.graph.nodes.values() if n.params.get("name") == "x0")
    window.document.session.set_param(x0, "value", np.array(2.5))   # unsaved work
    window.document.session.add_node("Exp", (300.0, 300.0))
    def written():  # said once the work is aside; then the run waits to be killed
        if window.autosave.store.graph_path.exists():
            watch.stop()
            print("autosaved", flush=True)
    watch = QTimer()
    watch.timeout.connect(written)
    watch.start(20)
    app.exec()
""")


@POSIX_ONLY
def test_a_killed_run_gives_its_unsaved_edits_back_at_the_next_start(tmp_path, qtbot, monkeypatch):
    settings = tmp_path / "settings.ini"
    mine = tmp_path / "mine.graph"
    mine.write_text(SPHERE.read_text())
    env = dict(os.environ, BACKPROP_STUDIO_AUTOSAVE_SECONDS="0.2", PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    run = subprocess.Popen([sys.executable, "-c", KILLED_RUN, str(settings), str(mine)], stdout=subprocess.PIPE,
                           text=True, env=env)
    try:
        assert run.stdout.readline().strip() == "autosaved"
    finally:
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=30)
    assert run.returncode == -signal.SIGKILL

    def choose_restore(box):
        next(b for b in box.buttons() if b.text() == "Restore").click()

    monkeypatch.setattr(QMessageBox, "exec", choose_restore)
    window = MainWindow(QSettings(str(settings), QSettings.IniFormat))
    qtbot.addWidget(window)
    assert window.autosave.offer_recovery()
    graph = window.document.graph
    x0 = next(n for n in graph.nodes.values() if n.params.get("name") == "x0")
    assert float(x0.params["value"]) == 2.5 and any(n.kind == "Exp" for n in graph.nodes.values())
    assert window.document.path == mine and window.document.modified  # unsaved until the student saves
    assert window.isWindowModified() or window.windowTitle().startswith("mine.graph")
    assert float(load_graph(mine).nodes[x0.id].params["value"]) == 6.0  # the file itself untouched
    assert not window.autosave.store.orphans()
    window.document.undo_stack.setClean()
    window.close()


def test_recovery_files_of_running_programs_are_left_alone(tmp_path):
    mine = RecoveryStore(tmp_path)
    other = RecoveryStore(tmp_path, pid=os.getppid())  # a process that is running
    gone = RecoveryStore(tmp_path, pid=2**22 + 12345)  # no such process
    graph = load_graph(SPHERE)
    for store in (mine, other, gone):
        store.write(graph, SPHERE)
    orphans = mine.orphans()
    assert [o.graph_path for o in orphans] == [gone.graph_path] and orphans[0].original == SPHERE
    (tmp_path / "recovery-9.json").write_text("{not json")
    assert mine.orphans() == orphans and not (tmp_path / "recovery-9.json").exists()


def test_a_graph_kept_aside_counts_even_without_its_note_and_a_note_alone_does_not(tmp_path):
    gone = RecoveryStore(tmp_path, pid=2**22 + 12345)
    gone.write(load_graph(SPHERE), SPHERE)
    meta = gone.graph_path.with_suffix(".json")
    meta.write_text('{"pid": 4206, "original": null, "saved_at": "nan"}')  # damaged: the graph still counts
    (found,) = RecoveryStore(tmp_path).orphans()
    assert found.graph_path == gone.graph_path and found.saved_at == gone.graph_path.stat().st_mtime
    meta.unlink()  # killed between the two writes of an earlier version: still offered
    assert RecoveryStore(tmp_path).orphans()[0].original is None
    gone.graph_path.unlink()
    meta.write_text('{"pid": 4194304, "original": null, "saved_at": 1}')  # a note whose graph never came
    assert RecoveryStore(tmp_path).orphans() == [] and not meta.exists()


def test_the_note_is_written_before_the_graph(tmp_path, monkeypatch):
    from nodeeditor.session import recovery

    written = []
    monkeypatch.setattr(recovery, "save_text", lambda text, path: written.append(path.suffix))
    RecoveryStore(tmp_path).write(load_graph(SPHERE), None)
    assert written == [".json", ".graph"]


def test_recovery_files_are_found_in_the_folders_older_versions_used(tmp_path):
    old = tmp_path / "config" / "recovery"
    RecoveryStore(old, pid=2**22 + 7).write(load_graph(SPHERE), SPHERE)
    store = RecoveryStore(tmp_path / "data" / "recovery", older=(old,))
    assert [o.graph_path.parent for o in store.orphans()] == [old]


def test_the_recovery_folder_does_not_depend_on_which_folders_exist(tmp_path, monkeypatch):
    from nodeeditor.view.window.autosave import recovery_folder

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    before = recovery_folder()
    (tmp_path / "data" / "BackpropStudio" / "Backprop Studio").mkdir(parents=True)
    assert recovery_folder() == before == tmp_path / "data" / "BackpropStudio" / "Backprop Studio" / "recovery"


@pytest.fixture
def window(qtbot, tmp_path):
    with open_window(qtbot, tmp_path) as w:
        yield w


def answer(monkeypatch, button):
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: button)
    monkeypatch.setattr(QMessageBox, "warning", lambda *args, **kwargs: QMessageBox.Ok)


@POSIX_ONLY
@pytest.mark.skipif(os.name == "posix" and os.geteuid() == 0, reason="root can write into a read-only folder")
def test_a_save_into_a_read_only_folder_keeps_the_work_and_closing_asks_again(window, tmp_path, monkeypatch):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    answer(monkeypatch, QMessageBox.Save)
    window.files.open_path(SPHERE, ask=False)
    window.document.session.add_node("Exp", (0.0, 0.0))
    assert not window.files._save_to(folder / "x.graph")
    assert window.document.modified
    folder.chmod(0o700)


def test_a_save_that_fails_keeps_the_work_unsaved_and_says_why(window, tmp_path, monkeypatch):
    answer(monkeypatch, QMessageBox.Save)
    window.document.session.build_formula("x * 2")
    target = tmp_path / "no-such-folder" / "x.graph"
    assert not window.files._save_to(target)
    assert window.document.modified and "Not saved" in window.statusBar().currentMessage()
    graph = window.document.graph
    graph.description = "bad \ud800 text"  # what no file can hold
    assert not window.files._save_to(tmp_path / "x.graph")
    assert window.document.modified and not (tmp_path / "x.graph").exists()
    monkeypatch.setattr(window.files, "save_as", lambda: False)
    assert not window.files.maybe_save()  # closing asks, the save fails: the window stays
    graph.description = ""


def test_a_file_changed_by_another_program_is_not_overwritten_unasked(window, tmp_path, monkeypatch):
    mine = tmp_path / "mine.graph"
    mine.write_text(SPHERE.read_text())
    window.files.open_path(mine, ask=False)
    window.document.session.add_node("Exp", (0.0, 0.0))
    mine.write_text(SPHERE.read_text() + "\n")  # a teacher's edit, say (another size: noticed)
    answer(monkeypatch, QMessageBox.Cancel)
    assert not window.files.save()
    assert mine.read_text() == SPHERE.read_text() + "\n"
    answer(monkeypatch, QMessageBox.Save)
    assert window.files.save()
    assert "Exp" in mine.read_text()


def test_saving_over_a_hard_link_says_the_other_name_keeps_the_old_version(window, tmp_path):
    mine = tmp_path / "mine.graph"
    mine.write_text(SPHERE.read_text())
    os.link(mine, tmp_path / "other-name.graph")
    window.files.open_path(mine, ask=False)
    window.document.session.add_node("Exp", (0.0, 0.0))
    assert window.files.save()
    assert "1 other hard link" in window.statusBar().currentMessage()


def test_stale_temporaries_of_an_interrupted_save_are_removed(tmp_path):
    target = tmp_path / "mine.graph"
    stale = tmp_path / ".mine.graph.abc123.tmp"
    fresh = tmp_path / ".mine.graph.def456.tmp"
    stale.write_text("half")
    fresh.write_text("being written")
    old = 1_000_000_000.0  # September 2001: far more than STALE_TEMPORARY_SECONDS ago
    assert STALE_TEMPORARY_SECONDS < 365 * 24 * 3600
    os.utime(stale, (old, old))
    assert remove_stale_temporaries(target) == [stale]
    assert fresh.exists()


def test_a_poisoned_settings_file_cannot_break_a_start(tmp_path, qtbot):
    path = tmp_path / "settings.ini"
    settings = QSettings(str(path), QSettings.IniFormat)
    for key, value in [("zoom", "nan"), ("geometry", QByteArray(b"garbage")), ("windowState", "nonsense"),
                       ("recentFiles", 12345), ("lastFolder", ["a", "b"])]:
        settings.setValue(key, value)
    settings.sync()
    window = MainWindow(QSettings(str(path), QSettings.IniFormat))
    qtbot.addWidget(window)
    window.show()
    assert 0.05 <= window.canvas.zoom <= 5
    assert window.files.recent() == [] or all(isinstance(p, str) for p in window.files.recent())
    assert window.files.last_folder().is_dir()
    window.document.session.build_formula("x + 1")  # and the window works
    assert np.isfinite(window.canvas.transform().m11())
    window.document.undo_stack.setClean()
    window.close()


def test_a_big_file_is_read_in_the_background_and_cancel_changes_nothing(window, tmp_path, monkeypatch):
    import json

    from PySide6.QtWidgets import QProgressDialog

    from nodeeditor.view.window import files
    from tests.fuzz import _chain

    big = tmp_path / "big.graph"
    big.write_text(json.dumps(_chain(3000)))
    assert big.stat().st_size > files.BACKGROUND_BYTES
    reads = []
    original = files.load_graph
    monkeypatch.setattr(files, "load_graph", lambda path: reads.append(path) or original(path))
    window.files.open_path(SPHERE, ask=False)
    before = len(window.document.graph.nodes)
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)
    answer(monkeypatch, QMessageBox.Ok)
    assert not window.files.open_path(big, ask=False)
    assert len(window.document.graph.nodes) == before and "cancelled" in window.statusBar().currentMessage()
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: False)
    assert window.files.open_path(big, ask=False)
    assert len(window.document.graph.nodes) == 3001 and reads == [big, big]  # both read off the main thread
    ring = tmp_path / "ring.graph"
    ring.write_text(json.dumps(_chain(3000, ring=True)))
    assert not window.files.open_path(ring, ask=False)  # the thread's refusal reaches the student
    assert "loop" in window.statusBar().currentMessage() and len(window.document.graph.nodes) == 3001


def test_a_big_file_is_also_computed_in_the_background(window, tmp_path):
    import json

    from tests.fuzz import _chain

    big = tmp_path / "big.graph"
    big.write_text(json.dumps(_chain(3000)))
    assert window.files.open_path(big, ask=False)
    compiler = window.document.compiler
    assert compiler.evaluations == 0  # the thread's values were taken over, not computed again
    assert float(compiler.results["n2999"].value) == 1.0  # (-1)^3000 * 1
    assert window.scene.nodes["n2999"].value_label() == "1"


def test_backward_of_a_big_graph_runs_on_a_thread_and_can_be_cancelled(window, monkeypatch):
    from PySide6.QtWidgets import QProgressDialog

    from nodeeditor.compiler import BackwardJob
    from nodeeditor.session import session as session_module

    monkeypatch.setattr(session_module, "LONG_BACKWARD", 3)  # the sphere counts as big here
    window.files.open_path(SPHERE, ask=False)
    observe = BackwardJob._observe

    def slow(job, step):  # a big graph's backward takes a while: it waits for Cancel, at most 5 s
        if cancelling:
            job.cancel.wait(5)
        observe(job, step)

    cancelling = [True]

    monkeypatch.setattr(BackwardJob, "_observe", slow)
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)
    assert not window.editing.backward()
    assert "cancelled" in window.statusBar().currentMessage()
    assert window.document.compiler.gradient_root is None
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: False)
    cancelling.clear()
    assert window.editing.backward()
    grads = {n.params["name"]: float(window.document.compiler.results[n.id].grad)
             for n in window.document.graph.nodes.values() if n.kind == "Variable"}
    assert grads == {"x0": 12.0, "x1": 6.0}


def test_nothing_changes_the_graph_while_a_long_backward_runs_and_a_compiler_drops_a_stale_one(monkeypatch):
    from nodeeditor.compiler import BackwardError, Compiler
    from nodeeditor.model import load_graph
    from nodeeditor.session import Session
    from nodeeditor.session import session as session_module
    from nodeeditor.session.session import Busy

    monkeypatch.setattr(session_module, "LONG_BACKWARD", 3)
    session = Session()
    session.load(SPHERE)
    x0 = next(n.id for n in session.graph.nodes.values() if n.params.get("name") == "x0")
    refused = []

    def runner(work):
        with pytest.raises(Busy):
            session.set_param(x0, "value", np.array(1.0))  # an edit while the engine works
        refused.append(work.label)
        return work.run()

    session.run_long = runner
    session.backward()
    assert refused == ["Backward…"] and float(session.compiler.results[x0].grad) == 12.0

    graph = load_graph(SPHERE)  # a compiler on its own: whoever changes its graph meanwhile
    compiler = Compiler(graph)
    job = compiler.backward_job()
    graph.set_param(x0, "value", np.array(1.0))
    job.run()
    with pytest.raises(BackwardError, match="changed while Backward was running"):
        compiler.finish_backward(job)
    assert compiler.gradient_root is None


def _held_writes(monkeypatch) -> tuple[list[str], threading.Event, list[str]]:
    """Recovery writes that wait until the test releases them (at most 10 s): the names
    of the threads they ran on, the release, and the writes finished so far."""
    threads, finished = [], []
    release = threading.Event()
    real = RecoveryStore.write_document

    def held(store, document, original):
        threads.append(threading.current_thread().name)
        release.wait(10)
        real(store, document, original)
        finished.append(threads[-1])

    monkeypatch.setattr(RecoveryStore, "write_document", held)
    return threads, release, finished


def test_backward_keeps_the_unsaved_work_aside_without_waiting_for_the_disk(qtbot, tmp_path, monkeypatch):
    threads, disk_ready, _finished = _held_writes(monkeypatch)
    with open_window(qtbot, tmp_path) as window:
        mine = tmp_path / "mine.graph"
        mine.write_text(SPHERE.read_text())
        window.files.open_path(str(mine), ask=False)
        x0 = next(n.id for n in window.document.graph.nodes.values() if n.params.get("name") == "x0")
        window.document.session.set_param(x0, "value", np.array(2.5))  # unsaved work
        kept = window.autosave.store.graph_path
        toolbar = window.findChild(QToolBar, "MainToolbar")
        qtbot.mouseClick(toolbar.widgetForAction(window.actions.backward), Qt.LeftButton)
        assert window.scene.nodes[x0].gradient_label() == "5"
        assert not kept.exists()  # the click returned while the write still waits for the disk
        disk_ready.set()
        qtbot.waitUntil(kept.exists, timeout=5000)
        assert threads and all(name.startswith("autosave") for name in threads)
        assert float(load_graph(kept).nodes[x0].params["value"]) == 2.5


def test_saving_or_closing_while_a_recovery_write_is_under_way_leaves_no_recovery_file(qtbot, tmp_path, monkeypatch):
    threads, release, finished = _held_writes(monkeypatch)
    mine = tmp_path / "mine.graph"
    mine.write_text(SPHERE.read_text())
    with open_window(qtbot, tmp_path) as window:
        window.files.open_path(str(mine), ask=False)
        x0 = next(n.id for n in window.document.graph.nodes.values() if n.params.get("name") == "x0")
        window.document.session.set_param(x0, "value", np.array(2.5))
        window.actions.backward.trigger()  # a write starts on the autosave thread
        qtbot.waitUntil(lambda: len(threads) == 1)  # ... and is held there
        window.actions.save.trigger()  # saved: nothing to recover
        assert not window.document.modified and float(load_graph(mine).nodes[x0].params["value"]) == 2.5
        release.set()
        qtbot.waitUntil(lambda: len(finished) == 1)
        assert not window.autosave.store.graph_path.exists()
        release.clear()
        window.document.session.set_param(x0, "value", np.array(3.0))
        window.actions.backward.trigger()
        qtbot.waitUntil(lambda: len(threads) == 2)  # the second write is held ...
        store, finish = window.autosave.store, window.autosave.finish
        # ... until the window is closing (open_window discards the change)
        window.autosave.finish = lambda: (release.set(), finish())
    assert len(finished) == 2  # closing waited for it
    assert not store.graph_path.exists() and not store.graph_path.with_suffix(".json").exists()
