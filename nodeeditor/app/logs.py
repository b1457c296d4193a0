"""Where Backprop Studio writes its logs, and the logs themselves (no Qt).

The platform's standard place: ``%LOCALAPPDATA%\\BackpropStudio\\Logs`` on Windows,
``~/Library/Logs/BackpropStudio`` on macOS, ``$XDG_STATE_HOME/BackpropStudio`` (usually
``~/.local/state/BackpropStudio``) elsewhere. ``BACKPROP_STUDIO_LOG_DIR`` overrides it
(the tests use it). Two files: ``backprop-studio.log``, a small rotating log of warnings
and errors with their tracebacks, and ``crash.log``, where ``faulthandler`` writes the
Python stacks of a hard crash (a segmentation fault) that no handler can catch.
"""
from __future__ import annotations

import faulthandler
import logging
import os
import sys
from pathlib import Path
from typing import TextIO

APP = "BackpropStudio"
LOG_NAME = "backprop-studio.log"
CRASH_NAME = "crash.log"
LOG_BYTES = 256 * 1024
LOG_BACKUPS = 2

_crash_file: TextIO | None = None


def log_dir() -> Path:
    override = os.environ.get("BACKPROP_STUDIO_LOG_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / APP / "Logs"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Logs" / APP
    return Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state") / APP


def log_path() -> Path:
    return log_dir() / LOG_NAME


def logger() -> logging.Logger:
    """The program's logger, writing warnings and errors to the rotating log file (set up
    on first use; when the folder cannot be written, it logs nowhere rather than fail)."""
    log = logging.getLogger("backprop_studio")
    if not log.handlers:
        log.setLevel(logging.WARNING)
        log.propagate = False
        try:
            log_dir().mkdir(parents=True, exist_ok=True)
            handler: logging.Handler = _RotatingFile(log_path())
        except OSError:
            handler = logging.NullHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        log.addHandler(handler)
    return log


class _RotatingFile(logging.FileHandler):
    """A log file that starts afresh past LOG_BYTES, keeping LOG_BACKUPS older ones
    (.1, .2). Written here because logging.handlers imports socket, which the frozen
    builds leave out."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, encoding="utf-8", delay=True)
        self.path = path

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.path.exists() and self.path.stat().st_size > LOG_BYTES:
                self.close()
                for i in range(LOG_BACKUPS, 0, -1):
                    older = self.path.with_name(f"{self.path.name}.{i}")
                    newer = self.path.with_name(f"{self.path.name}.{i - 1}") if i > 1 else self.path
                    if newer.exists():
                        os.replace(newer, older)
        except OSError:
            pass
        super().emit(record)


def log_exception(error: BaseException, what: str) -> Path:
    """Write ``error`` with its traceback to the log; the log's path, to tell the user."""
    logger().error(what, exc_info=(type(error), error, error.__traceback__))
    return log_path()


def catch_hard_crashes() -> None:
    """Have faulthandler write the Python stacks of a hard crash to crash.log."""
    global _crash_file
    if _crash_file is not None:
        return
    try:
        log_dir().mkdir(parents=True, exist_ok=True)
        _crash_file = open(log_dir() / CRASH_NAME, "a", encoding="utf-8")  # noqa: SIM115 - open for the process
    except OSError:
        return
    faulthandler.enable(file=_crash_file, all_threads=True)
