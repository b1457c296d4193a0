"""Start-up against a bare PySide6 window: seconds from starting the process to the first
paint of ``python main.py FILE`` and of a plain QMainWindow in the same Python, measured
in turns (the machine is noisy), medians and their ratio. The issue's target is 1.3.

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


def first_paint(command: list[str], home: str) -> float:
    env = dict(os.environ, BACKPROP_STUDIO_EXIT_AFTER_PAINT="1", HOME=home, XDG_CONFIG_HOME=home,
               XDG_CACHE_HOME=str(Path(home) / "cache"))
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    # As on a student's computer: compiled modules are kept (.pyc) after the first start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    t0 = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    elapsed = time.perf_counter() - t0
    _out, err = process.communicate(timeout=60)
    if "first paint" not in line:
        raise RuntimeError(f"{command[:2]} did not paint: {err[-500:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(ROOT / "resources" / "examples" / "4-sphere.graph"))
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    ours_command = [sys.executable, str(ROOT / "main.py"), args.file]
    bare_command = [sys.executable, "-c", BARE]
    ours, bare = [], []
    with tempfile.TemporaryDirectory() as home:
        first_paint(ours_command, home)  # warm the disk cache
        first_paint(bare_command, home)
        for _ in range(args.runs):
            bare.append(first_paint(bare_command, home))
            ours.append(first_paint(ours_command, home))
    b, o = statistics.median(bare), statistics.median(ours)
    print(f"bare PySide6 window: median {b:.3f} s; python main.py {Path(args.file).name}: median {o:.3f} s; "
          f"ratio {o / b:.2f} (target 1.3)")


if __name__ == "__main__":
    main()
