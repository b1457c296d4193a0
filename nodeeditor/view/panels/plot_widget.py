"""A small line-plot widget: curves, a marked point, axes with round tick values.

Drawn with QPainter rather than a plotting package: the panel needs a curve, a tangent
and a point, and pyqtgraph would add ~7 MB, OpenGL and start-up time to the frozen app."""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from nodeeditor.model.values import format_number
from nodeeditor.view import style

MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 56, 16, 26, 28


@dataclass
class Series:
    xs: np.ndarray
    ys: np.ndarray
    color: QColor
    dashed: bool = False


def nice_ticks(low: float, high: float, count: int = 6) -> list[float]:
    """Round values (1, 2 or 5 times a power of ten) covering [low, high]."""
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        return [low]
    raw = (high - low) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(low / step) * step
    return [first + i * step for i in range(int((high - first) / step) + 1)]


class PlotWidget(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.series: list[Series] = []
        self.point: tuple[float, float] | None = None
        self.title = ""
        self.setMinimumHeight(160)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)

    def set_data(self, series: list[Series], point: tuple[float, float] | None, title: str) -> None:
        self.series, self.point, self.title = series, point, title
        self.update()

    def _bounds(self) -> tuple[float, float, float, float] | None:
        xs = np.concatenate([s.xs for s in self.series]) if self.series else np.array([])
        ys = np.concatenate([s.ys for s in self.series]) if self.series else np.array([])
        ok = np.isfinite(xs) & np.isfinite(ys)
        if not ok.any():
            return None
        x0, x1, y0, y1 = xs[ok].min(), xs[ok].max(), ys[ok].min(), ys[ok].max()
        if y1 - y0 < 1e-12:
            y0, y1 = y0 - 1, y1 + 1
        pad = (y1 - y0) * 0.05
        return float(x0), float(x1 if x1 > x0 else x0 + 1), float(y0 - pad), float(y1 + pad)

    def paintEvent(self, event) -> None:  # noqa: ANN001 - Qt's signature
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.fillRect(self.rect(), Qt.white)
        painter.setPen(style.MUTED_TEXT)
        # the title wraps in a narrow panel rather than being cut off; the plot starts below it
        title = painter.fontMetrics().boundingRect(QRect(6, 4, self.width() - 12, 1000),
                                                   Qt.AlignHCenter | Qt.TextWordWrap, self.title)
        painter.drawText(QRectF(6, 4, self.width() - 12, title.height()), Qt.AlignHCenter | Qt.TextWordWrap,
                         self.title)
        top = max(MARGIN_TOP, title.height() + 10)
        bounds = self._bounds()
        area = QRectF(MARGIN_LEFT, top, self.width() - MARGIN_LEFT - MARGIN_RIGHT,
                      self.height() - top - MARGIN_BOTTOM)
        if bounds is None or area.width() < 20 or area.height() < 20:
            return
        x0, x1, y0, y1 = bounds

        def to_screen(x: float, y: float) -> QPointF:
            return QPointF(area.left() + (x - x0) / (x1 - x0) * area.width(),
                           area.bottom() - (y - y0) / (y1 - y0) * area.height())

        painter.setPen(QPen(style.GRID_MINOR, 1))
        for x in nice_ticks(x0, x1):
            p = to_screen(x, y0)
            painter.drawLine(QPointF(p.x(), area.top()), QPointF(p.x(), area.bottom()))
            painter.setPen(style.MUTED_TEXT)
            painter.drawText(QRectF(p.x() - 40, area.bottom() + 4, 80, 18), Qt.AlignHCenter, format_number(x, 4))
            painter.setPen(QPen(style.GRID_MINOR, 1))
        for y in nice_ticks(y0, y1):
            p = to_screen(x0, y)
            painter.drawLine(QPointF(area.left(), p.y()), QPointF(area.right(), p.y()))
            painter.setPen(style.MUTED_TEXT)
            painter.drawText(QRectF(0, p.y() - 9, MARGIN_LEFT - 6, 18), Qt.AlignRight | Qt.AlignVCenter,
                             format_number(y, 4))
            painter.setPen(QPen(style.GRID_MINOR, 1))
        painter.setPen(QPen(style.NODE_BORDER, 1))
        painter.drawRect(area)
        painter.setClipRect(area)
        for s in self.series:
            path = QPainterPath()
            started = False
            for x, y in zip(s.xs, s.ys):
                if not (math.isfinite(x) and math.isfinite(y)):
                    started = False
                    continue
                point = to_screen(float(x), float(y))
                path.lineTo(point) if started else path.moveTo(point)
                started = True
            painter.setPen(QPen(s.color, 2, Qt.DashLine if s.dashed else Qt.SolidLine))
            painter.drawPath(path)
        if self.point is not None:
            painter.setPen(QPen(style.VALUE_COLOR.darker(130), 1.5))
            painter.setBrush(style.VALUE_COLOR)
            painter.drawEllipse(to_screen(*self.point), 5, 5)
