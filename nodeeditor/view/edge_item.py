"""A wire on the canvas: a bezier curve from an output socket to an input socket."""
from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem

from nodeeditor.model import Edge
from nodeeditor.view import style


def bezier(start: QPointF, end: QPointF) -> QPainterPath:
    """A horizontal S-curve, as node editors draw wires."""
    path = QPainterPath(start)
    dx = max(abs(end.x() - start.x()) * 0.5, 40.0)
    path.cubicTo(QPointF(start.x() + dx, start.y()), QPointF(end.x() - dx, end.y()), end)
    return path


class EdgeItem(QGraphicsPathItem):
    def __init__(self, edge: Edge) -> None:
        super().__init__()
        self.edge = edge
        self.setPen(QPen(style.WIRE_COLOR, 2.2, Qt.SolidLine, Qt.RoundCap))
        self.setZValue(2)  # above node bodies: a wire passing a node is never hidden by it

    def update_path(self, start: QPointF, end: QPointF) -> None:
        self.setPath(bezier(start, end))


class PendingWire(QGraphicsPathItem):
    """The wire that follows the mouse while a connection is being dragged."""

    def __init__(self) -> None:
        super().__init__()
        self.setPen(QPen(style.WIRE_PENDING, 2.2, Qt.DashLine, Qt.RoundCap))
        self.setZValue(3)
