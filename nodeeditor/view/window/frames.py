"""Every backward step as a picture, for slides and reports: numbered PNG frames with
the step's caption above the graph, and one animated PNG (APNG) of them all."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from nodeeditor.app.apng import write_apng
from nodeeditor.lessons.replay import backward_frames
from nodeeditor.view import style, texts
from nodeeditor.view.canvas.scene import GraphScene
from nodeeditor.view.window.document import Document
from nodeeditor.view.window.export import MARGIN

SCALE = 1.5
CAPTION_HEIGHT = 64  # scene units above the graph, for two lines of caption
ANIMATION = "backward.apng"


def export_backward_frames(scene: GraphScene, document: Document, folder: Path) -> list[Path]:
    """Run Backward and write each of its steps to ``folder`` as backward-000.png,
    backward-001.png, … and all of them as backward.apng; the files written.
    BackwardError (nothing written) when Backward cannot run; OSError when a file cannot."""
    document.backward()
    frames = backward_frames(document.graph, document.compiler)
    folder.mkdir(parents=True, exist_ok=True)
    source = scene.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
    selected = scene.selectedItems()
    scene.blockSignals(True)
    scene.clearSelection()
    written, pictures = [], []
    try:
        for index, frame in enumerate(frames):
            scene.show_frame(frame.shown, frame.active, [], True)
            caption = texts.STEP_CAPTION.format(index=index, last=len(frames) - 1, caption=frame.caption)
            data = _png(scene, source, caption)
            path = folder / f"backward-{index:03d}.png"
            path.write_bytes(data)
            written.append(path)
            pictures.append(data)
    finally:
        scene.end_replay()
        for item in selected:
            item.setSelected(True)
        scene.blockSignals(False)
    animation = folder / ANIMATION
    write_apng(pictures, animation)
    return [*written, animation]


def _png(scene: GraphScene, source: QRectF, caption: str) -> bytes:
    width = int(source.width() * SCALE)
    height = int((source.height() + CAPTION_HEIGHT) * SCALE)
    image = QImage(width, height, QImage.Format_ARGB32)
    image.fill(QColor(Qt.white))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
    font = QFont()
    font.setPointSizeF(style.FONT_POINT_SIZE * SCALE * 1.1)
    painter.setFont(font)
    painter.setPen(QColor("#222222"))
    band = QRectF(12 * SCALE, 6 * SCALE, width - 24 * SCALE, CAPTION_HEIGHT * SCALE - 12 * SCALE)
    painter.drawText(band, Qt.AlignLeft | Qt.AlignVCenter | Qt.TextWordWrap, caption)
    scene.render(painter, QRectF(0, CAPTION_HEIGHT * SCALE, width, height - CAPTION_HEIGHT * SCALE), source)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError(texts.NO_PICTURE)
    return bytes(QByteArray(buffer.data()))
