"""View → Present (F11): teaching from the program in front of a class; and how things
show there and elsewhere: View → Text Size, Graph → Play Speed.

The window takes the whole screen with the canvas and the caption only (or one chosen
panel beside them), the caption in large type, the graph at a size the back row can read
(its text at least READABLE_PIXELS high). The keys a presenter's clicker sends step
through Backward: → PageDown Space forward, ← PageUp back, Home to the start, B or . to
black the screen and back, P to play or pause. Esc or F11 leaves, and the window is as
it was: panels, toolbars, size and view.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QEvent, QObject, QPointF, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QDockWidget,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QToolBar,
    QWidget,
)

from nodeeditor.view import style, texts
from nodeeditor.view.canvas.canvas import Canvas
from nodeeditor.view.canvas.stepper import Stepper
from nodeeditor.view.panels.caption_bar import CaptionBar
from nodeeditor.view.window import text_size

#: the smallest height of a node's text on the screen while presenting, in pixels
READABLE_PIXELS = 18.0
#: how much larger the caption is while presenting than the text size chosen, and its lines
CAPTION_SCALE = 1.6
CAPTION_LINES = 3
#: the panel shown beside the canvas while presenting ('' for none), in the settings
PANEL_KEY = "present/panel"
SPEED_KEY = "play/speed"

FORWARD_KEYS = {Qt.Key_Right, Qt.Key_PageDown, Qt.Key_Space, Qt.Key_Down}
BACK_KEYS = {Qt.Key_Left, Qt.Key_PageUp, Qt.Key_Up}
BLACK_KEYS = {Qt.Key_B, Qt.Key_Period}
LEAVE_KEYS = {Qt.Key_Escape, Qt.Key_F11}
#: every key the presenter answers (they come to it, not to the editor's shortcuts)
PRESENTER_KEYS = FORWARD_KEYS | BACK_KEYS | BLACK_KEYS | LEAVE_KEYS | {Qt.Key_Home, Qt.Key_P, Qt.Key_F}
#: keys a clicker sends that still work while a text field beside the canvas has the focus
CLICKER_KEYS = {Qt.Key_PageDown, Qt.Key_PageUp, Qt.Key_Escape, Qt.Key_F11}


@dataclass
class _Before:
    """The window as it was before presenting."""

    state: QByteArray
    geometry: QByteArray
    maximized: bool
    menu_bar: bool
    status_bar: bool
    zoom: float
    centre: QPointF


class Presenter(QObject):
    """Enters and leaves the presentation mode and answers the presenter's keys."""

    #: True on entering, False on leaving
    presenting_changed = Signal(bool)

    def __init__(self, window: QMainWindow, settings: QSettings, canvas: Canvas, caption_bar: CaptionBar,
                 stepper: Stepper, docks: list[QDockWidget]) -> None:
        super().__init__(window)
        self.window, self.settings, self.canvas = window, settings, canvas
        self.caption_bar, self.stepper, self.docks = caption_bar, stepper, docks
        self._before: _Before | None = None
        #: the text size chosen (View → Text Size), which the caption is scaled from
        self.text_scale = 1.0
        self.black = QWidget(window)
        self.black.setObjectName("PresentationBlack")
        self.black.setStyleSheet("#PresentationBlack { background: black; }")
        self.black.hide()

    @property
    def presenting(self) -> bool:
        return self._before is not None

    def set_text_size(self, name: str) -> None:
        """The interface's text at the size called ``name`` (text_size.SIZES), kept."""
        self.settings.setValue(text_size.KEY, name)
        self.text_scale = text_size.apply_size(name)
        if self.presenting:
            self.caption_bar.set_scale(self.text_scale * CAPTION_SCALE, CAPTION_LINES)
        else:
            self.caption_bar.set_scale(self.text_scale)

    def play_speed(self) -> str:
        name = self.settings.value(SPEED_KEY, "Normal")
        return name if name in style.PLAY_SPEEDS else "Normal"

    def set_play_speed(self, name: str) -> None:
        self.settings.setValue(SPEED_KEY, name)
        self.stepper.set_speed(style.PLAY_SPEEDS.get(name, 1.0))

    def restore_preferences(self) -> None:
        """The text size and Play's speed as they were last chosen."""
        self.set_text_size(text_size.saved_size(self.settings))
        self.set_play_speed(self.play_speed())

    def panel(self) -> str:
        """The title of the panel shown beside the canvas while presenting ('' for none)."""
        value = self.settings.value(PANEL_KEY, "")
        titles = {dock.windowTitle() for dock in self.docks}
        return value if isinstance(value, str) and value in titles else ""

    def set_panel(self, title: str) -> None:
        self.settings.setValue(PANEL_KEY, title)
        if self.presenting:
            for dock in self.docks:
                dock.setVisible(dock.windowTitle() == title)

    def toggle(self) -> None:
        if self.presenting:
            self.leave()
        else:
            self.enter()

    def enter(self) -> None:
        window = self.window
        centre = self.canvas.mapToScene(self.canvas.viewport().rect().center())
        self._before = _Before(window.saveState(), window.saveGeometry(), window.isMaximized(),
                               window.menuBar().isVisible(), window.statusBar().isVisible(), self.canvas.zoom,
                               centre)
        chosen = self.panel()
        for dock in self.docks:
            dock.setVisible(dock.windowTitle() == chosen)
        for toolbar in window.findChildren(QToolBar):
            toolbar.hide()
        for bar in self._tab_bars():  # the canvas's own "Graph" tab: nothing to choose in front of a class
            bar.hide()
        window.menuBar().hide()
        window.statusBar().hide()
        self.caption_bar.set_scale(self.text_scale * CAPTION_SCALE, CAPTION_LINES)
        self.caption_bar.set_idle_text(texts.PRESENT_KEYS)
        window.showFullScreen()
        QApplication.instance().installEventFilter(self)
        QTimer.singleShot(0, self, self.frame_graph)  # once the window has the screen
        self.presenting_changed.emit(True)

    def leave(self) -> None:
        before = self._before
        if before is None:
            return
        self._before = None
        QApplication.instance().removeEventFilter(self)
        self.black.hide()
        window = self.window
        window.showNormal()
        window.restoreGeometry(before.geometry)
        if before.maximized:
            window.showMaximized()
        window.restoreState(before.state)
        window.menuBar().setVisible(before.menu_bar)
        for bar in self._tab_bars():
            bar.show()
        window.statusBar().setVisible(before.status_bar)
        self.caption_bar.set_scale(self.text_scale)
        self.caption_bar.set_idle_text(texts.CAPTION_IDLE)
        self.canvas.set_zoom(before.zoom)
        self.canvas.centerOn(before.centre)
        self.presenting_changed.emit(False)

    def _tab_bars(self) -> list[QTabBar]:
        """The tab bar above the canvas (the graph and the functions opened beside it)."""
        tabs = self.window.centralWidget()
        return [tabs.tabBar()] if isinstance(tabs, QTabWidget) else []

    def readable_zoom(self) -> float:
        """The zoom at which a node's text is READABLE_PIXELS high on this screen."""
        pixels_at_one = style.FONT_POINT_SIZE * self.canvas.logicalDpiY() / 72
        return READABLE_PIXELS / pixels_at_one

    def frame_graph(self) -> None:
        """The whole graph if it fits at a readable size, else the part around its output
        at that size (stepping then keeps the node at work in view)."""
        if self.presenting:
            screen = self.window.screen().geometry()
            if self.window.geometry() != screen:  # (an X server without a window manager)
                self.window.setGeometry(screen)
                self.window.layout().activate()
            readable = self.readable_zoom()
            self.canvas.fit(least=readable, most=max(2.5, readable))

    def toggle_black(self) -> None:
        if self.black.isVisible():
            self.black.hide()
            return
        self.black.setGeometry(self.window.rect())
        self.black.raise_()
        self.black.show()

    # the presenter's keys ----------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.presenting:
            return False
        if event.type() == QEvent.ShortcutOverride and self._presenters_key(event):
            event.accept()  # the key comes as a key press, here, not as the editor's shortcut (Home)
            return True
        if event.type() != QEvent.KeyPress:
            return False
        return self.key(event)

    def _presenters_key(self, event: QKeyEvent) -> bool:
        plain = not event.modifiers() & (Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier)
        return plain and event.key() in PRESENTER_KEYS

    def key(self, event: QKeyEvent) -> bool:
        """Act on a presenter's key; True if it was one (and is used up)."""
        key = event.key()
        if event.modifiers() & (Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier):
            return False
        focus = QApplication.focusWidget()
        typing = isinstance(focus, (QLineEdit, QAbstractSpinBox, QTextEdit, QPlainTextEdit))
        if typing and key not in CLICKER_KEYS:
            return False
        if key in LEAVE_KEYS:
            self.leave()
            return True
        if key in BLACK_KEYS:
            self.toggle_black()
            return True
        if key in FORWARD_KEYS:
            self.black.hide()
            self.stepper.step_backward()
            return True
        if key in BACK_KEYS:
            self.black.hide()
            self.stepper.step_back()
            return True
        if key == Qt.Key_Home:  # from the start: no gradient of the last run gives the reveal away
            self.black.hide()
            self.stepper.reset()
            self.stepper.document.clear_gradients()
            self.frame_graph()
            return True
        if key == Qt.Key_P:
            self.stepper.toggle_play()
            return True
        if key == Qt.Key_F:  # the whole graph, however small that makes it
            self.canvas.fit(most=max(2.5, self.readable_zoom()))
            return True
        return False

