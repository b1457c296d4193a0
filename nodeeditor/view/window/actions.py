"""The menus and toolbars: every command the window offers, with its shortcut and tip.

Copy, paste, duplicate, delete and select all belong to the canvas: a text field that
has the focus keeps its own Ctrl+A, Ctrl+C and Delete."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from nodeeditor.app.resources import example_paths
from nodeeditor.view import style, texts
from nodeeditor.view.panels.formula_field import FieldLabel, FormulaField
from nodeeditor.view.window.about import AboutDialog, show_help
from nodeeditor.view.window.text_size import SIZES, saved_size

if TYPE_CHECKING:
    from nodeeditor.view.window.main_window import MainWindow



class Actions:
    """Holds the window's QActions by name (``actions.backward`` ...)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        #: the canvas-only actions that work in an opened function's tab too
        self.canvas_actions: list[QAction] = []
        self._file_menu(window)
        self._edit_menu(window)
        self._view_menu(window)
        self._graph_menu(window)
        self._learn_menu(window)
        self._help_menu(window)
        self._toolbars(window)

    def make(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:  # noqa: ANN001
        """An action whose tooltip and status tip say what it does and its shortcut."""
        action = QAction(text, self.window)
        if shortcut is not None:
            keys = shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)]
            action.setShortcuts(keys)
        plain = tip or text.replace("&", "").rstrip("…")
        key = action.shortcut().toString(QKeySequence.NativeText)
        action.setToolTip(texts.TIP_WITH_SHORTCUT.format(tip=plain, shortcut=key) if key and key not in plain else plain)
        action.setStatusTip(plain)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _canvas_only(self, *actions: QAction, in_functions: bool = True) -> None:
        """Shortcuts that act only while a canvas has the focus (the graph's, or an opened
        function's: the window adds them to each function tab's canvas too)."""
        for action in actions:
            action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
            self.window.canvas.addAction(action)
            if in_functions:
                self.canvas_actions.append(action)

    def _file_menu(self, w: MainWindow) -> None:
        files = w.files
        menu = self.file_menu = w.menuBar().addMenu("&File")
        self.new = self.make("&New", files.new_file, QKeySequence.New, texts.TIP_NEW)
        self.open = self.make("&Open…", files.open_dialog, QKeySequence.Open, texts.TIP_OPEN)
        self.save = self.make("&Save", files.save, QKeySequence.Save, texts.TIP_SAVE)
        self.save_as = self.make("Save &As…", files.save_as, QKeySequence("Ctrl+Shift+S"),
                                 texts.TIP_SAVE_AS)
        menu.addActions([self.new, self.open])
        self.recent_menu = menu.addMenu("Open &Recent")
        self.examples_menu = menu.addMenu("&Examples")
        for path in example_paths():
            title = texts.EXAMPLE_TITLES.get(path.stem) or path.stem.split("-", 1)[-1].replace("-", " ").capitalize()
            self.examples_menu.addAction(self.make(title, lambda p=path: files.open_example(p),
                                                   tip=texts.TIP_EXAMPLE.format(file=path.name)))
        menu.addSeparator()
        menu.addActions([self.save, self.save_as])
        menu.addSeparator()
        self.export_python = self.make("Export as &Python…", files.export_python, QKeySequence("Ctrl+E"),
                                       texts.TIP_EXPORT_PYTHON)
        self.export_image = self.make("Export &Image…", files.export_image, QKeySequence("Ctrl+Shift+E"),
                                      texts.TIP_EXPORT_IMAGE)
        self.export_frames = self.make("Export &Backward Steps…", files.export_frames, None,
                                       texts.TIP_EXPORT_FRAMES)
        self.export_chain = self.make("Export &Chain Rule as LaTeX…",
                                      lambda: files.export_chain_rule(w.editing.selected_node()), None,
                                      texts.TIP_EXPORT_CHAIN)
        menu.addActions([self.export_python, self.export_image, self.export_frames, self.export_chain])
        menu.addSeparator()
        menu.addAction(self.make("&Quit", w.close, QKeySequence("Ctrl+Q"), texts.TIP_QUIT))
        files.recent_changed.connect(self.update_recent_menu)
        self.update_recent_menu()

    def update_recent_menu(self) -> None:
        menu: QMenu = self.recent_menu
        menu.clear()
        for path in self.window.files.recent():
            menu.addAction(self.make(Path(path).name, lambda p=path: self.window.files.open_path(p), tip=path))
        menu.setEnabled(bool(self.window.files.recent()))

    def _edit_menu(self, w: MainWindow) -> None:
        editing, stack = w.editing, w.document.undo_stack
        menu = w.menuBar().addMenu("&Edit")
        self.undo = stack.createUndoAction(w, "&Undo")
        self.undo.setShortcut(QKeySequence.Undo)
        self.redo = stack.createRedoAction(w, "&Redo")
        self.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.undo.setIconText("Undo")  # the toolbar's button keeps its width; the menu and tip say what
        self.redo.setIconText("Redo")
        stack.history_changed()
        menu.addActions([self.undo, self.redo])
        menu.addSeparator()
        self.copy = self.make("&Copy", editing.copy, QKeySequence.Copy, texts.TIP_COPY)
        self.paste = self.make("&Paste", editing.paste, QKeySequence.Paste, texts.TIP_PASTE)
        self.duplicate = self.make("&Duplicate", editing.duplicate, QKeySequence("Ctrl+D"),
                                   texts.TIP_DUPLICATE)
        self.delete = self.make("&Delete", editing.delete_selection,
                                [QKeySequence(Qt.Key_Delete), QKeySequence(Qt.Key_Backspace)],
                                texts.TIP_DELETE)
        self.select_all = self.make("Select &All", editing.select_all, QKeySequence.SelectAll, texts.TIP_SELECT_ALL)
        self._canvas_only(self.copy, self.paste, self.duplicate, self.delete, self.select_all)
        menu.addActions([self.copy, self.paste, self.duplicate, self.delete, self.select_all])

    def _view_menu(self, w: MainWindow) -> None:
        canvas = w.canvas
        menu = w.menuBar().addMenu("&View")
        self.fit = self.make("&Fit to View", canvas.fit, QKeySequence("F"), texts.TIP_FIT)
        self._canvas_only(self.fit, in_functions=False)
        menu.addAction(self.fit)
        zoom_in = [QKeySequence(QKeySequence.ZoomIn), QKeySequence("Ctrl+=")]  # (= is + without Shift)
        menu.addAction(self.make("Zoom &In", lambda: canvas.set_zoom(canvas.zoom * 1.25), zoom_in))
        menu.addAction(self.make("Zoom &Out", lambda: canvas.set_zoom(canvas.zoom / 1.25), QKeySequence.ZoomOut))
        menu.addAction(self.make("&Actual Size", lambda: canvas.set_zoom(1.0), QKeySequence("Ctrl+0")))
        menu.addSeparator()
        menu.addActions([dock.toggleViewAction() for dock in w.docks.all()])
        menu.addSeparator()
        self.reset_layout = self.make("&Reset Layout", w.window_state.reset_layout, None,
                                      texts.TIP_RESET_LAYOUT)
        menu.addAction(self.reset_layout)
        menu.addSeparator()
        presenter = w.presenter
        self.present = self.make("&Present", presenter.toggle, QKeySequence("F11"), texts.TIP_PRESENT)
        self.present.setCheckable(True)
        presenter.presenting_changed.connect(self.present.setChecked)
        menu.addAction(self.present)
        beside = menu.addMenu("Panel &Beside the Presentation")
        self._choices(beside, {texts.NO_PANEL: "", **{d.windowTitle(): d.windowTitle() for d in w.docks.all()}},
                      presenter.panel(), presenter.set_panel)
        sizes = menu.addMenu("&Text Size")
        self._choices(sizes, {name: name for name in SIZES}, saved_size(w.settings), presenter.set_text_size)

    def _choices(self, menu: QMenu, options: dict[str, str], current: str, choose) -> None:  # noqa: ANN001
        """One checkable item per option (its text: its value), the current one checked."""
        group = QActionGroup(menu)
        for text, value in options.items():
            action = menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(value == current)
            action.triggered.connect(lambda _checked=False, v=value: choose(v))
            group.addAction(action)

    def _graph_menu(self, w: MainWindow) -> None:
        editing, stepper = w.editing, w.stepper
        menu = w.menuBar().addMenu("&Graph")
        self.backward = self.make("&Backward", editing.backward, QKeySequence("Ctrl+B"),
                                  texts.TIP_BACKWARD)
        self.clear = self.make("&Clear Gradients", editing.clear_gradients, QKeySequence("Ctrl+Shift+B"),
                               texts.TIP_CLEAR)
        self.set_output = self.make("Set as &Output", editing.set_output, QKeySequence("Ctrl+Shift+O"),
                                    texts.TIP_SET_OUTPUT)
        self.add_node = self.make("&Add Node…", w.placing.open_search_at_cursor, QKeySequence("Tab"),
                                  texts.TIP_ADD_NODE)
        self.add_node.setShortcutContext(Qt.WidgetShortcut)
        self.make_function = self.make("Make &Function…", editing.make_function, QKeySequence("Ctrl+Shift+F"),
                                       texts.TIP_MAKE_FUNCTION)
        self.compute = self.make("Compute &Now", w.learning.compute_now, QKeySequence("F5"), texts.TIP_COMPUTE)
        self.randomize = self.make("Randomi&ze Values", editing.randomize, QKeySequence("Ctrl+R"),
                                   texts.TIP_RANDOMIZE)
        self.new_network = self.make("New &Network…", w.files.new_network, QKeySequence("Ctrl+Shift+K"),
                                     texts.TIP_NEW_NETWORK)
        menu.addActions([self.backward, self.clear, self.set_output, self.add_node, self.make_function,
                         self.compute, self.randomize, self.new_network])
        menu.addSeparator()
        self.forward_step = self.make("&Forward Step", stepper.step_forward, QKeySequence("F6"),
                                      texts.TIP_FORWARD_STEP)
        self.backward_step = self.make("Backward &Step", stepper.step_backward, QKeySequence("F7"),
                                       texts.TIP_BACKWARD_STEP)
        self.play = self.make("&Play / Pause", stepper.toggle_play, QKeySequence("F8"),
                              texts.TIP_PLAY)
        self.reset = self.make("&Reset Steps", stepper.reset, QKeySequence("F9"),
                               texts.TIP_RESET_STEPS)
        self.step_back = self.make("Step Bac&k", stepper.step_back, QKeySequence("Shift+F7"), texts.TIP_STEP_BACK)
        self.check = self.make("&Gradient Check", w.learning.check_gradients, QKeySequence("Ctrl+G"),
                               texts.TIP_CHECK)
        menu.addActions([self.forward_step, self.backward_step, self.step_back, self.play, self.reset])
        speeds = menu.addMenu("Play &Speed")
        self._choices(speeds, {name: name for name in style.PLAY_SPEEDS}, w.presenter.play_speed(),
                      w.presenter.set_play_speed)
        menu.addAction(self.check)
        # keys without Fn for laptops, where the canvas has the focus (arrows scroll elsewhere)
        for slot, key in ((stepper.step_backward, "Right"), (stepper.step_back, "Left"),
                          (stepper.step_forward, "Shift+Right"), (stepper.toggle_play, "P"), (stepper.reset, "Home")):
            self._canvas_only(self.make(key, slot, QKeySequence(key)), in_functions=False)

    def _learn_menu(self, w: MainWindow) -> None:
        """Learning by doing: every feature of the Guess, Chain rule and Learn tabs, so a
        keyboard reaches them all (Alt+L)."""
        menu = w.menuBar().addMenu("&Learn")
        self.guess = self.make("G&uess the Gradients", w.learning.guess_gradients, QKeySequence("Ctrl+Shift+G"),
                               texts.TIP_GUESS)
        self.chain_rule = self.make("&Chain Rule for the Selection", w.learning.show_chain_rule,
                                    QKeySequence("Ctrl+Shift+R"), texts.TIP_CHAIN_RULE)
        self.forward_mode = self.make("&Forward Mode from the Selection", w.learning.toggle_forward_mode,
                                      QKeySequence("Ctrl+Shift+M"), texts.TIP_FORWARD_MODE)
        self.gradient_graph = self.make("Show the &Graph of the Gradient", w.learning.show_gradient_graph,
                                        QKeySequence("Ctrl+Shift+D"), texts.TIP_GRADIENT_GRAPH)
        self.newton = self.make("&Newton's Method on the Selection", w.learning.run_newton, QKeySequence("Ctrl+Shift+N"),
                                texts.TIP_NEWTON)
        self.keep_gradients = self.make("&Keep Old Gradients (no cleargrad)", w.editing.toggle_keep_gradients, None,
                                        texts.TIP_KEEP_GRADIENTS)
        self.keep_gradients.setCheckable(True)
        w.document.keep_gradients_changed.connect(self.keep_gradients.setChecked)
        self.memory = self.make("What Backward &Keeps", w.learning.show_memory, None, texts.TIP_MEMORY)
        menu.addActions([self.guess, self.chain_rule, self.forward_mode, self.gradient_graph, self.newton])
        menu.addSeparator()
        menu.addActions([self.keep_gradients, self.memory])

    def _help_menu(self, w: MainWindow) -> None:
        menu = w.menuBar().addMenu("&Help")
        menu.addAction(self.make("&How to Use", lambda: show_help(w), QKeySequence.HelpContents))
        menu.addAction(self.make("&About Backprop Studio", lambda: AboutDialog(w).exec()))

    def _toolbars(self, w: MainWindow) -> None:
        toolbar = w.addToolBar("Main")
        toolbar.setObjectName("MainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        toolbar.addActions([self.backward, self.clear])
        toolbar.addSeparator()
        toolbar.addActions([self.undo, self.redo, self.fit])
        toolbar.addSeparator()
        toolbar.addActions([self.backward_step, self.play, self.reset])
        formula_bar = w.addToolBar("Formula")
        formula_bar.setObjectName("FormulaToolbar")
        self.formula = FormulaField()
        formula_bar.addWidget(FieldLabel(" Formula: ", self.formula))
        formula_bar.addWidget(self.formula)
