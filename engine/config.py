"""Global switches of the engine: whether operations record a graph for backward."""
from __future__ import annotations

import contextlib
from collections.abc import Iterator


class Config:
    """Process-wide settings. ``enable_backprop`` off means no graph is recorded."""

    enable_backprop = True


@contextlib.contextmanager
def using_config(name: str, value: object) -> Iterator[None]:
    """Set ``Config.<name>`` to ``value`` for the duration of a ``with`` block."""
    old_value = getattr(Config, name)
    setattr(Config, name, value)
    try:
        yield
    finally:
        setattr(Config, name, old_value)


def no_grad() -> contextlib.AbstractContextManager[None]:
    """Run a block without recording the graph (inference, numerical gradients)."""
    return using_config("enable_backprop", False)
