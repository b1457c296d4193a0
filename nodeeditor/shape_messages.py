"""Shapes in words: why a node's inputs do not fit, and where broadcasting happened.

A student who wires a (2, 3) matrix into a (4,) vector should read which input has which
shape and which rule they break, not numpy's "operands could not be broadcast".
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from nodeeditor.model.catalog import NodeKind
from nodeeditor.model.values import shape_text


def broadcast_problem(shape_a: Sequence[int], shape_b: Sequence[int]) -> str:
    """Which lengths clash when two shapes are broadcast, compared from the right."""
    for i in range(1, min(len(shape_a), len(shape_b)) + 1):
        m, n = shape_a[-i], shape_b[-i]
        if m != n and m != 1 and n != 1:
            return f"counting from the right, their lengths {m} and {n} differ and neither is 1"
    return "they do not broadcast"


def explain(kind: NodeKind, shapes: dict[str, tuple[int, ...]], params: dict, error: Exception) -> str:
    """Why ``kind`` cannot take inputs of these ``shapes``, named by port."""
    named = ", ".join(f"{port} is {shape_text(s)}" for port, s in shapes.items())
    if kind.broadcasts and len(shapes) == 2:
        (pa, sa), (pb, sb) = shapes.items()
        return (f"{kind.title} cannot combine {pa} {shape_text(sa)} with {pb} {shape_text(sb)}: "
                f"{broadcast_problem(sa, sb)}")
    if kind.name == "MatMul":
        sa, sb = shapes.get("a", ()), shapes.get("b", ())
        if not sa or not sb:
            return f"MatMul needs arrays on both sides ({named}); use Mul for a single number"
        inner_b = sb[-2] if len(sb) > 1 else sb[0]
        return (f"MatMul needs a's last length to equal b's first: {named}, and {sa[-1]} ≠ {inner_b}")
    if kind.name == "Reshape":
        (source,) = shapes.values()
        target = params.get("shape", ())
        return (f"Reshape cannot put the {math.prod(source)} numbers of {shape_text(source)} into shape "
                f"{shape_text(target)}, which holds {math.prod(n for n in target if n >= 0)}")
    if kind.name == "BroadcastTo":
        (source,) = shapes.values()
        target = params.get("shape", ())
        return (f"Cannot broadcast a {shape_text(source)} to {shape_text(target)}: "
                f"{broadcast_problem(source, target)}")
    if kind.name == "SumTo":
        (source,) = shapes.values()
        return (f"Cannot sum a {shape_text(source)} down to {shape_text(params.get('shape', ()))}: each target "
                f"length must be 1 or equal the input's, counting from the right")
    if kind.name in ("Sum", "Mean"):
        (source,) = shapes.values()
        axes = ("it has no axes: leave Axis empty" if not source else "its only axis is 0 (or −1)" if len(source) == 1
                else f"its axes are 0 to {len(source) - 1} (or −1 to −{len(source)}, counting from the end)")
        return f"{kind.title} cannot reduce axis {params.get('axis')} of a {shape_text(source)}: {axes}"
    return f"{kind.title} cannot take these shapes ({named}): {error}"


def broadcast_note(kind: NodeKind, shapes: dict[str, tuple[int, ...]]) -> str | None:
    """``b (3,) was broadcast to (2, 3)`` when an elementwise node stretched an input."""
    if not kind.broadcasts or len(set(shapes.values())) < 2:
        return None
    out = np.broadcast_shapes(*shapes.values())
    stretched = [f"{port} {shape_text(s) if s else '(a single number)'}" for port, s in shapes.items()
                 if tuple(s) != tuple(out)]
    if not stretched:
        return None
    return (f"Broadcast: {' and '.join(stretched)} {'was' if len(stretched) == 1 else 'were'} copied out to "
            f"{shape_text(out)}; backward sums the gradient back down")
