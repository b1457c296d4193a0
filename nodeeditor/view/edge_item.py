"""A wire on the canvas: a bezier curve from an output socket to an input socket."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QStyleOptionGraphicsItem, QWidget

from nodeeditor.model import Edge
from nodeeditor.model.values import shape_text
from nodeeditor.view import style


def bezier(start: QPointF, end: QPointF) -> QPainterPath:
    """A horizontal S-curve, as node editors draw wires."""
    path = QPainterPath(start)
    dx = max(abs(end.x() - start.x()) * 0.5, 40.0)
    path.cubicTo(QPointF(start.x() + dx, start.y()), QPointF(end.x() - dx, end.y()), end)
    return path


class EdgeItem(QGraphicsPathItem):
    """A wire; when the value it carries is not a single number, its shape sits on it
    in a small tag, such as ``(2, 3)``, so a student can follow shapes through the graph."""

    def __init__(self, edge: Edge) -> None:
        super().__init__()
        self.edge = edge
        self.shape_label = ""
        self.setPen(_wire_pen())
        self.setZValue(2)  # above node bodies: a wire passing a node is never hidden by it

    def update_path(self, start: QPointF, end: QPointF) -> None:
        self.prepareGeometryChange()
        self.setPath(bezier(start, end))

    def set_shape(self, shape: tuple[int, ...] | None) -> None:
        """Show ``shape`` on the wire ('' for a single number or no value)."""
        label = shape_text(shape) if shape else ""
        if label != self.shape_label:
            self.prepareGeometryChange()
            self.shape_label = label
            self.setToolTip(f"This wire carries an array of shape {label}" if label else "")
            self.update()

    def label_rect(self) -> QRectF:
        """Where the shape tag is drawn: centred on the middle of the wire."""
        metrics = QFontMetricsF(_label_font())
        width = metrics.horizontalAdvance(self.shape_label) + 10
        middle = self.path().pointAtPercent(0.5)
        return QRectF(middle.x() - width / 2, middle.y() - 9, width, 18)

    def boundingRect(self) -> QRectF:
        rect = super().boundingRect()
        return rect.united(self.label_rect()) if self.shape_label else rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        super().paint(painter, option, widget)
        if not self.shape_label or option.levelOfDetailFromTransform(painter.worldTransform()) < style.DETAIL_THRESHOLD:
            return
        rect = self.label_rect()
        painter.setPen(QPen(style.WIRE_COLOR, 1))
        painter.setBrush(QBrush(style.NODE_BODY))
        painter.drawRoundedRect(rect, 8, 8)
        painter.setFont(_label_font())
        painter.setPen(style.SHAPE_TEXT)
        painter.drawText(rect, Qt.AlignCenter, self.shape_label)


_PENS: list[QPen] = []


def _wire_pen() -> QPen:
    """One pen for every wire (made after the application exists)."""
    if not _PENS:
        _PENS.append(QPen(style.WIRE_COLOR, 2.2, Qt.SolidLine, Qt.RoundCap))
    return _PENS[0]


def _label_font() -> QFont:
    font = QFont()
    font.setPointSizeF(style.FONT_POINT_SIZE - 1)
    font.setBold(True)
    return font


class PendingWire(QGraphicsPathItem):
    """The wire that follows the mouse while a connection is being dragged."""

    def __init__(self) -> None:
        super().__init__()
        self.setPen(QPen(style.WIRE_PENDING, 2.2, Qt.DashLine, Qt.RoundCap))
        self.setZValue(3)
