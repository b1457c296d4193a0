"""Starting the editor: the window is on the screen before numpy and the panels load, and
the editor is built inside it right after; a file the OS asks to open meanwhile waits."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel

from nodeeditor.view.window.main_window import MainWindow
from tests.conftest import ROOT

SPHERE = ROOT / "resources" / "examples" / "4-sphere.graph"


def _env(tmp_path, **extra: str) -> dict[str, str]:
    return dict(os.environ, HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path / "c"),
                XDG_DATA_HOME=str(tmp_path / "d"), QT_QPA_PLATFORM="offscreen", **extra)


def test_a_window_built_later_says_opening_then_becomes_the_editor(tmp_path, qtbot):
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat), later=True)
    qtbot.addWidget(window)
    assert not window.ready and isinstance(window.centralWidget(), QLabel)
    assert "Opening…" in window.centralWidget().text()
    built = []
    window.build_after_first_paint(lambda: built.append(window.ready))
    window.show()
    qtbot.waitUntil(lambda: bool(built), timeout=5000)
    assert built == [True]
    assert window.canvas.isVisible() and window.menuBar().actions()
    window.files.open_path(str(SPHERE), ask=False)
    assert window.document.graph.nodes
    window.close()


def test_closing_a_window_before_it_is_built_asks_nothing(tmp_path, qtbot):
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat), later=True)
    qtbot.addWidget(window)
    assert window.close()


def test_main_py_paints_its_window_before_loading_numpy_then_the_graph(tmp_path):
    """What benchmarks/startup_ratio.py times: "first paint" (the window) comes before
    numpy is imported and before Qt's Qt namespace is made, "graph shown" once the
    file's nodes are on the canvas."""
    probe = textwrap.dedent("""
        import runpy, sys
        from PySide6.QtCore import QEvent, QObject
        from PySide6.QtWidgets import QApplication
        import nodeeditor.view.window.app as app_module

        class Numpy(QObject):  # reports whether numpy was loaded when the window first painted
            def eventFilter(self, watched, event):
                if event.type() == QEvent.Paint and not hasattr(self, "said"):
                    self.said = True
                    print("numpy loaded" if "numpy" in sys.modules else "numpy not loaded", flush=True)
                    made = "Qt" in vars(sys.modules["PySide6.QtCore"])  # its enums cost ~25 ms to make
                    print("Qt namespace made" if made else "Qt namespace not made", flush=True)
                return False
        real = app_module.MainWindow.build_after_first_paint
        def spy(window, then):
            numpy = Numpy(window)
            window.centralWidget().installEventFilter(numpy)
            real(window, then)
        app_module.MainWindow.build_after_first_paint = spy
        sys.argv = ["main.py", sys.argv[1]]
        runpy.run_path("main.py", run_name="__main__")
    """)
    out = subprocess.run([sys.executable, "-c", probe, str(SPHERE)], cwd=ROOT, capture_output=True, text=True,
                         timeout=60, env=_env(tmp_path, BACKPROP_STUDIO_EXIT_AFTER_PAINT="1"))
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:4] == ["numpy not loaded", "Qt namespace not made", "first paint", "graph shown"], \
        out.stdout


def test_a_file_the_os_opens_during_start_up_is_opened_once_the_editor_is_built(tmp_path):
    script = textwrap.dedent("""
        import sys
        from PySide6.QtCore import QCoreApplication, QTimer
        from PySide6.QtGui import QFileOpenEvent
        from nodeeditor.view.window.app import StudioApplication, run_gui

        app = StudioApplication(sys.argv[:1])
        QCoreApplication.postEvent(app, QFileOpenEvent(sys.argv[1]))  # as macOS does at a double click
        def report():
            print(app.window.ready, app.window.document.title, len(app.window.document.graph.nodes), flush=True)
            app.quit()
        QTimer.singleShot(1500, report)
        sys.exit(run_gui(None))
    """)
    out = subprocess.run([sys.executable, "-c", script, str(SPHERE)], cwd=ROOT, capture_output=True, text=True,
                         timeout=60, env=_env(tmp_path, PYTHONPATH=str(ROOT)))
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "4-sphere.graph", "5"], out.stdout


def test_an_editor_that_cannot_be_built_says_so_in_its_window_and_exits_3(tmp_path):
    script = textwrap.dedent("""
        import sys
        from PySide6.QtWidgets import QMessageBox
        from nodeeditor.view.window.app import run_gui
        from nodeeditor.view.window.main_window import MainWindow

        def broken(window):
            raise RuntimeError("a module of the install is missing")
        MainWindow._build = broken
        QMessageBox.critical = staticmethod(lambda parent, title, text: print(text, flush=True))
        sys.exit(run_gui(None))
    """)
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60,
                         env=_env(tmp_path, PYTHONPATH=str(ROOT), BACKPROP_STUDIO_LOG_DIR=str(tmp_path / "logs")))
    assert out.returncode == 3, out.stderr
    assert "could not start (RuntimeError: a module of the install is missing)" in out.stdout
    assert "a module of the install is missing" in "".join(p.read_text() for p in (tmp_path / "logs").glob("*.log"))
