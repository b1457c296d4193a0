"""The plot panel: the output as a function of one Variable, with the tangent line whose
slope is the gradient; during gradient descent, the loss curve."""
from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout

import engine
from nodeeditor.compiler import BackwardError
from nodeeditor.study import forward_value
from nodeeditor.view import style
from nodeeditor.view.document import Document
from nodeeditor.view.live_panel import LivePanel
from nodeeditor.view.plot_widget import PlotWidget, Series

SAMPLES = 121
SAMPLES_LARGE = 31        # for graphs of more than LARGE nodes upstream of the output
LARGE = 200
REDRAW_DELAY_MS = 40      # labels first, the plot a moment later


class PlotPanel(LivePanel):
    """The output against the chosen Variable, always of the graph on the canvas."""

    def __init__(self, document: Document) -> None:
        super().__init__(document, REDRAW_DELAY_MS)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel("Output against"))
        self.choice = QComboBox()
        self.choice.setToolTip("The Variable to move along the horizontal axis; the others stay fixed")
        row.addWidget(self.choice, 1)
        layout.addLayout(row)
        self.plot = PlotWidget()
        layout.addWidget(self.plot, 1)
        self.losses: list[float] = []
        self.showing_loss = False
        self.choice.currentIndexChanged.connect(self._draw_choice)

    def redraw(self) -> None:
        self.update_choices()  # the list names this graph's Variables, also under a loss curve
        if self.showing_loss:
            self.stale = True  # the descent's curve stays until the run ends
            return
        self._draw_choice()

    def update_choices(self) -> None:
        graph = self.document.graph
        wanted = [(n.label, n.id) for n in (graph.nodes[i] for i in graph.reading_order()) if n.kind == "Variable"]
        current = [(self.choice.itemText(i), self.choice.itemData(i)) for i in range(self.choice.count())]
        if wanted == current:
            return
        keep = self.choice.currentData()
        self.choice.blockSignals(True)
        self.choice.clear()
        for label, node_id in wanted:
            self.choice.addItem(label, node_id)
        index = self.choice.findData(keep)
        self.choice.setCurrentIndex(max(index, 0))
        self.choice.blockSignals(False)

    def series(self) -> tuple[np.ndarray, np.ndarray, float, float, float] | None:
        """x samples, output values, the current x, output and gradient (None if n/a)."""
        graph, compiler = self.document.graph, self.document.compiler
        node_id = self.choice.currentData()
        if node_id not in graph.nodes:
            return None
        try:
            root = compiler.default_output()
        except BackwardError:
            return None
        value = np.asarray(graph.nodes[node_id].params["value"])
        if value.size != 1 or node_id not in graph.upstream(root) or compiler.has_errors():
            return None  # a single number, also as a 1×1 matrix (a weight W)
        x0 = float(value.reshape(()))
        half = max(1.0, abs(x0))
        samples = SAMPLES if len(graph.upstream(root)) <= LARGE else SAMPLES_LARGE
        xs = np.linspace(x0 - 2 * half, x0 + 2 * half, samples)
        ys = np.array([float(np.sum(forward_value(graph, root, {node_id: np.full(value.shape, x)}))) for x in xs])
        y0 = float(np.sum(compiler.results[root].value))
        with np.errstate(all="ignore"):
            (slope,) = engine.grad(compiler.variable(root), [compiler.variable(node_id)])
        return xs, ys, x0, y0, float(np.sum(slope.data))

    def _draw_choice(self, *_ignored: object) -> None:
        data = self.series()
        if data is None:
            self.plot.set_data([], None, "Choose a Variable holding a single number to plot the output against it")
            return
        xs, ys, x0, y0, slope = data
        span = (xs[-1] - xs[0]) / 4
        tangent = Series(np.array([x0 - span, x0 + span]), np.array([y0 - slope * span, y0 + slope * span]),
                         style.GRADIENT_COLOR, dashed=True)
        name, out = self.choice.currentText(), self.document.graph.output_name
        self.plot.set_data([Series(xs, ys, style.VALUE_COLOR), tangent], (x0, y0),
                           f"{out} against {name} = {x0:.4g}   (dashed red: the tangent, slope "
                           f"∂{out}/∂{name} = {slope:.4g})")

    def show_loss(self, index: int, loss: float) -> None:
        if index < 0:
            self.losses = []
            self.showing_loss = True
            self.update_choices()  # the run may start before the delayed redraw after an Open
        else:
            self.losses.append(loss)
        steps = np.arange(len(self.losses), dtype=float)
        self.plot.set_data([Series(steps, np.array(self.losses, dtype=float), style.VALUE_COLOR)], None,
                           "gradient descent: the output (loss) after each step")

    def finish_loss(self) -> None:
        self.showing_loss = False
        self.mark_stale()
