"""Write resources/licenses/: this project's licence and the notices and licence texts of
everything a build bundles. Run after changing what a build bundles:

    .venv/bin/python scripts/make_notices.py [--linux-build dist/BackpropStudio-folder]

THIRD_PARTY_NOTICES.txt names each component with the files of a build that are its
(`Files:` lines, patterns relative to the folder build's _internal/); scripts/check_notices.py
fails on a bundled library no pattern covers, so a new library cannot ship unnoticed.

Where each text comes from: Python's LICENSE.txt and numpy's LICENSE.txt from this machine's
installs; the GPL and LGPL texts from Debian's /usr/share/common-licenses; with
--linux-build, the Debian copyright files of the system libraries that build carries
(Linux-system-libraries.txt: the same packages the build copied them from). Two files are
kept as they are, not written here: ICU-LICENSE.txt (ICU4C 73's own LICENSE; Debian has
another ICU version) and Qt-third-party.txt (scripts/make_qt_notices.py).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sysconfig
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "licenses"
COMMON = Path("/usr/share/common-licenses")
SYSTEM_LIBRARIES = "Linux-system-libraries.txt"


@dataclass(frozen=True)
class Component:
    name: str
    licence: str
    source: str
    files: tuple[str, ...]  # patterns (fnmatch) of a build's files, relative to _internal/


COMPONENTS = (
    Component(
        "Python (the interpreter and its standard library)",
        "Python Software Foundation License Version 2 (Python-LICENSE.txt). On Windows,\n"
        "Python's own libffi (MIT, its notice is in Python-LICENSE.txt's list of\n"
        "incorporated software)",
        "https://www.python.org/downloads/source/",
        ("libpython3*", "python3*/lib-dynload/*", "lib-dynload/*", "Python", "Python.framework/*",
         "python3*.dll", "*.pyd", "libffi-*.dll"),
    ),
    Component(
        "NumPy",
        "BSD 3-Clause (numpy-LICENSE.txt, which also holds the licences of what the\n"
        "NumPy wheels bundle: OpenBLAS and LAPACK (BSD 3-Clause), and on Linux the GCC\n"
        "runtime libraries libgfortran and libquadmath (GPL-3.0 with the GCC Runtime\n"
        "Library Exception; LGPL-2.1))",
        "https://github.com/numpy/numpy",
        ("numpy/*", "numpy.libs/*", "numpy/.dylibs/*"),
    ),
    Component(
        "Qt 6 (QtCore, QtGui, QtWidgets, QtSvg, QtDBus and the platform plugins)",
        "GNU Lesser General Public License version 3 (LGPL-3.0.txt, which adds to\n"
        "GPL-3.0.txt). Qt is used unmodified, as the separate shared libraries in the\n"
        "one-folder build (_internal/PySide6/Qt/lib, or the PySide6 folder on Windows):\n"
        "you may replace them with your own build of the same Qt version. The single\n"
        "file unpacks that same folder into your cache folder. Qt contains code by others\n"
        "(PCRE2, HarfBuzz, zlib, libpng, double-conversion, md4c and more): their\n"
        "copyrights and licence texts are in Qt-third-party.txt",
        "https://download.qt.io/official_releases/qt/",
        ("PySide6/Qt/lib/libQt6*", "PySide6/Qt/lib/Qt*.framework/*", "PySide6/Qt/plugins/*",
         "PySide6/Qt6*.dll", "PySide6/plugins/*", "PySide6/opengl32sw.dll", "PySide6/d3dcompiler_*.dll"),
    ),
    Component(
        "PySide6 and Shiboken6 (Qt for Python)",
        "GNU Lesser General Public License version 3 (LGPL-3.0.txt)",
        "https://download.qt.io/official_releases/QtForPython/",
        ("PySide6/*.so", "PySide6/*.pyd", "PySide6/libpyside6*", "PySide6/pyside6*.dll",
         "shiboken6/*"),
    ),
    Component(
        "ICU 73.2 (Unicode support, bundled with Qt on Linux)",
        "Unicode License (ICU-LICENSE.txt: ICU4C 73's own LICENSE file, as released\n"
        "with 73.1; 73.2 is a maintenance release of it)",
        "https://github.com/unicode-org/icu/releases/tag/release-73-2",
        ("PySide6/Qt/lib/libicu*",),
    ),
    Component(
        "The X11 helper libraries Qt's xcb platform plugin needs (Linux): libxcb-cursor,\n"
        "libxcb-glx, libxcb-icccm, libxcb-image, libxcb-keysyms, libxcb-randr,\n"
        "libxcb-render, libxcb-render-util, libxcb-shape, libxcb-shm, libxcb-sync,\n"
        "libxcb-util, libxcb-xfixes, libxcb-xkb, libxkbcommon, libxkbcommon-x11; and\n"
        "libffi, which Python's ctypes module needs",
        "MIT/X11-style licences, each printed in full in Linux-system-libraries.txt with\n"
        "its copyright holders: the Debian copyright files of the packages (and\n"
        "versions) they were copied from",
        "https://xcb.freedesktop.org, https://xkbcommon.org, https://github.com/libffi/libffi",
        ("libxcb-*.so*", "libxkbcommon.so*", "libxkbcommon-x11.so*", "libffi.so*"),
    ),
    Component(
        "PyInstaller bootloader (starts the built programs)",
        "GNU General Public License version 2 with the PyInstaller bootloader\n"
        "exception, which allows programs built with it to be distributed under any\n"
        "licence (GPL-2.0.txt; the exception: https://github.com/pyinstaller/pyinstaller/blob/develop/COPYING.txt)",
        "https://github.com/pyinstaller/pyinstaller",
        ("BackpropStudio", "BackpropStudio.exe"),
    ),
    Component(
        "Microsoft Visual C++ runtime (Windows)",
        "Redistributable under Microsoft's terms for the Visual C++ runtime files that\n"
        "Python and Qt are built with",
        "https://learn.microsoft.com/cpp/windows/latest-supported-vc-redist",
        ("VCRUNTIME140*.dll", "vcruntime140*.dll", "MSVCP140*.dll", "msvcp140*.dll", "ucrtbase.dll",
         "api-ms-win-*.dll", "PySide6/MSVCP140*.dll", "PySide6/msvcp140*.dll", "PySide6/VCRUNTIME140*.dll",
         "PySide6/vcruntime140*.dll", "numpy.libs/msvcp140-*.dll", "shiboken6/MSVCP140*.dll", "shiboken6/msvcp140*.dll",
         "shiboken6/VCRUNTIME140*.dll", "shiboken6/vcruntime140*.dll"),
    ),
)

INTRO = """Backprop Studio: third-party notices
====================================

