"""The book's next functions, element by element: exp, log, sin, cos, tanh, square,
sqrt, relu and sigmoid, one class each with a lowercase factory beside it.

Every backward is written with ``operands()``, ``output()`` and ``apply``, so it builds
a differentiable gradient when asked (``create_graph=True``): sin's derivative is cos,
whose derivative is -sin, and so on, as in the book's steps 33-35.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from engine.function import UnaryFunction, apply
from engine.variable import Variable


class Exp(UnaryFunction):
    __slots__ = ()

    def forward(self, x: np.ndarray) -> np.ndarray:
        return np.exp(x)

    def backward(self, gy: Any) -> Any:
        return gy * self.output()


def exp(x: Any) -> Variable:
    return Exp()(x)


class Log(UnaryFunction):
    """The natural logarithm."""

    __slots__ = ()

    def forward(self, x: np.ndarray) -> np.ndarray:
        return np.log(x)

    def backward(self, gy: Any) -> Any:
        (x,) = self.operands()
        return gy / x


def log(x: Any) -> Variable:
    return Log()(x)


class Sin(UnaryFunction):
    __slots__ = ()

    def forward(self, x: np.ndarray) -> np.ndarray:
        return np.sin(x)

    def backward(self, gy: Any) -> Any:
        (x,) = self.operands()
        return gy * apply(Cos(), x)


def sin(x: Any) -> Variable:
    return Sin()(x)


class Cos(UnaryFunction):
    __slots__ = ()

    def forward(self, x: np.ndarray) -> np.ndarray:
        return np.cos(x)

    def backward(self, gy: Any) -> Any:
        (x,) = self.operands()
        return gy * -apply(Sin(), x)


def cos(x: Any) -> Variable:
    return Cos()(x)


class Tanh(UnaryFunction):
    __slots__ = ()

    def forward(self, x: np.ndarray) -> np.ndarray:
        return np.tanh(x)

    def backward(self, gy: Any) -> Any:
        y = self.output()
        return gy * (1 - y * y)


def tanh(x: Any) -> Variable:
    return Tanh()(x)


class Square(UnaryFunction):
    __slots__ = ()

    def forward(self, x: np.ndarray) -> np.ndarray:
        return np.square(x)

    def backward(self, gy: Any) -> Any:
        (x,) = self.operands()
        return 2 * x * gy


def square(x: Any) -> Variable:
    return Square()(x)


class Sqrt(UnaryFunction):
    __slots__ = ()

    def forward(self, x: np.ndarray) -> np.ndarray:
        return np.sqrt(x)

    def backward(self, gy: Any) -> Any:
        return gy / (2 * self.output())


def sqrt(x: Any) -> Variable:
    return Sqrt()(x)


class ReLU(UnaryFunction):
    """max(x, 0). Its derivative is 1 where x > 0 and 0 elsewhere (0 at x = 0, as in
    PyTorch); the mask is a constant, so every higher derivative is 0."""

    __slots__ = ()

    def forward(self, x: np.ndarray) -> np.ndarray:
        return np.maximum(x, 0.0)

    def backward(self, gy: Any) -> Any:
        mask = (self.inputs[0].data > 0).astype(np.float64)
        return gy * mask


def relu(x: Any) -> Variable:
    return ReLU()(x)


class Sigmoid(UnaryFunction):
    """1 / (1 + exp(-x)), computed as 0.5·tanh(x/2) + 0.5 so that no exp overflows."""

    __slots__ = ()

    def forward(self, x: np.ndarray) -> np.ndarray:
        return np.tanh(x * 0.5) * 0.5 + 0.5

    def backward(self, gy: Any) -> Any:
        y = self.output()
        return gy * y * (1 - y)


def sigmoid(x: Any) -> Variable:
    return Sigmoid()(x)


