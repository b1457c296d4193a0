"""Functions on whole arrays, from the book's steps 37-43: sum, mean, reshape,
transpose, matmul and the mean squared error. (broadcast_to and sum_to live in ops,
beside the arithmetic whose gradients they reduce.)

Backwards are written with ``operands()`` and the factories, so they are differentiable
too when a gradient's own graph is being built.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from engine.function import BinaryFunction, UnaryFunction
from engine.ops import broadcast_to, sum_to
from engine.variable import Variable

Axis = int | tuple[int, ...] | None


def normalize_axis(axis: Axis, ndim: int) -> tuple[int, ...]:
    """The axes ``axis`` names, as non-negative numbers; every axis for None.
    ValueError when one does not exist in an array of ``ndim`` dimensions."""
    if axis is None:
        return tuple(range(ndim))
    axes = (axis,) if isinstance(axis, int) else tuple(axis)
    result = []
    for a in axes:
        if not -ndim <= a < ndim:
            raise ValueError(f"axis {a} does not exist in an array with {ndim} dimension{'s' if ndim != 1 else ''}")
        result.append(a % ndim)
    return tuple(result)


class _Reduction(UnaryFunction):
    """A function that reduces ``axis`` (every axis when None), keeping the reduced axes
    as 1s with ``keepdims``; backward spreads the gradient back over them."""

    __slots__ = ("axis", "keepdims")

    def __init__(self, axis: Axis = None, keepdims: bool = False) -> None:
        self.axis = axis
        self.keepdims = keepdims

    def _spread(self, gy: Any) -> tuple[Any, int]:
        """``gy`` broadcast back to the input's shape, and how many elements each output summarised."""
        shape = self.inputs[0].data.shape
        axes = normalize_axis(self.axis, len(shape))
        if not self.keepdims:
            gy = reshape(gy, tuple(1 if i in axes else n for i, n in enumerate(shape)))
        return broadcast_to(gy, shape), int(np.prod([shape[a] for a in axes])) if axes else 1


