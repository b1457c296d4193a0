"""The main window: puts the canvas, the panels and the controllers together and wires
them. What each command does lives in the controllers (files.py, editing.py, placing.py,
learning.py, the stepper); the menus in actions.py; the docks in docks.py.

This module imports only Qt, so that ``python main.py`` can put the window on the screen
at once (``MainWindow(later=True)``, see first_paint.py) and build the editor inside it
after that first paint: numpy, the engine and the panels take longer to load than Qt."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSettings, QSize, QTimer
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from nodeeditor.view import texts
from nodeeditor.view.window.first_paint import on_first_paint, placeholder, start_failed
from nodeeditor.view.window.settings_file import open_settings
from nodeeditor.view.window.window_state import WindowState

#: The smallest the canvas gets while the student drags a panel's edge.
MIN_CANVAS = QSize(320, 240)


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
            self._placeholder = placeholder()
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
                start_failed(self, self._placeholder, error)
                return
            then()

        on_first_paint(self._placeholder, lambda: QTimer.singleShot(0, self, build))
        QTimer.singleShot(500, self, build)

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
        from nodeeditor.view.panels.task_panel import TaskPanel
        from nodeeditor.view.window.actions import Actions
        from nodeeditor.view.window.assignments import Assignments
        from nodeeditor.view.window.autosave import Autosave
        from nodeeditor.view.window.background import runner
        from nodeeditor.view.window.docks import Docks
        from nodeeditor.view.window.document import Document
        from nodeeditor.view.window.editing import Editing
        from nodeeditor.view.window.errors import ErrorReporter
        from nodeeditor.view.window.files import Files
        from nodeeditor.view.window.function_tabs import FunctionTabs
        from nodeeditor.view.window.learning import Learning
        from nodeeditor.view.window.placing import Placing
        from nodeeditor.view.window.presenting import Presenter

        self.document = Document(self)
        self.document.session.run_long = runner(self, self.status)
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
        self.task = TaskPanel(self.document)
        self.welcome = Welcome(self.document, self.canvas)
        self.search = SearchPopup(self)
        self.placing = Placing(self, self.editing, self.function_tabs, self.canvas, self.palette, self.search)
        self.learning = Learning(self)
        self.docks = Docks(self, self.palette, self.inspector, self.learn, self.chain, self.guess, self.plot,
                           self.code, self.task)
        self.docks.arrange()
        self.presenter = Presenter(self, self.settings, self.canvas, self.caption_bar, self.stepper, self.docks.all())
        self.presenter.restore_preferences()
        self.legend = QLabel(f"<span style='color:{style.VALUE_COLOR.name()}'>{texts.LEGEND_VALUE}</span> &nbsp; "
                             f"<span style='color:{style.GRADIENT_COLOR.name()}'>{texts.LEGEND_GRADIENT}</span>")
        self.zoom_label = QLabel("100%")
        self.statusBar().addPermanentWidget(self.legend)
        self.statusBar().addPermanentWidget(self.zoom_label)
        self.actions = Actions(self)
        self.assignments = Assignments(self)
        self.function_tabs.canvas_actions = self.actions.canvas_actions
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
        self.window_state.panels_built(self.docks.arrange)
        self.docks.tidy_soon()

    def _connect(self) -> None:
        for source in (self.scene, self.files, self.editing, self.placing, self.learning, self.stepper, self.learn,
                       self.function_tabs, self.chain, self.guess, self.task, self.assignments):
            source.message.connect(self.status)
        self.scene.selectionChanged.connect(self._selection_changed)
        self.scene.node_double_clicked.connect(self.function_tabs.open_call)
        self.function_tabs.current_changed.connect(self._tab_changed)
        self.function_tabs.body_selected.connect(self.inspector.show_node)
        self.function_tabs.functions_changed.connect(self.palette.set_functions)
        self.inspector.edit_requested.connect(self.editing.edit_param)
        self.canvas.zoom_changed.connect(lambda zoom: self.zoom_label.setText(f"{zoom * 100:.0f}%"))
        self.document.modified_changed.connect(self._update_title)
        self.document.path_changed.connect(self._update_title)
        self.document.undo_stack.stepped.connect(self.status)
        self.stepper.started.connect(self.chain.stop_forward)  # stepping shows gradients, not tangents
        self.stepper.caption_changed.connect(self.caption_bar.show_caption)
        self.stepper.frame_shown.connect(self.plot.replay_frame)
        self.files.opened.connect(self._opened)
        self.editing.rebuilt.connect(lambda: self.canvas.fit(readable=True))
        self.editing.backward_done.connect(lambda: self.autosave.save_soon())
        self.learn.loss.connect(self.plot.show_loss)
        self.learn.descent_finished.connect(self.plot.finish_loss)
        self.guess.started.connect(self.chain.stop_forward)
        self.guess.hiding.connect(lambda _hidden: (self.plot.hiding_changed(), self.chain.mark_stale()))
        self.chain.forward_started.connect(lambda: self.guess.stop(texts.GUESSING_STOPPED_FOR_FORWARD_MODE))
        self.actions.formula.returnPressed.connect(lambda: self.actions.formula.build(self.editing.build_from_formula))
        self.welcome.example_requested.connect(lambda: self.files.open_example_named("4-sphere"))
        self.welcome.formula_requested.connect(lambda: self.actions.formula.setFocus())

    def panels(self) -> list[QWidget]:
        """Every panel of the window (see panels/panel.py): the docks' and the formula bar."""
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

    def _opened(self) -> None:
        if not self.canvas.fit(readable=True):
            self.status(texts.OPENED_BIG.format(document=self.document.title))

    # the selection and the tab in front --------------------------------------------
    def _selection_changed(self) -> None:
        ids = self.editing.selected_ids()
        self.inspector.show_node(self.document.graph.nodes[ids[0]] if len(ids) == 1 else None)
        self.chain.show_node(ids[0] if len(ids) == 1 else None)

    def _tab_changed(self, document: object) -> None:
        self.inspector.set_document(document)
        if self.function_tabs.current_tab() is None:
            self._selection_changed()

    # the window itself ------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.ActivationChange and self.ready and self.isActiveWindow():
            QTimer.singleShot(0, self, self.files.check_disk)  # (after the activation is over)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.ready:  # else _build does it
            self.window_state.shown()
            self.docks.tidy_soon()

    def save_settings(self) -> None:
        if self.ready:
            self.assignments.show_hidden_panels()
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
            self.presenter.leave()  # (the layout kept is the editor's)
            self.learn.stop_descent()
            self.save_settings()
            self.autosave.finish()
            self.errors.uninstall()
            event.accept()
        else:
            event.ignore()
