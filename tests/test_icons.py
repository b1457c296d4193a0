"""The program's icon at every size each system asks for: the Windows .ico, the macOS
.icns, and the hicolor theme sizes the Linux install puts in place."""
from __future__ import annotations

import subprocess
import sys

import pytest

from scripts.icon_files import HICOLOR_SIZES, ICNS_TYPES, ICO_SIZES, png_size, read_icns, read_ico, write_icns
from tests.conftest import ROOT

ICONS = ROOT / "resources" / "icons"


def test_the_ico_holds_every_size_windows_shows_from_16_to_256_px():
    entries = read_ico((ICONS / "app.ico").read_bytes())
    assert ICO_SIZES == (16, 24, 32, 48, 64, 128, 256)
    assert [(w, h) for w, h, _ in entries] == [(s, s) for s in ICO_SIZES]
    assert all(png == (w, h) for w, h, png in entries)  # each image is as big as its entry says


def test_the_icns_holds_the_full_set_from_16_to_1024_px():
    elements = read_icns((ICONS / "app.icns").read_bytes())
    assert elements == {kind: (size, size) for kind, size in ICNS_TYPES.items()}
    assert {"icp4", "icp5", "icp6", "ic07", "ic08", "ic09", "ic10", "ic11", "ic12", "ic13", "ic14"} == set(elements)


def test_reading_an_icns_notices_a_wrong_length():
    good = write_icns({size: (ICONS / "hicolor-16.png").read_bytes() for size in set(ICNS_TYPES.values())})
    with pytest.raises(ValueError):
        read_icns(good[:-1])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="install.sh registers the program on Linux desktops")
def test_the_linux_install_puts_every_hicolor_size_in_place(tmp_path):
    program = tmp_path / "BackpropStudio"
    program.touch()
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(["sh", str(ROOT / "resources" / "linux" / "install.sh"), str(program)],
                         capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    theme = tmp_path / ".local" / "share" / "icons" / "hicolor"
    placed = {p.parent.parent.name: png_size(p.read_bytes()) for p in theme.glob("*x*/apps/backprop-studio.png")}
    assert placed == {f"{s}x{s}": (s, s) for s in HICOLOR_SIZES}
    assert (theme / "scalable" / "apps" / "backprop-studio.svg").read_bytes() == (ICONS / "app.svg").read_bytes()
    desktop = (tmp_path / ".local" / "share" / "applications" / "backprop-studio.desktop").read_text()
    assert f'Exec="{program}" %f' in desktop and "Icon=backprop-studio" in desktop
