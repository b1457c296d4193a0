"""Every backward step as a picture, for slides and reports: numbered PNG frames, and
all of them as an animated PNG, an animated GIF (which every slide program plays) and,
where ffmpeg is installed and asked for, an MP4.

Two shapes: the graph's own (the caption above it, for reports), or 16:9 slides of
1920 × 1080 with the graph centred and the caption below in large type."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from nodeeditor.app.apng import write_apng
from nodeeditor.app.gif import quantize, write_gif
from nodeeditor.app.video import VideoError, write_mp4
from nodeeditor.lessons.replay import backward_frames
from nodeeditor.view import style, texts
from nodeeditor.view.canvas.scene import GraphScene
from nodeeditor.view.window.document import Document
from nodeeditor.view.window.export import MARGIN

SCALE = 1.5
CAPTION_HEIGHT = 64  # scene units above the graph, for two lines of caption
ANIMATION = "backward.apng"
GIF = "backward.gif"
VIDEO = "backward.mp4"
#: a slide: its size, the band of caption below the graph, the margin around the graph
SLIDE = (1920, 1080)
SLIDE_CAPTION = 230
SLIDE_MARGIN = 48
SLIDE_CAPTION_PIXELS = 34
#: how long each step shows in the GIF and the MP4 (the last one rests twice as long)
SECONDS_PER_STEP = 1.5


@dataclass
class FramesWritten:
    """What an export wrote: the numbered frames, then the animations; ``problem`` says
    why an asked-for MP4 is missing ('' when nothing is)."""

    frames: list[Path]
    animations: list[Path] = field(default_factory=list)
    problem: str = ""


def export_backward_frames(scene: GraphScene, document: Document, folder: Path, slides: bool = False,
                           mp4: bool = False) -> FramesWritten:
    """Run Backward and write each of its steps to ``folder`` (made if missing) as
    backward-000.png, backward-001.png, …, then backward.apng and backward.gif, and with
    ``mp4`` backward.mp4. BackwardError (nothing written) when Backward cannot run;
    OSError when a file cannot be written."""
    document.backward()
    frames = backward_frames(document.graph, document.compiler)
    folder.mkdir(parents=True, exist_ok=True)
    source = scene.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
    selected = scene.selectedItems()
    scene.blockSignals(True)
    scene.clearSelection()
    written, pictures, images = [], [], []
    try:
        for index, frame in enumerate(frames):
            scene.show_frame(frame.shown, frame.active, [], True)
            caption = texts.STEP_CAPTION.format(index=index, last=len(frames) - 1, caption=frame.caption)
            image = _slide(scene, source, caption) if slides else _picture(scene, source, caption)
            data = _png(image)
            path = folder / f"backward-{index:03d}.png"
            path.write_bytes(data)
            written.append(path)
            pictures.append(data)
            images.append(_rgb(image))
    finally:
        scene.end_replay()
        for item in selected:
            item.setSelected(True)
        scene.blockSignals(False)
    result = FramesWritten(written)
    write_apng(pictures, folder / ANIMATION)
    result.animations.append(folder / ANIMATION)
    palette, indexed = quantize(images)
    delay = round(SECONDS_PER_STEP * 1000)
    write_gif(folder / GIF, indexed, palette, delay, last_delay_ms=2 * delay)
    result.animations.append(folder / GIF)
    if mp4:
        try:
            result.animations.append(write_mp4(written[0], len(written), SECONDS_PER_STEP, folder / VIDEO))
        except VideoError as exc:
            result.problem = str(exc)
    return result


def _picture(scene: GraphScene, source: QRectF, caption: str) -> QImage:
    """The graph at 1.5 × with the caption above it."""
    width = int(source.width() * SCALE)
    height = int((source.height() + CAPTION_HEIGHT) * SCALE)
    image = _white(width, height)
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
    return image


def _slide(scene: GraphScene, source: QRectF, caption: str) -> QImage:
    """A 1920 × 1080 slide: the graph as large as fits, centred, the caption below it."""
    width, height = SLIDE
    image = _white(width, height)
    painter = QPainter(image)
    painter.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
    room = QRectF(SLIDE_MARGIN, SLIDE_MARGIN, width - 2 * SLIDE_MARGIN, height - SLIDE_CAPTION - 2 * SLIDE_MARGIN)
    scale = min(room.width() / source.width(), room.height() / source.height())
    target = QRectF(0, 0, source.width() * scale, source.height() * scale)
    target.moveCenter(room.center())
    scene.render(painter, target, source, Qt.KeepAspectRatio)
    band = QRectF(0, height - SLIDE_CAPTION, width, SLIDE_CAPTION)
    painter.fillRect(band, style.CAPTION_BACKGROUND)
    painter.fillRect(QRectF(0, band.top(), width, 4), style.ACTIVE_COLOR)
    font = QFont()
    font.setPixelSize(SLIDE_CAPTION_PIXELS)
    painter.setFont(font)
    painter.setPen(QColor("#222222"))
    painter.drawText(band.adjusted(SLIDE_MARGIN, 12, -SLIDE_MARGIN, -12),
                     Qt.AlignHCenter | Qt.AlignVCenter | Qt.TextWordWrap, caption)
    painter.end()
    return image


def _white(width: int, height: int) -> QImage:
    image = QImage(width, height, QImage.Format_RGB32)
    image.fill(QColor(Qt.white))
    return image


def _png(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError(texts.NO_PICTURE)
    return bytes(QByteArray(buffer.data()))


def _rgb(image: QImage) -> np.ndarray:
    """The picture's pixels as height × width × 3 bytes (for the GIF's palette)."""
    rgb = image.convertToFormat(QImage.Format_RGB888)
    raw = np.frombuffer(bytes(rgb.constBits()), dtype=np.uint8)
    return raw.reshape(rgb.height(), rgb.bytesPerLine())[:, :rgb.width() * 3].reshape(rgb.height(), rgb.width(), 3)
