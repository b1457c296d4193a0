"""Renders resources/icons/app.svg to app.png, app.ico and app.icns (run after editing it)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402


def render(size: int) -> QImage:
    image = QImage(size, size, QImage.Format_ARGB32)
    image.fill(Qt.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    QSvgRenderer(str(ICONS / "app.svg")).render(painter)
    painter.end()
    return image


def main() -> None:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - Qt needs it to paint text
    for name, size in (("app.png", 512), ("app.ico", 256), ("app.icns", 512)):
        if not render(size).save(str(ICONS / name)):
            raise SystemExit(f"could not write {name}")
        print(f"wrote resources/icons/{name}")


if __name__ == "__main__":
    main()
