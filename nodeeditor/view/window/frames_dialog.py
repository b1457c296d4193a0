"""File → Export Backward Steps…: where the pictures go (a folder that does not exist yet
is made), their shape (the graph's own, or 16:9 slides) and whether an MP4 is made too
(only where ffmpeg is installed; the dialog says so otherwise)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from nodeeditor.app.video import ffmpeg
from nodeeditor.view import texts


class FramesDialog(QDialog):
    """Asks for the folder, the shape and the MP4; ``folder()``, ``slides()`` and ``mp4()``
    say what was chosen once it is accepted."""

    def __init__(self, parent: QWidget | None, folder: Path, slides: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle(texts.FRAMES_DIALOG_TITLE)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(texts.FRAMES_DIALOG_WHAT))
        row = QHBoxLayout()
        row.addWidget(QLabel(texts.FRAMES_FOLDER_LABEL))
        self.folder_edit = QLineEdit(str(folder))
        self.folder_edit.setMinimumWidth(380)
        self.folder_edit.setToolTip(texts.FRAMES_FOLDER_TIP)
        row.addWidget(self.folder_edit, 1)
        browse = QPushButton(texts.BROWSE)
        browse.clicked.connect(self._browse)
        row.addWidget(browse)
        layout.addLayout(row)
        self.graph_shape = QRadioButton(texts.FRAMES_GRAPH_SHAPE)
        self.slide_shape = QRadioButton(texts.FRAMES_SLIDE_SHAPE)
        shapes = QButtonGroup(self)
        for button in (self.graph_shape, self.slide_shape):
            shapes.addButton(button)
            layout.addWidget(button)
        (self.slide_shape if slides else self.graph_shape).setChecked(True)
        self.mp4_box = QCheckBox(texts.FRAMES_MP4)
        if ffmpeg() is None:
            self.mp4_box.setEnabled(False)
            self.mp4_box.setText(texts.FRAMES_MP4_NEEDS_FFMPEG)
        layout.addWidget(self.mp4_box)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(texts.FRAMES_EXPORT)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, texts.FRAMES_FOLDER_DIALOG, self.folder_edit.text())
        if chosen:
            self.folder_edit.setText(chosen)

    def folder(self) -> Path:
        return Path(self.folder_edit.text().strip()).expanduser()

    def slides(self) -> bool:
        return self.slide_shape.isChecked()

    def mp4(self) -> bool:
        return self.mp4_box.isEnabled() and self.mp4_box.isChecked()
