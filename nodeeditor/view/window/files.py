"""File handling for the window: new, open, save, recent files, examples and exports.

Dialogs start in the folder last used; a bad file shows the loader's message and leaves
the open document as it was; saving keeps the file's permissions (see graphfile)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from nodeeditor.app.resources import example_paths, resource_path
from nodeeditor.compiler import BackwardError, Compiler
from nodeeditor.lessons.chain_rule import ChainRuleError, as_latex, written_out
from nodeeditor.lessons.codegen import python_code
from nodeeditor.lessons.matrix_form import MatrixFormError
from nodeeditor.model import Graph, GraphFileError, load_graph
from nodeeditor.model.graphfile import remove_stale_temporaries
from nodeeditor.model.network import NetworkError
from nodeeditor.plural import plural
from nodeeditor.view import texts
from nodeeditor.view.window.background import CANCELLED, run_in_background
from nodeeditor.view.window.document import Document
from nodeeditor.view.window.export import export_image, export_python
from nodeeditor.view.window.frames import FramesWritten, export_backward_frames
from nodeeditor.view.window.frames_dialog import FramesDialog
from nodeeditor.view.window.network_dialog import NetworkDialog

FILE_FILTER = "Backprop Studio graphs (*.graph);;All files (*)"


#: Files larger than this are read in a background thread with a progress dialog.
BACKGROUND_BYTES = 256 * 1024


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the loader says what is wrong with it


def _hard_links(path: Path) -> int:
    try:
        return path.stat().st_nlink if path.is_file() and not path.is_symlink() else 1
    except OSError:
        return 1
MAX_RECENT = 8


class Files(QObject):
    """Everything the File menu does; ``opened`` fires after a graph was loaded or built."""

    message = Signal(str)
    recent_changed = Signal()
    opened = Signal()

    def __init__(self, window: QWidget, document: Document, settings: QSettings, scene) -> None:  # noqa: ANN001
        super().__init__(window)
        self.window, self.document, self.settings, self.scene = window, document, settings, scene
        self._asking = False  # (a message box takes the focus: no second question meanwhile)
        #: called before saving or asking to save: a panel keeps what is typed and not yet kept
        self.before_save: list = []

    # folders -------------------------------------------------------------------
    def last_folder(self) -> Path:
        """Where the last file was opened or saved (the home folder at first)."""
        if self.document.path is not None:
            return self.document.path.parent
        value = self.settings.value("lastFolder")
        folder = Path(value) if isinstance(value, str) and value else None
        return folder if folder is not None and folder.is_dir() else Path.home()

    def _remember_folder(self, path: Path) -> None:
        self.settings.setValue("lastFolder", str(path.resolve().parent))

    def _suggested(self, suffix: str) -> str:
        name = self.document.path.name if self.document.path else self.document.title
        return str(self.last_folder() / Path(name).with_suffix(suffix).name)

    # the document ----------------------------------------------------------------
    def maybe_save(self) -> bool:
        """Ask before losing unsaved work; True when it is fine to go on."""
        for keep in self.before_save:
            keep()
        if not self.document.modified:
            return True
        answer = QMessageBox.question(
            self.window, texts.APP_NAME, texts.SAVE_CHANGES.format(document=self.document.title),
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
        if answer == QMessageBox.Save:
            return self.save()
        return answer == QMessageBox.Discard

    def new_file(self) -> None:
        if self.maybe_save():
            self.document.new()
            self.opened.emit()
            self.message.emit(texts.NEW_GRAPH)

    def new_network(self) -> Graph | None:
        """Graph → New Network…: the sizes, the activation and the form asked for, then the
        network as a new, untitled document (the open one saved first if the student wants)."""
        dialog = NetworkDialog(self.window)
        if dialog.exec() != NetworkDialog.Accepted or not self.maybe_save():
            return None
        spec = dialog.spec()
        try:
            graph = self.document.session.build_network(spec)
        except NetworkError as exc:
            self.message.emit(texts.NETWORK_NOT_BUILT.format(reason=exc))
            return None
        self.opened.emit()
        self.message.emit(texts.NETWORK_BUILT.format(sizes="-".join(map(str, spec.sizes)), count=len(graph.nodes),
                                                     rate=graph.learning_rate))
        return graph

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(self.window, texts.OPEN_DIALOG, str(self.last_folder()), FILE_FILTER)
        if path:
            self.open_path(path, ask=False)

    def open_example(self, path: Path) -> None:
        if self.open_path(path):
            self.document.forget_path()

    def open_example_named(self, stem: str) -> None:
        """Open the example whose file is called ``stem``.graph (4-sphere, say)."""
        self.open_example(next(p for p in example_paths() if p.stem == stem))

    def open_path(self, path: str | Path, ask: bool = True) -> bool:
        """Open ``path``; a bad file shows the loader's message and changes nothing. A big
        file is read in a background thread, with a progress dialog whose Cancel leaves
        the open document as it was."""
        if ask and not self.maybe_save():
            return False
        self._asking = True  # the file being opened is not "changed on the disk" meanwhile
        try:
            read = self._read_in_background(Path(path)) if _size(Path(path)) > BACKGROUND_BYTES else None
            if read is CANCELLED:
                self.message.emit(texts.READING_CANCELLED.format(file=Path(path).name))
                return False
            graph, computed = read if read is not None else (None, None)
            self.document.load(path, graph, computed)
        except GraphFileError as exc:
            QMessageBox.warning(self.window, texts.APP_NAME, texts.CANNOT_OPEN.format(file=Path(path).name, reason=exc))
            self.message.emit(texts.NOT_OPENED.format(reason=exc))
            return False
        finally:
            self._asking = False
        self._add_recent(Path(path))
        self.message.emit(texts.OPENED.format(file=Path(path).name))
        self.opened.emit()  # (after: what the window then says about it stays on show)
        return True

    def _read_in_background(self, path: Path) -> tuple[Graph, Compiler] | object:
        """load_graph and the first evaluation on a thread (a graph being built has no
        listeners, so nothing of the window is touched there)."""

        def read() -> tuple[Graph, Compiler]:
            graph = load_graph(path)
            computed = Compiler(graph)  # nobody else follows this graph yet
            computed.evaluate()
            return graph, computed

        return run_in_background(self.window, texts.READING.format(file=path.name), read)

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        path, _ = QFileDialog.getSaveFileName(self.window, texts.SAVE_DIALOG, self._suggested(".graph"), FILE_FILTER)
        if not path:
            return False
        if not path.endswith(".graph"):
            path += ".graph"
        return self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        """Save; on any failure the work stays open and unsaved, and the student is told why."""
        for keep in self.before_save:
            keep()
        if path == self.document.path and self.document.session.changed_on_disk():
            answer = QMessageBox.question(
                self.window, texts.APP_NAME, texts.CHANGED_ON_DISK_REPLACE.format(file=path.name),
                QMessageBox.Save | QMessageBox.Cancel, QMessageBox.Cancel)
            if answer != QMessageBox.Save:
                self.message.emit(texts.NOT_SAVED_CHANGED_ON_DISK)
                return False
        links = _hard_links(path)
        try:
            self.document.save(path)
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            QMessageBox.warning(self.window, texts.APP_NAME, texts.CANNOT_SAVE_KEPT_OPEN.format(file=path.name,
                                                                                            reason=reason))
            self.message.emit(texts.NOT_SAVED.format(reason=reason))
            return False
        self._add_recent(path)
        others = links - 1
        saved = texts.SAVED if not others else plural(others, texts.SAVED_ONE_OTHER_LINK, texts.SAVED_OTHER_LINKS)
        self.message.emit(saved.format(file=path.name, count=others))
        return True

    def check_disk(self) -> None:
        """The window came back to the front: if another program changed the open file
        meanwhile, offer to open that version (or keep this one)."""
        path = self.document.path
        if path is None or self._asking or QApplication.activeModalWidget() is not None \
                or not self.document.session.changed_on_disk():
            return  # (nor while a file is being opened or saved: a progress dialog takes the focus)
        self._asking = True
        try:
            gone = not path.exists()
            question = (texts.REMOVED_ON_DISK if gone else
                        texts.CHANGED_ON_DISK_UNSAVED if self.document.modified else texts.CHANGED_ON_DISK)
            box = QMessageBox(QMessageBox.Question, texts.APP_NAME, question.format(file=path.name),
                              parent=self.window)
            reload_button = None if gone else box.addButton("Open Their Version", QMessageBox.AcceptRole)
            box.addButton("Keep Mine", QMessageBox.RejectRole)
            box.exec()
            clicked = box.clickedButton()
            box.deleteLater()
        finally:
            self._asking = False
        if reload_button is not None and clicked is reload_button:
            if self.open_path(path, ask=False):
                self.message.emit(texts.OPENED_DISK_VERSION.format(file=path.name))
            return
        self.document.session.keep_mine()
        self.message.emit(texts.KEPT_MINE.format(file=path.name))

    def remove_stale_temporaries(self) -> None:
        """What interrupted saves of recent files left beside them (see graphfile)."""
        for name in self.recent():
            remove_stale_temporaries(Path(name))

    # exports ---------------------------------------------------------------------
    def export_python(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, texts.EXPORT_PYTHON_DIALOG, self._suggested(".py"),
                                              "Python (*.py)")
        if path:
            self._export(Path(path), lambda p: export_python(python_code(self.document.graph, self.document.compiler), p))

    def export_image(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, texts.EXPORT_IMAGE_DIALOG, self._suggested(".png"),
                                              "PNG image (*.png);;SVG drawing (*.svg)")
        if path:
            self._export(Path(path), lambda p: export_image(self.scene, p))

    def export_frames(self) -> FramesWritten | None:
        """Every backward step as numbered PNG frames and as animations (APNG, GIF, and an
        MP4 where ffmpeg is), into a folder the student names (made if it is new)."""
        stem = self.document.path.stem if self.document.path is not None else "graph"
        dialog = FramesDialog(self.window, self.last_folder() / f"{stem}-steps",
                              self.settings.value("frames/slides", False, type=bool))
        if dialog.exec() != FramesDialog.Accepted:
            return None
        folder = dialog.folder()
        self.settings.setValue("frames/slides", dialog.slides())
        try:
            written = export_backward_frames(self.scene, self.document, folder, dialog.slides(), dialog.mp4())
        except BackwardError as exc:
            self.message.emit(texts.NO_FRAMES.format(reason=exc))
            return None
        except OSError as exc:
            QMessageBox.warning(self.window, texts.APP_NAME, texts.FRAMES_NOT_SAVED.format(reason=exc.strerror or exc))
            return None
        animations = ", ".join(path.name for path in written.animations)
        said = texts.FRAMES_SAVED.format(count=len(written.frames), animations=animations, folder=folder)
        self.message.emit(texts.FRAMES_SAVED_BUT.format(saved=said, problem=written.problem) if written.problem
                          else said)
        return written

    def export_chain_rule(self, node_id: str | None) -> None:
        """The chain rule for ``node_id`` as a LaTeX document."""
        if node_id is None:
            self.message.emit(texts.SELECT_FOR_CHAIN_RULE)
            return
        try:
            with self.document.session.studies.look() as compiler:
                text = as_latex(written_out(self.document.graph, compiler, node_id))
        except (ChainRuleError, MatrixFormError, BackwardError) as exc:
            self.message.emit(texts.NO_CHAIN_RULE.format(reason=exc))
            return
        path, _ = QFileDialog.getSaveFileName(self.window, texts.EXPORT_CHAIN_DIALOG, self._suggested(".tex"),
                                              "LaTeX (*.tex)")
        if path:
            self._export(Path(path), lambda p: p.write_text(text, encoding="utf-8"))

    def _export(self, path: Path, write) -> None:  # noqa: ANN001 - a callable taking the path
        try:
            write(path)
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            QMessageBox.warning(self.window, texts.APP_NAME, texts.CANNOT_SAVE.format(file=path.name, reason=reason))
            self.message.emit(texts.NOT_EXPORTED.format(reason=reason))
            return
        self._remember_folder(path)
        self.message.emit(texts.EXPORTED.format(file=path.name))

    # recent files ----------------------------------------------------------------
    def _add_recent(self, path: Path) -> None:
        if path.resolve().parent == resource_path("examples").resolve():
            return  # the Examples menu lists those already
        self._remember_folder(path)
        recent = [p for p in self.recent() if p != str(path.resolve())]
        self.settings.setValue("recentFiles", [str(path.resolve())] + recent[: MAX_RECENT - 1])
        self.recent_changed.emit()

    def recent(self) -> list[str]:
        value = self.settings.value("recentFiles", [])
        items = [value] if isinstance(value, str) else list(value) if isinstance(value, (list, tuple)) else []
        return [p for p in items if isinstance(p, str) and p and "\0" not in p][:MAX_RECENT]
