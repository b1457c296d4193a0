"""The panels' docks around the canvas: where each one goes in a new install, and the tab
bars Qt leaves behind."""
from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QScrollArea, QTabBar, QWidget


class Docks:
    """One dock per panel, by the panel's role: ``docks.plot`` holds the plot."""

    def __init__(self, window: QMainWindow, palette: QWidget, inspector: QWidget, learn: QWidget, chain: QWidget,
                 guess: QWidget, plot: QWidget, code: QWidget, task: QWidget) -> None:
        self._window = window
        self.task = self._dock("Task", task, scroll=True)
        self.palette = self._dock("Nodes", palette)
        self.inspector = self._dock("Inspector", inspector)
        self.learn = self._dock("Learn", learn, scroll=True)
        self.chain = self._dock("Chain rule", chain, scroll=True)
        self.guess = self._dock("Guess", guess)
        self.plot = self._dock("Plot", plot)
        self.code = self._dock("Python code", code)
        for dock, panel in ((self.plot, plot), (self.code, code), (self.chain, chain)):
            dock.visibilityChanged.connect(panel.catch_up)  # a raised tab shows no showEvent

    def _dock(self, title: str, widget: QWidget, scroll: bool = False) -> QDockWidget:
        """A dock holding ``widget``; with ``scroll``, in a scroll area, so that a tall or
        wide panel never takes the canvas's room (nor makes the window taller than a
        laptop's screen)."""
        dock = QDockWidget(title, self._window)
        dock.setObjectName(f"{title}Dock")
        if scroll:
            area = QScrollArea()
            area.setWidgetResizable(True)
            area.setFrameShape(QFrame.NoFrame)
            area.setWidget(widget)
            widget = area
        dock.setWidget(widget)
        return dock

    def all(self) -> list[QDockWidget]:
        return [self.palette, self.inspector, self.learn, self.chain, self.guess, self.plot, self.code, self.task]

    @staticmethod
    def bring_forward(dock: QDockWidget) -> None:
        dock.show()
        dock.raise_()

    def arrange(self) -> None:
        """Every panel in its place of a new install: the node list on the left; on the
        right the Inspector in front of Learn, Chain rule and Guess, and below them the
        plot in front of the code. The canvas keeps the window's whole height."""
        qt, window = QtCore.Qt, self._window
        places = ((self.palette, qt.LeftDockWidgetArea), (self.inspector, qt.RightDockWidgetArea),
                  (self.plot, qt.RightDockWidgetArea))
        tabs = ((self.inspector, (self.learn, self.chain, self.guess, self.task)), (self.plot, (self.code,)))
        for dock, area in places:
            dock.setFloating(False)
            window.addDockWidget(area, dock)
            dock.show()
        window.splitDockWidget(self.inspector, self.plot, qt.Vertical)
        for first, others in tabs:
            for dock in others:
                dock.setFloating(False)
                window.tabifyDockWidget(first, dock)
                dock.show()
            first.raise_()
        self.tidy_soon()

    def tidy_soon(self) -> None:
        """Hide stale tab bars once Qt has laid the docks out (only a shown window has any)."""
        if self._window.isVisible():
            QTimer.singleShot(0, self._window, self.hide_stale_tab_bars)

    def hide_stale_tab_bars(self) -> None:
        """Qt 6.11 leaves tab bars behind when docks are tabbed or moved (a second
        Plot | Python code bar drawn over the node list): keep, for each group of tabbed
        docks, the one bar at the foot of its dock that lists exactly that group, and hide
        every other bar."""
        window = self._window
        docks = {dock.windowTitle(): dock for dock in self.all()}
        groups = {frozenset([d.windowTitle(), *(t.windowTitle() for t in window.tabifiedDockWidgets(d))])
                  for d in self.all() if window.tabifiedDockWidgets(d)}
        bars: dict[frozenset, list[QTabBar]] = {}
        for bar in window.findChildren(QTabBar, options=QtCore.Qt.FindDirectChildrenOnly):
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
