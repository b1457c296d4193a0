"""Editor timings: open and first paint of 500, 2,000 and 5,000-node graphs, a full
repaint at 2,000 nodes, and a value edit to updated labels at 500 nodes.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui_bench.py``.
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from compiler_bench import random_graph  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtGui import QImage, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from engine.gc_tuning import tune_gc_for_graphs  # noqa: E402
from nodeeditor.model import save_graph  # noqa: E402
from nodeeditor.model.layout import apply_layout  # noqa: E402
from nodeeditor.session import SetParam  # noqa: E402
from nodeeditor.view.main_window import MainWindow  # noqa: E402


def paint(window: MainWindow) -> float:
    """Render the canvas viewport into an image, as a real paint would; seconds taken."""
    viewport = window.canvas.viewport()
    image = QImage(viewport.size(), QImage.Format_ARGB32_Premultiplied)
    t0 = time.perf_counter()
    painter = QPainter(image)
    window.canvas.render(painter)
    painter.end()
    return time.perf_counter() - t0


def main() -> None:
    app = QApplication(sys.argv[:1])
    tune_gc_for_graphs()
    folder = Path(tempfile.mkdtemp())
    settings = QSettings(str(folder / "s.ini"), QSettings.IniFormat)
    for n in (500, 2_000, 5_000):
        graph = random_graph(n)
        apply_layout(graph)
        path = folder / f"g{n}.graph"
        save_graph(graph, path)
        window = MainWindow(settings)
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        t0 = time.perf_counter()
        with np.errstate(all="ignore"):
            window.files.open_path(path, ask=False)
        t1 = time.perf_counter()
        first = paint(window)
        print(f"{n:>5} nodes: open {(t1 - t0) * 1e3:7.1f} ms + first paint {first * 1e3:6.1f} ms "
              f"= {(t1 - t0 + first) * 1e3:7.1f} ms (fit to view: all nodes visible)")
        if n == 2_000:
            repaints = [paint(window) for _ in range(10)]
            print(f"       full repaint of the view, all nodes visible: median {statistics.median(repaints) * 1e3:.1f} ms")
            window.canvas.set_zoom(1.0)
            repaints = [paint(window) for _ in range(10)]
            print(f"       full repaint at 100% zoom: median {statistics.median(repaints) * 1e3:.1f} ms")
        if n == 500:
            doc = window.document
            variable = next(node.id for node in doc.graph.nodes.values() if node.kind == "Variable")
            times = []
            for i in range(20):
                t0 = time.perf_counter()
                with np.errstate(all="ignore"):
                    doc.push(SetParam(doc.graph, variable, "value", np.array(1.0 + i / 50)))
                app.processEvents()
                times.append(time.perf_counter() - t0)
            print(f"       value edit to updated labels: median {statistics.median(times) * 1e3:.2f} ms")
        window.document.undo_stack.setClean()
        window.close()
        window.deleteLater()
        app.processEvents()


if __name__ == "__main__":
    main()
