"""The Chain rule panel: ∂output/∂(selected node) written out, path by path, in symbols
and in numbers; Copy as LaTeX; and forward mode beside reverse mode, with each node's
tangent on the canvas and the passes each mode needs on this graph."""
from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QGuiApplication, QHideEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
)

from nodeeditor.compiler import BackwardError, Compiler
from nodeeditor.lessons import texts as lesson_texts
from nodeeditor.lessons.chain_rule import (
    ArraysOnThePath,
    ChainRuleError,
    Derivation,
    derive,
    factor_text,
    latex,
    number,
    rule_text,
    summary,
    term_numbers,
)
from nodeeditor.lessons.derivatives import forward_mode, forward_summary, passes
from nodeeditor.lessons.gradient_graph import NewtonStep
from nodeeditor.lessons.matrix_form import MatrixForm, MatrixFormError, line_text, matrix_form
from nodeeditor.lessons.matrix_form import latex as matrix_latex
from nodeeditor.lessons.matrix_form import summary as matrix_summary
from nodeeditor.lessons.paths import derivation_paths, term_path
from nodeeditor.model import format_array
from nodeeditor.plural import plural
from nodeeditor.session.studies import StudyRefused
from nodeeditor.view import style, texts
from nodeeditor.view.canvas.scene import GraphScene
from nodeeditor.view.panels.live_panel import LivePanel
from nodeeditor.view.window.document import Document

#: Paths shown before "show all"; graphs beyond LARGEST nodes are not written out.
SHOWN_PATHS = 6
LARGEST = 2_000
REDRAW_DELAY_MS = 60


