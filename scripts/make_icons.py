"""Renders resources/icons/app.svg to the icons every system wants (run after editing it):

    app.png               512 px, the window's icon
    app.ico               Windows: 16, 24, 32, 48, 64, 128 and 256 px
    app.icns              macOS: 16 to 1024 px (icon_files.ICNS_TYPES)
    hicolor-<N>.png       Linux: the hicolor theme's sizes, which resources/linux/install.sh
                          puts in place (512 is app.png, and app.svg is the scalable one)
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"

from icon_files import HICOLOR_SIZES, ICNS_TYPES, ICO_SIZES, write_icns, write_ico  # noqa: E402
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402


def render(size: int) -> bytes:
    """app.svg as a PNG of ``size`` x ``size`` pixels."""
    image = QImage(size, size, QImage.Format_ARGB32)
    image.fill(Qt.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    QSvgRenderer(str(ICONS / "app.svg")).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SystemExit(f"could not render {size} px")
    return bytes(data)


def write(name: str, data: bytes) -> None:
    (ICONS / name).write_bytes(data)
    print(f"wrote resources/icons/{name} ({len(data):,} bytes)")


def main() -> None:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - Qt needs it to paint text
    pngs = {size: render(size) for size in sorted({*ICO_SIZES, *ICNS_TYPES.values(), *HICOLOR_SIZES})}
    write("app.png", pngs[512])
    write("app.ico", write_ico({size: pngs[size] for size in ICO_SIZES}))
    write("app.icns", write_icns(pngs))
    for size in HICOLOR_SIZES:
        if size != 512:
            write(f"hicolor-{size}.png", pngs[size])


if __name__ == "__main__":
    main()
