"""Long work on a thread while the window keeps answering: a progress dialog (shown after
0.4 s) with Cancel. Used to read a big file, and as the session's runner of long work (a
big graph's evaluation after an edit, its Backward, its gradient check)."""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from nodeeditor.session.long_work import Cancelled, LongWork, Runner
from nodeeditor.view import texts

#: What run_in_background returns when the student pressed Cancel.
CANCELLED = object()


def run_in_background(parent: QWidget, label: str, work: Callable[[], Any],
                      progress: Callable[[], tuple[int, int]] | None = None,
                      on_cancel: Callable[[], None] | None = None) -> Any:
    """``work()`` on a thread; its result, or CANCELLED. ``work`` must not touch the
    window. Its exception is raised here. ``progress`` gives (done, total) for the bar
    (else it is a busy bar); ``on_cancel`` asks the work to stop; without it the work
    finishes on its own and its result is dropped."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["result"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed to the window's thread below
            outcome["error"] = exc

    worker = threading.Thread(target=run, name=label, daemon=True)
    worker.start()
    total = progress()[1] if progress is not None else 0
    dialog = QProgressDialog(label, "Cancel", 0, total, parent)
    dialog.setWindowTitle(texts.APP_NAME)
    dialog.setWindowModality(Qt.WindowModal)
    dialog.setMinimumDuration(400)
    cancelled = False
    try:
        while worker.is_alive():
            if progress is not None:
                done, total = progress()
                dialog.setValue(min(done, max(total - 1, 0)))
            # Keys and clicks wait until the dialog is up (and window-modal): nothing may
            # change the graph while the work reads it.
            QApplication.processEvents(QEventLoop.AllEvents if dialog.isVisible()
                                       else QEventLoop.ExcludeUserInputEvents, 30)
            if dialog.wasCanceled() and not cancelled:
                cancelled = True
                if on_cancel is None:
                    return CANCELLED
                on_cancel()
            worker.join(0.02)
    finally:
        dialog.close()
    if "error" in outcome:
        raise outcome["error"]
    return CANCELLED if cancelled and on_cancel is None else outcome["result"]


def runner(parent: QWidget, say: Callable[[str], None]) -> Runner:
    """The session's runner of long work in the window: on a thread behind a progress
    dialog with Cancel (Cancelled when the work could not stop by itself); what the work
    has to say afterwards goes to ``say`` (the status bar)."""
    def run(work: LongWork) -> Any:
        result = run_in_background(parent, work.label, work.run, progress=work.progress, on_cancel=work.cancel)
        if result is CANCELLED:
            raise Cancelled(work.label)
        text = work.afterwards()
        if text:
            say(text)
        return result
    return run
