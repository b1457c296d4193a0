"""A wire on the canvas: a bezier curve from an output socket to an input socket."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QStyleOptionGraphicsItem, QWidget

from nodeeditor.model import Edge
from nodeeditor.model.values import shape_text
from nodeeditor.view import style, texts


def bezier(start: QPointF, end: QPointF) -> QPainterPath:
    """A horizontal S-curve, as node editors draw wires."""
    return _curve(start.x(), start.y(), end.x(), end.y())


def _curve(x0: float, y0: float, x1: float, y1: float) -> QPainterPath:
    path = QPainterPath(QPointF(x0, y0))
    dx = max(abs(x1 - x0) * 0.5, 40.0)
    path.cubicTo(x0 + dx, y0, x1 - dx, y1, x1, y1)
    return path


class EdgeItem(QGraphicsPathItem):
    """A wire; when the value it carries is not a single number, its shape sits on it
    in a small tag, such as ``(2, 3)``, so a student can follow shapes through the graph.

    The wire itself is Qt's own path item (no Python is called to index or paint it, which
    counts when 20,000 wires are put back at once); the tag is a child item, made only
    for the wires that carry arrays."""

    def __init__(self, edge: Edge) -> None:
        super().__init__()
        self.edge = edge
        self.tag: ShapeTag | None = None
        #: (x, y) of the output socket and of the input socket the path was made for
        self.ends: tuple[float, float, float, float] | None = None
        self.setPen(_wire_pen())
        self.setZValue(2)  # above node bodies: a wire passing a node is never hidden by it
        #: the local derivative shown beside the wire while its path is lit
        self.derivative: DerivativeTag | None = None

    @property
    def shape_label(self) -> str:
        """The shape shown on the wire, such as "(2, 3)"; "" when none is."""
        return self.tag.text if self.tag is not None and self.tag.isVisible() else ""

    def set_ends(self, ends: tuple[float, float, float, float]) -> None:
        """Run from the output socket at (ends[0], ends[1]) to the input at (ends[2], ends[3])
        (nothing to do when it already does: an undo puts back wires whose nodes did not move)."""
        if ends != self.ends:
            self.ends = ends
            self.setPath(_curve(*ends))
            if self.tag is not None:
                self.tag.setPos(self._tag_point())

    def _tag_point(self) -> QPointF:
        """Where the shape tag sits: on the wire just before the input it enters, where no
        other wire's tag is (two wires into one node end 20 apart; from one source they
        start together), or in the middle when the gap between the nodes is too narrow."""
        x0, y0, x1, y1 = self.ends or (0.0, 0.0, 0.0, 0.0)
        half = self.tag.boundingRect().width() / 2 if self.tag is not None else 0.0
        x = x1 - half - TAG_GAP
        if x - half < x0 + TAG_GAP:
            return QPointF((x0 + x1) / 2, (y0 + y1) / 2)  # the middle of the S-curve
        path, low, high = self.path(), 0.5, 1.0
        for _ in range(12):  # the point of the curve at that x (x grows along it)
            middle = (low + high) / 2
            low, high = (middle, high) if path.pointAtPercent(middle).x() < x else (low, middle)
        return QPointF(x, path.pointAtPercent(low).y())

    def set_shape(self, shape: tuple[int, ...] | None) -> None:
        """Show ``shape`` on the wire ('' for a single number or no value)."""
        label = shape_text(shape) if shape else ""
        if label == self.shape_label:
            return
        if label and self.tag is None:
            self.tag = ShapeTag(self)
        if self.tag is not None:
            self.tag.set_text(label)
            self.tag.setPos(self._tag_point())
            self.tag.setVisible(bool(label))
        self.setToolTip(texts.WIRE_SHAPE.format(shape=label) if label else "")

    def set_lit(self, on: bool | None, label: str = "") -> None:
        """On a lit path (``on``), thick and coloured with ``label`` beside it; off it,
        dimmed; None: as usual."""
        self.setPen(_path_pen() if on else _wire_pen())
        self.setOpacity(style.DIMMED_OPACITY if on is False else 1.0)
        self.setZValue(4 if on else 2)
        if label and self.derivative is None:
            self.derivative = DerivativeTag(self)
        if self.derivative is not None:
            self.derivative.set_text(label)
            self.derivative.setPos(self.path().pointAtPercent(0.5) - QPointF(0, 16))
            self.derivative.setVisible(bool(label))

    @property
    def derivative_label(self) -> str:
        """The local derivative shown beside the wire ('' when none is)."""
        tag = self.derivative
        return tag.text if tag is not None and tag.isVisible() else ""

    def label_rect(self) -> QRectF:
        """Where the shape tag is drawn, in scene coordinates (empty without one)."""
        if not self.shape_label:
            return QRectF()
        return self.tag.mapRectToScene(self.tag.boundingRect())


class ShapeTag(QGraphicsItem):
    """The rounded tag with a wire's shape, centred on the middle of its wire."""

    #: (border pen colour and width, text colour), as class attributes a kind of tag sets
    BORDER = (style.WIRE_COLOR, 1.0)
    TEXT = style.SHAPE_TEXT

    def __init__(self, wire: EdgeItem) -> None:
        super().__init__(wire)
        self.text = ""
        self._rect = QRectF()

    def set_text(self, text: str) -> None:
        if text != self.text:
            self.prepareGeometryChange()
            self.text = text
            width = QFontMetricsF(_label_font()).horizontalAdvance(text) + 10
            self._rect = QRectF(-width / 2, -9, width, 18)

    def boundingRect(self) -> QRectF:
        return QRectF(self._rect)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if option.levelOfDetailFromTransform(painter.worldTransform()) < style.DETAIL_THRESHOLD:
            return
        painter.setPen(QPen(*self.BORDER))
        painter.setBrush(QBrush(style.NODE_BODY))
        painter.drawRoundedRect(self._rect, 8, 8)
        painter.setFont(_label_font())
        painter.setPen(self.TEXT)
        painter.drawText(self._rect, Qt.AlignCenter, self.text)


class DerivativeTag(ShapeTag):
    """The local derivative a lit wire carries (∂pow1/∂x0 = 12), beside its middle."""

    BORDER = (style.PATH_COLOR, 1.5)
    TEXT = style.GRADIENT_COLOR


#: Room between a shape tag and the input socket its wire enters.
TAG_GAP = 12.0
_PENS: list[QPen] = []


def _wire_pen() -> QPen:
    """One pen for every wire (made after the application exists)."""
    if not _PENS:
        _PENS.append(QPen(style.WIRE_COLOR, 2.2, Qt.SolidLine, Qt.RoundCap))
    return _PENS[0]


def _path_pen() -> QPen:
    if len(_PENS) < 2:
        _wire_pen()
        _PENS.append(QPen(style.PATH_COLOR, 4.0, Qt.SolidLine, Qt.RoundCap))
    return _PENS[1]


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
