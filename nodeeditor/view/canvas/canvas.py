"""The canvas widget: zoom about the cursor, pan with the middle button or space+drag."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QGraphicsView

from nodeeditor.view import style
from nodeeditor.view.canvas.scene import GraphScene


class Canvas(QGraphicsView):
    zoom_changed = Signal(float)
    search_requested = Signal(QPoint)

    def __init__(self, scene: GraphScene) -> None:
        super().__init__(scene)
        self.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.SmartViewportUpdate)
        self.setDragMode(QGraphicsView.RubberBandDrag)
        self.setTransformationAnchor(QGraphicsView.NoAnchor)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setContextMenuPolicy(Qt.NoContextMenu)
        self._pan_from: QPoint | None = None
        self._space_down = False

    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float, anchor: QPoint | None = None) -> None:
        """Zoom to ``factor`` (clamped), keeping the scene point under ``anchor`` still."""
        factor = min(max(factor, style.MIN_ZOOM), style.MAX_ZOOM)
        anchor = anchor if anchor is not None else self.viewport().rect().center()
        before = self.mapToScene(anchor)
        scale = factor / self.zoom
        self.scale(scale, scale)
        after = self.mapToScene(anchor)
        delta = after - before
        self.translate(delta.x(), delta.y())
        self.zoom_changed.emit(self.zoom)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.set_zoom(self.zoom * (1.15 ** steps), event.position().toPoint())
        event.accept()

    def fit(self, readable: bool = False, least: float | None = None, most: float = 1.5) -> bool:
        """Show every node, with a margin; a zoom of at most ``most``. True if all are shown.

        With ``readable`` (a graph just opened or built), a graph too big for the window
        is shown at OPEN_ZOOM, where every number and port name can be read, around its
        output (where Backward starts): the student can pan, or press F to see it all.
        ``least`` sets another such floor (the presentation mode's, for the back row).
        """
        items = self.scene().itemsBoundingRect() if self.scene().nodes else QRectF(-200, -150, 400, 300)
        self.fitInView(items.adjusted(-30, -30, 30, 30), Qt.KeepAspectRatio)
        if self.zoom > most:
            self.set_zoom(most)
        floor = least if least is not None else style.OPEN_ZOOM if readable else style.MIN_ZOOM
        whole = self.zoom >= floor
        if not whole:
            self.set_zoom(floor)
            self._show_around_the_output(items)
        self.zoom_changed.emit(self.zoom)
        return whole

    def _show_around_the_output(self, items: QRectF) -> None:
        """The output near the right edge, level with the middle of the view, the rest of
        the view filled with what feeds it (never beyond the graph's own edges)."""
        output = self.scene().output_item()
        focus = output.sceneBoundingRect() if output is not None else items
        shown = self.mapToScene(self.viewport().rect()).boundingRect()
        x = min(focus.right() + 40, items.right() + 40) - shown.width() / 2
        x = max(x, items.left() - 40 + shown.width() / 2)
        y = focus.center().y()
        self.centerOn(x, y)

    def pan_by(self, dx: float, dy: float) -> None:
        self.translate(dx / self.zoom, dy / self.zoom)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MiddleButton or (event.button() == Qt.LeftButton and self._space_down):
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.ClosedHandCursor)
            event.accept()
            return
        if event.button() == Qt.RightButton:
            self.search_requested.emit(event.position().toPoint())
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            now = event.position().toPoint()
            delta = now - self._pan_from
            self._pan_from = now
            self.pan_by(delta.x(), delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None and event.button() in (Qt.MiddleButton, Qt.LeftButton):
            self._pan_from = None
            self.viewport().setCursor(Qt.OpenHandCursor if self._space_down else Qt.ArrowCursor)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key_Space and not event.isAutoRepeat():
            self._hold_space(True)
            return
        if event.key() == Qt.Key_Tab:
            self.search_requested.emit(self.mapFromGlobal(self.cursor().pos()))
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key_Space and not event.isAutoRepeat():
            self._hold_space(False)
            return
        super().keyReleaseEvent(event)

    def _hold_space(self, down: bool) -> None:
        """Space held: a left drag pans instead of drawing a rubber band."""
        self._space_down = down
        self.setDragMode(QGraphicsView.NoDrag if down else QGraphicsView.RubberBandDrag)
        self.viewport().setCursor(Qt.OpenHandCursor if down else Qt.ArrowCursor)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002 - Qt's name
        return False  # Tab opens the node search here instead of moving focus
