"""View → Text Size: the interface's text (menus, panels, the caption above the canvas)
at 100 %, 125 % or 150 %, for a laptop, a big screen or a projector. Kept between starts;
the presentation mode enlarges the caption further."""
from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

#: the sizes offered, by their menu name, as a factor of the system's text size
SIZES = {"Normal": 1.0, "Large": 1.25, "Projector": 1.5}
KEY = "view/textSize"

_system_points: float | None = None  # the application's text size before any change


def saved_size(settings: QSettings) -> str:
    name = settings.value(KEY, "Normal")
    return name if name in SIZES else "Normal"


def apply_size(name: str) -> float:
    """Set the application's text to the size called ``name``; its factor."""
    global _system_points
    factor = SIZES.get(name, 1.0)
    font = QFont(QApplication.font())
    if _system_points is None:
        _system_points = font.pointSizeF() if font.pointSizeF() > 0 else 9.0
    font.setPointSizeF(_system_points * factor)
    QApplication.setFont(font)
    return factor
