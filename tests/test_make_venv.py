"""scripts/make-venv.sh and the Makefile: a Python that cannot make a venv is named with the
package to install before anything is made, nothing is left half-made, and a broken .venv
(no pip, or a python that no longer runs) is made again by itself. Driven with stand-in
Pythons: one that is Debian's without pythonX.Y-venv (the real Python with ensurepip
hidden), and quick ones that make a stand-in venv."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / "scripts" / "make-venv.sh"
VERSION = f"{sys.version_info.major}.{sys.version_info.minor}"

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="make-venv.sh is a bash script")


def executable(path, body: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)
    return path


def without_ensurepip(tmp_path):
    """The real Python as Debian ships it without pythonX.Y-venv: no ensurepip to import.
    (Its ``-m venv`` still works, as venv runs ensurepip isolated from PYTHONPATH: only the
    check before making the venv can tell, as it does on Debian.)"""
    shadow = tmp_path / "shadow" / "ensurepip"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError(\"No module named 'ensurepip'\")\n")
    return executable(tmp_path / "debian" / "python3", f'PYTHONPATH="{shadow.parent}" exec "{sys.executable}" "$@"')


def stand_in_venv_maker(tmp_path):
    """A Python whose ``-m venv DIR`` makes a quick stand-in venv: its python is the real
    one (which has pip). Each venv it makes is written down in made.log."""
    log = tmp_path / "made.log"
    return executable(tmp_path / "maker" / "python3", f"""
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
  mkdir -p "$3/bin"
  printf '#!/bin/sh\\nexec "{sys.executable}" "$@"\\n' > "$3/bin/python"
  chmod +x "$3/bin/python"
  echo "$3" >> "{log}"
  exit 0
fi
exec "{sys.executable}" "$@"
""")


def make_venv(tmp_path, python, venv="venv"):
    return subprocess.run(["bash", str(SCRIPT), str(python), venv], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120)


def test_a_python_without_its_venv_package_is_named_before_anything_is_made(tmp_path):
    out = make_venv(tmp_path, without_ensurepip(tmp_path))
    assert out.returncode == 1
    assert f"sudo apt install python{VERSION}-venv" in out.stderr, out.stderr
    assert "then run make again" in out.stderr
    assert not (tmp_path / "venv").exists()


def test_a_venv_that_stops_half_way_is_removed_and_the_package_named(tmp_path):
    """A venv that fails for a reason the check before cannot see: nothing is left behind."""
    python = executable(tmp_path / "halfway" / "python3", f"""
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
  "{sys.executable}" -m venv --without-pip "$3"
  echo "The virtual environment was not created successfully because ensurepip is not available." >&2
  exit 1
fi
exec "{sys.executable}" "$@"
""")
    out = make_venv(tmp_path, python)
    assert out.returncode == 1
    assert "nothing was left half-made" in out.stderr and f"python{VERSION}-venv" in out.stderr, out.stderr
    assert not (tmp_path / "venv").exists()


def test_a_half_made_venv_without_pip_is_made_again_with_pip(tmp_path):
    """The real thing: what Debian's half-made .venv looked like, then the real Python."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(tmp_path / "venv")], check=True, timeout=120)
    assert subprocess.run([str(tmp_path / "venv" / "bin" / "python"), "-c", "import pip"],
                          capture_output=True).returncode != 0
    out = make_venv(tmp_path, sys.executable)
    assert out.returncode == 0, out.stderr
    assert "venv is broken (its python does not run, or it has no pip), so it is made again" in out.stdout
    pip = subprocess.run([str(tmp_path / "venv" / "bin" / "python"), "-m", "pip", "--version"],
                         capture_output=True, text=True, timeout=60)
    assert pip.returncode == 0 and pip.stdout.startswith("pip "), pip.stderr


def test_a_venv_whose_python_no_longer_runs_is_made_again(tmp_path):
    (tmp_path / "venv" / "bin").mkdir(parents=True)
    (tmp_path / "venv" / "bin" / "python").symlink_to(tmp_path / "removed" / "python3.9")  # Python upgraded away
    out = make_venv(tmp_path, stand_in_venv_maker(tmp_path))
    assert out.returncode == 0, out.stderr
    assert "is made again" in out.stdout
    assert (tmp_path / "made.log").read_text().split() == ["venv"]
    assert subprocess.run([str(tmp_path / "venv" / "bin" / "python"), "-c", "import pip"]).returncode == 0


