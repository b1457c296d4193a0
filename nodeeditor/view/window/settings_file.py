"""Where the program keeps its settings, opened safely. On Linux and the BSDs Qt keeps them
in a text file (~/.config/BackpropStudio/BackpropStudio.conf); a pipe there would hang the
start before any window, a link to a device would be written over (as root, the device
replaced by a file), and a huge file would be read whole. Such a settings file is left
alone, said in the log, and this run keeps its settings in a file of its own instead."""
from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

from nodeeditor.app.logs import logger
from nodeeditor.view.texts import ORGANIZATION

#: A settings file larger than this is not read (ours are a few kilobytes).
LARGEST = 1 << 20


def settings_path() -> Path | None:
    """The file Qt keeps the settings in, where it is a file of Qt's own format (None on
    Windows and macOS, whose settings live in the registry and in preferences)."""
    if sys.platform.startswith(("win", "darwin")):
        return None
    base = QStandardPaths.writableLocation(QStandardPaths.GenericConfigLocation)
    return Path(base) / ORGANIZATION / f"{ORGANIZATION}.conf"


def problem(path: Path) -> str | None:
    """Why the settings file at ``path`` must not be opened (None: it may, or it does not exist)."""
    try:
        status = os.stat(path)  # (through a link: what it points at)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"it cannot be looked at ({exc.strerror or exc})"
    if not stat.S_ISREG(status.st_mode):
        return "it is not a regular file (a device, a pipe, a socket or a folder, or a link to one)"
    if status.st_size > LARGEST:
        return f"it is {status.st_size:,} bytes, far more than settings take"
    return None


def open_settings() -> QSettings:
    """The program's settings; a stand-in for this run when the usual file is not safe."""
    path = settings_path()
    why = problem(path) if path is not None else None
    if why is None:
        return QSettings(ORGANIZATION, ORGANIZATION)
    logger().warning("settings file %s left alone: %s; this run's settings are not kept", path, why)
    stand_in = Path(tempfile.mkdtemp(prefix="backprop-studio-settings-")) / "settings.ini"
    return QSettings(str(stand_in), QSettings.IniFormat)
