"""The undo history: a list of plain commands and where we stand in it. No Qt.

Like QUndoStack (which the window shows through a thin facade), but usable from the CLI,
the tests and grading scripts. Listeners hear of every change of position or content.
"""
from __future__ import annotations

from collections.abc import Callable

from nodeeditor.session.commands import Command

HistoryListener = Callable[[], None]


class History:
    """Commands done so far (before ``index``) and undone ones that redo can take again."""

    def __init__(self) -> None:
        self._commands: list[Command] = []
        self._index = 0
        self._clean: int | None = 0
        self._listeners: list[HistoryListener] = []

    def subscribe(self, listener: HistoryListener) -> None:
        self._listeners.append(listener)

    def _changed(self) -> None:
        for listener in list(self._listeners):
            listener()

    # state ------------------------------------------------------------------
    @property
    def index(self) -> int:
        return self._index

    def __len__(self) -> int:
        return len(self._commands)

    def can_undo(self) -> bool:
        return self._index > 0

    def can_redo(self) -> bool:
        return self._index < len(self._commands)

    def undo_text(self) -> str:
        return self._commands[self._index - 1].text if self.can_undo() else ""

    def redo_text(self) -> str:
        return self._commands[self._index].text if self.can_redo() else ""

    def text(self, index: int) -> str:
        """What command ``index`` (0 = the oldest) is called in the Edit menu."""
        return self._commands[index].text

    def is_clean(self) -> bool:
        return self._clean == self._index

    def set_clean(self) -> None:
        self._clean = self._index
        self._changed()

    def forget_clean(self) -> None:
        """No state of the history is the saved one (recovered work not yet saved)."""
        self._clean = None
        self._changed()

    def top(self) -> Command | None:
        return self._commands[self._index - 1] if self.can_undo() else None

    # changes ----------------------------------------------------------------
    def push(self, command: Command) -> None:
        """Do ``command`` and make it the next one to undo (merged into the last one
        when both say so, as gradient-descent steps are)."""
        command.redo()
        del self._commands[self._index:]
        if self._clean is not None and self._clean > self._index:
            self._clean = None  # the saved state can no longer be reached
        top = self.top()
        if top is not None and self._clean != self._index and top.merge(command):
            self._changed()
            return
        self._commands.append(command)
        self._index += 1
        self._changed()

    def undo(self) -> None:
        if self.can_undo():
            self._index -= 1
            self._commands[self._index].undo()
            self._changed()

    def withdraw(self) -> None:
        """Undo the last command and forget it: nothing to redo (a diverged descent run,
        whose values no one should get back)."""
        if self.can_undo():
            self._index -= 1
            self._commands[self._index].undo()
            del self._commands[self._index:]
            if self._clean is not None and self._clean > self._index:
                self._clean = None
            self._changed()

    def redo(self) -> None:
        if self.can_redo():
            self._commands[self._index].redo()
            self._index += 1
            self._changed()

    def clear(self) -> None:
        self._commands.clear()
        self._index = 0
        self._clean = 0
        self._changed()