class Sum(_Reduction):
    """The sum; backward copies the gradient back to every element summed."""

    __slots__ = ()

    def forward(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(x.sum(axis=self.axis, keepdims=self.keepdims))

    def backward(self, gy: Any) -> Any:
        return self._spread(gy)[0]


def sum(x: Any, axis: Axis = None, keepdims: bool = False) -> Variable:  # noqa: A001 - the book's name
    return Sum(axis, keepdims)(x)


class Mean(_Reduction):
    """The mean; backward shares the gradient equally among the elements averaged."""

    __slots__ = ()

    def forward(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(x.mean(axis=self.axis, keepdims=self.keepdims))

    def backward(self, gy: Any) -> Any:
        spread, count = self._spread(gy)
        return spread / count


def mean(x: Any, axis: Axis = None, keepdims: bool = False) -> Variable:
    return Mean(axis, keepdims)(x)


class Reshape(UnaryFunction):
    __slots__ = ("shape",)

    def __init__(self, shape: tuple[int, ...]) -> None:
        self.shape = tuple(shape)

    def forward(self, x: np.ndarray) -> np.ndarray:
        check_reshape(x.shape, self.shape)
        return np.reshape(x, self.shape)

    def backward(self, gy: Any) -> Any:
        return reshape(gy, self.inputs[0].data.shape)


def reshape(x: Any, shape: tuple[int, ...]) -> Any:
    """``x`` with a new shape; an array stays an array (as in a plain backward)."""
    if x.shape == tuple(shape):
        return x
    if isinstance(x, Variable):
        return Reshape(shape)(x)
    check_reshape(np.shape(x), tuple(shape))
    return np.reshape(x, shape)


def check_reshape(source: tuple[int, ...], shape: tuple[int, ...]) -> None:
    """ValueError, in words, when the numbers of ``source`` do not fill ``shape``."""
    size, target = int(np.prod(source)), [n for n in shape if n != -1]
    known = int(np.prod(target)) if target else 1
    fits = known == size if len(target) == len(shape) else (known > 0 and size % known == 0)
    if not fits or list(shape).count(-1) > 1:
        raise ValueError(f"cannot reshape the {size} numbers of an array of shape {tuple(source)} into shape "
                         f"{tuple(shape)}")


class Transpose(UnaryFunction):
    """Axes reversed (rows become columns), or put in the order ``axes`` gives."""

    __slots__ = ("axes",)

    def __init__(self, axes: tuple[int, ...] | None = None) -> None:
        self.axes = None if axes is None else tuple(axes)

    def forward(self, x: np.ndarray) -> np.ndarray:
        check_axes(x.ndim, self.axes)
        return np.transpose(x, self.axes)

    def backward(self, gy: Any) -> Any:
        if self.axes is None:
            return transpose(gy)
        inverse = tuple(int(i) for i in np.argsort(self.axes))
        return transpose(gy, inverse)


def transpose(x: Any, axes: tuple[int, ...] | None = None) -> Any:
    if isinstance(x, Variable):
        return Transpose(axes)(x)
    check_axes(np.ndim(x), axes)
    return np.transpose(x, axes)


def check_axes(ndim: int, axes: tuple[int, ...] | None) -> None:
    """ValueError, in words, when ``axes`` does not name each of ``ndim`` axes once."""
    if axes is not None and sorted(a % ndim if -ndim <= a < ndim else a for a in axes) != list(range(ndim)):
        raise ValueError(f"the axes {tuple(axes)} must name each of the {ndim} axes of the array once, such as "
                         f"{tuple(range(ndim - 1, -1, -1))}")


class MatMul(BinaryFunction):
    """The matrix product ``x @ W``. Backward: gy @ Wᵀ to x and xᵀ @ gy to W."""

    __slots__ = ()

    def forward(self, x: np.ndarray, w: np.ndarray) -> np.ndarray:
        return np.asarray(np.matmul(x, w))

    def backward(self, gy: Any) -> tuple[Any, Any]:
        x, w = self.operands()
        if np.ndim(self.inputs[0].data) < 2 or np.ndim(self.inputs[1].data) < 2:
            return _vector_matmul_grads(gy, x, w, self.inputs[0].data.shape, self.inputs[1].data.shape)
        return matmul(gy, transpose(w)), matmul(transpose(x), gy)


def _vector_matmul_grads(gy: Any, x: Any, w: Any, xs: tuple, ws: tuple) -> tuple[Any, Any]:
    """Gradients of a product with a vector on one side, by treating the vector as a
    row (on the left) or a column (on the right), as numpy's matmul does."""
    x2 = reshape(x, (1, xs[0])) if len(xs) == 1 else x
    w2 = reshape(w, (ws[0], 1)) if len(ws) == 1 else w
    out_shape = (x2.shape[0], w2.shape[1])
    gy2 = reshape(gy, out_shape)
    return reshape(matmul(gy2, transpose(w2)), xs), reshape(matmul(transpose(x2), gy2), ws)


def matmul(x: Any, w: Any) -> Any:
    if isinstance(x, Variable) or isinstance(w, Variable):
        return MatMul()(x, w)
    return np.matmul(x, w)


class MeanSquaredError(BinaryFunction):
    """The mean of (x0 − x1)² over every element: the loss of a regression."""

    __slots__ = ()

    def forward(self, x0: np.ndarray, x1: np.ndarray) -> np.ndarray:
        diff = x0 - x1
        return np.asarray(np.mean(diff * diff))

    def backward(self, gy: Any) -> tuple[Any, Any]:
        x0, x1 = self.operands()
        diff = x0 - x1
        size = np.broadcast_shapes(self.inputs[0].data.shape, self.inputs[1].data.shape)
        g = broadcast_to(gy, diff.shape) * diff * (2.0 / max(1, int(np.prod(size))))
        return sum_to(g, self.inputs[0].data.shape), sum_to(-g, self.inputs[1].data.shape)


def mean_squared_error(x0: Any, x1: Any) -> Variable:
    return MeanSquaredError()(x0, x1)




def install_tensor_methods() -> None:
    """Give Variable the book's array methods: ``x.reshape``, ``x.T``, ``x.sum()``, ``x @ W``."""

    def variable_reshape(self: Variable, *shape: Any) -> Variable:
        if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
            shape = tuple(shape[0])
        return reshape(self, shape)

    def variable_transpose(self: Variable, *axes: Any) -> Variable:
        if len(axes) == 1 and isinstance(axes[0], (tuple, list)):
            axes = tuple(axes[0])
        return transpose(self, axes or None)

    Variable.reshape = variable_reshape
    Variable.transpose = variable_transpose
    Variable.T = property(lambda self: transpose(self))
    Variable.sum = lambda self, axis=None, keepdims=False: sum(self, axis, keepdims)
    Variable.__matmul__ = matmul
    Variable.__rmatmul__ = lambda self, other: matmul(other, self)
