"""How big things may get, checked before the work starts (no Qt).

A broadcast of a 10,000-vector against a (10,000, 1) matrix would make 10⁸ numbers (800 MB),
and a chain of 2,000 nodes on a million-number Variable would hold 2·10⁹; numpy would
try, and the machine would swap for minutes. So each node's result is sized from its
inputs' shapes before numpy allocates anything, and the whole graph has a budget.
"""
from __future__ import annotations

import math

import numpy as np

from nodeeditor.model import texts
from nodeeditor.model.catalog import NodeKind
from nodeeditor.model.values import MAX_ELEMENTS

#: The most numbers one node's result may hold (8 MB of float64), as for a typed value.
MAX_RESULT_ELEMENTS = MAX_ELEMENTS
#: The most numbers all the graph's results together may hold (160 MB; Backward's
#: gradients take about as much again).
MAX_GRAPH_ELEMENTS = 20_000_000


class TooLarge(ValueError):
    """A result would pass a limit; the message gives the size and the limit in words."""


def predicted_elements(kind: NodeKind, shapes: list[tuple[int, ...]], params: dict) -> int:
    """How many numbers the node's result will hold (0 when the shapes do not fit: the
    computation then says why)."""
    try:
        if kind.name == "MatMul":
            a, b = shapes
            a2 = a if len(a) > 1 else (1,) + tuple(a)
            b2 = b if len(b) > 1 else tuple(b) + (1,)
            batch = np.broadcast_shapes(a2[:-2], b2[:-2])
            return math.prod(batch) * a2[-2] * b2[-1]
        if kind.name == "BroadcastTo":
            return math.prod(params["shape"])
        if len(shapes) >= 2:
            return math.prod(np.broadcast_shapes(*shapes))
        return math.prod(shapes[0]) if shapes else 0
    except (ValueError, TypeError, IndexError):  # scalars into MatMul, shapes that clash
        return 0


def megabytes(count: int) -> str:
    return texts.MEGABYTES.format(megabytes=count * 8 / 1e6)


def check_result(kind: NodeKind, shapes: list[tuple[int, ...]], params: dict, held: int = 0) -> int:
    """The predicted size of the node's result; TooLarge when it or the graph's total
    (``held`` numbers already) would pass the limit."""
    count = predicted_elements(kind, shapes, params)
    if count > MAX_RESULT_ELEMENTS:
        raise TooLarge(texts.NODE_TOO_LARGE.format(count=count, size=megabytes(count), limit=MAX_RESULT_ELEMENTS))
    if held + count > MAX_GRAPH_ELEMENTS:
        raise TooLarge(texts.GRAPH_TOO_LARGE_RESULTS.format(limit=MAX_GRAPH_ELEMENTS, size=megabytes(MAX_GRAPH_ELEMENTS)))
    return count
