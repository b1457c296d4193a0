"""Launching the real program in a process of its own for a test, driven by
tests/app_probe.py, as a new student account would start it (the ``account`` fixture in
conftest.py gives that account's environment)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = ROOT / "tests" / "app_probe.py"
SCREEN = {"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1600, "height": 1000, "logicalDpi": 96,
                       "logicalBaseDpi": 96, "dpr": 1}]}


def new_account(tmp_path: Path) -> dict:
    """The environment of a new student account: an empty HOME and a 1600×1000 screen."""
    home = tmp_path / "home"
    home.mkdir()
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps(SCREEN))
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=str(home), PYTHONPATH=str(ROOT), QT_QPA_PLATFORM=f"offscreen:configfile={screen}",
               BACKPROP_STUDIO_AUTOSAVE_SECONDS="0.2")
    return env


def launch(env: dict, *args: str) -> list[dict]:
    """Start the program, let it do its steps and quit; what it reported."""
    done = subprocess.run([sys.executable, str(PROBE), *args], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