def test_a_healthy_venv_is_left_alone_quietly(tmp_path):
    maker = stand_in_venv_maker(tmp_path)
    assert make_venv(tmp_path, maker).returncode == 0
    (tmp_path / "venv" / "mine.txt").write_text("installed packages live here")
    out = make_venv(tmp_path, maker)
    assert out.returncode == 0 and out.stdout == "" and out.stderr == ""
    assert (tmp_path / "made.log").read_text().split() == ["venv"]  # made once, not twice
    assert (tmp_path / "venv" / "mine.txt").exists()


def test_a_python_too_old_is_refused_with_the_version_needed(tmp_path):
    old = executable(tmp_path / "old" / "python3", 'printf "3.9\\n"')
    out = make_venv(tmp_path, old)
    assert out.returncode == 1
    assert "is Python 3.9, and Backprop Studio needs Python 3.10 or newer" in out.stderr
    assert not (tmp_path / "venv").exists()


def test_no_python_at_all_says_what_to_install(tmp_path):
    out = make_venv(tmp_path, "python3-that-is-not-here")
    assert out.returncode == 1
    assert "there is no python3-that-is-not-here" in out.stderr and "sudo apt install python3 python3-venv" in out.stderr


# the Makefile -------------------------------------------------------------------------------
@pytest.fixture
def project(tmp_path):
    """A copy of what `make run` needs, with system-deps.sh a stand-in that finds everything."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    copy = tmp_path / "project"
    (copy / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "Makefile", copy)
    shutil.copy(ROOT / "pyproject.toml", copy)
    shutil.copy(SCRIPT, copy / "scripts")
    (copy / "scripts" / "system-deps.sh").write_text("exit 0\n")
    for path in (copy / "pyproject.toml", copy / "scripts" / "system-deps.sh", copy / "scripts" / "make-venv.sh"):
        os.utime(path, (1_000_000_000, 1_000_000_000))  # older than any stamp made below
    return copy


def logging_venv_maker(tmp_path):
    """A Python whose ``-m venv DIR`` makes a venv whose python only writes down what it was
    asked to do (pip installs, main.py) in calls.log, and has "pip"."""
    calls = tmp_path / "calls.log"
    return executable(tmp_path / "maker" / "python3", f"""
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
  mkdir -p "$3/bin"
  printf '#!/bin/sh\\necho "$*" >> "{calls}"\\n' > "$3/bin/python"
  chmod +x "$3/bin/python"
  echo "made a venv" >> "{calls}"
  exit 0
fi
exec "{sys.executable}" "$@"
""")


def run_make(project, python, *goals):
    return subprocess.run(["make", "--no-print-directory", f"PYTHON={python}", *goals], cwd=project,
                          capture_output=True, text=True, timeout=120)


def calls(tmp_path) -> list[str]:
    log = tmp_path / "calls.log"
    return [line for line in log.read_text().splitlines() if line != "-c import pip"] if log.exists() else []


def test_make_run_mends_a_half_made_venv_that_was_set_up_before(project, tmp_path):
    """The student's case: .venv was set up once, then lost pip; `make run` no longer says
    "No module named pip" until `make clean`, it makes the venv again and starts."""
    executable(project / ".venv" / "bin" / "python", 'echo "No module named pip" >&2; exit 1')
    (project / ".venv" / ".installed").touch()
    out = run_make(project, logging_venv_maker(tmp_path), "run")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "is made again" in out.stdout
    assert calls(tmp_path) == ["made a venv", "-m pip install -q --upgrade pip", '-m pip install -q -e .[test]',
                               "main.py"]


def test_make_run_with_a_healthy_venv_just_runs(project, tmp_path):
    maker = logging_venv_maker(tmp_path)
    assert run_make(project, maker, ".venv/.installed").returncode == 0
    (tmp_path / "calls.log").unlink()
    out = run_make(project, maker, "run")
    assert out.returncode == 0, out.stderr
    assert calls(tmp_path) == ["main.py"]


def test_make_run_without_the_venv_package_names_it_and_leaves_no_venv(project, tmp_path):
    out = run_make(project, without_ensurepip(tmp_path), "run")
    assert out.returncode != 0
    assert f"sudo apt install python{VERSION}-venv" in out.stderr
    assert "No module named pip" not in out.stderr
    assert not (project / ".venv").exists()
