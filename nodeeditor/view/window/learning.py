"""The Learn menu's work: each command brings its panel forward and asks it, or the
session's studies, for what the student wants to see."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from nodeeditor.compiler import BackwardError
from nodeeditor.lessons.gradient_graph import GradientGraphError
from nodeeditor.plural import plural
from nodeeditor.view import texts

if TYPE_CHECKING:
    from nodeeditor.view.window.main_window import MainWindow


class Learning(QObject):
    message = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        #: windows opened here (the graph of a gradient), kept alive while shown
        self.opened_windows: list[MainWindow] = []

    def _selected(self) -> list[str]:
        return self.window.editing.selected_ids()

    def guess_gradients(self) -> None:
        self.window.docks.bring_forward(self.window.docks.guess)
        self.window.guess.toggle()

    def show_chain_rule(self) -> None:
        self.window.docks.bring_forward(self.window.docks.chain)
        self.window.chain.refresh()

    def toggle_forward_mode(self) -> None:
        self.show_chain_rule()
        self._choose_selected_input()
        self.window.chain.toggle_forward()

    def run_newton(self) -> None:
        self.show_chain_rule()
        self._choose_selected_input()
        self.window.chain.run_newton()

    def _choose_selected_input(self) -> None:
        """The Chain rule tab's input becomes the selected Variable, if one is selected."""
        ids = self._selected()
        if len(ids) == 1:
            self.window.chain.choose_input(ids[0])

    def show_memory(self) -> None:
        self.window.docks.bring_forward(self.window.docks.learn)
        self.window.learn.show_memory()

    def check_gradients(self) -> None:
        self.window.docks.bring_forward(self.window.docks.learn)
        self.window.learn.check_gradients()

    def compute_now(self) -> None:
        session = self.window.document.session
        stopped = session.compiler.stopped
        session.compute_now()
        if stopped:
            self.message.emit(plural(stopped, texts.COMPUTED_THE_ONE, texts.COMPUTED_THE).format(count=stopped))
        else:
            self.message.emit(texts.ALL_COMPUTED)

    def show_gradient_graph(self) -> MainWindow | None:
        """Open the graph of ∂y/∂(selected node) in a window of its own."""
        from nodeeditor.view.window.main_window import MainWindow

        ids = self._selected()
        if len(ids) != 1:
            self.message.emit(texts.SELECT_ONE_FOR_GRADIENT_GRAPH)
            return None
        graph = self.window.document.graph
        try:
            derived = self.window.document.session.studies.gradient_graph(ids[0])
        except (BackwardError, GradientGraphError) as exc:
            self.message.emit(texts.NO_GRADIENT_GRAPH.format(reason=exc))
            return None
        window = MainWindow(self.window.settings)
        window.document.session.take(derived, f"{derived.output_name}.graph")
        window.show()
        window.canvas.fit(readable=True)
        self.opened_windows.append(window)
        window.status(texts.GRADIENT_GRAPH_OPENED.format(y=graph.output_name, x=graph.nodes[ids[0]].label))
        return window
