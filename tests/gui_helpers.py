"""Driving the editor with real mouse events, as a person does."""
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget


def send_mouse(widget: QWidget, kind: QEvent.Type, pos: QPoint, button=Qt.LeftButton, buttons=None) -> None:
    """A mouse event at ``pos`` (widget coordinates) with the button state a real one has."""
    if buttons is None:
        buttons = Qt.NoButton if kind == QEvent.MouseButtonRelease else button
    local = QPointF(pos)
    event = QMouseEvent(kind, local, QPointF(widget.mapToGlobal(pos)),
                        Qt.NoButton if kind == QEvent.MouseMove else button, buttons, Qt.NoModifier)
    QApplication.sendEvent(widget, event)


def drag(widget: QWidget, start: QPoint, end: QPoint, steps: int = 6, button=Qt.LeftButton,
         target: QWidget | None = None) -> None:
    """Press at ``start``, move in steps to ``end`` (in ``widget`` coordinates), release."""
    send_mouse(widget, QEvent.MouseButtonPress, start, button)
    for i in range(1, steps + 1):
        point = start + (end - start) * (i / steps)
        send_mouse(widget, QEvent.MouseMove, point, button, button)
    send_mouse(widget, QEvent.MouseButtonRelease, end, button)
    QApplication.processEvents()


def scene_to_viewport(window, scene_point: QPointF) -> QPoint:
    return window.canvas.mapFromScene(scene_point)


def socket_point(window, node_id: str, side: str, port: str = "y") -> QPoint:
    item = window.scene.nodes[node_id]
    local = item.output_socket_pos() if side == "out" else item.input_socket_pos(port)
    return scene_to_viewport(window, item.mapToScene(local))


def wire(window, src: str, dst: str, port: str) -> None:
    """Drag a wire from ``src``'s output socket to ``dst``'s input ``port``."""
    drag(window.canvas.viewport(), socket_point(window, src, "out"), socket_point(window, dst, "in", port))


def drop_from_palette(window, kind: str, viewport_point: QPoint, canvas=None, graph=None,
                      expect_new: bool = True) -> str | None:
    """Drag ``kind`` from the node list onto the canvas (or ``canvas``, an opened function's,
    whose graph is ``graph``); return the new node's id."""
    canvas = canvas if canvas is not None else window.canvas
    graph = graph if graph is not None else window.document.graph
    palette = window.palette
    palette.scrollToItem(palette.item_for(kind))
    item_rect = palette.visualItemRect(palette.item_for(kind))
    start = item_rect.center()
    viewport = palette.viewport()
    target_global = canvas.viewport().mapToGlobal(viewport_point)
    end = viewport.mapFromGlobal(target_global)
    before = set(graph.nodes)
    drag(viewport, start, end)
    added = set(graph.nodes) - before
    if not expect_new:
        assert not added
        return None
    (new,) = added
    return new


def type_into(edit: QWidget, text: str) -> None:
    """Click into a field, select what is there, type ``text`` and press Enter."""
    QTest.mouseClick(edit, Qt.LeftButton)
    edit.selectAll()
    QTest.keyClicks(edit, text)
    QTest.keyClick(edit, Qt.Key_Return)


@contextmanager
def open_window(qtbot, tmp_path, width: int = 1280, height: int = 800):
    """A main window with its own settings file, shown at ``width`` × ``height``; closed
    afterwards without asking to save."""
    from PySide6.QtCore import QSettings

    from nodeeditor.view.window.main_window import MainWindow

    window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # the keyboard's shortcuts go to the active window
    QTest.qWaitForWindowActive(window)
    try:
        yield window
    finally:
        window.learn.stop_descent()
        window.document.undo_stack.setClean()
        window.close()
        window.deleteLater()
        qtbot.wait(1)


def run_descent(qtbot, window) -> None:
    """Press the Learn tab's Run and wait until the descent has taken all its steps."""
    qtbot.mouseClick(window.learn.run_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not window.learn.descending, timeout=20_000)


def answer_dialog(folder: str, slides: bool) -> None:
    """Fill in the export dialog as a teacher does, once it is open."""
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert type(dialog).__name__ == "FramesDialog"
        dialog.folder_edit.selectAll()
        QTest.keyClicks(dialog.folder_edit, folder)
        button = dialog.slide_shape if slides else dialog.graph_shape
        QTest.mouseClick(button, Qt.LeftButton, pos=QPoint(8, button.height() // 2))
        assert button.isChecked()
        QTest.keyClick(dialog, Qt.Key_Return)
    QTimer.singleShot(0, answer)
