"""Autosave: the open graph written to a recovery file every minute while it has unsaved
changes, and after each Backward; the next start offers back what a crash or a kill left.
The recovery files themselves are session/recovery.py's.

The window's thread only takes a copy of the graph (graph_to_document, ~7 ms at 1,000
nodes); the text and the disk's fsync are done on a thread of their own (~30 ms at 1,000
nodes, ~0.4 s at 20,000), one write at a time, in order."""
from __future__ import annotations

import os
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QStandardPaths, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from nodeeditor.app.logs import logger
from nodeeditor.model import GraphFileError
from nodeeditor.model.graphfile import graph_to_document
from nodeeditor.session.recovery import Recovery, RecoveryStore
from nodeeditor.view import texts
from nodeeditor.view.window.document import Document

#: Seconds between autosaves (BACKPROP_STUDIO_AUTOSAVE_SECONDS changes it, for tests).
AUTOSAVE_SECONDS = 60


def recovery_folder() -> Path:
    """Where recovery files are written: the program's folder in the user's local data
    (``~/.local/share/BackpropStudio/Backprop Studio/recovery`` on Linux,
    ``%LOCALAPPDATA%\\BackpropStudio\\Backprop Studio\\recovery`` on Windows). The
    same answer whether any of these folders exists yet or not: on a new account the
    first run and the next must agree, or a crash of the first run is never offered back."""
    base = QStandardPaths.writableLocation(QStandardPaths.GenericDataLocation)
    return Path(base) / texts.ORGANIZATION / texts.APP_NAME / "recovery"


def older_recovery_folders(settings: QSettings) -> tuple[Path, ...]:
    """Where versions up to 0.2 also wrote recovery files: beside the settings file."""
    settings_file = Path(settings.fileName())
    if settings.format() == QSettings.NativeFormat and not settings_file.is_absolute():
        return ()  # the Windows registry: they used the folder above
    return (settings_file.parent / "recovery",)


class Autosave(QObject):
    #: windows opened so far in this program: each writes recovery files of its own
    opened = 0
    #: work a crash left was given back (the time it was kept, HH:MM)
    restored = Signal(str)

    def __init__(self, window: QWidget, document: Document, settings: QSettings) -> None:
        super().__init__(window)
        self.window, self.document = window, document
        self.store = RecoveryStore(recovery_folder(), window=Autosave.opened, older=older_recovery_folders(settings))
        Autosave.opened += 1
        self.timer = QTimer(self)
        seconds = float(os.environ.get("BACKPROP_STUDIO_AUTOSAVE_SECONDS") or AUTOSAVE_SECONDS)
        self.timer.setInterval(max(100, int(seconds * 1000)))
        self.timer.timeout.connect(self.save_soon)
        self.timer.start()
        self._written_at: int | None = None  # the history's length when last written
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")
        self._pending: Future | None = None
        document.history_changed.connect(self._changed)

    def _changed(self, *_ignored: object) -> None:
        if not self.document.modified:
            self.wait()  # a write under way would bring the file back
            self.store.clear()  # saved, or undone back to the saved state
            self._written_at = None

    def save_soon(self) -> None:
        """``save_now`` with the writing done on the autosave thread: returns at once."""
        mark = self.document.session.history.index
        if not self.document.modified or mark == self._written_at or not self.timer.isActive():
            return  # nothing new, or the window has closed (finish)
        self._written_at = mark
        document, original = graph_to_document(self.document.graph), self.document.path
        self._pending = self._writer.submit(self._write, document, original, mark)

    def _write(self, document: dict, original: Path | None, mark: int) -> None:
        """On the autosave thread."""
        try:
            self.store.write_document(document, original)
        except (OSError, ValueError) as exc:
            logger().warning("autosave failed: %s", exc)
            if self._written_at == mark:
                self._written_at = None  # try again next time

    def wait(self) -> None:
        """Until the write under way, if any, is on the disk."""
        if self._pending is not None:
            wait_for([self._pending])
            self._pending = None

    def save_now(self, force: bool = False) -> Path | None:
        """Write the graph aside if it has changes not written yet (or always, with
        ``force``: after an error); the file, or None."""
        self.wait()
        if not self.document.modified and not force:
            return None
        mark = self.document.session.history.index
        if not force and mark == self._written_at and self.store.graph_path.exists():
            return self.store.graph_path
        try:
            self.store.write(self.document.graph, self.document.path)
        except (OSError, ValueError) as exc:
            logger().warning("autosave failed: %s", exc)
            return None
        self._written_at = mark
        return self.store.graph_path

    def finish(self) -> None:
        """The window closes with the work saved or discarded on purpose: nothing to keep."""
        self.timer.stop()
        self._writer.shutdown(wait=True)
        self._pending = None
        self.store.clear()

    def offer_recovery(self) -> bool:
        """Offer back the newest graph a crashed or killed run left; True if restored."""
        orphans = self.store.orphans()
        if not orphans:
            return False
        newest, older = orphans[0], orphans[1:]
        when = datetime.fromtimestamp(newest.saved_at).strftime("%Y-%m-%d %H:%M")
        if newest.original:
            question = texts.CLOSED_WITHOUT_SAVING.format(app=texts.APP_NAME, document=newest.original.name, time=when)
        else:
            question = texts.CLOSED_WITHOUT_SAVING_UNTITLED.format(app=texts.APP_NAME, time=when)
        box = QMessageBox(QMessageBox.Question, texts.APP_NAME, question, parent=self.window)
        restore = box.addButton("Restore", QMessageBox.AcceptRole)
        box.addButton("Discard", QMessageBox.DestructiveRole)
        later = box.addButton("Not now", QMessageBox.RejectRole)
        box.setDefaultButton(restore)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        if clicked is later:
            return False
        for orphan in older:
            orphan.discard()
        if clicked is restore:
            return self._restore(newest)
        newest.discard()
        return False

    def _restore(self, recovery: Recovery) -> bool:
        try:
            graph = recovery.load()
        except GraphFileError as exc:
            QMessageBox.warning(self.window, texts.APP_NAME, texts.RECOVERED_UNREADABLE.format(reason=exc))
            return False
        self.document.session.restore(graph, recovery.original)
        recovery.discard()
        self.save_now()  # this run's own recovery file, from the start
        self.restored.emit(datetime.fromtimestamp(recovery.saved_at).strftime("%H:%M"))
        return True
