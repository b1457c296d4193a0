"""Write resources/licenses/: this project's licence and the notices and licence texts of
everything a build bundles (Python, numpy with OpenBLAS and the GCC runtime, Qt and
PySide6 with ICU, PyInstaller's bootloader). Run after changing what a build bundles:
``.venv/bin/python scripts/make_notices.py``. The texts come from this machine: the
installed packages' own licence files, Python's LICENSE.txt and Debian's
/usr/share/common-licenses; tests/test_packaging.py checks the result is complete.
"""
from __future__ import annotations

import shutil
import sys
import sysconfig
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "licenses"
COMMON = Path("/usr/share/common-licenses")
ICU_COPYRIGHT = sorted(Path("/usr/share/doc").glob("libicu[0-9]*/copyright"))

NOTICES = """Backprop Studio: third-party notices
====================================

Backprop Studio itself is under the MIT licence (LICENSE.txt). The built programs
(the single file and the one-folder build, for Linux, Windows and macOS) also carry the
following software, each under its own licence. Each licence text is in this folder.

Python (the interpreter and its standard library)
  Licence: Python Software Foundation License Version 2 (Python-LICENSE.txt)
  Source:  https://www.python.org/downloads/source/

NumPy
  Licence: BSD 3-Clause (numpy-LICENSE.txt, which also holds the licences of what the
           NumPy wheels bundle: OpenBLAS and LAPACK (BSD 3-Clause), and on Linux the GCC
           runtime libraries libgfortran and libquadmath (GPL-3.0 with the GCC Runtime
           Library Exception; LGPL-2.1))
  Source:  https://github.com/numpy/numpy

Qt 6 (QtCore, QtGui, QtWidgets, QtSvg and the platform plugins), PySide6 and Shiboken6
  Licence: GNU Lesser General Public License version 3 (LGPL-3.0.txt, which adds to
           GPL-3.0.txt). Qt is used unmodified, as the separate shared libraries in the
           one-folder build (_internal/PySide6/Qt/lib, or the PySide6 folder on Windows):
           you may replace them with your own build of the same Qt version. The single
           file unpacks that same folder into your cache folder.
  Source:  https://download.qt.io/official_releases/qt/ (Qt) and
           https://download.qt.io/official_releases/QtForPython/ (PySide6, Shiboken6)
  Qt contains third-party code of its own (among them PCRE2, HarfBuzz, libpng, zlib,
  double-conversion, md4c); their notices: https://doc.qt.io/qt-6/licenses-used-in-qt.html

ICU (Unicode support, bundled with Qt on Linux)
  Licence: Unicode License (ICU-LICENSE.txt)
  Source:  https://github.com/unicode-org/icu

PyInstaller bootloader (starts the built programs)
  Licence: GNU General Public License version 2 with the PyInstaller bootloader
           exception, which allows programs built with it to be distributed under any
           licence (GPL-2.0.txt; the exception: https://github.com/pyinstaller/pyinstaller/blob/develop/COPYING.txt)
  Source:  https://github.com/pyinstaller/pyinstaller

On Windows, the builds also carry the Microsoft Visual C++ runtime files that Python and
Qt are built with, redistributable under Microsoft's terms for them.
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "THIRD_PARTY_NOTICES.txt").write_text(NOTICES, encoding="utf-8")
    shutil.copyfile(ROOT / "LICENSE", OUT / "LICENSE.txt")
    python_license = Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt"
    shutil.copyfile(python_license, OUT / "Python-LICENSE.txt")
    numpy_files = [f for f in metadata.distribution("numpy").files or [] if f.name == "LICENSE.txt"]
    shutil.copyfile(numpy_files[0].locate(), OUT / "numpy-LICENSE.txt")
    for name in ("LGPL-3", "GPL-3", "GPL-2"):
        shutil.copyfile(COMMON / name, OUT / f"{name}.0.txt")
    if not ICU_COPYRIGHT:
        sys.exit("no ICU licence found: install Debian's libicu (any version) for its copyright file")
    shutil.copyfile(ICU_COPYRIGHT[-1], OUT / "ICU-LICENSE.txt")
    for path in sorted(OUT.iterdir()):
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
