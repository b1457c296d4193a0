"""Start-up against a bare PySide6 window: seconds from starting the process to the first
paint of ``python main.py FILE`` and of a plain QMainWindow in the same Python, measured
in turns (the machine is noisy), medians and their ratio. The issue's target is 1.3.
Also the seconds until the file's graph is painted on the canvas: the window appears
first ("Opening…") and the editor is built inside it.

Run: ``.venv/bin/python benchmarks/startup_ratio.py [--runs 9] [FILE]``. Offscreen unless
DISPLAY is set.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE = """
import sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
label = QLabel("bare")
window.setCentralWidget(label)
window.resize(1280, 800)
class First(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Paint:
            print("first paint", flush=True)
            app.quit()
        return False
probe = First()
label.installEventFilter(probe)
window.show()
app.exec()
"""


def first_paint(command: list[str], home: str) -> tuple[float, float]:
    """Seconds to the window's first paint, and to the graph's (the same for the bare window)."""
    env = dict(os.environ, BACKPROP_STUDIO_EXIT_AFTER_PAINT="1", HOME=home, XDG_CONFIG_HOME=home,
               XDG_CACHE_HOME=str(Path(home) / "cache"))
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    # As on a student's computer: compiled modules are kept (.pyc) after the first start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    t0 = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = [process.stdout.readline()]
    visible = shown = time.perf_counter() - t0
    if command[1].endswith("main.py"):  # the editor goes on to paint its graph
        lines.append(process.stdout.readline())
        shown = time.perf_counter() - t0
    _out, err = process.communicate(timeout=60)
    if lines != ["first paint\n", "graph shown\n"][:len(lines)]:
        raise RuntimeError(f"{command[:2]} did not paint: {lines} {err[-500:]}")
    return visible, shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(ROOT / "resources" / "examples" / "4-sphere.graph"))
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    ours_command = [sys.executable, str(ROOT / "main.py"), args.file]
    bare_command = [sys.executable, "-c", BARE]
    ours, bare, graph = [], [], []
    with tempfile.TemporaryDirectory() as home:
        first_paint(ours_command, home)  # warm the disk cache
        first_paint(bare_command, home)
        for _ in range(args.runs):
            bare.append(first_paint(bare_command, home)[0])
            visible, shown = first_paint(ours_command, home)
            ours.append(visible)
            graph.append(shown)
    b, o, g = statistics.median(bare), statistics.median(ours), statistics.median(graph)
    print(f"bare PySide6 window: median {b:.3f} s; python main.py {Path(args.file).name}: window painted "
          f"{o:.3f} s, ratio {o / b:.2f} (target 1.3); its graph painted {g:.3f} s, ratio {g / b:.2f}")


if __name__ == "__main__":
    main()
