"""Saves docs/screenshot.png: the sphere example after Backward, stepped through to the end so
the caption bar says what the red numbers are, as a student sees it; and
docs/linear-regression.png: the linear-regression example at the end of gradient descent
run from the Learn panel (500 steps), the loss curve falling in the plot."""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from nodeeditor.view.window.main_window import MainWindow  # noqa: E402


def settle(app: QApplication, seconds: float = 0.3) -> None:
    """Let timers fire and panels repaint before the picture is taken."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def main() -> None:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        window = MainWindow(QSettings(str(Path(folder) / "s.ini"), QSettings.IniFormat))
        window.resize(1280, 720)
        window.show()
        window.files.open_path(ROOT / "resources" / "examples" / "4-sphere.graph", ask=False)
        while window.stepper.step_backward():
            pass  # the last step: every gradient shown, and the caption saying what they are
        window.scene.nodes["n1"].setSelected(True)
        app.processEvents()
        window.canvas.fit()
        settle(app)  # the plot and code panels refresh a moment after an edit
        out = ROOT / "docs" / "screenshot.png"
        out.parent.mkdir(exist_ok=True)
        window.grab().save(str(out))
        print(f"wrote {out.relative_to(ROOT)}")
        trained(app, window)
        window.document.undo_stack.setClean()
        window.close()


def trained(app: QApplication, window: MainWindow) -> None:
    window.files.open_path(ROOT / "resources" / "examples" / "12-linear-regression.graph", ask=False)
    window.docks.learn.show()
    window.docks.learn.raise_()
    window.learn.steps.setValue(500)
    window.canvas.fit()
    window.learn.run_button.click()
    run = window.learn.run
    while run.done < 490:  # the picture is taken during the last ticks, with the loss curve shown
        app.processEvents()
    out = ROOT / "docs" / "linear-regression.png"
    window.grab().save(str(out))
    print(f"wrote {out.relative_to(ROOT)}")
    while window.learn.run is not None:
        app.processEvents()


if __name__ == "__main__":
    main()
