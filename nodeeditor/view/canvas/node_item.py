"""A node on the canvas: rounded box, coloured header with the operation's symbol,
input sockets on the left, the output socket on the right, values in green and
gradients in red beside the sockets."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QGraphicsSceneHoverEvent, QStyleOptionGraphicsItem, QWidget

from nodeeditor.compiler import NodeResult
from nodeeditor.model import Node, format_array
from nodeeditor.model.values import shape_text
from nodeeditor.view import style, texts

_FLAGS = QGraphicsItem.ItemIsMovable | QGraphicsItem.ItemIsSelectable
_NO_RESULT = NodeResult()
_NO_PEN = QPen(Qt.NoPen)
#: (body, bounds) by (number of inputs, badge shown): every node of a kind has the same
_RECTS: dict[tuple[int, bool], tuple[QRectF, QRectF]] = {}
#: (y of each input socket by port, y of the output socket) by the kind's inputs
_SOCKETS: dict[tuple[str, ...], tuple[dict[str, float], float]] = {}
#: How near a socket a press or a drop counts as on it, in the node's units (the scene
#: widens it when zoomed out, so that it is never less than a fingertip on the screen)
SOCKET_REACH = style.SOCKET_RADIUS + 10
#: Zoomed out, the port names of a node with several inputs sit in a strip this wide
COMPACT_PORT_WIDTH = 24.0


class NodeItem(QGraphicsRectItem):
    """Paints one model Node; knows where its sockets are. Computes nothing.

    A rectangle item only so that Qt knows its bounds without calling Python (it asks
    for them several times per item whenever items are indexed or painted); the
    rectangle is the node's bounds and paint() draws everything."""

    def __init__(self, node: Node) -> None:
        super().__init__()
        self.node = node
        self.result = _NO_RESULT
        # No itemChange and no geometry-change notices: a Python call per change of every
        # item cost more than the item itself. The scene moves the wires while dragging.
        self.setFlags(_FLAGS)
        self.setPen(_NO_PEN)  # the bounds are the rectangle itself, not widened by a pen
        self.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        self.setAcceptHoverEvents(True)
        self.setPos(*node.position)
        self.setZValue(1)
        self.highlighted = False
        #: locked by the teacher of an assignment (see set_locked)
        self.locked = False
        #: the output's name when this node is the graph's output (a badge above it)
        self.output_name: str | None = None
        self.badge: str | None = None
        self._hovered = False
        #: shown in the gradient's row instead of it: "grad ?" while guessing, a tangent
        #: "ẋ 0.88" in forward mode (text and colour), or None
        self.overlay: tuple[str, QColor] | None = None
        self._relayout()

    # geometry -----------------------------------------------------------
    # Rows, top to bottom: one per input (its socket on the left, the gradient sent back
    # through it), then the value (the output socket on the right), then the gradient.
    # Each label has a row of its own, so no two can overlap, whatever their length.
    def _value_row(self) -> int:
        return len(self._inputs)

    def _relayout(self) -> None:
        """Work out the node's rectangles once (Qt asks for them many times a paint)."""
        self._inputs = self.node.spec.inputs
        key = (len(self._inputs), bool(self.output_name) or self.locked)  # (a tab above: room for it)
        if key not in _RECTS:
            # at least three rows, so that a Variable zoomed far out has room for its numbers
            rows = max(len(self._inputs) + 2, 3)
            body = QRectF(0, 0, style.NODE_WIDTH, style.HEADER_HEIGHT + rows * style.ROW_HEIGHT + style.BODY_PADDING)
            r = style.SOCKET_RADIUS + 2
            _RECTS[key] = (body, body.adjusted(-r, -r - (style.BADGE_HEIGHT if key[1] else 0), r, r))
        self._body, self._bounds = _RECTS[key]
        self.setRect(self._bounds)  # (Qt notes the change of geometry itself)
        inputs = tuple(self._inputs)
        if inputs not in _SOCKETS:
            middle = style.HEADER_HEIGHT + style.ROW_HEIGHT / 2
            _SOCKETS[inputs] = ({port: middle + row * style.ROW_HEIGHT for row, port in enumerate(inputs)},
                                middle + len(inputs) * style.ROW_HEIGHT)
        #: where the sockets are, as heights in the node (the wires ask for them often)
        self.input_y, self.output_y = _SOCKETS[inputs]

    def body_rect(self) -> QRectF:
        return QRectF(self._body)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(self.body_rect().adjusted(-style.SOCKET_RADIUS, -2, style.SOCKET_RADIUS, 2),
                            style.CORNER_RADIUS, style.CORNER_RADIUS)
        return path

    def _row_rect(self, row: int) -> QRectF:
        return QRectF(0, style.HEADER_HEIGHT + row * style.ROW_HEIGHT, style.NODE_WIDTH, style.ROW_HEIGHT)

    def input_socket_pos(self, port: str) -> QPointF:
        return QPointF(0, self.input_y[port])

    def output_socket_pos(self) -> QPointF:
        return QPointF(style.NODE_WIDTH, self.output_y)

    def socket_at(self, local: QPointF, reach: float = SOCKET_REACH) -> tuple[float, str, str] | None:
        """(distance, "in", port) or (distance, "out", "y") of the socket nearest ``local``
        if it is within ``reach`` (in the node's units), else None."""
        sockets = [("out", "y", self.output_socket_pos())]
        sockets += [("in", port, self.input_socket_pos(port)) for port in self.node.spec.inputs]
        distance, side, port = min(((_length(local - at), side, port) for side, port, at in sockets),
                                   key=lambda found: found[0])
        return (distance, side, port) if distance <= reach else None

    # content ------------------------------------------------------------
    def set_result(self, result: NodeResult) -> None:
        self.result = result
        self._tooltip_changed()
        self.update()

    def rebind(self, node: Node) -> None:
        """Show ``node`` (the same node put back by an undo) with this removed item. It
        keeps showing its old result until the scene gives it the current one."""
        self.node = node
        self.highlighted = False
        self.overlay = None
        self.setSelected(False)
        if node.spec.inputs != self._inputs:
            self._relayout()
        self.setPos(*node.position)

    def set_overlay(self, overlay: tuple[str, QColor] | None) -> None:
        if overlay != self.overlay:
            self.overlay = overlay
            self.update()

    def set_locked(self, on: bool) -> None:
        """Locked by the teacher (an assignment): a grey "locked" tab, and it cannot be
        dragged (the session refuses any change of it anyway)."""
        if on != self.locked:
            self.locked = on
            self.setFlag(QGraphicsItem.ItemIsMovable, not on)
            self._relayout()
            self.update()

    def set_highlighted(self, on: bool) -> None:
        if on != self.highlighted:
            self.highlighted = on
            self.update()

    def set_output_name(self, name: str | None, badge: str | None = None) -> None:
        """Mark this node as the output called ``name`` (None: not the output). ``badge``
        replaces the tab's usual text, "output y" (inside a function: "returns")."""
        self.badge = badge
        if name != self.output_name:
            self.output_name = name
            self._relayout()
            self._tooltip_changed()
            self.update()

    def refresh_node(self) -> None:
        """The model node changed (a parameter): repaint, and re-place after a move."""
        self.setPos(*self.node.position)
        if self.node.spec.inputs != self._inputs:  # a function's Call whose ports changed
            self._relayout()
        self._tooltip_changed()
        self.update()

    def header_text(self) -> str:
        """The node's name as every panel says it, with what its parameters say:
        ``^2  pow1``, ``x0``, ``+  y``."""
        return self.node.spec.header_text(self.node.params)

    # The tooltip's text is built when the pointer comes onto the node, not at every new
    # result: a Backward on 20,000 nodes would otherwise build 20,000 HTML texts.
    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hovered = True
        self.setToolTip(self._tooltip())
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hovered = False
        super().hoverLeaveEvent(event)

    def _tooltip_changed(self) -> None:
        if self._hovered:
            self.setToolTip(self._tooltip())

    def toolTip(self) -> str:  # noqa: N802 - Qt's name; what the pointer would show now
        return self._tooltip()

    def _tooltip(self) -> str:
        lines = [texts.NODE_TIP.format(header=self.header_text(), id=self.node.id, description=self.node.spec.description)]
        if self.result.error:
            lines.append(f"<span style='color:{style.ERROR_COLOR.name()}'>⚠ {self.result.error}</span>")
        if self.result.note:
            lines.append(f"<span style='color:{style.NOTE_COLOR.name()}'>⇉ {self.result.note}</span>")
        if self.result.value is not None:
            lines.append(texts.NODE_TIP_VALUE.format(value=format_array(self.result.value, 10)))
        if self.result.grad is not None:
            lines.append(texts.NODE_TIP_GRADIENT.format(gradient=format_array(self.result.grad, 10)))
        return "<br>".join(lines)

    # painting -----------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        rect = self.body_rect()
        zoom = option.levelOfDetailFromTransform(painter.worldTransform())
        painter.setRenderHint(QPainter.Antialiasing, zoom >= style.DETAIL_THRESHOLD)
        header_color = style.header_color(self.node.spec.color)
        outline = QPen(style.NODE_BORDER, 1.2)
        if self.result.error:
            outline = QPen(style.ERROR_COLOR, 3)
        if self.isSelected():
            outline = QPen(style.SELECTED_COLOR, 3)
        if self.highlighted:
            outline = QPen(style.ACTIVE_COLOR, 5)
        painter.setPen(outline)
        painter.setBrush(QBrush(style.NODE_BODY))
        painter.drawRoundedRect(rect, style.CORNER_RADIUS, style.CORNER_RADIUS)
        header = QPainterPath()
        header.addRoundedRect(QRectF(rect.left(), rect.top(), rect.width(), style.HEADER_HEIGHT),
                              style.CORNER_RADIUS, style.CORNER_RADIUS)
        painter.fillPath(header, header_color)
        painter.fillRect(QRectF(rect.left() + 1, style.HEADER_HEIGHT - style.CORNER_RADIUS,
                                rect.width() - 2, style.CORNER_RADIUS), header_color)
        self._paint_sockets(painter)
        if self.output_name:
            self._paint_badge(painter, zoom)
        if self.locked:
            self._paint_lock(painter, zoom)
        if zoom < style.DETAIL_THRESHOLD:
            return
        if zoom < style.COMPACT_ZOOM:
            self._paint_compact(painter, zoom)
            return
        font = QFont(painter.font())
        self._paint_header(painter, font, rect)
        font.setPointSize(style.FONT_POINT_SIZE)
        font.setBold(False)
        painter.setFont(font)
        self._paint_labels(painter, font)

    def _paint_header(self, painter: QPainter, font: QFont, rect: QRectF) -> None:
        """The node's name (bold, left; cut with … rather than run into what is right of
        it), and at the right its ⚠, its broadcast mark, or its kind (Multiply, Power)."""
        header = QRectF(10, 0, rect.width() - 20, style.HEADER_HEIGHT)
        name, kind = self.header_parts(font)
        painter.setFont(_header_font(font, bold=True))
        painter.setPen(Qt.white)
        if self.result.note and not self.result.error:
            self._paint_note_mark(painter, _header_font(font, bold=True))
        elif self.result.error:
            painter.drawText(header, Qt.AlignVCenter | Qt.AlignRight, "⚠")
        painter.drawText(header, Qt.AlignVCenter | Qt.AlignLeft, name)
        if kind:
            painter.setFont(_header_font(font, bold=False))
            painter.setPen(style.HEADER_KIND_TEXT)
            painter.drawText(header, Qt.AlignVCenter | Qt.AlignRight, kind)

    def header_parts(self, font: QFont) -> tuple[str, str]:
        """What the header shows: the name, cut with … where it would run into the ⚠ or
        the broadcast mark at its right; and the kind (Power), when there is room for it."""
        bold, light = QFontMetricsF(_header_font(font, True)), QFontMetricsF(_header_font(font, False))
        room = style.NODE_WIDTH - 20
        if self.result.error:
            room -= bold.horizontalAdvance("⚠") + 6
        elif self.result.note:
            room -= self.note_rect().width() + 6
        name = self.header_text()
        shown = bold.elidedText(name, Qt.ElideRight, room)
        kind = self.kind_title()
        fits = room == style.NODE_WIDTH - 20 and kind not in name
        if fits and bold.horizontalAdvance(shown) + light.horizontalAdvance(kind) + 10 <= room:
            return shown, kind
        return shown, ""

    def kind_title(self) -> str:
        """What kind of node this is, as the palette says it (a function's own name)."""
        return self.node.spec.title

    def note_rect(self) -> QRectF:
        """The broadcast mark in the header's right end (shown when the result has a note)."""
        return QRectF(style.NODE_WIDTH - 34, 5, 26, style.HEADER_HEIGHT - 10)

    def _paint_note_mark(self, painter: QPainter, font: QFont) -> None:
        rect = self.note_rect()
        painter.setPen(Qt.NoPen)
        painter.setBrush(QBrush(Qt.white))
        painter.drawRoundedRect(rect, 6, 6)
        painter.setPen(style.NOTE_COLOR)
        painter.setFont(font)
        painter.drawText(rect, Qt.AlignCenter, "⇉")

    def _paint_badge(self, painter: QPainter, zoom: float) -> None:
        """A tab above the node: 'output' (its name, y, is in its header), the node Backward
        differentiates; its text stays inside the tab however far zoomed out."""
        self._paint_tab(painter, zoom, self.badge or "output", style.OUTPUT_COLOR, right=True)

    def _paint_lock(self, painter: QPainter, zoom: float) -> None:
        """A grey tab above the node's left end: the teacher locked it."""
        self._paint_tab(painter, zoom, texts.LOCKED_TAB, style.LOCKED_COLOR, right=False)

    def _paint_tab(self, painter: QPainter, zoom: float, text: str, color: QColor, right: bool) -> None:
        """A tab above the node's right (or left) end, at most half the node wide on the
        left, the whole node on the right."""
        font = QFont(painter.font())
        font.setBold(right)
        font.setPointSizeF(style.FONT_POINT_SIZE)
        if zoom < style.COMPACT_ZOOM:
            font = fitted_font(font, QRectF(0, 0, style.NODE_WIDTH / 2, style.BADGE_HEIGHT - 2), text, zoom, right)
        painter.setFont(font)
        most = style.NODE_WIDTH if right else style.NODE_WIDTH / 2
        width = min(QFontMetricsF(font).horizontalAdvance(text) + 14, most)
        tab = QRectF(style.NODE_WIDTH - width if right else 0, -style.BADGE_HEIGHT, width, style.BADGE_HEIGHT)
        path = QPainterPath()
        path.addRoundedRect(tab.adjusted(0, 0, 0, style.CORNER_RADIUS), style.CORNER_RADIUS, style.CORNER_RADIUS)
        painter.fillPath(path, color)
        if zoom >= style.DETAIL_THRESHOLD:
            painter.setPen(Qt.white)
            painter.drawText(tab, Qt.AlignCenter, text)

    def _paint_compact(self, painter: QPainter, zoom: float) -> None:
        """Zoomed far out: the header's text, the value and the gradient, each as large as
        its row allows, so they stay readable on screen when the port names cannot."""
        body = self.body_rect()
        self._fit_text(painter, QRectF(8, 0, body.width() - 16, style.HEADER_HEIGHT), self.header_text(),
                       Qt.white, zoom, bold=True)
        for rect, text, color in self.compact_rows():
            self._fit_text(painter, rect, text, color, zoom, bold=True)
        if len(self._inputs) > 1:  # which input is a and which is b matters (a − b, a ÷ b)
            for port, y in self.input_y.items():  # (right of the socket, which reaches SOCKET_RADIUS in)
                rect = QRectF(style.SOCKET_RADIUS + 2, y - style.ROW_HEIGHT / 2,
                              COMPACT_PORT_WIDTH - style.SOCKET_RADIUS - 2, style.ROW_HEIGHT)
                self._fit_text(painter, rect, port, style.MUTED_TEXT, zoom, bold=True)

    def _fit_text(self, painter: QPainter, rect: QRectF, text: str, color: QColor, zoom: float, bold: bool) -> None:
        painter.setFont(fitted_font(QFont(painter.font()), rect, text, zoom, bold))
        painter.setPen(color)
        painter.drawText(rect, Qt.AlignCenter, text)

    def compact_rows(self) -> list[tuple[QRectF, str, QColor]]:
        """Where the value and the gradient go when zoomed far out, their texts and colours."""
        body = self.body_rect()
        left = COMPACT_PORT_WIDTH if len(self._inputs) > 1 else 6
        lower = QRectF(left, style.HEADER_HEIGHT + 2, body.width() - left - 6, body.height() - style.HEADER_HEIGHT - 4)
        texts = []  # four significant digits, as everywhere; every digit is in the tooltip
        if self.result.value is not None:
            texts.append((_compact(self.result.value), style.VALUE_COLOR))
        if self.overlay is not None:
            texts.append(self.overlay)
        elif self.result.grad is not None:
            texts.append((f"∇{_compact(self.result.grad)}", style.GRADIENT_COLOR))
        height = lower.height() / max(len(texts), 1)
        return [(QRectF(lower.left(), lower.top() + i * height, lower.width(), height), text, color)
                for i, (text, color) in enumerate(texts)]

    def screen_points(self, zoom: float) -> float:
        """How tall, in points on screen, the smallest number on this node is drawn at ``zoom``
        (0 when numbers are not drawn at all)."""
        if zoom < style.DETAIL_THRESHOLD:
            return 0.0
        if zoom >= style.COMPACT_ZOOM:
            return style.FONT_POINT_SIZE * zoom
        sizes = [fitted_font(QFont(), rect, text, zoom, True).pointSizeF() for rect, text, _ in self.compact_rows()]
        return min(sizes, default=0.0) * zoom

    def _paint_sockets(self, painter: QPainter) -> None:
        painter.setPen(QPen(style.NODE_BORDER, 1.5))
        painter.setBrush(QBrush(style.SOCKET_FILL))
        r = style.SOCKET_RADIUS
        for port in self.node.spec.inputs:
            painter.drawEllipse(self.input_socket_pos(port), r, r)
        painter.setBrush(QBrush(style.VALUE_COLOR if self.result.value is not None else style.SOCKET_FILL))
        painter.drawEllipse(self.output_socket_pos(), r, r)

    @staticmethod
    def _label_font() -> QFont:
        """The font of the labels in the node's rows (as paint sets it)."""
        font = QFont()
        font.setPointSize(style.FONT_POINT_SIZE)
        return font

    def label_rects(self) -> dict[str, QRectF]:
        """Where each label goes: ``port:a`` (the port's name), ``sent:a`` (the gradient sent
        back through it), ``value`` and ``grad``. No two of these rectangles overlap."""
        rects = {}
        metrics = QFontMetricsF(self._label_font())
        for row, port in enumerate(self.node.spec.inputs):
            rect = self._row_rect(row).adjusted(12, 0, -12, 0)
            # a port's whole name (a function's "weight", not "…"), at most half the row
            width = min(max(20.0, metrics.horizontalAdvance(port) + 4), rect.width() / 2)
            rects[f"port:{port}"] = QRectF(rect.left(), rect.top(), width, rect.height())
            rects[f"sent:{port}"] = rect.adjusted(width + 2, 0, 0, 0)
        rects["value"] = self._row_rect(self._value_row()).adjusted(12, 0, -14, 0)
        rects["grad"] = rects["value"].translated(0, style.ROW_HEIGHT)
        return rects

    def _paint_labels(self, painter: QPainter, font: QFont) -> None:
        """Each label inside its own rectangle (label_rects), shortened with … if too long."""
        rects = self.label_rects()
        bold = QFont(font)
        bold.setBold(True)
        bold.setPointSize(style.FONT_POINT_SIZE + 1)
        texts = []
        for port in self.node.spec.inputs:
            texts.append((f"port:{port}", port, style.MUTED_TEXT, font, Qt.AlignLeft))
            grad = self.result.input_grads.get(port)
            if grad is not None:
                texts.append((f"sent:{port}", f"← {format_array(grad)}", style.GRADIENT_COLOR, font, Qt.AlignLeft))
        if self.result.value is not None:
            texts.append(("value", format_array(self.result.value), style.VALUE_COLOR, bold, Qt.AlignRight))
        grad_font = bold if self.node.spec.is_input else font
        if self.overlay is not None:
            texts.append(("grad", self.overlay[0], self.overlay[1], grad_font, Qt.AlignRight))
        elif self.result.grad is not None:
            texts.append(("grad", f"grad {format_array(self.result.grad)}", style.GRADIENT_COLOR, grad_font,
                          Qt.AlignRight))
        for key, text, color, text_font, align in texts:
            rect = rects[key]
            painter.setFont(text_font)
            painter.setPen(color)
            shown = QFontMetricsF(text_font).elidedText(text, Qt.ElideRight, rect.width())
            painter.drawText(rect, Qt.AlignVCenter | align, shown)
        painter.setFont(font)

    def value_label(self) -> str:
        """The text shown in green on the output socket ('' before a value exists)."""
        return format_array(self.result.value) if self.result.value is not None else ""

    def gradient_label(self) -> str:
        """The text shown in red under the output socket ('' before Backward)."""
        return format_array(self.result.grad) if self.result.grad is not None else ""

    def input_gradient_label(self, port: str) -> str:
        grad = self.result.input_grads.get(port)
        return format_array(grad) if grad is not None else ""



