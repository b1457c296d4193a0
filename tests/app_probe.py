"""The real program, started as a student starts it, driven by a short script from the
command line, for tests that need a process of its own (a second launch, a kill -9):

    python tests/app_probe.py [FILE] -- STEP [STEP ...]

Steps, done in order once the editor is built: ``report`` prints the window's layout as
a JSON line; ``drag-panel-edge=DX`` drags the edge between the node list and the canvas
DX pixels with the mouse; ``formula=TEXT`` types TEXT into the formula bar and presses
Enter; ``wait-autosave`` waits until the work is kept aside and prints ``autosaved``;
``shot=PATH`` saves a picture of the window; ``hang`` waits to be killed; ``quit`` presses
Ctrl+Q (``quit-without-saving`` answers Discard when asked to save). A recovery question
at the start is answered by ``--answer=Restore`` (or Discard, Not now), after a picture of
it with ``--question-shot=PATH``, and what was restored is reported.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QPainter  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from nodeeditor.view.window import app as studio  # noqa: E402
from tests.gui_helpers import send_mouse  # noqa: E402


def say(event: str, **fields: object) -> None:
    print(json.dumps({"event": event, **fields}), flush=True)


def layout(window) -> dict:  # noqa: ANN001
    centre = window.centralWidget()
    return {"window": [window.width(), window.height()], "canvas": [centre.width(), centre.height()],
            "nodes_panel": window.docks.palette.width(), "inspector": window.docks.inspector.width(),
            "panels_shown": [d.windowTitle() for d in window.docks.all() if d.isVisible()]}


def settle(milliseconds: int = 300) -> None:
    QTest.qWait(milliseconds)


def drag_panel_edge(window, dx: int) -> None:  # noqa: ANN001
    """Drag the separator right of the node list, as a mouse does."""
    dock = window.docks.palette
    start = QPoint(dock.geometry().right() + 3, dock.geometry().center().y())
    send_mouse(window, QEvent.MouseButtonPress, start)
    for i in range(1, 11):  # the window moves its separator on a timer: let it run
        send_mouse(window, QEvent.MouseMove, start + QPoint(dx * i // 10, 0), buttons=Qt.LeftButton)
        QTest.qWait(20)
    send_mouse(window, QEvent.MouseButtonRelease, start + QPoint(dx, 0))


def run_steps(window, steps: list[str]) -> None:  # noqa: ANN001
    settle()
    for step in steps:
        name, _, arg = step.partition("=")
        if name == "report":
            say("layout", **layout(window))
        elif name == "drag-panel-edge":
            drag_panel_edge(window, int(arg))
            settle()
        elif name == "formula":
            field = window.actions.formula
            QTest.mouseClick(field, Qt.LeftButton)
            field.selectAll()
            QTest.keyClicks(field, arg)
            QTest.keyClick(field, Qt.Key_Return)
            settle()
        elif name == "wait-autosave":
            while not window.autosave.store.graph_path.exists():
                settle(50)
            say("autosaved", path=str(window.autosave.store.graph_path))
        elif name == "shot":
            window.grab().save(arg)
            say("shot", path=arg)
        elif name == "hang":
            while True:
                settle(1000)
        elif name in ("quit", "quit-without-saving"):
            if name == "quit-without-saving":
                answer_questions("Discard")
            window.activateWindow()  # as the student's click on it does (a message box had the focus)
            window.windowHandle().requestActivate()
            settle(50)
            QTest.keyClick(window, Qt.Key_Q, Qt.ControlModifier)
            return
        else:
            raise SystemExit(f"unknown step {step!r}")


def answer_questions(choice: str, shot: str | None = None) -> None:
    """Click ``choice`` in the first message box that shows (the recovery question), after
    saving a picture of it over the window when ``shot`` names a file."""
    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            say("asked", text=box.text())
            if shot:
                picture = box.parentWidget().window().grab()
                painter = QPainter(picture)
                painter.drawPixmap((picture.width() - box.width()) // 2, (picture.height() - box.height()) // 3,
                                   box.grab())
                painter.end()
                picture.save(shot)
            next(b for b in box.buttons() if b.text() == choice).click()
        else:
            QTimer.singleShot(20, look)
    QTimer.singleShot(20, look)


def main() -> int:
    args = sys.argv[1:]
    steps = args[args.index("--") + 1:] if "--" in args else []
    options = [a for a in (args[: args.index("--")] if "--" in args else args) if a.startswith("--")]
    files = [a for a in (args[: args.index("--")] if "--" in args else args) if not a.startswith("--")]
    answer = next((o.split("=", 1)[1] for o in options if o.startswith("--answer=")), None)
    question_shot = next((o.split("=", 1)[1] for o in options if o.startswith("--question-shot=")), None)
    build = studio.MainWindow.build_after_first_paint

    def build_and_run(window, then):  # noqa: ANN001
        def built() -> None:
            if answer:
                answer_questions(answer, question_shot)
            then()
            graph = window.document.graph
            say("started", nodes=len(graph.nodes), title=window.document.title, modified=window.document.modified,
                variables=sorted(str(n.params.get("name")) for n in graph.nodes.values() if n.kind == "Variable"))
            QTimer.singleShot(0, lambda: run_steps(window, steps))
        build(window, built)

    studio.MainWindow.build_after_first_paint = build_and_run
    return studio.run_gui(files[0] if files else None)


if __name__ == "__main__":
    sys.exit(main())
