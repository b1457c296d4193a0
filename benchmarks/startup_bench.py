"""Start-up to the first painted window (until the app reports its first paint, not
until it has exited and cleaned up): median of 5 for the single-file build, the
one-folder build and ``python main.py``, plus the executables' sizes.

The single file is timed twice: "first start" unpacks into an empty cache every run (what
a student sees once per version), "single file" finds its copy already unpacked. A build
made with ``BACKPROP_STUDIO_STOCK_ONEFILE=1 make dist`` adds PyInstaller's plain one-file
mode (dist/BackpropStudio-stock), which unpacks everything on every start.

Run after ``make dist``: ``.venv/bin/python benchmarks/startup_bench.py``. Uses the
offscreen platform unless DISPLAY is set (e.g. under Xvfb).
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
COMMANDS = {
    "single file": [str(DIST / "BackpropStudio")],
    "first start": [str(DIST / "BackpropStudio")],
    "stock onefile": [str(DIST / "BackpropStudio-stock")],
    "one folder": [str(DIST / "BackpropStudio-folder" / "BackpropStudio")],
    "python main.py": [sys.executable, str(ROOT / "main.py")],
}


def time_to_first_paint(command: list[str], home: str, cache: str | None = None) -> float:
    env = dict(os.environ, BACKPROP_STUDIO_EXIT_AFTER_PAINT="1", HOME=home, XDG_CONFIG_HOME=home,
               XDG_CACHE_HOME=cache or str(Path(home) / "cache"))
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    t0 = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()  # printed when the canvas has painted
    elapsed = time.perf_counter() - t0
    _out, err = process.communicate(timeout=60)
    if "first paint" not in line:
        raise RuntimeError(f"{command[0]} did not paint: {err[-500:]}")
    return elapsed


def main() -> None:
    platform = "xcb on " + os.environ["DISPLAY"] if os.environ.get("DISPLAY") else "offscreen"
    print(f"platform: {platform}")
    for name, command in COMMANDS.items():
        if not Path(command[0]).exists():
            print(f"{name:15s} not built (make dist)")
            continue
        with tempfile.TemporaryDirectory() as home:
            time_to_first_paint(command, home)  # warm the disk cache (and unpack once)
            if name == "first start":
                runs = [time_to_first_paint(command, home, tempfile.mkdtemp(dir=home)) for _ in range(5)]
            else:
                runs = [time_to_first_paint(command, home) for _ in range(5)]
        print(f"{name:15s} median {statistics.median(runs):.2f} s  (runs: {', '.join(f'{r:.2f}' for r in runs)})")
    single = DIST / "BackpropStudio"
    if single.exists():
        size = single.stat().st_size
        print(f"single file size: {size / 1e6:.1f} MB ({size / 2**20:.1f} MiB)")
    folder = DIST / "BackpropStudio-folder"
    if folder.exists():
        total = sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
        print(f"one folder size: {total / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
