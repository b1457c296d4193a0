"""A node on the canvas: rounded box, coloured header with the operation's symbol,
input sockets on the left, the output socket on the right, values in green and
gradients in red beside the sockets."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from nodeeditor.compiler import NodeResult
from nodeeditor.model import Node, format_array
from nodeeditor.model.values import format_number
from nodeeditor.view import style


class NodeItem(QGraphicsItem):
    """Paints one model Node; knows where its sockets are. Computes nothing."""

    def __init__(self, node: Node) -> None:
        super().__init__()
        self.node = node
        self.result = NodeResult()
        self.setFlags(QGraphicsItem.ItemIsMovable | QGraphicsItem.ItemIsSelectable
                      | QGraphicsItem.ItemSendsGeometryChanges)
        self.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        self.setAcceptHoverEvents(True)
        self.setPos(*node.position)
        self.setZValue(1)
        self._rows = max(len(node.spec.inputs), 2)
        self.highlighted = False

    # geometry -----------------------------------------------------------
    def body_rect(self) -> QRectF:
        height = style.HEADER_HEIGHT + self._rows * style.ROW_HEIGHT + style.BODY_PADDING
        return QRectF(0, 0, style.NODE_WIDTH, height)

    def boundingRect(self) -> QRectF:
        r = style.SOCKET_RADIUS + 2
        return self.body_rect().adjusted(-r, -r, r, r)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(self.boundingRect(), style.CORNER_RADIUS, style.CORNER_RADIUS)
        return path

    def input_socket_pos(self, port: str) -> QPointF:
        index = self.node.spec.inputs.index(port)
        return QPointF(0, style.HEADER_HEIGHT + (index + 0.5) * style.ROW_HEIGHT)

    def output_socket_pos(self) -> QPointF:
        return QPointF(style.NODE_WIDTH, style.HEADER_HEIGHT + 0.5 * style.ROW_HEIGHT)

    def socket_at(self, local: QPointF) -> tuple[str, str] | None:
        """("in", port) or ("out", "y") when ``local`` is on a socket (generously)."""
        reach = style.SOCKET_RADIUS + 6
        if (local - self.output_socket_pos()).manhattanLength() <= reach * 1.4:
            return ("out", "y")
        for port in self.node.spec.inputs:
            if (local - self.input_socket_pos(port)).manhattanLength() <= reach * 1.4:
                return ("in", port)
        return None

    # content ------------------------------------------------------------
    def set_result(self, result: NodeResult) -> None:
        self.result = result
        self.setToolTip(self._tooltip())
        self.update()

    def set_highlighted(self, on: bool) -> None:
        if on != self.highlighted:
            self.highlighted = on
            self.update()

    def refresh_node(self) -> None:
        """The model node changed (a parameter): repaint, and re-place after a move."""
        self.setPos(*self.node.position)
        self.setToolTip(self._tooltip())
        self.update()

    def header_text(self) -> str:
        node = self.node
        if node.kind == "Variable":
            return str(node.params.get("name", "x"))
        if node.kind == "Constant":
            return f"{node.spec.title} {format_array(node.params.get('value'))}"
        if node.kind == "Pow":
            return f"x^{format_number(float(node.params.get('c', 2.0)))}  {node.spec.title}"
        return f"{node.spec.symbol}  {node.spec.title}"

    def _tooltip(self) -> str:
        lines = [f"<b>{self.header_text()}</b> ({self.node.id}) — {self.node.spec.description}"]
        if self.result.error:
            lines.append(f"<span style='color:{style.ERROR_COLOR.name()}'>⚠ {self.result.error}</span>")
        if self.result.value is not None:
            lines.append(f"value: {format_array(self.result.value, 10)}")
        if self.result.grad is not None:
            lines.append(f"gradient: {format_array(self.result.grad, 10)}")
        return "<br>".join(lines)

    # painting -----------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        rect = self.body_rect()
        detail = option.levelOfDetailFromTransform(painter.worldTransform())
        painter.setRenderHint(QPainter.Antialiasing, detail >= style.DETAIL_THRESHOLD)
        header_color = style.HEADER_COLORS.get(self.node.kind, style.NODE_BORDER)
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
        if detail < style.DETAIL_THRESHOLD:
            return
        font = QFont(painter.font())
        font.setPointSize(style.FONT_POINT_SIZE + 1)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(Qt.white)
        painter.drawText(QRectF(10, 0, rect.width() - 20, style.HEADER_HEIGHT), Qt.AlignVCenter | Qt.AlignLeft,
                         self.header_text())
        if self.result.error:
            painter.drawText(QRectF(10, 0, rect.width() - 20, style.HEADER_HEIGHT),
                             Qt.AlignVCenter | Qt.AlignRight, "⚠")
        font.setPointSize(style.FONT_POINT_SIZE)
        font.setBold(False)
        painter.setFont(font)
        self._paint_labels(painter, font)

    def _paint_sockets(self, painter: QPainter) -> None:
        painter.setPen(QPen(style.NODE_BORDER, 1.5))
        painter.setBrush(QBrush(style.SOCKET_FILL))
        r = style.SOCKET_RADIUS
        for port in self.node.spec.inputs:
            painter.drawEllipse(self.input_socket_pos(port), r, r)
        painter.setBrush(QBrush(style.VALUE_COLOR if self.result.value is not None else style.SOCKET_FILL))
        painter.drawEllipse(self.output_socket_pos(), r, r)

    def _paint_labels(self, painter: QPainter, font: QFont) -> None:
        width = style.NODE_WIDTH
        left = 12.0
        for port in self.node.spec.inputs:
            y = self.input_socket_pos(port).y()
            row = QRectF(left, y - style.ROW_HEIGHT / 2, width / 2, style.ROW_HEIGHT)
            painter.setPen(style.MUTED_TEXT)
            painter.drawText(row, Qt.AlignVCenter | Qt.AlignLeft, port)
            grad = self.result.input_grads.get(port)
            if grad is not None:
                painter.setPen(style.GRADIENT_COLOR)
                painter.drawText(row.adjusted(22, 0, 0, 0), Qt.AlignVCenter | Qt.AlignLeft,
                                 f"← {format_array(grad)}")
        out_y = self.output_socket_pos().y()
        value_row = QRectF(width / 2 - 14, out_y - style.ROW_HEIGHT / 2, width / 2, style.ROW_HEIGHT)
        bold = QFont(font)
        bold.setBold(True)
        bold.setPointSize(style.FONT_POINT_SIZE + 1)
        if self.result.value is not None:
            painter.setFont(bold)
            painter.setPen(style.VALUE_COLOR)
            painter.drawText(value_row, Qt.AlignVCenter | Qt.AlignRight, format_array(self.result.value))
        if self.result.grad is not None:
            grad_row = value_row.translated(0, style.ROW_HEIGHT)
            painter.setFont(bold if self.node.spec.is_input else font)
            painter.setPen(style.GRADIENT_COLOR)
            painter.drawText(grad_row.adjusted(-width / 2 + 14, 0, 0, 0), Qt.AlignVCenter | Qt.AlignRight,
                             f"grad {format_array(self.result.grad)}")
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

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:
        if change == QGraphicsItem.ItemPositionHasChanged and self.scene() is not None:
            self.scene().node_item_moved(self)
        return super().itemChange(change, value)
