"""Reducing a broadcast gradient back to the shape of the input it belongs to."""
from __future__ import annotations

import numpy as np


def sum_to_axes(shape_from: tuple[int, ...], shape_to: tuple[int, ...]) -> tuple[int, ...]:
    """The axes of an array of ``shape_from`` that sum it down to ``shape_to``.

    Leading axes that broadcasting added, and axes where ``shape_to`` has length 1.
    """
    lead = len(shape_from) - len(shape_to)
    stretched = [lead + i for i, n in enumerate(shape_to) if n == 1 and shape_from[lead + i] != 1]
    return tuple(range(lead)) + tuple(stretched)


def sum_to_array(x: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Sum ``x`` so that it has ``shape``; ``x`` itself when it has it already.
    ValueError, in words, when ``shape`` is not one it can be summed down to."""
    if x.shape == shape:
        return x
    lead = len(x.shape) - len(shape)
    if lead < 0 or any(n != 1 and n != x.shape[lead + i] for i, n in enumerate(shape)):
        raise ValueError(f"cannot sum an array of shape {x.shape} down to {tuple(shape)}: each length of the "
                         f"target must be 1 or equal the array's, counting from the right")
    return np.asarray(x.sum(axis=sum_to_axes(x.shape, shape))).reshape(shape)
