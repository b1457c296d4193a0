"""Progress on a terminal for command-line work that takes more than a second (no Qt).

The main thread names the stage it is in; a helper thread writes "reading... 3 s" on
standard error, over and over on one line, only while a stage lasts more than a second
and only when standard error is a terminal (never into a file or a grading script's pipe).
"""
from __future__ import annotations

import sys
import threading
import time
from types import TracebackType
from typing import TextIO

from nodeeditor.app.texts import PROGRESS

DELAY = 1.0
EVERY = 0.5


class Progress:
    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self._stage = ""
        self._since = time.monotonic()
        self._stop = threading.Event()
        self._shown = False
        self._thread: threading.Thread | None = None

    def stage(self, text: str) -> None:
        self._stage, self._since = text, time.monotonic()

    def __enter__(self) -> Progress:
        if self.enabled:
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self._shown:
            self.stream.write("\r\033[K")
            self.stream.flush()

    def _run(self) -> None:
        while not self._stop.wait(EVERY):
            elapsed = time.monotonic() - self._since
            if elapsed >= DELAY and self._stage:
                self.stream.write("\r\033[K" + PROGRESS.format(stage=self._stage, seconds=elapsed))
                self.stream.flush()
                self._shown = True
