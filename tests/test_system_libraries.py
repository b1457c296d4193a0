"""A system library Qt needs and this computer lacks is named, with the package that has it
on Debian/Ubuntu and on Fedora, every missing one at once, instead of "something
unexpected went wrong (ImportError: libEGL.so.1 ...)"."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nodeeditor.app import entry, system_libraries
from nodeeditor.app.system_libraries import LIBRARIES, explain, missing_libraries
from tests.conftest import ROOT

EGL_ERROR = "libEGL.so.1: cannot open shared object file: No such file or directory"


def lacking(*sonames: str, needs: dict[str, str] | None = None):
    """A stand-in for trying to load a library: ``sonames`` are not there; each key of
    ``needs`` is there but needs its value, which is not."""
    needs = needs or {}

    def problem(soname: str) -> str | None:
        if soname in sonames:
            return f"{soname}: cannot open shared object file: No such file or directory"
        if soname in needs:
            return f"{needs[soname]}: cannot open shared object file: No such file or directory"
        return None

    return problem


def test_every_missing_library_is_found_at_once_the_one_in_the_error_first():
    problem = lacking("libfontconfig.so.1", "libEGL.so.1", "libdbus-1.so.3")
    assert missing_libraries(EGL_ERROR, problem) == ["libEGL.so.1", "libfontconfig.so.1", "libdbus-1.so.3"]


def test_a_library_that_needs_a_missing_one_names_the_missing_one():
    problem = lacking("libGLdispatch.so.0", needs={"libEGL.so.1": "libGLdispatch.so.0", "libGL.so.1": "libGLdispatch.so.0"})
    assert missing_libraries(EGL_ERROR, problem) == ["libGLdispatch.so.0"]


def test_the_message_names_each_library_its_packages_and_the_commands():
    text = explain(["libEGL.so.1", "libglib-2.0.so.0", "libgthread-2.0.so.0"], "backprop-studio")
    assert "lacks 3 system libraries that Qt needs" in text
    assert re.search(r"libEGL\.so\.1 +Debian or Ubuntu: libegl1 +Fedora: libglvnd-egl", text), text
    assert "sudo apt install libegl1 libglib2.0-0\n" in text  # each package once
    assert "sudo dnf install libglvnd-egl glib2\n" in text
    assert "backprop-studio --help" in text and "unexpected" not in text


def test_a_library_not_in_the_table_is_named_with_how_to_find_its_package():
    text = explain(["libOpenGL.so.0"], "backprop-studio")
    assert "lacks a system library that Qt needs" in text
    assert "apt-file search libOpenGL.so.0" in text and "dnf provides '*/libOpenGL.so.0'" in text
    assert "sudo apt install" not in text


def test_the_real_loader_finds_a_library_that_is_not_there_and_not_one_that_is():
    """No stand-in: ctypes tries each library. Qt runs in these tests, so libEGL is here."""
    missing = missing_libraries("libbackprop-absent.so.7: cannot open shared object file")
    assert missing[0] == "libbackprop-absent.so.7"
    assert "libEGL.so.1" not in missing and "libGL.so.1" not in missing


def test_the_table_agrees_with_what_system_deps_installs():
    script = (ROOT / "scripts" / "system-deps.sh").read_text()
    rows = re.findall(r"^(lib\S+\.so\.\d+) (\S+)$", script, flags=re.MULTILINE)
    assert len(rows) > 10
    for soname, debian in rows:
        assert LIBRARIES[soname][0] == debian, soname


def test_the_qt_libraries_ask_for_nothing_that_is_not_in_the_table():
    """Every library Qt's own files ask the system for is in the table, so none is missed
    (read from the ELF headers of PySide6's Qt and its xcb plugin, as `readelf -d` does)."""
    if shutil.which("readelf") is None or not sys.platform.startswith("linux"):
        pytest.skip("needs readelf and Linux, to read what Qt's files ask for")
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    files = [qt / "lib" / f"libQt6{name}.so.6" for name in ("Core", "Gui", "Widgets", "DBus", "XcbQpa")]
    files.append(qt / "plugins" / "platforms" / "libqxcb.so")
    bundled = {path.name for path in (qt / "lib").iterdir()}
    c_runtime = {"libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1", "ld-linux-x86-64.so.2",
                 "libz.so.1", "libzstd.so.1", "libdl.so.2", "libpthread.so.0", "librt.so.1"}
    asked = set()
    for path in files:
        out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True, check=True).stdout
        asked.update(re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", out))
    assert asked, "readelf found no libraries"
    assert asked - bundled - c_runtime - set(LIBRARIES) == set()


def test_main_names_the_missing_libraries_instead_of_something_unexpected(monkeypatch, capsys):
    """The editor's import of Qt fails as it does without libEGL; the check finds libEGL
    and libdbus missing: one message with both, and exit 4."""

    class NoEGL:
        def find_spec(self, name, path=None, target=None):
            if name == "nodeeditor.view.window.app":
                raise ImportError(EGL_ERROR)
            return None

    monkeypatch.delitem(sys.modules, "nodeeditor.view.window.app", raising=False)
    monkeypatch.setattr(sys, "meta_path", [NoEGL(), *sys.meta_path])
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(system_libraries, "load_problem", lacking("libEGL.so.1", "libdbus-1.so.3"))
    assert entry.main([]) == entry.EXIT_MISSING_SYSTEM
    err = capsys.readouterr().err
    assert "this computer lacks 2 system libraries that Qt needs" in err
    assert "sudo apt install libegl1 libdbus-1-3" in err and "sudo dnf install libglvnd-egl dbus-libs" in err
    assert "unexpected" not in err


def test_an_import_error_that_is_not_a_library_stays_unexpected(monkeypatch, capsys):
    class Broken:
        def find_spec(self, name, path=None, target=None):
            if name == "nodeeditor.view.window.app":
                raise ImportError("No module named 'nodeeditor.view.canvas.scene'")
            return None

    monkeypatch.delitem(sys.modules, "nodeeditor.view.window.app", raising=False)
    monkeypatch.setattr(sys, "meta_path", [Broken(), *sys.meta_path])
    monkeypatch.setattr(system_libraries, "load_problem", lacking("libEGL.so.1"))
    assert entry.main([]) == entry.EXIT_UNEXPECTED
    assert "something unexpected went wrong (ImportError" in capsys.readouterr().err


# the real thing -------------------------------------------------------------------------
def _hide_libraries_script(sonames: list[str], command: list[str], logs: Path) -> str:
    """A shell script that, in a mount namespace of its own, lays an overlay on the system's
    library folder with ``sonames`` deleted (only this process sees them gone), then runs
    ``command``."""
    folder = Path(os.path.realpath(next(Path(p) for p in ("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib")
                                        if (Path(p) / "libEGL.so.1").exists())))
    removals = " ".join(f'"{folder}/{s}" "{folder}/{s}".*' for s in sonames)
    quoted = " ".join(f'"{part}"' for part in command)
    return f"""set -e
work=$(mktemp -d)
mkdir "$work/upper" "$work/work"
mount -t overlay overlay -o "lowerdir={folder},upperdir=$work/upper,workdir=$work/work" "{folder}"
rm -f {removals}
cd "{ROOT}"
exec env BACKPROP_STUDIO_LOG_DIR="{logs}" {quoted}
"""


def _can_hide_libraries() -> str | None:
    """Why libraries cannot be hidden here, or None when they can."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0 or shutil.which("unshare") is None:
        return "hiding a system library needs Linux, root and unshare (a private mount namespace)"
    if not any((Path(p) / "libEGL.so.1").exists() for p in ("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib")):
        return "libEGL.so.1 is not in a usual library folder"
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs none /mnt"], capture_output=True)
    return None if probe.returncode == 0 else "mount namespaces are not allowed here"


@pytest.mark.parametrize("sonames", [["libEGL.so.1"], ["libglib-2.0.so.0"], ["libfontconfig.so.1"], ["libdbus-1.so.3"],
                                     ["libGL.so.1", "libfontconfig.so.1"]])
def test_main_py_on_a_system_without_the_library(tmp_path, sonames):
    """main.py with the libraries truly gone (for this process only): Qt's import fails
    for real, and the message names every hidden library."""
    reason = _can_hide_libraries()
    if reason:
        pytest.skip(reason)
    script = _hide_libraries_script(sonames, [sys.executable, "main.py"], tmp_path / "logs")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    out = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode == entry.EXIT_MISSING_SYSTEM, out.stderr
    for soname in sonames:
        assert re.search(rf"{re.escape(soname)} +Debian or Ubuntu: {re.escape(LIBRARIES[soname][0])} ", out.stderr)
    assert f"sudo apt install {' '.join(LIBRARIES[s][0] for s in sonames)}\n" in out.stderr
    assert "unexpected" not in out.stderr and "Traceback" not in out.stderr


def test_the_loaders_words_are_read_through_a_frozen_builds_wrapper(monkeypatch):
    """PyInstaller's ctypes says "Failed to load dynlib/dll 'libgthread-2.0.so.0'" and keeps
    the loader's message ("libglib-2.0.so.0: cannot open ...") as the cause: the library
    really missing is the one the cause names."""

    class FrozenCDLL:
        def __init__(self, name):
            if name == "libgthread-2.0.so.0":
                try:
                    raise OSError("libglib-2.0.so.0: cannot open shared object file: No such file or directory")
                except OSError as cause:
                    raise OSError(f"Failed to load dynlib/dll {name!r}. Most likely this dynlib/dll was not "
                                  "found when the application was frozen.") from cause

    monkeypatch.setattr(system_libraries.ctypes, "CDLL", FrozenCDLL)
    assert system_libraries.load_problem("libgthread-2.0.so.0").startswith("libglib-2.0.so.0: cannot open")
    assert missing_libraries("", system_libraries.load_problem) == ["libglib-2.0.so.0"]
