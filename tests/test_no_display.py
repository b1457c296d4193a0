"""Started without a display, the editor says so plainly (and that the commands work
without one) before Qt starts, instead of Qt's abort that blames xcb-cursor0 and suggests
reinstalling."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from nodeeditor.app.display import lacks_display
from nodeeditor.app.entry import EXIT_MISSING_SYSTEM
from tests.conftest import ROOT

SPHERE = ROOT / "resources" / "examples" / "4-sphere.graph"


def clean_env(tmp_path, **extra: str) -> dict[str, str]:
    """What a login over ssh without X forwarding has: no DISPLAY, no WAYLAND_DISPLAY, no
    QT_QPA_PLATFORM."""
    return {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "LANG": "C.UTF-8",
            "BACKPROP_STUDIO_LOG_DIR": str(tmp_path / "logs"), **extra}


def main_py(tmp_path, *args: str, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env=clean_env(tmp_path, **extra))


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="Windows and macOS always have a display")
@pytest.mark.parametrize("args", [[], [str(SPHERE)]], ids=["editor", "editor with a file"])
def test_the_editor_without_a_display_says_so_before_qt_starts(tmp_path, args):
    out = main_py(tmp_path, *args)
    assert out.returncode == EXIT_MISSING_SYSTEM, (out.returncode, out.stderr)  # not Qt's abort (-6)
    assert "cannot open its window: there is no display here" in out.stderr
    assert "python main.py run FILE.graph" in out.stderr
    for misleading in ("xcb-cursor", "Reinstalling", "qt.qpa", "platform plugin", "unexpected"):
        assert misleading not in out.stderr
    assert not (tmp_path / "logs").exists() or not any((tmp_path / "logs").iterdir())


def test_the_commands_work_without_a_display(tmp_path):
    out = main_py(tmp_path, "run", str(SPHERE))
    assert out.returncode == 0, out.stderr
    assert "45" in out.stdout and "display" not in out.stderr


def test_a_chosen_qt_platform_is_not_second_guessed(tmp_path):
    """QT_QPA_PLATFORM=offscreen (as the tests, --selftest and CI use) needs no display."""
    script = ("import sys; from nodeeditor.view.window import app; app.run_gui = lambda path: print('window') or 0; "
              "from nodeeditor.app.entry import main; sys.exit(main([]))")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60,
                         env=clean_env(tmp_path, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT)))
    assert out.returncode == 0 and out.stdout == "window\n", out.stderr


@pytest.mark.parametrize(("environ", "platform", "lacks"), [
    ({}, "linux", True),
    ({"DISPLAY": ""}, "linux", True),
    ({}, "freebsd14", True),
    ({"DISPLAY": ":0"}, "linux", False),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
    ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
    ({}, "win32", False),
    ({}, "darwin", False),
])
def test_what_counts_as_a_display(environ, platform, lacks):
    assert lacks_display(environ, platform) is lacks
