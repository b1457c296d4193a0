"""About Backprop Studio: the version, what it is built on, and every licence to read."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from nodeeditor.app.resources import resource_path
from nodeeditor.app.version import __version__
from nodeeditor.view import texts

#: The licence files shown first, in this order; the others follow by name.
FIRST = ("LICENSE.txt", "THIRD_PARTY_NOTICES.txt")


def licence_files() -> list:
    folder = resource_path("licenses")
    files = {p.name: p for p in folder.glob("*.txt")} if folder.is_dir() else {}
    if "LICENSE.txt" not in files and (installed := installed_licence()):
        files["LICENSE.txt"] = installed
    return [files[n] for n in FIRST if n in files] + [files[n] for n in sorted(files) if n not in FIRST]


def installed_licence() -> Path | None:
    """The MIT licence of a pip install: the wheel carries it once, in its .dist-info.
    importlib.metadata is imported here, not above: it needs csv and email, which the
    frozen builds leave out (they carry the licence in their resources instead)."""
    try:
        from importlib import metadata
    except ImportError:
        return None
    try:
        files = metadata.distribution("backprop-studio").files or []
    except metadata.PackageNotFoundError:
        return None
    found = [Path(str(f.locate())) for f in files if f.name == "LICENSE" and "licenses" in f.parts]
    return next((p for p in found if p.is_file()), None)


class AboutDialog(QDialog):
    """The version and the components above; the licences (this project's, then the
    third-party notices and each licence text) in a list beside their text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(texts.ABOUT_TITLE.format(app=texts.APP_NAME))
        self.resize(940, 600)
        layout = QVBoxLayout(self)
        python = sys.version.split()[0]
        self.summary = QLabel(texts.ABOUT_VERSIONS.format(about=texts.ABOUT_TEXT.format(app=texts.APP_NAME),
                                                          version=__version__, python=python, numpy=np.__version__,
                                                          qt=qVersion(), pyside=PySide6.__version__))
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.RichText)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(texts.LICENCES))
        row = QHBoxLayout()
        self.files = licence_files()
        self.list = QListWidget()
        self.list.addItems([p.stem for p in self.files])
        self.list.setMaximumWidth(190)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.NoWrap)  # licence texts are wrapped already
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        row.addWidget(self.list)
        row.addWidget(self.text, 1)
        layout.addLayout(row, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.list.currentRowChanged.connect(self._show)
        if self.files:
            self.list.setCurrentRow(0)
        else:
            self.text.setPlainText(texts.NO_LICENCES)

    def _show(self, row: int) -> None:
        if 0 <= row < len(self.files):
            self.text.setPlainText(self.files[row].read_text(encoding="utf-8", errors="replace"))


def show_help(parent: QWidget) -> None:
    QMessageBox.information(parent, texts.HELP_TITLE.format(app=texts.APP_NAME), texts.HELP_TEXT)
