"""Which starts write log files: asking for the version or the help writes none (not even
an empty crash.log), while work that could crash has its crash.log ready."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

SPHERE = ROOT / "resources" / "examples" / "4-sphere.graph"


def main_py(tmp_path, *args: str, log_dir: bool = True) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "BACKPROP_STUDIO_LOG_DIR"}
    env.update(HOME=str(tmp_path / "home"), XDG_STATE_HOME=str(tmp_path / "state"), LOCALAPPDATA=str(tmp_path / "local"))
    if log_dir:
        env["BACKPROP_STUDIO_LOG_DIR"] = str(tmp_path / "logs")
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env=env)


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["run", "--help"]])
def test_asking_for_the_version_or_the_help_writes_no_log(tmp_path, args):
    (tmp_path / "logs").mkdir()
    out = main_py(tmp_path, *args)
    assert out.returncode == 0, out.stderr
    assert "Backprop Studio" in out.stdout or "usage:" in out.stdout
    assert list((tmp_path / "logs").iterdir()) == []


def test_the_version_creates_no_log_folder_in_the_usual_place(tmp_path):
    out = main_py(tmp_path, "--version", log_dir=False)
    assert out.returncode == 0 and out.stdout.startswith("Backprop Studio ")
    assert not any(tmp_path.iterdir())  # no state folder, no home folder made


def test_a_command_that_works_has_its_crash_log_ready(tmp_path):
    """The other side: faulthandler still has crash.log for real work, so the check above
    is not passing merely because no log is ever written."""
    out = main_py(tmp_path, "run", str(SPHERE))
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "logs" / "crash.log").exists()
