"""Switches of the engine: whether operations record a graph for backward, and whether
backward is building a differentiable gradient.

Each thread has its own switches: ``no_grad`` on a thread that samples a plot or checks
gradients never turns off recording for the thread that builds the graph the student
differentiates. ``Config.enable_backprop`` reads and sets the calling thread's switch.
"""
from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator


class _Switches(threading.local):
    """The calling thread's switches (each thread starts with these defaults)."""

    #: off: operations record no graph (inference, numerical gradients)
    enable_backprop = True
    #: on while the backward loop builds a differentiable gradient (create_graph)
    graph_mode = False


#: The switches, read directly on hot paths (a thread-local read costs about 40 ns).
switches = _Switches()


class _PerThread(type):
    def __getattr__(cls, name: str) -> object:
        return getattr(switches, name)

    def __setattr__(cls, name: str, value: object) -> None:
        if not hasattr(_Switches, name):
            raise AttributeError(f"the engine has no switch {name!r}")
        setattr(switches, name, value)


class Config(metaclass=_PerThread):
    """The book's settings object: ``Config.enable_backprop`` is the calling thread's."""


@contextlib.contextmanager
def using_config(name: str, value: object) -> Iterator[None]:
    """Set ``Config.<name>`` to ``value`` for the duration of a ``with`` block (this thread)."""
    old_value = getattr(switches, name)
    setattr(Config, name, value)
    try:
        yield
    finally:
        setattr(switches, name, old_value)


def no_grad() -> contextlib.AbstractContextManager[None]:
    """Run a block without recording the graph (inference, numerical gradients)."""
    return using_config("enable_backprop", False)
