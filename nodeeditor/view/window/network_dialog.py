"""Graph → New Network…: the layer sizes (2-2-1), the activation and the form (a node per
weight and neuron, or weight matrices), with what the data and the loss are."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from nodeeditor.model.network import ACTIVATIONS, SCALAR_LARGEST, NetworkSpec, parse_sizes
from nodeeditor.view import texts


class NetworkDialog(QDialog):
    """``spec()`` is the network asked for once accepted (NetworkError for sizes that
    cannot be built: the Build button says so before it is pressed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(texts.NETWORK_DIALOG_TITLE)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.sizes_edit = QLineEdit("2-2-1")
        self.sizes_edit.setToolTip(texts.NETWORK_SIZES_TIP)
        form.addRow(texts.NETWORK_SIZES_LABEL, self.sizes_edit)
        self.activation = QComboBox()
        self.activation.addItems(list(ACTIVATIONS))
        form.addRow(texts.NETWORK_ACTIVATION_LABEL, self.activation)
        layout.addLayout(form)
        self.scalar_form = QRadioButton(texts.NETWORK_SCALAR_FORM)
        self.matrix_form = QRadioButton(texts.NETWORK_MATRIX_FORM)
        group = QButtonGroup(self)
        for button in (self.scalar_form, self.matrix_form):
            group.addButton(button)
            layout.addWidget(button)
        self.scalar_form.setChecked(True)
        note = QLabel(texts.NETWORK_DATA_NOTE.format(largest=SCALAR_LARGEST))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.problem = QLabel("")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(texts.NETWORK_BUILD)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.sizes_edit.textChanged.connect(self._check)
        self.sizes_edit.selectAll()

    def _check(self, text: str) -> None:
        """Say at once what is wrong with the sizes typed, and keep Build off until they are right."""
        try:
            sizes = parse_sizes(text)
        except ValueError as exc:
            self.problem.setText(str(exc))
            self.buttons.button(QDialogButtonBox.Ok).setEnabled(False)
            return
        self.problem.setText("")
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(True)
        if sum(sizes[1:]) > SCALAR_LARGEST:
            self.matrix_form.setChecked(True)

    def spec(self) -> NetworkSpec:
        return NetworkSpec(parse_sizes(self.sizes_edit.text()), self.activation.currentText(),
                           matrix=self.matrix_form.isChecked())
