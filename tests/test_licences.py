"""The licences cover what ships: every shared library of a build is named in the notices
(scripts/check_notices.py), and ICU's and Qt's texts are those of the versions bundled."""
from __future__ import annotations

import ctypes
import re
import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import qVersion

from scripts.check_notices import covers, problems
from scripts.make_notices import COMPONENTS
from tests.conftest import ROOT

LICENSES = ROOT / "resources" / "licenses"
LINUX_BUILD = ROOT / "dist" / "BackpropStudio-folder"
NO_LINUX_BUILD = "no Linux one-folder build in dist/: `make dist` makes one (in CI, make dist-check runs before the tests)"


def fake_build(folder: Path, libraries: list[str]) -> Path:
    """A one-folder build holding the project's licences and the given (ELF) libraries."""
    internal = folder / "_internal"
    shutil.copytree(LICENSES, internal / "resources" / "licenses")
    for name in libraries:
        (internal / name).parent.mkdir(parents=True, exist_ok=True)
        (internal / name).write_bytes(b"\x7fELF" + bytes(60))
    return folder


def test_a_bundled_library_the_notices_do_not_name_fails_the_check(tmp_path):
    build = fake_build(tmp_path, ["libxcb-cursor.so.0", "PySide6/Qt/lib/libQt6Core.so.6", "libsurprise.so.1"])
    wrong, count = problems(build)
    assert count == 3
    assert len(wrong) == 1 and "libsurprise.so.1 is bundled but no 'Files:' pattern" in wrong[0]


def test_a_licence_text_the_notices_name_must_be_in_the_build(tmp_path):
    build = fake_build(tmp_path, ["libffi.so.8"])
    (build / "_internal" / "resources" / "licenses" / "ICU-LICENSE.txt").unlink()
    wrong, _ = problems(build)
    assert wrong == [f"{build}: THIRD_PARTY_NOTICES.txt refers to ICU-LICENSE.txt, which the build lacks"]


@pytest.mark.parametrize("pattern, path, expected", [
    ("*.pyd", "_ctypes.pyd", True),
    ("*.pyd", "PySide6/QtCore.pyd", False),  # a star stays within its folder
    ("PySide6/Qt/plugins/*", "PySide6/Qt/plugins/platforms/libqxcb.so", True),  # a folder's /* reaches below it
    ("libxcb-*.so*", "libxcb-util.so.1", True),
    ("libxcb-*.so*", "libxcb.so.1", False),
])
def test_file_patterns(pattern, path, expected):
    assert covers(pattern, path) is expected


@pytest.mark.skipif(not LINUX_BUILD.is_dir(), reason=NO_LINUX_BUILD)
def test_every_shared_library_of_the_linux_folder_build_is_named_in_its_notices():
    wrong, count = problems(LINUX_BUILD)
    assert count > 50 and wrong == []
    system = next(c for c in COMPONENTS if c.name.startswith("The X11 helper")).files
    copied = [p.name for p in (LINUX_BUILD / "_internal").iterdir() if any(covers(f, p.name) for f in system)]
    listed = (LICENSES / "Linux-system-libraries.txt").read_text(encoding="utf-8")
    assert len(copied) >= 17 and [n for n in copied if f"  {n}: Debian package " not in listed] == []


def icu_version(library: Path) -> str:
    major = re.search(r"\.so\.(\d+)$", library.name).group(1)
    numbers = (ctypes.c_uint8 * 4)()
    getattr(ctypes.CDLL(str(library)), f"u_getVersion_{major}")(numbers)
    return ".".join(map(str, numbers[:2]))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's wheels bundle ICU on Linux only")
def test_the_icu_licence_is_for_the_icu_version_qt_bundles():
    import PySide6

    library = next((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicuuc.so.*"))
    version = icu_version(library)
    notices = (LICENSES / "THIRD_PARTY_NOTICES.txt").read_text(encoding="utf-8")
    assert f"ICU {version} " in notices
    licence = (LICENSES / "ICU-LICENSE.txt").read_text(encoding="utf-8")
    assert licence.startswith("UNICODE, INC. LICENSE AGREEMENT") and "Copyright © 1991-2023 Unicode" in licence


def test_qt_third_party_notices_are_text_for_the_bundled_qt_version():
    text = (LICENSES / "Qt-third-party.txt").read_text(encoding="utf-8")
    qt_minor = ".".join(qVersion().split(".")[:2])
    assert re.match(rf"Qt {re.escape(qt_minor)}\.\d+: third-party code", text), text[:80]
    for component in ("PCRE2", "HarfBuzz", "Data Compression Library (zlib)", "LibPNG",
                      "Binary-Decimal and Decimal-Binary Conversion"):
        assert component.lower() in text.lower(), component
    assert text.count("Redistribution and use in source and binary forms") >= 5  # licence texts, not links