class ChainPanel(LivePanel):
    message = Signal(str)
    #: forward mode was switched on (the window stops a guessing round: both use the row)
    forward_started = Signal()

    def __init__(self, document: Document, scene: GraphScene) -> None:
        super().__init__(document, REDRAW_DELAY_MS)
        self.scene = scene
        self.node_id: str | None = None
        self.derivation: Derivation | None = None
        #: where arrays flow, the chain rule in matrix form instead
        self.matrix: MatrixForm | None = None
        self.show_all = False
        layout = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.anchorClicked.connect(self._link)
        self.text.highlighted.connect(self._pointed)  # the pointer on a term: its path alone
        layout.addWidget(self.text, 1)
        self.copy_button = QPushButton("Copy as LaTeX")
        self.copy_button.setToolTip(texts.COPY_LATEX_TIP)
        self.copy_button.clicked.connect(self.copy_latex)
        layout.addWidget(self.copy_button)
        row = QHBoxLayout()
        self.forward = QCheckBox("Forward mode from")  # the input chosen here is Newton's too
        self.forward.setToolTip(texts.FORWARD_MODE_TIP)
        self.forward_input = QComboBox()
        row.addWidget(self.forward)
        row.addWidget(self.forward_input, 1)
        layout.addLayout(row)
        self.counts = QLabel("")
        self.counts.setWordWrap(True)
        layout.addWidget(self.counts)
        layout.addWidget(self._newton_box())
        self.forward.toggled.connect(self._forward_toggled)
        # the tangents on the canvas follow every change, even while this tab is hidden
        document.results_changed.connect(self._results_changed)
        self.forward_input.currentIndexChanged.connect(lambda _i: self.mark_stale())

    def document_replaced(self) -> None:
        """Nothing of the previous graph: no node explained, forward mode off, no iterates
        whose "Set the input to the last x" would write them into this graph."""
        self.node_id, self.derivation, self.matrix, self.show_all = None, None, None, False
        self.forward.setChecked(False)
        self.forward_input.blockSignals(True)
        self.forward_input.clear()  # filled with this graph's Variables when next shown
        self.forward_input.blockSignals(False)
        self.iterates.clear()
        self._last_x = None
        self.use_last.setEnabled(False)
        self.text.clear()
        self.counts.setText("")
        self.mark_stale()

    # what to explain -------------------------------------------------------------------
    def show_node(self, node_id: str | None) -> None:
        if node_id != self.node_id:
            self.node_id, self.show_all = node_id, False
            self.mark_stale()

    def _link(self, url: QUrl) -> None:
        if url.toString() == "#all":
            self.show_all = True
            self._render()

    # the paths on the canvas ---------------------------------------------------------------
    def _light_paths(self) -> None:
        """Every path of the derivation lit on the canvas (nothing when there is none)."""
        d = self.derivation
        self.scene.set_paths("chain", derivation_paths(self.document.graph, d) if d is not None else None)

    def _pointed(self, url: QUrl) -> None:
        """The pointer is on a term (``term:3``): its path alone, each wire with its local
        derivative; off the terms: every path again."""
        d, link = self.derivation, url.toString()
        if d is None:
            return
        if link.startswith("term:") and link[5:].isdigit() and int(link[5:]) < len(d.terms):
            self.scene.set_paths("chain", term_path(self.document.graph, d, d.terms[int(link[5:])]))
        else:
            self._light_paths()

    def catch_up(self, shown: bool = True) -> None:
        """The tab came into view (its paths lit again) or went behind another (nothing
        stays dimmed on the canvas while the explanation cannot be seen)."""
        super().catch_up(shown)
        if shown:
            self._light_paths()
        else:
            self.scene.set_paths("chain", None)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.scene.set_paths("chain", None)

    def redraw(self) -> None:
        graph = self.document.graph
        self._update_inputs()
        self.derivation = self.matrix = None
        self.scene.set_paths("chain", None)  # (lit again by _render when there is a derivation)
        if len(graph.nodes) > LARGEST:
            self.text.setHtml(f"<p>{texts.CHAIN_RULE_TOO_BIG.format(most=LARGEST)}</p>")
            self.copy_button.setEnabled(False)
            self._forward_view()
            return
        if self.document.gradients_hidden:
            self.text.setHtml(f"<p>{texts.CHAIN_RULE_HIDDEN}</p>")
            self.copy_button.setEnabled(False)
            self.counts.setText("")
            return
        with self.document.session.studies.look() as compiler:  # the canvas keeps its state
            try:
                if self.node_id is None or self.node_id not in graph.nodes:
                    self.text.setHtml(f"<p>{texts.SELECT_FOR_CHAIN}</p>")
                else:
                    self.derivation = derive(graph, compiler, self.node_id)
            except ArraysOnThePath:
                self._render_matrix_form(graph, compiler)
            except (ChainRuleError, BackwardError) as exc:
                self.text.setHtml(f"<p>{html.escape(str(exc))}</p>")
        self.copy_button.setEnabled(self.derivation is not None or self.matrix is not None)
        self._render()
        self._forward_view()

    def _render_matrix_form(self, graph, compiler: Compiler) -> None:  # noqa: ANN001
        """Arrays flow here: the chain rule in matrix form, one line per node."""
        try:
            self.matrix = matrix_form(graph, compiler, self.node_id)
        except MatrixFormError as exc:
            self.text.setHtml(f"<p>{html.escape(str(exc))}</p>")
            return
        rows = "".join(f"<p>{html.escape(line_text(self.matrix, line))}</p>" for line in self.matrix.lines)
        self.text.setHtml(f"{rows}<p style='color:{style.MUTED_TEXT.name()}'>"
                          f"{html.escape(matrix_summary(self.matrix))}</p>")

    def _render(self) -> None:
        d = self.derivation
        if d is None:
            return
        out, wrt = d.names[d.output], d.names[d.wrt]
        terms = d.terms if self.show_all or len(d.terms) <= SHOWN_PATHS else d.terms[:SHOWN_PATHS]
        red = style.GRADIENT_COLOR.name()
        rows = []
        for i, term in enumerate(terms):
            symbols = " · ".join(factor_text(d, f) for f in term.factors) or "1"
            numbers = term_numbers(term)
            lead = f"∂{out}/∂{wrt} =" if i == 0 else "+"
            # a link without its look: pointing at it lights its path on the canvas
            term_link = f"<a href='term:{i}' style='color:{style.PATH_TEXT.name()}; text-decoration:none'>"
            rows.append(f"<tr><td align=right>{html.escape(lead)}</td><td>{term_link}{html.escape(symbols)}</a></td>"
                        f"<td>= {html.escape(numbers)}</td><td>= {number(term.value)}</td></tr>")
        more = ""
        hidden = len(d.terms) - len(terms)
        if hidden:
            more = f"<p>{plural(hidden, texts.ONE_MORE_PATH, texts.MORE_PATHS).format(count=hidden)}</p>"
        heading = (texts.SUM_OVER_USES if d.folded else texts.SUM_OVER_PATHS).format(derivative=f"∂{out}/∂{wrt}")
        rules = "".join(f"<li>{html.escape(rule_text(d, f))}</li>" for f in d.local_factors())
        html_text = (f"<p>{heading}</p><table cellspacing=4>{''.join(rows)}</table>{more}"
                     f"<p style='font-size:large'>∂{out}/∂{wrt} = <b style='color:{red}'>{number(d.total)}</b></p>"
                     f"<p>{html.escape(lesson_texts.LOCAL_RULES_SENTENCE)}</p><ul>{rules}</ul>"
                     f"<p style='color:{style.MUTED_TEXT.name()}'>{html.escape(summary(d))}</p>")
        self.text.setHtml(html_text)
        self._light_paths()

    def copy_latex(self) -> None:
        if self.derivation is not None or self.matrix is not None:
            text = latex(self.derivation) if self.derivation is not None else matrix_latex(self.matrix)
            QGuiApplication.clipboard().setText(text)
            self.message.emit(texts.LATEX_COPIED)

    # Newton's method -----------------------------------------------------------------------
    def _newton_box(self) -> QGroupBox:
        box = QGroupBox("Newton's method: x ← x − f′(x) ÷ f″(x)")
        column = QVBoxLayout(box)
        row = QHBoxLayout()
        self.newton_steps = QSpinBox()
        self.newton_steps.setRange(1, 50)
        self.newton_steps.setValue(5)
        self.newton_steps.setSuffix(" steps")
        self.newton_button = QPushButton("Run Newton's method")
        self.newton_button.setToolTip(texts.NEWTON_TIP)
        self.newton_button.clicked.connect(self.run_newton)
        row.addWidget(self.newton_steps)
        row.addWidget(self.newton_button, 1)
        column.addLayout(row)
        self.iterates = QListWidget()
        self.iterates.setMinimumHeight(120)
        self.iterates.setWordWrap(True)
        column.addWidget(self.iterates)
        self.use_last = QPushButton(texts.USE_LAST_X)
        self.use_last.setEnabled(False)
        self.use_last.clicked.connect(self._use_last)
        column.addWidget(self.use_last)
        self._last_x: tuple[str, float] | None = None
        #: the history's place when Newton's method ran (None while the panel edits)
        self._newton_at: int | None = -1
        self.document.history_changed.connect(self._edited)
        return box

    def _edited(self) -> None:
        """An edit or an undo since Newton's method ran: its steps are of another graph."""
        if self._newton_at is None:
            return
        if self._last_x is not None and self.document.session.history.index != self._newton_at:
            self.iterates.clear()
            self.iterates.addItem(texts.NEWTON_STALE)
            self._last_x = None
            self.use_last.setEnabled(False)

    def run_newton(self) -> list[NewtonStep]:
        graph = self.document.graph
        wrt = self.forward_input.currentData()
        self.iterates.clear()
        self.use_last.setEnabled(False)
        if self.document.gradients_hidden:  # f′ is the gradient being guessed
            self.message.emit(texts.GUESSING)
            return []
        try:
            steps = self.document.session.studies.newton(wrt, self.newton_steps.value())
        except (BackwardError, StudyRefused) as exc:
            self.message.emit(str(exc))
            return []
        name = graph.nodes[wrt].label
        for i, step in enumerate(steps):
            self.iterates.addItem(f"x{_subscript(i)} = {step.x:.10g}    f′ = {step.slope:.4g}    "
                                  f"f″ = {step.curvature:.4g}")
        self._last_x = (wrt, steps[-1].x)
        self._newton_at = self.document.session.history.index
        self.use_last.setEnabled(len(steps) > 1)
        count = len(steps) - 1
        self.message.emit(plural(count, texts.NEWTON_ONE_STEP, texts.NEWTON_STEPS).format(
            name=name, count=count, first=f"{steps[0].x:.6g}", last=f"{steps[-1].x:.10g}"))
        return steps

    def _use_last(self) -> None:
        """The panel's own edit: the steps stay on show, marked as where the input is now."""
        if self._last_x is not None and self._last_x[0] in self.document.graph.nodes:
            node_id, x = self._last_x
            self._newton_at = None  # (this edit leaves the steps on show)
            self.document.session.set_param(node_id, "value", np.array(x))
            self._newton_at = self.document.session.history.index
            self.use_last.setEnabled(False)
            name = self.document.graph.nodes[node_id].label
            self.iterates.addItem(texts.NEWTON_MOVED.format(name=name, x=f"{x:.10g}"))
            self.message.emit(texts.NEWTON_MOVED.format(name=name, x=f"{x:.10g}"))

    # forward mode ------------------------------------------------------------------------
    def _update_inputs(self) -> None:
        graph = self.document.graph
        wanted = [(n.label, n.id) for n in (graph.nodes[i] for i in graph.reading_order()) if n.kind == "Variable"]
        current = [(self.forward_input.itemText(i), self.forward_input.itemData(i))
                   for i in range(self.forward_input.count())]
        if wanted != current:
            keep = self.forward_input.currentData()
            self.forward_input.blockSignals(True)
            self.forward_input.clear()
            for label, node_id in wanted:
                self.forward_input.addItem(label, node_id)
            self.forward_input.setCurrentIndex(max(self.forward_input.findData(keep), 0))
            self.forward_input.blockSignals(False)

    def _forward_toggled(self, on: bool) -> None:
        if on:
            self.forward_started.emit()
        else:
            self.scene.show_instead_of_gradients(set(), {})
        self.mark_stale()
        self.refresh()

    def _results_changed(self, *_ignored: object) -> None:
        if self.forward.isChecked() and not self.document.session.busy:
            self._forward_view()

    def stop_forward(self) -> None:
        self.forward.setChecked(False)

    def toggle_forward(self) -> None:
        self.forward.toggle()

    def choose_input(self, node_id: str) -> None:
        """Forward mode and Newton's method start from ``node_id``, if it is a Variable."""
        index = self.forward_input.findData(node_id)
        if index >= 0:
            self.forward_input.setCurrentIndex(index)

    def _forward_view(self) -> None:
        graph = self.document.graph
        size = len(graph.nodes)
        try:
            root = self.document.compiler.default_output()
            forward, backward = passes(graph, self.document.compiler, root)
            reverse = texts.PASSES.format(backward=backward, size=size, forward=forward)
        except BackwardError:
            reverse = ""
        wrt = self.forward_input.currentData()
        if self.forward.isChecked() and size > LARGEST:
            self.forward.setChecked(False)
            self.message.emit(texts.FORWARD_MODE_TOO_BIG.format(most=LARGEST))
        if not self.forward.isChecked() or wrt not in graph.nodes:
            self.counts.setText(reverse)
            return
        with self.document.session.studies.look() as compiler:
            try:
                root = compiler.backward()  # (a look of its own: the gradient to compare with)
            except BackwardError:
                root = None
            run = forward_mode(graph, compiler, wrt)
            text = forward_summary(graph, compiler, run, root)
        overlays = {n: (f"ẋ {format_array(t)}", style.TANGENT_COLOR) for n, t in run.tangents.items()}
        self.scene.show_instead_of_gradients(set(graph.nodes), overlays)
        self.counts.setText(text)



def _subscript(number: int) -> str:
    return str(number).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))