Backprop Studio itself is under the MIT licence (LICENSE.txt). The built programs
(the single file and the one-folder build, for Linux, Windows and macOS) also carry the
following software, each under its own licence. Each licence text is in this folder.
"Files:" names the files of the one-folder build (inside _internal/) that each one is.
"""


def notices() -> str:
    parts = [INTRO]
    for component in COMPONENTS:
        lines = [component.name, *_indented("Licence: ", component.licence), f"  Source:  {component.source}"]
        lines.append(f"  Files:   {', '.join(component.files)}")
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


def _indented(label: str, text: str) -> list[str]:
    first, *rest = text.splitlines()
    return [f"  {label}{first}", *(f"  {' ' * len(label)}{line}" for line in rest)]


def system_libraries(build: Path) -> str:
    """The Debian copyright file of each system library the Linux folder build carries,
    found through dpkg from the library's name."""
    internal = build / "_internal"
    patterns = next(c for c in COMPONENTS if c.name.startswith("The X11 helper")).files
    libraries = sorted(p.name for p in internal.iterdir() if any(p.match(pattern) for pattern in patterns))
    packages: dict[str, list[str]] = {}
    for name in libraries:
        owner = _dpkg("-S", f"*/{name}").split(":", 1)[0]
        packages.setdefault(owner, []).append(name)
    out = ["Backprop Studio for Linux: the system libraries the one-folder build carries",
           "===========================================================================", "",
           "Copied from Debian 12's packages when the build was made; each package's copyright",
           "file follows, as Debian ships it with that version.", ""]
    out += [f"  {', '.join(names)}: Debian package {package} {_dpkg('-W', '-f=${Version}', package)}"
            for package, names in sorted(packages.items())]
    shown: dict[str, str] = {}  # a copyright file's text -> the package it was printed for
    for package in sorted(packages):
        title = f"{package} {_dpkg('-W', '-f=${Version}', package)}"
        text = Path(f"/usr/share/doc/{package}/copyright").read_text(encoding="utf-8").rstrip()
        out += ["", "", title, "-" * len(title), "",
                f"(the same copyright file as {shown[text]}, above)" if text in shown else text]
        shown.setdefault(text, package)
    return "\n".join(out) + "\n"


def _dpkg(*args: str) -> str:
    command = ["dpkg-query", *args] if args[0] == "-W" else ["dpkg", *args]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip().splitlines()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--linux-build", type=Path, help="a Linux one-folder build, for its system libraries")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "THIRD_PARTY_NOTICES.txt").write_text(notices(), encoding="utf-8")
    shutil.copyfile(ROOT / "LICENSE", OUT / "LICENSE.txt")
    shutil.copyfile(Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt", OUT / "Python-LICENSE.txt")
    numpy_files = [f for f in metadata.distribution("numpy").files or [] if f.name == "LICENSE.txt"]
    shutil.copyfile(numpy_files[0].locate(), OUT / "numpy-LICENSE.txt")
    for name in ("LGPL-3", "GPL-3", "GPL-2"):
        shutil.copyfile(COMMON / name, OUT / f"{name}.0.txt")
    if args.linux_build:
        (OUT / SYSTEM_LIBRARIES).write_text(system_libraries(args.linux_build), encoding="utf-8")
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(ROOT)} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