def _compact(array: np.ndarray) -> str:
    """A number as the sockets show it; an array by its shape, which stays readable far
    out ("[0.9278 0.9995 0.0013 0.0432]" would shrink to a smudge; the tooltip has it)."""
    return format_array(array) if np.ndim(array) == 0 else shape_text(np.shape(array))


def fitted_font(font: QFont, rect: QRectF, text: str, zoom: float, bold: bool) -> QFont:
    """``font`` at COMPACT_SCREEN_POINTS on screen at ``zoom``, or smaller if ``text`` would
    not fit in ``rect`` (scene units)."""
    font.setBold(bold)
    size = style.COMPACT_SCREEN_POINTS / max(zoom, 0.05)
    font.setPointSizeF(size)
    metrics = QFontMetricsF(font)
    scale = min(1.0, rect.width() / max(metrics.horizontalAdvance(text), 1.0),
                rect.height() / max(metrics.height(), 1.0))
    font.setPointSizeF(max(size * scale, 1.0))
    return font


def _header_font(font: QFont, bold: bool) -> QFont:
    """The header's font: the name's (bold, a point larger) or the kind's (lighter, smaller)."""
    font = QFont(font)
    font.setBold(bold)
    font.setPointSize(style.FONT_POINT_SIZE + 1 if bold else style.FONT_POINT_SIZE - 1)
    return font


def _length(vector: QPointF) -> float:
    return (vector.x() ** 2 + vector.y() ** 2) ** 0.5
