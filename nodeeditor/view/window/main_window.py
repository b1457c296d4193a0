"""The main window: puts the canvas, the panels and the controllers together and wires
them. What each menu command does lives in files.py, editing.py and stepper.py; the
menus themselves in actions.py.

This module imports only Qt, so that ``python main.py`` can put the window on the screen
at once (``MainWindow(later=True)``) and build the editor inside it after that first
paint: numpy, the engine and the panels take longer to load than Qt itself. Even Qt's
``Qt`` namespace is left until then (``QtCore.Qt``): making its enums costs ~25 ms."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QSettings, QSize, QTimer
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from nodeeditor.plural import plural
from nodeeditor.view import texts
from nodeeditor.view.window.settings_file import open_settings
from nodeeditor.view.window.window_state import WindowState

if TYPE_CHECKING:
    from nodeeditor.compiler import Compiler
    from nodeeditor.model.graph import GraphEvent

#: The smallest the canvas gets while the student drags a panel's edge.
MIN_CANVAS = QSize(320, 240)
#: The gradient's own graph is opened for outputs of at most this many nodes.
GRADIENT_GRAPH_LARGEST = 2_000


class MainWindow(QMainWindow):
    """The editor's window. Built at once by default; with ``later=True`` it only takes
    its size and shows "Opening…" until ``build_after_first_paint`` builds the rest."""

    def __init__(self, settings: QSettings | None = None, *, later: bool = False) -> None:
        super().__init__()
        self.settings = settings if settings is not None else open_settings()
        #: True once the canvas, the panels and the menus exist
        self.ready = False
        self.setWindowTitle(texts.APP_NAME)
        self.window_state = WindowState(self, self.settings)
        self.window_state.restore_geometry()
        if later:
            self._placeholder = QLabel(_centred(f"<h2>{texts.APP_NAME}</h2><p>{texts.OPENING}</p>"))
            self.setCentralWidget(self._placeholder)
        else:
            self._build()

    def build_after_first_paint(self, then: Callable[[], None]) -> None:
        """Build the editor once the placeholder has been painted (or after half a second,
        should the window never be exposed), then call ``then``."""
        started = False

        def build() -> None:
            nonlocal started
            if started:  # the other of the two triggers, or a failed build's message box
                return
            started = True
            try:
                self._build()
            except Exception as error:  # noqa: BLE001 - said in the window, as entry.main would on a terminal
                self._start_failed(error)
                return
            then()

        on_first_paint(self._placeholder, lambda: QTimer.singleShot(0, self, build))
        QTimer.singleShot(500, self, build)

    def _start_failed(self, error: Exception) -> None:
        """The editor could not be built (a broken install): say so, where the details
        are, and end with the exit code of an unexpected error."""
        from PySide6.QtWidgets import QApplication

        from nodeeditor.app.entry import EXIT_UNEXPECTED
        from nodeeditor.app.logs import log_exception

        where = log_exception(error, "the editor could not be built")
        named = texts.ERROR_NAMED.format(kind=type(error).__name__, message=str(error)[:200])
        text = texts.CANNOT_START.format(app=texts.APP_NAME, error=named, log=where)
        self._placeholder.setText(_centred(f"<h2>{texts.APP_NAME}</h2><p>{text}</p>"))
        QMessageBox.critical(self, texts.APP_NAME, text)
        QApplication.exit(EXIT_UNEXPECTED)

    def _build(self) -> None:
        # The heavy imports: numpy, the engine, every panel.
        from nodeeditor.view import style
        from nodeeditor.view.canvas.canvas import Canvas
        from nodeeditor.view.canvas.scene import GraphScene
        from nodeeditor.view.canvas.search_popup import SearchPopup
        from nodeeditor.view.canvas.stepper import Stepper
        from nodeeditor.view.canvas.welcome import Welcome
        from nodeeditor.view.panels.caption_bar import CaptionBar
        from nodeeditor.view.panels.chain_panel import ChainPanel
        from nodeeditor.view.panels.code_panel import CodePanel
        from nodeeditor.view.panels.guess_panel import GuessPanel
        from nodeeditor.view.panels.inspector import Inspector
        from nodeeditor.view.panels.learn_panel import LearnPanel
        from nodeeditor.view.panels.palette import Palette
        from nodeeditor.view.panels.plot_panel import PlotPanel
        from nodeeditor.view.window.actions import Actions
        from nodeeditor.view.window.autosave import Autosave
        from nodeeditor.view.window.document import Document
        from nodeeditor.view.window.editing import Editing
        from nodeeditor.view.window.errors import ErrorReporter
        from nodeeditor.view.window.files import Files
        from nodeeditor.view.window.function_tabs import FunctionTabs

        self.document = Document(self)
        #: windows this one opened (the graph of a gradient), kept alive while shown
        self.opened_windows: list[MainWindow] = []
        self.document.session.long_evaluation = self._evaluate_in_background
        self.scene = GraphScene(self.document)
        self.scene.setParent(self)
        self.canvas = Canvas(self.scene)
        self.caption_bar = CaptionBar()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.caption_bar)
        column.addWidget(self.canvas, 1)
        self.function_tabs = FunctionTabs(self, self.document, central)
        self.setCentralWidget(self.function_tabs.widget)
        self.function_tabs.widget.setMinimumSize(MIN_CANVAS)  # however far a panel's edge is dragged
        self.files = Files(self, self.document, self.settings, self.scene)
        self.editing = Editing(self, self.document, self.scene)
        self.editing.tabs = self.function_tabs
        self.stepper = Stepper(self, self.document, self.scene, self.canvas)
        self.palette = Palette(self.document)
        self.inspector = Inspector(self.document)
        self.learn = LearnPanel(self.document, self.stepper)
        self.chain = ChainPanel(self.document, self.scene)
        self.guess = GuessPanel(self.document, self.scene)
        self.plot = PlotPanel(self.document)
        self.code = CodePanel(self.document)
        self.welcome = Welcome(self.document, self.canvas)
        self.search = SearchPopup(self)
        self._search_scene_pos = QPointF()
        self.palette_dock = self._dock("Nodes", self.palette)
        self.inspector_dock = self._dock("Inspector", self.inspector)
        self.learn_dock = self._dock("Learn", self.learn, scroll=True)
        self.chain_dock = self._dock("Chain rule", self.chain, scroll=True)
        self.guess_dock = self._dock("Guess", self.guess)
        self.plot_dock = self._dock("Plot", self.plot)
        self.code_dock = self._dock("Python code", self.code)
        self.arrange_docks()
        for dock, panel in ((self.plot_dock, self.plot), (self.code_dock, self.code), (self.chain_dock, self.chain)):
            dock.visibilityChanged.connect(panel.catch_up)  # a raised tab shows no showEvent
        self.legend = QLabel(f"<span style='color:{style.VALUE_COLOR.name()}'>{texts.LEGEND_VALUE}</span> &nbsp; "
                             f"<span style='color:{style.GRADIENT_COLOR.name()}'>{texts.LEGEND_GRADIENT}</span>")
        self.zoom_label = QLabel("100%")
        self.statusBar().addPermanentWidget(self.legend)
        self.statusBar().addPermanentWidget(self.zoom_label)
        self.actions = Actions(self)
        self._connect()
        self._follow_the_document()
        self.canvas.set_zoom(self.window_state.saved_zoom())
        self._update_title()
        self.autosave = Autosave(self, self.document, self.settings)
        self.autosave.restored.connect(self._restored)
        self.errors = ErrorReporter(self)
        self.errors.install()
        self.ready = True
        self.status(texts.FIRST_HINT)
        self.window_state.panels_built(self.arrange_docks)
        if self.isVisible():
            QTimer.singleShot(0, self, self._hide_stale_tab_bars)

    def _dock(self, title: str, widget: QWidget, scroll: bool = False) -> QDockWidget:
        """A dock holding ``widget``; with ``scroll``, in a scroll area, so that a tall or
        wide panel never takes the canvas's room (nor makes the window taller than a
        laptop's screen)."""
        dock = QDockWidget(title, self)
        dock.setObjectName(f"{title}Dock")
        if scroll:
            area_widget = QScrollArea()
            area_widget.setWidgetResizable(True)
            area_widget.setFrameShape(QFrame.NoFrame)
            area_widget.setWidget(widget)
            widget = area_widget
        dock.setWidget(widget)
        return dock

    def arrange_docks(self) -> None:
        """Every panel in its place of a new install: the node list on the left; on the
        right the Inspector in front of Learn, Chain rule and Guess, and below them the
        plot in front of the code. The canvas keeps the window's whole height."""
        qt = QtCore.Qt
        places = ((self.palette_dock, qt.LeftDockWidgetArea), (self.inspector_dock, qt.RightDockWidgetArea),
                  (self.plot_dock, qt.RightDockWidgetArea))
        tabs = ((self.inspector_dock, (self.learn_dock, self.chain_dock, self.guess_dock)),
                (self.plot_dock, (self.code_dock,)))
        for dock, area in places:
            dock.setFloating(False)
            self.addDockWidget(area, dock)
            dock.show()
        self.splitDockWidget(self.inspector_dock, self.plot_dock, qt.Vertical)
        for first, others in tabs:
            for dock in others:
                dock.setFloating(False)
                self.tabifyDockWidget(first, dock)
                dock.show()
            first.raise_()
        if self.isVisible():
            QTimer.singleShot(0, self, self._hide_stale_tab_bars)

    def docks(self) -> list[QDockWidget]:
        return [self.palette_dock, self.inspector_dock, self.learn_dock, self.chain_dock, self.guess_dock,
                self.plot_dock, self.code_dock]

    def _connect(self) -> None:
        for source in (self.scene, self.files, self.editing, self.stepper, self.learn, self.function_tabs,
                       self.chain, self.guess):
            source.message.connect(self.status)
        self.scene.selectionChanged.connect(self._selection_changed)
        self.scene.node_double_clicked.connect(self._double_clicked)
        self.function_tabs.current_changed.connect(self._tab_changed)
        self.function_tabs.body_selected.connect(self.inspector.show_node)
        self.document.graph.subscribe(self._graph_event)
        self.palette.dropped.connect(self._palette_dropped)
        self.palette.activated_kind.connect(
            lambda kind: self.editing.add_node(kind, self.canvas.mapToScene(self.canvas.viewport().rect().center())))
        self.inspector.edit_requested.connect(self._edit_param)
        self.canvas.search_requested.connect(self.open_search)
        self.canvas.zoom_changed.connect(lambda zoom: self.zoom_label.setText(f"{zoom * 100:.0f}%"))
        self.search.chosen.connect(lambda kind: self.editing.add_node(kind, self._search_scene_pos))
        self.document.modified_changed.connect(self._update_title)
        self.document.undo_stack.stepped.connect(self.status)
        self.stepper.started.connect(self.chain.stop_forward)  # stepping shows gradients, not tangents
        self.document.path_changed.connect(self._update_title)
        self.files.opened.connect(self._opened)
        self.editing.rebuilt.connect(lambda: self.canvas.fit(readable=True))
        self.editing.backward_done.connect(lambda: self.autosave.save_soon())
        self.stepper.caption_changed.connect(self.caption_bar.show_caption)
        self.learn.loss.connect(self.plot.show_loss)
        self.guess.started.connect(self.chain.stop_forward)
        self.guess.hiding.connect(lambda _hidden: (self.plot.mark_stale(), self.chain.mark_stale()))
        self.chain.forward_started.connect(lambda: self.guess.stop(texts.GUESSING_STOPPED_FOR_FORWARD_MODE))
        self.learn.descent_finished.connect(self.plot.finish_loss)
        self.actions.formula.returnPressed.connect(self.build_from_formula)
        self.welcome.example_requested.connect(self._open_first_example)
        self.welcome.formula_requested.connect(lambda: self.actions.formula.setFocus())

    def panels(self) -> list[QWidget]:
        """Every panel of the window (see view/panel.py): the docks' and the formula bar."""
        from nodeeditor.view.panels.panel import Panel

        return [w for w in self.findChildren(QWidget) if isinstance(w, Panel)]

    def _follow_the_document(self) -> None:
        """When the document is replaced, every panel forgets the previous one, and
        stepping (the caption above the canvas) stops."""
        self.document.replaced.connect(self.stepper.reset)
        for panel in self.panels():
            self.document.replaced.connect(panel.document_replaced)

    # status and title -----------------------------------------------------------
    def status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _update_title(self, *_ignored: object) -> None:
        self.setWindowTitle(texts.WINDOW_TITLE.format(document=self.document.title, app=texts.APP_NAME))
        self.setWindowModified(self.document.modified)

    def _restored(self, when: str) -> None:
        self.canvas.fit(readable=True)
        self.status(texts.RESTORED.format(document=self.document.title, time=when))

    def _open_first_example(self) -> None:
        from nodeeditor.app.resources import example_paths

        self.files.open_example(next(p for p in example_paths() if p.stem == "4-sphere"))

    def _opened(self) -> None:
        if not self.canvas.fit(readable=True):
            self.status(texts.OPENED_BIG.format(document=self.document.title))

    # adding nodes where the student points ------------------------------------------
    def _palette_dropped(self, kind: str, global_pos: QPoint) -> None:
        canvas = self.function_tabs.current_canvas(self.canvas)
        local = canvas.viewport().mapFromGlobal(global_pos)
        if not canvas.viewport().rect().contains(local):
            self.status(texts.DROP_ON_CANVAS)
            return
        self.editing.add_node(kind, canvas.mapToScene(local))

    def open_search(self, view_pos: QPoint) -> None:
        self._search_scene_pos = self.canvas.mapToScene(view_pos)
        self.search.popup_at(self.canvas.viewport().mapToGlobal(view_pos))

    def open_search_at_cursor(self) -> None:
        self.open_search(self.canvas.viewport().mapFromGlobal(self.cursor().pos()))

    # panels ---------------------------------------------------------------------------
    def _selection_changed(self) -> None:
        ids = self.editing.selected_ids()
        self.inspector.show_node(self.document.graph.nodes[ids[0]] if len(ids) == 1 else None)
        self.chain.show_node(ids[0] if len(ids) == 1 else None)

    # functions made of nodes ------------------------------------------------------------
    def _double_clicked(self, node_id: str) -> None:
        from nodeeditor.model.catalog import CALL

        if self.document.graph.nodes[node_id].kind == CALL:
            tab = self.function_tabs.open(node_id)
            for action in self.actions.canvas_actions:
                if action not in tab.canvas.actions():
                    tab.canvas.addAction(action)

    def _tab_changed(self, document: object) -> None:
        self.inspector.set_document(document)
        if self.function_tabs.current_tab() is None:
            self._selection_changed()

    def _edit_param(self, node_id: str, name: str, value: object) -> None:
        from nodeeditor.session.commands import param_change_text

        graph = self.inspector.document.graph
        if graph is self.document.graph:
            self.editing.edit_param(node_id, name, value)
        else:
            text = param_change_text(graph.nodes[node_id], name, value)
            self.document.session.set_param(node_id, name, value, graph)
            self.status(texts.EDITED_INSIDE.format(edit=text))

    def _graph_event(self, event: GraphEvent) -> None:
        if event.kind == "functions_changed":
            self.palette.set_functions(list(self.document.graph.functions))

    def _evaluate_in_background(self, compiler: Compiler) -> set[str]:
        from nodeeditor.view.window.background import evaluate_in_background

        changed = evaluate_in_background(self, compiler)
        if compiler.stopped:
            self.status(plural(compiler.stopped, texts.NOT_COMPUTED_ONE, texts.NOT_COMPUTED).format(count=compiler.stopped))
        return changed

    def compute_now(self) -> None:
        stopped = self.document.compiler.stopped
        self.document.session.compute_now()
        if stopped:
            self.status(plural(stopped, texts.COMPUTED_THE_ONE, texts.COMPUTED_THE).format(count=stopped))
        else:
            self.status(texts.ALL_COMPUTED)

    def guess_gradients(self) -> None:
        self._bring_forward(self.guess_dock)
        self.guess.toggle()

    def show_gradient_graph(self) -> MainWindow | None:
        """Open the graph of ∂y/∂(selected node) in a window of its own."""
        from nodeeditor.compiler import BackwardError
        from nodeeditor.lessons.gradient_graph import GradientGraphError, gradient_graph

        ids = self.editing.selected_ids()
        graph = self.document.graph
        if len(ids) != 1:
            self.status(texts.SELECT_ONE_FOR_GRADIENT_GRAPH)
            return None
        try:
            root = self.document.compiler.default_output()
            if ids[0] == root or ids[0] not in graph.upstream(root):
                raise GradientGraphError(texts.DOES_NOT_FEED.format(node=graph.nodes[ids[0]].label, out=graph.output_name))
            if len(graph.upstream(root)) > GRADIENT_GRAPH_LARGEST:
                raise GradientGraphError(texts.GRADIENT_GRAPH_TOO_BIG.format(most=GRADIENT_GRAPH_LARGEST))
            derived = gradient_graph(graph, root, ids[0])
        except (BackwardError, GradientGraphError) as exc:
            self.status(texts.NO_GRADIENT_GRAPH.format(reason=exc))
            return None
        window = MainWindow(self.settings)
        window.document.session.take(derived, f"{derived.output_name}.graph")
        window._update_title()
        window.show()
        window.canvas.fit(readable=True)
        self.opened_windows.append(window)
        name = graph.nodes[ids[0]].label
        window.status(texts.GRADIENT_GRAPH_OPENED.format(y=graph.output_name, x=name))
        return window

    def _chosen_variable(self) -> None:
        """Let the Chain rule tab's input be the selected Variable, if one is selected."""
        ids = self.editing.selected_ids()
        if len(ids) == 1:
            index = self.chain.forward_input.findData(ids[0])
            if index >= 0:
                self.chain.forward_input.setCurrentIndex(index)

    def toggle_forward_mode(self) -> None:
        self.show_chain_rule()
        self._chosen_variable()
        self.chain.forward.toggle()

    def run_newton(self) -> None:
        self.show_chain_rule()
        self._chosen_variable()
        self.chain.run_newton()

    @staticmethod
    def _bring_forward(dock: QDockWidget) -> None:
        dock.show()
        dock.raise_()

    def show_memory(self) -> None:
        self._bring_forward(self.learn_dock)
        self.learn.show_memory()

    def show_chain_rule(self) -> None:
        self._bring_forward(self.chain_dock)
        self.chain.refresh()

    def check_gradients(self) -> None:
        self._bring_forward(self.learn_dock)
        self.learn.check_gradients()

    def build_from_formula(self) -> None:
        formula = self.actions.formula
        error = formula.build(self.editing.build_from_formula)
        if error is not None:
            formula.setFocus()
            if error.column:
                formula.setSelection(error.column - 1, max(error.length, 1))

    def show_help(self) -> None:
        QMessageBox.information(self, texts.HELP_TITLE.format(app=texts.APP_NAME), texts.HELP_TEXT)

    def show_about(self) -> None:
        from nodeeditor.view.window.about import AboutDialog

        AboutDialog(self).exec()

    # settings and closing ------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.ActivationChange and self.ready and self.isActiveWindow():
            QTimer.singleShot(0, self, self.files.check_disk)  # (after the activation is over)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.ready:  # else _build does it
            self.window_state.shown()
            QTimer.singleShot(0, self, self._hide_stale_tab_bars)

    def _hide_stale_tab_bars(self) -> None:
        """Qt 6.11 leaves tab bars behind when docks are tabbed or moved (a second
        Plot | Python code bar drawn over the node list): keep, for each group of tabbed
        docks, the one bar at the foot of its dock that lists exactly that group, and hide
        every other bar."""
        docks = {dock.windowTitle(): dock for dock in self.docks()}
        groups = {frozenset([d.windowTitle(), *(t.windowTitle() for t in self.tabifiedDockWidgets(d))])
                  for d in self.docks() if self.tabifiedDockWidgets(d)}
        bars: dict[frozenset, list[QTabBar]] = {}
        for bar in self.findChildren(QTabBar, options=QtCore.Qt.FindDirectChildrenOnly):
            if bar.isVisible() and bar.count():
                bars.setdefault(frozenset(bar.tabText(i) for i in range(bar.count())), []).append(bar)

        def distance(bar: QTabBar) -> int:
            dock = docks.get(bar.tabText(bar.currentIndex()))
            return abs(bar.geometry().top() - dock.geometry().bottom()) if dock is not None else 1 << 30

        for titles, found in bars.items():
            keep = min(found, key=distance) if titles in groups else None
            for bar in found:
                if bar is not keep:
                    bar.hide()

    def save_settings(self) -> None:
        if not self.ready:
            return
        self.window_state.save(self.canvas.zoom)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.ready:  # closed while starting: there is nothing to save yet
            event.accept()
            return
        if not self.isVisible():  # already closed; Qt tearing down asks again
            self.errors.uninstall()
            event.accept()
            return
        if self.files.maybe_save():
            self.learn.stop_descent()
            self.save_settings()
            self.autosave.finish()
            self.errors.uninstall()
            event.accept()
        else:
            event.ignore()


def _centred(html: str) -> str:
    """``html`` centred in a label, without QtCore.Qt's alignment flags (see above)."""
    return f'<div align="center">{html}</div>'


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
