"""A number travelling along a wire: how a gradient (or a value) moves while playing."""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, QVariantAnimation
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene


class FlowMarker(QGraphicsItem):
    def __init__(self, text: str, color: QColor) -> None:
        super().__init__()
        self.text, self.color = text, color
        self.setZValue(5)
        font = QFont()
        font.setBold(True)
        self.font = font

    def boundingRect(self) -> QRectF:
        width = 14 + 8 * len(self.text)
        return QRectF(-width / 2, -11, width, 22)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setPen(QPen(self.color, 1.5))
        painter.setBrush(QBrush(QColor(255, 255, 255, 235)))
        painter.drawRoundedRect(self.boundingRect(), 10, 10)
        painter.setFont(self.font)
        painter.drawText(self.boundingRect(), Qt.AlignCenter, self.text)


def animate_along(scene: QGraphicsScene, path: QPainterPath, text: str, color: QColor,
                  reverse: bool, duration_ms: int) -> QVariantAnimation:
    """Move a marker along ``path`` (backwards when ``reverse``), then remove it."""
    marker = FlowMarker(text, color)
    scene.addItem(marker)
    animation = QVariantAnimation(scene)
    animation.setStartValue(1.0 if reverse else 0.0)
    animation.setEndValue(0.0 if reverse else 1.0)
    animation.setDuration(duration_ms)
    animation.valueChanged.connect(lambda t: marker.setPos(path.pointAtPercent(float(t))))
    animation.finished.connect(lambda: scene.removeItem(marker) if marker.scene() is scene else None)
    marker.setPos(path.pointAtPercent(1.0 if reverse else 0.0))
    animation.start(QVariantAnimation.DeleteWhenStopped)
    return animation
