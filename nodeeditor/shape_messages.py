"""Shapes in words: why a node's inputs do not fit, and where broadcasting happened.

A student who wires a (2, 3) matrix into a (4,) vector should read which input has which
shape and which rule they break, not numpy's "operands could not be broadcast".
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from nodeeditor import compiler_texts as texts
from nodeeditor.model.catalog import NodeKind
from nodeeditor.model.values import shape_text


def broadcast_problem(shape_a: Sequence[int], shape_b: Sequence[int]) -> str:
    """Which lengths clash when two shapes are broadcast, compared from the right."""
    for i in range(1, min(len(shape_a), len(shape_b)) + 1):
        m, n = shape_a[-i], shape_b[-i]
        if m != n and m != 1 and n != 1:
            return texts.LENGTHS_DIFFER.format(first=m, second=n)
    return texts.DO_NOT_BROADCAST


def explain(kind: NodeKind, shapes: dict[str, tuple[int, ...]], params: dict, error: Exception) -> str:
    """Why ``kind`` cannot take inputs of these ``shapes``, named by port."""
    named = ", ".join(texts.PORT_IS.format(port=port, shape=shape_text(s)) for port, s in shapes.items())
    if kind.broadcasts and len(shapes) == 2:
        (pa, sa), (pb, sb) = shapes.items()
        return texts.CANNOT_COMBINE.format(title=kind.title, a=pa, shape_a=shape_text(sa), b=pb,
                                           shape_b=shape_text(sb), problem=broadcast_problem(sa, sb))
    if kind.name == "MatMul":
        sa, sb = shapes.get("a", ()), shapes.get("b", ())
        if not sa or not sb:
            return texts.MATMUL_NEEDS_ARRAYS.format(shapes=named)
        inner_b = sb[-2] if len(sb) > 1 else sb[0]
        return texts.MATMUL_INNER.format(shapes=named, last=sa[-1], first=inner_b)
    if kind.name == "Reshape":
        (source,) = shapes.values()
        target = params.get("shape", ())
        return texts.RESHAPE.format(count=math.prod(source), source=shape_text(source), target=shape_text(target),
                                    holds=math.prod(n for n in target if n >= 0))
    if kind.name == "BroadcastTo":
        (source,) = shapes.values()
        target = params.get("shape", ())
        return texts.BROADCAST_TO.format(source=shape_text(source), target=shape_text(target),
                                         problem=broadcast_problem(source, target))
    if kind.name == "SumTo":
        (source,) = shapes.values()
        return texts.SUM_TO.format(source=shape_text(source), target=shape_text(params.get("shape", ())))
    if kind.name in ("Sum", "Mean"):
        (source,) = shapes.values()
        axes = (texts.NO_AXES if not source else texts.ONLY_AXIS if len(source) == 1
                else texts.AXES_FROM_TO.format(last=len(source) - 1, count=len(source)))
        return texts.REDUCE.format(title=kind.title, axis=params.get("axis"), source=shape_text(source), axes=axes)
    return texts.CANNOT_TAKE.format(title=kind.title, shapes=named, problem=error)


def broadcast_note(kind: NodeKind, shapes: dict[str, tuple[int, ...]]) -> str | None:
    """``b (3,) was broadcast to (2, 3)`` when an elementwise node stretched an input."""
    if not kind.broadcasts or len(set(shapes.values())) < 2:
        return None
    out = np.broadcast_shapes(*shapes.values())
    stretched = [texts.STRETCHED.format(port=port, shape=shape_text(s)) if s else
                 texts.STRETCHED_NUMBER.format(port=port) for port, s in shapes.items() if tuple(s) != tuple(out)]
    if not stretched:
        return None
    if len(stretched) == 1:
        return texts.BROADCAST_ONE.format(input=stretched[0], shape=shape_text(out))
    first, second = stretched  # (a kind that broadcasts has two inputs)
    return texts.BROADCAST_TWO.format(first=first, second=second, shape=shape_text(out))
