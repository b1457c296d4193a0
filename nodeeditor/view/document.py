"""The open document: its graph, compiler, undo stack, file path and unsaved state."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from nodeeditor.compiler import BackwardError, Compiler
from nodeeditor.model import Graph, load_graph, save_graph


class Document(QObject):
    """Edits go through ``push``; after each one the compiler re-evaluates what changed
    and ``results_changed`` names the nodes whose numbers the canvas must repaint."""

    results_changed = Signal(set)
    modified_changed = Signal(bool)
    path_changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.graph = Graph()
        self.compiler = Compiler(self.graph)
        self.undo_stack = QUndoStack(self)
        self.path: Path | None = None
        self._had_gradients = False
        self.undo_stack.indexChanged.connect(self.refresh)
        self.undo_stack.cleanChanged.connect(self._clean_changed)

    def _clean_changed(self, clean: bool) -> None:
        self.modified_changed.emit(not clean)

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def title(self) -> str:
        return self.path.name if self.path else "Untitled.graph"

    def push(self, command: QUndoCommand) -> None:
        self.undo_stack.push(command)

    def refresh(self, *_ignored: object) -> set[str]:
        """Re-evaluate after an edit; tell the canvas which nodes have new numbers."""
        changed = self.compiler.evaluate()
        if self._had_gradients and self.compiler.gradient_root is None:
            changed = set(self.graph.nodes)
        if changed:
            self.show_results(changed)
        return changed

    def show_results(self, node_ids: set[str] | None = None) -> None:
        """Tell the views that these nodes (default: all) have new numbers."""
        self._had_gradients = self.compiler.gradient_root is not None
        self.results_changed.emit(set(self.graph.nodes) if node_ids is None else node_ids)

    def backward(self, root: str | None = None) -> str:
        """Run backward; raises BackwardError with a message for the student."""
        root = self.compiler.backward(root)
        self.show_results()
        return root

    def clear_gradients(self) -> None:
        self.compiler.clear_gradients()
        self.show_results()

    def load(self, path: str | Path) -> None:
        """Open a file; on GraphFileError nothing here changes."""
        graph = load_graph(path)
        self.graph.replace_with(graph)
        self.path = Path(path)
        self.undo_stack.clear()
        self.path_changed.emit(str(self.path))
        self.refresh()
        self.show_results()

    def new(self) -> None:
        self.graph.clear()
        self.path = None
        self.undo_stack.clear()
        self.path_changed.emit("")
        self.refresh()

    def save(self, path: str | Path | None = None) -> None:
        target = Path(path) if path else self.path
        if target is None:
            raise ValueError("no file name yet")
        save_graph(self.graph, target)
        self.path = target
        self.undo_stack.setClean()
        self.path_changed.emit(str(target))


__all__ = ["BackwardError", "Document"]
