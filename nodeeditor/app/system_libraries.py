"""The system libraries Qt needs on Linux, and which of them this computer lacks (no Qt).

Qt's wheels and the frozen builds bring Qt itself, but take OpenGL, fontconfig, GLib,
D-Bus, X11 and xkbcommon from the system (as every desktop has them), and the wheels the
xcb helpers too. On a minimal system one of them can be missing, and Python then fails to
import Qt with "ImportError: libEGL.so.1: cannot open shared object file". When that
happens, every library in the table is tried (a dlopen, as Qt's own loading would), so
that the student learns all the missing ones at once, with the packages that have them.
"""
from __future__ import annotations

import ctypes
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from nodeeditor.app import texts
from nodeeditor.plural import plural

#: soname -> (the Debian and Ubuntu package, the Fedora package) that has it; the order is
#: the order they are named in. What Qt's libraries, its xcb platform plugin and
#: OpenGL's dispatch libraries ask the system for (scripts/system-deps.sh installs them
#: from source on Debian and Ubuntu; a test checks the two agree).
LIBRARIES: dict[str, tuple[str, str]] = {
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libGLX.so.0": ("libglx0", "libglvnd-glx"),
    "libGLdispatch.so.0": ("libglvnd0", "libglvnd"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
}

#: a library's file name in a loader's message ("libEGL.so.1: cannot open shared object file")
SONAME = re.compile(r"\blib[\w.+-]*?\.so(?:\.\d+)*")



def is_library_error(error: BaseException) -> bool:
    """Whether ``error`` is the dynamic loader's: a shared library could not be loaded."""
    return isinstance(error, ImportError) and sys.platform.startswith("linux") and bool(SONAME.search(str(error)))


def load_problem(soname: str) -> str | None:
    """None when ``soname`` loads (from the system, or from the libraries this program
    brings along), else the loader's reason."""
    try:
        ctypes.CDLL(soname)
        return None
    except OSError as error:
        reason = _loader_message(error)
    for folder in bundled_folders():
        path = folder / soname
        if path.exists():
            try:
                ctypes.CDLL(str(path))
                return None
            except OSError as error:
                return _loader_message(error)
    return reason


def _loader_message(error: BaseException) -> str:
    """The dynamic loader's own words. A frozen build's ctypes replaces them with "Failed
    to load dynlib/dll ...", keeping them as the cause."""
    while error.__cause__ is not None:
        error = error.__cause__
    return str(error)


def bundled_folders() -> list[Path]:
    """Where this program keeps libraries of its own: a frozen build's folder, and the
    Qt folder of PySide6 (found without importing it)."""
    folders = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        folders += [Path(frozen), Path(frozen) / "PySide6" / "Qt" / "lib"]
    from importlib.util import find_spec

    try:
        spec = find_spec("PySide6")
    except (ImportError, ValueError):
        spec = None
    for location in (spec.submodule_search_locations or []) if spec else []:
        folders.append(Path(location) / "Qt" / "lib")
    return [folder for folder in folders if folder.is_dir()]


def missing_libraries(error_text: str = "", problem: Callable[[str], str | None] | None = None) -> list[str]:
    """The libraries that cannot be loaded (``problem`` says why, load_problem unless
    given), the one ``error_text`` names first. A library that is there but needs a
    missing one is not itself missing: the one it needs is."""
    problem = problem or load_problem
    named = SONAME.findall(error_text)
    missing: list[str] = []
    for soname in dict.fromkeys([*named, *LIBRARIES]):
        reason = problem(soname)
        if reason is None:
            continue
        culprit = next(iter(SONAME.findall(reason)), soname)
        if culprit not in missing:
            missing.append(culprit)
    return missing


def explain(missing: list[str], program: str) -> str:
    """What to tell the student: each missing library with its packages, then the commands
    that install them all."""
    lines = [plural(len(missing), texts.HEADLINE_ONE, texts.HEADLINE_MANY).format(count=len(missing))]
    for library in missing:
        if library in LIBRARIES:
            debian, fedora = LIBRARIES[library]
            lines.append(texts.ROW.format(library=library, debian=debian, fedora=fedora))
        else:
            lines.append(texts.ROW_UNKNOWN.format(library=library))
    known = [LIBRARIES[library] for library in missing if library in LIBRARIES]
    if known:
        lines.append(plural(len(missing), texts.INSTALL_ONE, texts.INSTALL_MANY))
        lines.append(texts.INSTALL_DEBIAN.format(packages=" ".join(_unique(debian for debian, _ in known))))
        lines.append(texts.INSTALL_FEDORA.format(packages=" ".join(_unique(fedora for _, fedora in known))))
    lines.append(texts.WITHOUT_QT.format(program=program))
    return "\n".join(lines)


def _unique(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(names))
