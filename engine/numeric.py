"""Numerical gradients by central difference, to check analytic ones against."""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

from engine.config import no_grad
from engine.variable import Variable


def numerical_diff(
    f: Callable[..., Variable], *inputs: Variable, eps: float = 1e-4
) -> list[np.ndarray]:
    """d sum(f(*inputs)) / d input for each input, by (f(x+eps) - f(x-eps)) / 2eps."""
    grads = []
    with no_grad():
        for var in inputs:
            original = var.data
            base = np.array(original, dtype=np.float64)
            g = np.zeros_like(base)
            for index in np.ndindex(base.shape):
                probe = base.copy()
                probe[index] += eps
                var.data = probe
                upper = float(np.sum(f(*inputs).data))
                probe[index] -= 2 * eps
                lower = float(np.sum(f(*inputs).data))
                g[index] = (upper - lower) / (2 * eps)
            var.data = original
            grads.append(g)
    return grads


def gradient_check(
    f: Callable[..., Variable],
    *inputs: Variable,
    rtol: float = 1e-4,
    atol: float = 1e-5,
    eps: float = 1e-4,
) -> bool:
    """True when backward's gradient of sum(f(*inputs)) matches the numerical one."""
    for var in inputs:
        var.cleargrad()
    f(*inputs).backward()
    numeric = numerical_diff(f, *inputs, eps=eps)
    ok = True
    for var, expected in zip(inputs, numeric):
        analytic = var.grad if var.grad is not None else np.zeros_like(expected)
        ok = ok and analytic.shape == expected.shape and np.allclose(analytic, expected, rtol=rtol, atol=atol)
    return bool(ok)
