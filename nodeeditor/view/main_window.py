"""The main window: menus, toolbar, node list, canvas, inspector and status bar."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QWidget,
)

from nodeeditor.model import GraphFileError, kind_of
from nodeeditor.model.expression import ExpressionError, build_graph
from nodeeditor.resources import example_paths, resource_path
from nodeeditor.view import style
from nodeeditor.view.canvas import Canvas
from nodeeditor.view.clipboard import copy_text, paste_plan
from nodeeditor.view.code_panel import CodePanel
from nodeeditor.view.commands import AddNodes, RemoveNodes, ReplaceGraph, SetParam, SetValues
from nodeeditor.view.document import BackwardError, Document
from nodeeditor.view.export import export_image, export_python
from nodeeditor.view.inspector import Inspector
from nodeeditor.view.learn_panel import LearnPanel
from nodeeditor.view.node_item import NodeItem
from nodeeditor.view.palette import Palette
from nodeeditor.view.plot_panel import PlotPanel
from nodeeditor.view.scene import GraphScene
from nodeeditor.view.search_popup import SearchPopup

APP_NAME = "Backprop Studio"
FILE_FILTER = "Backprop Studio graphs (*.graph);;All files (*)"
MAX_RECENT = 8


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings if settings is not None else QSettings("BackpropStudio", "BackpropStudio")
        self.document = Document(self)
        self.scene = GraphScene(self.document)
        self.scene.setParent(self)
        self.canvas = Canvas(self.scene)
        self.setCentralWidget(self.canvas)
        self.palette = Palette()
        self.inspector = Inspector(self.document)
        self.search = SearchPopup(self)
        self._search_scene_pos = QPointF()
        self.palette_dock = self._dock("Nodes", self.palette, Qt.LeftDockWidgetArea)
        self.inspector_dock = self._dock("Inspector", self.inspector, Qt.RightDockWidgetArea)
        self.learn = LearnPanel(self.document, self.scene)
        self.learn_dock = self._dock("Learn", self.learn, Qt.RightDockWidgetArea)
        self.tabifyDockWidget(self.inspector_dock, self.learn_dock)
        self.inspector_dock.raise_()
        self.plot = PlotPanel(self.document)
        self.plot_dock = self._dock("Plot", self.plot, Qt.BottomDockWidgetArea)
        self.code = CodePanel(self.document)
        self.code_dock = self._dock("Python code", self.code, Qt.BottomDockWidgetArea)
        self.tabifyDockWidget(self.plot_dock, self.code_dock)
        self.plot_dock.raise_()
        self.legend = QLabel()
        self.legend.setText(f"<span style='color:{style.VALUE_COLOR.name()}'>■ value</span> &nbsp; "
                            f"<span style='color:{style.GRADIENT_COLOR.name()}'>■ gradient</span>")
        self.zoom_label = QLabel("100%")
        self.statusBar().addPermanentWidget(self.legend)
        self.statusBar().addPermanentWidget(self.zoom_label)
        self._build_actions()
        self._connect()
        self._restore_settings()
        self._update_title()
        self.status("Drag a node from the list on the left onto the canvas, or press Tab.")

    # construction ---------------------------------------------------------
    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"{title}Dock")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        action.setToolTip(tip or text.replace("&", ""))
        action.setStatusTip(tip or text.replace("&", ""))
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        stack = self.document.undo_stack
        menu = self.menuBar().addMenu("&File")
        self.new_action = self._action("&New", self.new_file, QKeySequence.New, "Start an empty graph")
        self.open_action = self._action("&Open…", self.open_dialog, QKeySequence.Open, "Open a .graph file")
        self.save_action = self._action("&Save", self.save, QKeySequence.Save, "Save the graph")
        self.save_as_action = self._action("Save &As…", self.save_as, QKeySequence("Ctrl+Shift+S"),
                                           "Save the graph under a new name")
        self.recent_menu = menu.addMenu("Open &Recent")
        self.examples_menu = menu.addMenu("&Examples")
        for path in example_paths():
            title = path.stem.split("-", 1)[-1].replace("-", " ").capitalize()
            self.examples_menu.addAction(self._action(title, lambda _=False, p=path: self.open_example(p),
                                                      tip=f"Open the example {path.name}"))
        menu.insertActions(self.recent_menu.menuAction(), [self.new_action, self.open_action])
        menu.addSeparator()
        menu.addActions([self.save_action, self.save_as_action])
        menu.addSeparator()
        self.export_python_action = self._action("Export as &Python…", self.export_python, QKeySequence("Ctrl+E"),
                                                 "Save Python code that computes this graph with the engine")
        self.export_image_action = self._action("Export &Image…", self.export_image, QKeySequence("Ctrl+Shift+E"),
                                                "Save the canvas as a PNG or SVG picture, for reports")
        menu.addActions([self.export_python_action, self.export_image_action])
        menu.addSeparator()
        menu.addAction(self._action("&Quit", self.close, QKeySequence("Ctrl+Q"), "Close Backprop Studio"))

        menu = self.menuBar().addMenu("&Edit")
        self.undo_action = stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.Undo)
        self.redo_action = stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        menu.addActions([self.undo_action, self.redo_action])
        menu.addSeparator()
        self.copy_action = self._action("&Copy", self.copy, QKeySequence.Copy, "Copy the selected nodes")
        self.paste_action = self._action("&Paste", self.paste, QKeySequence.Paste, "Paste nodes")
        self.duplicate_action = self._action("&Duplicate", self.duplicate, QKeySequence("Ctrl+D"),
                                             "Duplicate the selected nodes")
        self.delete_action = self._action("&Delete", self.delete_selection,
                                          [QKeySequence(Qt.Key_Delete), QKeySequence(Qt.Key_Backspace)],
                                          "Delete the selected nodes and their wires")
        self.select_all_action = self._action("Select &All", self.select_all, QKeySequence.SelectAll)
        menu.addActions([self.copy_action, self.paste_action, self.duplicate_action, self.delete_action,
                         self.select_all_action])

        menu = self.menuBar().addMenu("&View")
        self.fit_action = self._action("&Fit to View", self.canvas.fit, QKeySequence("F"), "Show the whole graph")
        menu.addAction(self.fit_action)
        menu.addAction(self._action("Zoom &In", lambda: self.canvas.set_zoom(self.canvas.zoom * 1.25),
                                    QKeySequence.ZoomIn))
        menu.addAction(self._action("Zoom &Out", lambda: self.canvas.set_zoom(self.canvas.zoom / 1.25),
                                    QKeySequence.ZoomOut))
        menu.addAction(self._action("&Actual Size", lambda: self.canvas.set_zoom(1.0), QKeySequence("Ctrl+0")))
        menu.addSeparator()
        menu.addActions([dock.toggleViewAction() for dock in (self.palette_dock, self.inspector_dock, self.learn_dock,
                                                               self.plot_dock, self.code_dock)])

        menu = self.menuBar().addMenu("&Graph")
        self.backward_action = self._action(
            "&Backward", self.backward, QKeySequence("Ctrl+B"),
            "Compute every gradient, from the selected node or the graph's only output (Ctrl+B)")
        self.clear_action = self._action("&Clear Gradients", self.clear_gradients, QKeySequence("Ctrl+Shift+B"),
                                         "Remove the gradients from the sockets (Ctrl+Shift+B)")
        self.add_node_action = self._action("&Add Node…", self.open_search_at_cursor, QKeySequence("Tab"),
                                            "Search for a node and add it at the cursor (Tab)")
        self.add_node_action.setShortcutContext(Qt.WidgetShortcut)
        menu.addActions([self.backward_action, self.clear_action, self.add_node_action])
        menu.addSeparator()
        self.forward_step_action = self._action("&Forward Step", self.learn.step_forward, QKeySequence("F6"),
                                                "Compute one node at a time, inputs first (F6)")
        self.backward_step_action = self._action("Backward &Step", self.learn.step_backward, QKeySequence("F7"),
                                                 "Send gradients back one node at a time (F7)")
        self.play_action = self._action("&Play / Pause", self.learn.toggle_play, QKeySequence("F8"),
                                        "Play the backward pass step by step (F8)")
        self.reset_action = self._action("&Reset Steps", self.learn.reset, QKeySequence("F9"),
                                         "Stop stepping and show the current numbers (F9)")
        self.check_action = self._action("&Gradient Check", self._check_gradients, QKeySequence("Ctrl+G"),
                                         "Compare every gradient with a numerical estimate (Ctrl+G)")
        menu.addActions([self.forward_step_action, self.backward_step_action, self.play_action, self.reset_action,
                         self.check_action])

        menu = self.menuBar().addMenu("&Help")
        menu.addAction(self._action("&How to Use", self.show_help, QKeySequence.HelpContents))
        menu.addAction(self._action("&About Backprop Studio", self.show_about))

        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("MainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        toolbar.addActions([self.backward_action, self.clear_action])
        toolbar.addSeparator()
        toolbar.addActions([self.undo_action, self.redo_action, self.fit_action])
        toolbar.addSeparator()
        toolbar.addActions([self.backward_step_action, self.play_action, self.reset_action])
        formula_bar = self.addToolBar("Formula")
        formula_bar.setObjectName("FormulaToolbar")
        self.expression = QLineEdit()
        self.expression.setPlaceholderText("Type a formula such as x0**2 + x1**2 or (x0 + x1) * x, then Enter")
        self.expression.setToolTip("Builds the graph of a formula: numbers, names, + - * / ** and parentheses. "
                                   "New names become Variables with value 1. Ctrl+Z undoes it.")
        self.expression.setClearButtonEnabled(True)
        self.expression.returnPressed.connect(self.build_from_formula)
        formula_bar.addWidget(QLabel(" Formula: "))
        formula_bar.addWidget(self.expression)
        self._update_recent_menu()

    def _connect(self) -> None:
        self.scene.message.connect(self.status)
        self.scene.selectionChanged.connect(self._selection_changed)
        self.palette.dropped.connect(self._palette_dropped)
        self.palette.activated_kind.connect(self._add_at_centre)
        self.inspector.edit_requested.connect(self._inspector_edit)
        self.canvas.search_requested.connect(self.open_search)
        self.canvas.zoom_changed.connect(self._show_zoom)
        self.search.chosen.connect(self._add_at_search_point)
        self.document.modified_changed.connect(self._update_title)
        self.document.path_changed.connect(self._update_title)
        self.document.undo_stack.indexChanged.connect(self._after_edit)
        self.learn.message.connect(self.status)
        self.learn.loss.connect(self.plot.show_loss)
        self.learn.descent_finished.connect(self._descent_finished)

    # status and title -----------------------------------------------------
    def status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(f"{zoom * 100:.0f}%")

    def _update_title(self, *_ignored: object) -> None:
        self.setWindowTitle(f"{self.document.title}[*] — {APP_NAME}")
        self.setWindowModified(self.document.modified)

    def _after_edit(self, *_ignored: object) -> None:
        self._update_title()
        self.inspector.refresh()

    # adding nodes -------------------------------------------------------
    def add_node(self, kind: str, scene_pos: QPointF) -> str:
        graph = self.document.graph
        params = {}
        if kind == "Variable":
            params = {"name": graph.unique_name("x"), "value": np.array(1.0)}
        node_id = graph.new_id()
        position = (scene_pos.x() - style.NODE_WIDTH / 2, scene_pos.y() - style.HEADER_HEIGHT / 2)
        spec = kind_of(kind)
        merged = dict(spec.defaults)
        merged.update(params)
        self.document.push(AddNodes(graph, [{"id": node_id, "kind": kind, "params": merged, "position": position}],
                                    [], f"Add {spec.title}"))
        self.scene.clearSelection()
        self.scene.nodes[node_id].setSelected(True)
        self.status(f"Added {spec.title}. Drag from its sockets to wire it up.")
        return node_id

    def _add_at_centre(self, kind: str) -> None:
        self.add_node(kind, self.canvas.mapToScene(self.canvas.viewport().rect().center()))

    def _add_at_search_point(self, kind: str) -> None:
        self.add_node(kind, self._search_scene_pos)

    def _palette_dropped(self, kind: str, global_pos: QPoint) -> None:
        local = self.canvas.viewport().mapFromGlobal(global_pos)
        if not self.canvas.viewport().rect().contains(local):
            self.status("Drop the node on the canvas to add it.")
            return
        self.add_node(kind, self.canvas.mapToScene(local))

    def open_search(self, view_pos: QPoint) -> None:
        self._search_scene_pos = self.canvas.mapToScene(view_pos)
        self.search.popup_at(self.canvas.viewport().mapToGlobal(view_pos))

    def open_search_at_cursor(self) -> None:
        self.open_search(self.canvas.viewport().mapFromGlobal(self.cursor().pos()))

    # selection and the inspector ------------------------------------------
    def selected_ids(self) -> list[str]:
        return [i.node.id for i in self.scene.selectedItems() if isinstance(i, NodeItem)]

    def _selection_changed(self) -> None:
        ids = self.selected_ids()
        self.inspector.show_node(self.document.graph.nodes[ids[0]] if len(ids) == 1 else None)

    def _inspector_edit(self, node_id: str, name: str, value: object) -> None:
        self.document.push(SetParam(self.document.graph, node_id, name, value))
        self.status(f"Changed {self.document.graph.nodes[node_id].label}.{name}.")

    # editing ---------------------------------------------------------------
    def delete_selection(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.document.push(RemoveNodes(self.document.graph, ids, []))
            self.status(f"Deleted {len(ids)} node{'s' if len(ids) > 1 else ''}. Ctrl+Z brings them back.")

    def select_all(self) -> None:
        for item in self.scene.nodes.values():
            item.setSelected(True)

    def copy(self) -> bool:
        ids = self.selected_ids()
        if not ids:
            self.status("Select nodes to copy first.")
            return False
        QGuiApplication.clipboard().setText(copy_text(self.document.graph, ids))
        self.status(f"Copied {len(ids)} node{'s' if len(ids) > 1 else ''}.")
        return True

    def paste(self) -> None:
        try:
            nodes, edges = paste_plan(self.document.graph, QGuiApplication.clipboard().text(), (40.0, 40.0))
        except GraphFileError:
            self.status("There are no nodes on the clipboard to paste.")
            return
        self.document.push(AddNodes(self.document.graph, nodes, edges, f"Paste {len(nodes)} node(s)"))
        self.scene.clearSelection()
        for n in nodes:
            self.scene.nodes[n["id"]].setSelected(True)
        self.status(f"Pasted {len(nodes)} node{'s' if len(nodes) > 1 else ''}.")

    def duplicate(self) -> None:
        if self.copy():
            self.paste()

    # gradients -------------------------------------------------------------
    def backward(self) -> None:
        ids = self.selected_ids()
        try:
            root = self.document.backward(ids[0] if len(ids) == 1 else None)
        except BackwardError as exc:
            self.status(str(exc))
            return
        label = self.document.graph.nodes[root].label
        self.status(f"Backward from {label}: each red number is ∂{label}/∂(that value).")
        self.inspector.refresh()

    def clear_gradients(self) -> None:
        self.document.clear_gradients()
        self.inspector.refresh()
        self.status("Gradients cleared.")

    def _check_gradients(self) -> None:
        self.learn_dock.show()
        self.learn_dock.raise_()
        self.learn.check_gradients()

    def _descent_finished(self, before: dict, after: dict, steps: int) -> None:
        self.plot.finish_loss()
        if steps:
            self.document.push(SetValues(self.document.graph, before, after,
                                         f"Gradient descent ({steps} steps)", applied=True))
            self.status(f"Gradient descent: {steps} steps. Ctrl+Z puts the Variables back.")

    def build_from_formula(self) -> None:
        text = self.expression.text()
        values = {n.params["name"]: float(np.sum(n.params["value"])) for n in self.document.graph.nodes.values()
                  if n.kind == "Variable" and np.asarray(n.params["value"]).shape == ()}
        try:
            graph = build_graph(text, values)
        except ExpressionError as exc:
            self.status(f"Formula not built: {exc}")
            self.expression.setFocus()
            if exc.column:
                self.expression.setSelection(exc.column - 1, max(exc.length, 1))
            return
        self.document.push(ReplaceGraph(self.document.graph, graph, f"Build {text}"))
        self.canvas.fit(readable=True)
        self.status(f"Built {text}: {len(graph.nodes)} nodes. Ctrl+Z brings back the previous graph.")

    def export_python(self) -> None:
        start = str((self.document.path or Path.home() / self.document.title).with_suffix(".py"))
        path, _ = QFileDialog.getSaveFileName(self, "Export as Python", start, "Python (*.py)")
        if path:
            export_python(self.code.code(), Path(path))
            self.status(f"Exported {Path(path).name}.")

    def export_image(self) -> None:
        start = str((self.document.path or Path.home() / self.document.title).with_suffix(".png"))
        path, _ = QFileDialog.getSaveFileName(self, "Export image", start, "PNG image (*.png);;SVG drawing (*.svg)")
        if path:
            try:
                export_image(self.scene, Path(path))
            except OSError as exc:
                QMessageBox.warning(self, APP_NAME, f"The image could not be saved:\n\n{exc}")
                return
            self.status(f"Exported {Path(path).name}.")

    # files --------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """Ask before losing unsaved work; True when it is fine to go on."""
        if not self.document.modified:
            return True
        answer = QMessageBox.question(
            self, APP_NAME, f"Save the changes to {self.document.title} before closing it?",
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
        if answer == QMessageBox.Save:
            return self.save()
        return answer == QMessageBox.Discard

    def new_file(self) -> None:
        if self.maybe_save():
            self.document.new()
            self.status("New graph.")

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        start = str(self.document.path.parent) if self.document.path else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "Open graph", start, FILE_FILTER)
        if path:
            self.open_path(path, ask=False)

    def open_example(self, path: Path) -> None:
        if self.open_path(path):
            self.document.path = None
            self.document.undo_stack.resetClean()
            self._update_title()

    def open_path(self, path: str | Path, ask: bool = True) -> bool:
        """Open ``path``; a bad file shows the loader's message and changes nothing."""
        if ask and not self.maybe_save():
            return False
        try:
            self.document.load(path)
        except GraphFileError as exc:
            QMessageBox.warning(self, APP_NAME, f"{Path(path).name} cannot be opened:\n\n{exc}")
            self.status(f"Not opened: {exc}")
            return False
        self._add_recent(Path(path))
        self.canvas.fit(readable=True)
        self.status(f"Opened {Path(path).name}.")
        return True

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        start = str(self.document.path or Path.home() / self.document.title)
        path, _ = QFileDialog.getSaveFileName(self, "Save graph", start, FILE_FILTER)
        if not path:
            return False
        if not path.endswith(".graph"):
            path += ".graph"
        return self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        try:
            self.document.save(path)
        except OSError as exc:
            QMessageBox.warning(self, APP_NAME, f"{path.name} could not be saved:\n\n{exc.strerror or exc}")
            return False
        self._add_recent(path)
        self.status(f"Saved {path.name}.")
        return True

    def _add_recent(self, path: Path) -> None:
        if path.resolve().parent == resource_path("examples").resolve():
            return  # the Examples menu lists those already
        recent = [p for p in self._recent() if p != str(path.resolve())]
        self.settings.setValue("recentFiles", [str(path.resolve())] + recent[: MAX_RECENT - 1])
        self._update_recent_menu()

    def _recent(self) -> list[str]:
        value = self.settings.value("recentFiles", [])
        return [value] if isinstance(value, str) else list(value or [])

    def _update_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self._recent():
            self.recent_menu.addAction(self._action(Path(path).name, lambda _=False, p=path: self.open_path(p),
                                                    tip=path))
        self.recent_menu.setEnabled(bool(self._recent()))

    # help ------------------------------------------------------------------------
    def show_help(self) -> None:
        QMessageBox.information(self, "How to use Backprop Studio", HELP_TEXT)

    def show_about(self) -> None:
        QMessageBox.about(self, f"About {APP_NAME}",
                          f"<b>{APP_NAME}</b><br>Draw a computational graph, watch the values flow "
                          "forward and the gradients flow back.<br>Based on the lesson "
                          "\"Deep Learning Step 7: computational graphs in Python\".")

    # settings and closing -----------------------------------------------------
    def _restore_settings(self) -> None:
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:  # first start: 1280 x 800, or 90% of a smaller screen (a 1366 x 768 laptop)
            screen = self.screen().availableGeometry()
            self.resize(min(1280, int(screen.width() * 0.9)), min(800, int(screen.height() * 0.9)))
        state = self.settings.value("windowState")
        if state is not None:
            self.restoreState(state)
        else:
            self.resizeDocks([self.plot_dock], [230], Qt.Vertical)
            self.resizeDocks([self.palette_dock, self.inspector_dock], [190, 340], Qt.Horizontal)
        zoom = self.settings.value("zoom")
        if zoom is not None:
            self.canvas.set_zoom(float(zoom))

    def save_settings(self) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("windowState", self.saveState())
        self.settings.setValue("zoom", self.canvas.zoom)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.isVisible():  # already closed; Qt tearing down asks again
            event.accept()
            return
        if self.maybe_save():
            self.save_settings()
            event.accept()
        else:
            event.ignore()


HELP_TEXT = """Build a graph
• Drag a node from the list on the left onto the canvas (or press Tab, or right-click).
• Drag from a socket to another socket to wire them: outputs are on the right,
  inputs on the left. Drag a wire's end off its input to disconnect it.
• Select a node to edit its name, value or exponent in the Inspector.

Watch it compute
• Green numbers are values (forward). Press Backward (Ctrl+B): red numbers are
  gradients. On an input socket, "← g" is the gradient sent back through that wire.

Move around
• Wheel: zoom about the cursor. Middle button or Space+drag: pan. F: fit to view.
• Drag on empty canvas to select several nodes; Ctrl+click to add to the selection.
• Delete, Ctrl+C, Ctrl+V, Ctrl+D, Ctrl+Z, Ctrl+Shift+Z as usual."""
