"""Long sessions stay up: painting the canvas must not leak or over-release objects."""
import sys

from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage, QPainter

from nodeeditor.view.window.main_window import MainWindow
from tests.conftest import ROOT


def test_repainting_does_not_over_release_none(qtbot, tmp_path):
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    window.files.open_path(ROOT / "resources" / "examples" / "6-goldstein-price.graph", ask=False)
    window.editing.backward()
    image = QImage(400, 300, QImage.Format_ARGB32_Premultiplied)
    before = sys.getrefcount(None)
    for _ in range(20):
        for item in window.scene.nodes.values():
            item.update()
        painter = QPainter(image)
        window.scene.render(painter)
        painter.end()
    # PySide6 6.12.0 lost one reference per item painted (57 nodes x 20 = 1,140 here).
    assert sys.getrefcount(None) - before > -200
    window.close()
