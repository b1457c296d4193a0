"""Work on a big graph that takes a while: an evaluation, a Backward, a gradient check.

The session decides what is long and hands it to its runner; the window's runner puts it
on a thread behind a progress bar with Cancel, a script's runner (the default) just runs
it. While it runs, nothing may change the graph (Session.busy).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass
class LongWork:
    """``run()`` may run on another thread and must not touch the window; ``progress()``
    gives (done, total) for a bar (None: a busy bar); ``cancel()`` asks it to stop (None:
    it cannot stop, and its result is dropped on Cancel); ``afterwards()``, what to tell
    the student once it is over ("" for nothing)."""

    label: str
    run: Callable[[], Any]
    progress: Callable[[], tuple[int, int]] | None = None
    cancel: Callable[[], None] | None = None
    afterwards: Callable[[], str] = lambda: ""


class Cancelled(Exception):
    """The student pressed Cancel on work that could not stop by itself."""


Runner = Callable[[LongWork], Any]


def run_here(work: LongWork) -> Any:
    """The runner of a script or a test: the work, in this thread, to the end."""
    return work.run()
