"""Putting the window on the screen before the editor is built: "Opening…" painted at
once, the editor built after that first paint, and a broken install said in the window.

Only Qt here (and not even its ``Qt`` namespace: making its enums costs ~25 ms), so that
``python main.py`` shows a window before numpy, the engine and the panels are loaded."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from nodeeditor.view import texts


def centred(html: str) -> str:
    """``html`` centred in a label, without QtCore.Qt's alignment flags (see above)."""
    return f'<div align="center">{html}</div>'


def placeholder() -> QLabel:
    return QLabel(centred(f"<h2>{texts.APP_NAME}</h2><p>{texts.OPENING}</p>"))


def start_failed(parent: QWidget, label: QLabel, error: Exception) -> None:
    """The editor could not be built (a broken install): say so, where the details are,
    and end with the exit code of an unexpected error."""
    from PySide6.QtWidgets import QApplication

    from nodeeditor.app.entry import EXIT_UNEXPECTED
    from nodeeditor.app.logs import log_exception

    where = log_exception(error, "the editor could not be built")
    named = texts.ERROR_NAMED.format(kind=type(error).__name__, message=str(error)[:200])
    text = texts.CANNOT_START.format(app=texts.APP_NAME, error=named, log=where)
    label.setText(centred(f"<h2>{texts.APP_NAME}</h2><p>{text}</p>"))
    QMessageBox.critical(parent, texts.APP_NAME, text)
    QApplication.exit(EXIT_UNEXPECTED)


def on_first_paint(widget: QWidget, then: Callable[[], None]) -> None:
    """Call ``then`` once, when ``widget`` is next painted."""
    _OnFirstPaint(widget, then)


class _OnFirstPaint(QObject):
    """An event filter, owned by its widget, that removes itself after the first paint."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Paint:
            watched.removeEventFilter(self)
            self._then()
        return False
