"""Slides that play anywhere: the GIF encoder (read back by Qt's own GIF reader, pixel for
pixel), its palette, the export dialog as a teacher uses it (a new folder, 16:9 slides),
the command line's --slides, and the MP4 through ffmpeg (a stand-in ffmpeg here)."""
from __future__ import annotations

import os
import stat
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, Qt, QTimer
from PySide6.QtGui import QImage, QImageReader
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from nodeeditor.app.gif import IndexedFrame, gif_bytes, quantize
from nodeeditor.view import style
from nodeeditor.view.window.frames_dialog import FramesDialog
from tests.conftest import ROOT
from tests.gui_helpers import answer_dialog, open_window

EXAMPLES = ROOT / "resources" / "examples"
SPHERE = EXAMPLES / "4-sphere.graph"
RNG = np.random.default_rng(26)


def read_gif(data: bytes) -> list[np.ndarray]:
    """Every frame of a GIF as height × width × 3 bytes, decoded by Qt."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.ReadOnly)
    reader = QImageReader(buffer, b"gif")
    frames = []
    for _ in range(reader.imageCount()):
        image = reader.read().convertToFormat(QImage.Format_RGB888)
        raw = np.frombuffer(bytes(image.constBits()), dtype=np.uint8)
        frames.append(raw.reshape(image.height(), image.bytesPerLine())[:, :image.width() * 3]
                      .reshape(image.height(), image.width(), 3))
    return frames


@pytest.mark.parametrize("shape", [(1, 1), (3, 5), (64, 64), (200, 300)])
def test_the_gif_decodes_to_the_same_pixels(qapp, shape):
    palette = [(i, 255 - i, (7 * i) % 256) for i in range(200)]
    frames = [IndexedFrame(RNG.integers(0, 200, shape, dtype=np.uint8)) for _ in range(3)]
    frames.append(IndexedFrame(frames[-1].pixels.copy()))  # a frame with nothing changed
    decoded = read_gif(gif_bytes(frames, palette, 100))
    assert len(decoded) == 4
    for frame, pixels in zip(frames, decoded, strict=True):
        assert np.array_equal(pixels, np.array(palette, dtype=np.uint8)[frame.pixels])


def test_a_frame_stores_only_what_changed(qapp):
    base = np.zeros((1080, 1920), dtype=np.uint8)
    frames = [IndexedFrame(base)]
    for k in range(10):
        changed = frames[-1].pixels.copy()
        changed[400 + 10 * k: 410 + 10 * k, 300:400] = 2
        frames.append(IndexedFrame(changed))
    data = gif_bytes(frames, [(255, 255, 255), (0, 0, 0), (200, 0, 0)], 100)
    assert len(data) < 20_000  # eleven full 1920 × 1080 pictures would not fit in that
    assert [int(p[405 + 10 * k, 350, 0]) for k, p in enumerate(read_gif(data)[1:])] == [200] * 10


def test_the_palette_keeps_frequent_colours_exactly_and_maps_the_rest_near():
    picture = np.full((40, 60, 3), 255, dtype=np.uint8)
    picture[:20] = (30, 136, 229)  # a node's blue
    picture[25, 10] = (32, 134, 230)  # an antialiased edge, one of a kind
    palette, (frame,) = quantize([picture], most=2)
    assert sorted(palette) == [(30, 136, 229), (255, 255, 255)]
    assert palette[frame.pixels[25, 10]] == (30, 136, 229)
    assert palette[frame.pixels[0, 0]] == (30, 136, 229) and palette[frame.pixels[39, 59]] == (255, 255, 255)


def test_the_export_dialog_makes_16_9_slides_and_a_gif_in_a_new_folder(qtbot, tmp_path):
    folder = tmp_path / "lab 3" / "sphere slides"  # neither exists yet
    with open_window(qtbot, tmp_path) as window:
        assert window.files.open_path(SPHERE, ask=False)
        answer_dialog(str(folder), slides=True)
        window.actions.export_frames.trigger()
        pngs = sorted(folder.glob("backward-*.png"))
        assert len(pngs) == 5
        assert all(QImage(str(p)).size().toTuple() == (1920, 1080) for p in pngs)
        gif = read_gif((folder / "backward.gif").read_bytes())
        assert len(gif) == 5 and gif[0].shape == (1080, 1920, 3)
        assert (folder / "backward.apng").is_file()
        said = window.statusBar().currentMessage()
        assert said.startswith("Saved 5 frames and backward.apng, backward.gif in ")
        assert window.settings.value("frames/slides", type=bool)


def test_the_reports_shape_has_the_caption_above_the_graph(qtbot, tmp_path):
    with open_window(qtbot, tmp_path) as window:
        assert window.files.open_path(SPHERE, ask=False)
        answer_dialog(str(tmp_path / "report"), slides=False)
        window.actions.export_frames.trigger()
        first = QImage(str(tmp_path / "report" / "backward-000.png"))
        assert first.size().toTuple() != (1920, 1080)  # the sphere's own shape
        assert first.pixelColor(4, first.height() - 4) != style.CAPTION_BACKGROUND  # no caption band below
        answer_dialog(str(tmp_path / "slides"), slides=True)
        window.actions.export_frames.trigger()
        slide = QImage(str(tmp_path / "slides" / "backward-000.png"))
        assert slide.pixelColor(4, slide.height() - 4) == style.CAPTION_BACKGROUND


def test_the_command_line_makes_slides_of_the_linear_regression(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "frames", str(EXAMPLES / "12-linear-regression.graph"),
                           "--out", str(tmp_path / "out"), "--slides"], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert "wrote 5 frames and backward.apng, backward.gif into" in done.stdout
    from PySide6.QtGui import QImageReader as Reader

    reader = Reader(str(tmp_path / "out" / "backward.gif"))
    assert reader.imageCount() == 5 and reader.size().toTuple() == (1920, 1080)


def _fake_ffmpeg(folder, monkeypatch) -> None:
    """An ffmpeg that writes its last argument and notes the others (POSIX shell)."""
    script = folder / "ffmpeg"
    script.write_text('#!/bin/sh\necho "$@" > "$(dirname "$0")/args.txt"\nfor last; do :; done\n'
                      'printf mp4 > "$last"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")


@pytest.mark.skipif(os.name != "posix", reason="the stand-in ffmpeg is a shell script")
def test_an_mp4_is_made_where_ffmpeg_is(qtbot, tmp_path, monkeypatch):
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    _fake_ffmpeg(bin_folder, monkeypatch)
    with open_window(qtbot, tmp_path) as window:
        assert window.files.open_path(SPHERE, ask=False)

        def answer() -> None:
            dialog = QApplication.activeModalWidget()
            assert dialog.mp4_box.isEnabled()
            box = dialog.mp4_box  # clicked on its square, as a teacher does
            QTest.mouseClick(box, Qt.LeftButton, pos=QPoint(8, box.height() // 2))
            assert box.isChecked()
            dialog.folder_edit.setText(str(tmp_path / "video"))
            QTest.keyClick(dialog, Qt.Key_Return)
        QTimer.singleShot(0, answer)
        written = window.files.export_frames()
    assert written.problem == ""
    assert [p.name for p in written.animations] == ["backward.apng", "backward.gif", "backward.mp4"]
    args = (bin_folder / "args.txt").read_text(encoding="utf-8").split()
    assert args[args.index("-i") + 1].endswith("backward-%03d.png") and "libx264" in args
    assert "yuv420p" in args and written.problem == ""


def test_without_ffmpeg_the_dialog_and_the_command_line_say_so(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    dialog = FramesDialog(None, tmp_path, slides=False)
    assert not dialog.mp4_box.isEnabled() and "needs ffmpeg" in dialog.mp4_box.text()
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "frames", str(SPHERE), "--out", str(tmp_path / "o"),
                           "--mp4"], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert "ffmpeg is not installed, so no MP4 was made" in done.stderr
    assert (tmp_path / "o" / "backward.gif").is_file()


def test_the_two_layer_networks_steps_make_16_9_slides(tmp_path):
    """The XOR network (16 nodes, most of them wide) on slides: every frame 1920 × 1080,
    the GIF holding each of them."""
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "frames", str(EXAMPLES / "13-xor.graph"),
                           "--out", str(tmp_path), "--slides"], capture_output=True, text=True, timeout=180,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    pngs = sorted(tmp_path.glob("backward-*.png"))
    assert len(pngs) > 5 and all(QImage(str(p)).size().toTuple() == (1920, 1080) for p in pngs)
    reader = QImageReader(str(tmp_path / "backward.gif"))
    assert reader.imageCount() == len(pngs) and reader.size().toTuple() == (1920, 1080)
