"""Variable: an ndarray with a gradient and a link to the Function that created it."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from engine.backward import BackwardStep
    from engine.function import Function

_PROMOTED_KINDS = frozenset("biu")


def _as_float(data: np.ndarray) -> np.ndarray:
    """Integers and booleans become float64 so that ``x ** -1`` and division work."""
    if data.dtype.kind in _PROMOTED_KINDS:
        return data.astype(np.float64)
    return data


class Variable:
    """A value in the graph: ``data`` (ndarray), ``grad`` after backward, ``creator``."""

    __slots__ = ("data", "name", "grad", "creator", "generation", "pending", "__weakref__")
    __array_priority__ = 200

    def __init__(self, data: np.ndarray | None, name: str | None = None) -> None:
        if data is not None:
            if not isinstance(data, np.ndarray):
                raise TypeError(f"{type(data)} is not supported")
            data = _as_float(data)
        self.data = data
        self.name = name
        self.grad: np.ndarray | None = None
        self.creator: Function | None = None
        self.generation = 0
        self.pending = None  # gradient being summed while a backward runs

    @property
    def shape(self) -> tuple[int, ...]:
        return self.data.shape

    @property
    def ndim(self) -> int:
        return self.data.ndim

    @property
    def size(self) -> int:
        return self.data.size

    @property
    def dtype(self) -> np.dtype:
        return self.data.dtype

    def __len__(self) -> int:
        return len(self.data)

    def __repr__(self) -> str:
        if self.data is None:
            return "variable(None)"
        text = str(self.data).replace("\n", "\n" + " " * 9)
        return f"variable({text})"

    def set_creator(self, func: Function) -> None:
        self.creator = func
        self.generation = func.generation + 1

    def cleargrad(self) -> None:
        self.grad = None

    def backward(
        self,
        retain_grad: bool = False,
        create_graph: bool = False,
        observer: Callable[[BackwardStep], Any] | None = None,
    ) -> None:
        """Fill ``grad`` of every variable this one depends on (d self / d variable).

        Gradients add up across calls, as in the seed; call ``cleargrad`` to start
        afresh. Intermediate gradients are kept only with ``retain_grad=True``.
        ``grad`` is an ndarray, as in the seed; with ``create_graph=True`` (the book's
        step 33) it is a Variable made by Functions, so it can be differentiated again.
        ``observer`` is called once per Function, in the order backward visits them.
        """
        from engine.backward import backward_into_attributes

        backward_into_attributes(self, retain_grad, observer, create_graph)


class ImplicitConstant(Variable):
    """A number the code wrote into an expression (the 2 in ``x * 2``), wrapped so a
    Function can take it. Nobody holds it, so backward does not store its gradient."""

    __slots__ = ()


def new_output(data: Any) -> Variable:
    """A Variable for a Function's result, skipping the checks of ``__init__``."""
    var = _new(Variable)
    var.data = data if data.__class__ is _ndarray else _asarray(data)
    var.name = var.grad = var.creator = var.pending = None
    var.generation = 0
    return var


_new = Variable.__new__
_ndarray = np.ndarray
_asarray = np.asarray
_SCALARS = (int, float, complex, np.generic)


def as_variable(obj: Any) -> Variable:
    """``obj`` itself if it is a Variable, else a new Variable holding it."""
    if isinstance(obj, Variable):
        return obj
    return Variable(obj)


def as_array(x: Any) -> Any:
    """Python and numpy scalars become 0-d arrays; anything else is returned as is."""
    if isinstance(x, _SCALARS):
        return np.array(x)
    return x
