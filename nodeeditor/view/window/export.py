"""Saving the canvas as a picture (PNG or SVG) and the graph as Python code."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsScene

from nodeeditor.view import texts

MARGIN = 30
PNG_SCALE = 2  # sharp enough for a printed report


def export_image(scene: QGraphicsScene, path: Path) -> None:
    """Every node and wire, with a margin; SVG when the name ends in .svg, else PNG."""
    source = scene.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
    if source.isEmpty():
        source = QRectF(0, 0, 200, 100)
    selected = scene.selectedItems()
    scene.blockSignals(True)  # unselected only while drawing: the panels need not know
    scene.clearSelection()
    try:
        if path.suffix.lower() == ".svg":
            generator = QSvgGenerator()
            generator.setFileName(str(path))
            generator.setSize(QSize(int(source.width()), int(source.height())))
            generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
            generator.setTitle("Backprop Studio graph")
            painter = QPainter(generator)
            scene.render(painter, QRectF(0, 0, source.width(), source.height()), source)
            painter.end()
        else:
            image = QImage(int(source.width() * PNG_SCALE), int(source.height() * PNG_SCALE), QImage.Format_ARGB32)
            image.fill(QColor(Qt.white))
            painter = QPainter(image)
            painter.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
            scene.render(painter, QRectF(0, 0, image.width(), image.height()), source)
            painter.end()
            if not image.save(str(path), "PNG"):
                raise OSError(texts.CANNOT_WRITE.format(path=path))
    finally:
        for item in selected:
            item.setSelected(True)
        scene.blockSignals(False)
    if not path.is_file():
        raise OSError(texts.CANNOT_WRITE.format(path=path))


def export_python(code: str, path: Path) -> None:
    path.write_text(code, encoding="utf-8")
