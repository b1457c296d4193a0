"""The window's size, where its panels are and the canvas's zoom: kept when the program
quits and given back at the next start, as the student left them.

A saved layout is taken only if it leaves the canvas room to work in: one saved on a
bigger screen, or by a version with other panels, would otherwise leave a strip of
canvas between two wide panels. Then the panels go back to where a new install has
them, which is also what View → Reset Layout does."""
from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore
from PySide6.QtCore import QByteArray, QSettings, QSize, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow

#: Bumped whenever the set of panels changes: an older layout is then not restored.
LAYOUT_VERSION = 4
#: The smallest canvas a saved layout may leave (or half the window, in a small one).
MIN_CANVAS = QSize(420, 260)
#: The share of the screen's width and height a first start takes.
FIRST_SIZE = 0.9
#: Where a new install puts the panels' edges (pixels), beside the canvas.
DEFAULT_WIDTHS = {"Nodes": 185, "Inspector": 330}
DEFAULT_HEIGHTS = {"Inspector": 460, "Plot": 210}


class WindowState:
    """Restores and saves one main window's geometry, panels and zoom in ``settings``."""

    def __init__(self, window: QMainWindow, settings: QSettings) -> None:
        self.window, self.settings = window, settings
        #: puts every panel in its place of a new install (the window knows its panels)
        self._arrange: Callable[[], None] | None = None
        self._applied = False

    # geometry: before the window is shown -------------------------------------------
    def restore_geometry(self) -> None:
        geometry = self.settings.value("geometry")
        if not (isinstance(geometry, QByteArray) and self.window.restoreGeometry(geometry)):
            # a first start: 90 % of the screen, in its middle (1728 x 972 on a 1920 x 1080 one)
            screen = self.window.screen().availableGeometry()
            self.window.resize(int(screen.width() * FIRST_SIZE), int(screen.height() * FIRST_SIZE))
            self.window.move(screen.center() - self.window.rect().center())

    # the panels: once they exist and the window is on the screen -----------------------
    def panels_built(self, arrange: Callable[[], None]) -> None:
        """Call when every dock exists, with what puts them in a new install's places:
        the panels are laid out as saved once the window is shown (now, if it is)."""
        self._arrange = arrange
        if self.window.isVisible():
            self.shown()

    def shown(self) -> None:
        """The window is on the screen: restore the saved layout the first time. Qt must
        have laid the new docks out first, or a visible window takes a restored layout
        against stale sizes (the canvas became a 125 px strip): hence the next turn."""
        if not self._applied and self._arrange is not None:
            self._applied = True
            QTimer.singleShot(0, self.window, self._restore_layout)

    def _restore_layout(self) -> None:
        state = self.settings.value("windowState")
        if not (isinstance(state, QByteArray) and self.window.restoreState(state, LAYOUT_VERSION)):
            self._default_sizes()  # a first start: the panels are where they were built
            return
        self.window.layout().activate()
        if not self.canvas_is_usable():
            self.reset_layout()

    def canvas_is_usable(self) -> bool:
        """Whether the canvas (the window's centre) has the room a student needs."""
        centre, window = self.window.centralWidget().size(), self.window.size()
        return (centre.width() >= min(MIN_CANVAS.width(), window.width() // 2)
                and centre.height() >= min(MIN_CANVAS.height(), window.height() // 2))

    def reset_layout(self) -> None:
        """Every panel back where a new install has it, at its default size."""
        if self._arrange is None:
            return
        self._arrange()
        self._default_sizes()

    def _default_sizes(self) -> None:
        # (QtCore.Qt is reached only here: main_window.py explains why it waits)
        docks = {dock.windowTitle(): dock for dock in self.window.findChildren(QDockWidget)}
        for sizes, orientation in ((DEFAULT_WIDTHS, QtCore.Qt.Horizontal), (DEFAULT_HEIGHTS, QtCore.Qt.Vertical)):
            chosen = [(docks[title], size) for title, size in sizes.items() if title in docks]
            self.window.resizeDocks([d for d, _ in chosen], [s for _, s in chosen], orientation)
        self.window.layout().activate()

    # quitting ----------------------------------------------------------------------------
    def save(self, zoom: float) -> None:
        self.settings.setValue("geometry", self.window.saveGeometry())
        if self._applied:  # a window closed before its layout was restored keeps the saved one
            self.settings.setValue("windowState", self.window.saveState(LAYOUT_VERSION))
        self.settings.setValue("zoom", zoom)
        self.settings.sync()

    def saved_zoom(self) -> float:
        try:
            zoom = float(self.settings.value("zoom", 1.0))
        except (TypeError, ValueError):
            return 1.0
        return zoom if zoom == zoom else 1.0  # not nan; the canvas clamps the rest

