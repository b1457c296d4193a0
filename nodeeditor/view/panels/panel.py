"""What every panel of the window is: a view of the session's current document plus its
own inputs (the node it explains, the Variable it plots, the guesses typed into it).

When the document is replaced (New, Open, a formula, a restored graph, the undo or redo
of a formula) the window calls ``document_replaced`` on every panel: the panel forgets
all it held of the previous graph (its node, its results, a half-done run) and shows the
new one, so that nothing of file A stays on screen, or acts on file B, once B is open.
Every dock of the window holds a Panel; tests/test_panels.py finds them all by type."""
from __future__ import annotations


class Panel:
    """A mixin for a dock's widget: implement ``document_replaced``."""

    def document_replaced(self) -> None:
        """The document is another one now: forget the previous one's state, show this one."""
        raise NotImplementedError(f"{type(self).__name__} must say what it forgets when the document is replaced")
