"""The backward loop: reverse-mode differentiation without recursion.

Pending functions wait in buckets keyed by generation. Everything a function queues is
older than it (its inputs' creators have lower generations), so the loop walks the
generations downwards once and each bucket in the order it was filled: O(1) per push
and pop, where the seed sorted its whole list on every push. This visits functions in
exactly the order of a heap on (-generation, push counter), without the heap's tuples.
Gradients add up in each variable's ``pending`` slot while the loop runs.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from engine.config import using_config
from engine.function import Function
from engine.variable import ImplicitConstant, Variable

Observer = Callable[["BackwardStep"], Any]


@dataclass(frozen=True)
class BackwardStep:
    """One function's turn in backward.

    ``output_grads``: the gradients that arrived at its outputs (upstream).
    ``input_grads``: the gradients it sends to each of its inputs, in input order.
    """

    function: Function
    output_grads: tuple[Any, ...]
    input_grads: tuple[Any, ...]


#: ``propagate(..., wanted=LEAVES)``: return the gradients of the variables no Function made.
LEAVES: frozenset[int] = frozenset()


def propagate(
    root: Variable,
    seed: Any,
    observer: Observer | None,
    wanted: frozenset[int] | set[int] | None = None,
    drop_grads: bool = False,
) -> list[tuple[Variable, Any]]:
    """Run backward from ``root`` whose gradient is ``seed``.

    Returns ``(variable, gradient)`` for the variables asked for, in the order their
    first gradient arrived: every variable reached when ``wanted`` is None, the leaves
    for ``LEAVES``, else those whose ``id`` is in ``wanted``. Gradients are arrays, or
    Variables when ``Config.graph_mode`` is on.

    While the loop runs, each variable's sum so far waits in its ``pending`` slot. An
    intermediate nobody asked for is let go as soon as its creator has used it (and its
    stale ``.grad`` dropped too, with ``drop_grads``), so the end never walks the whole
    graph again; every slot is empty on return, whatever happens.
    """
    keep_all = wanted is None
    leaves_only = wanted is LEAVES
    wanted_ids = wanted or LEAVES
    root.pending = seed
    creator = root.creator
    if creator is None:
        root.pending = None
        return [(root, seed)]
    reached = [root] if keep_all or id(root) in wanted_ids else []
    # Waiting functions, by generation. A function's inputs are older than it, so
    # everything it queues has a lower generation: the generations can be walked
    # downwards once, each bucket in the order its functions were queued.
    generation = creator.generation
    buckets = {generation: [creator]}
    seen = {creator}  # functions with several outputs already queued
    batch: list[Function] = []
    try:
        while buckets:
            batch = buckets.pop(generation, None)
            generation -= 1
            if batch is None:
                batch = []
                continue
            for f in batch:
                outputs = f.outputs
                if len(outputs) == 1:
                    y = outputs[0]()
                    gys = (y.pending,)
                    if not (keep_all or (wanted_ids and id(y) in wanted_ids)):
                        y.pending = None
                        if drop_grads and y.grad is not None:
                            y.grad = None
                else:
                    gys = _take_output_grads(f, keep_all, wanted_ids, drop_grads)
                gxs = f.backward(*gys)
                if gxs.__class__ is not tuple:
                    gxs = (gxs,)
                if observer is not None:
                    observer(BackwardStep(f, gys, gxs))
                for x, gx in zip(f.inputs, gxs):
                    if gx is None or x.__class__ is ImplicitConstant:
                        continue
                    previous = x.pending
                    if previous is not None:
                        x.pending = previous + gx
                        continue
                    x.pending = gx
                    # A variable's first gradient queues its creator; a creator with
                    # several outputs could be reached through each, so those are
                    # remembered.
                    c = x.creator
                    if c is None:
                        reached.append(x)
                        continue
                    if keep_all or (wanted_ids and id(x) in wanted_ids):
                        reached.append(x)
                    if len(c.outputs) != 1:
                        if c in seen:
                            continue
                        seen.add(c)
                    g = c.generation
                    if g > generation:  # only if generations were set by hand
                        g = generation
                    waiting = buckets.get(g)
                    if waiting is None:
                        buckets[g] = [c]
                    else:
                        waiting.append(c)
    except BaseException:
        for var in reached:
            var.pending = None
        for f in [*batch, *(f for waiting in buckets.values() for f in waiting)]:
            for r in f.outputs:
                y = r()
                if y is not None:
                    y.pending = None
        raise
    pairs = []
    for var in reached:
        if keep_all or (var.creator is None if leaves_only else id(var) in wanted_ids):
            pairs.append((var, var.pending))
        var.pending = None
    return pairs


def _take_output_grads(f: Function, keep_all: bool, wanted_ids: frozenset[int] | set[int],
                       drop_grads: bool) -> tuple[Any, ...]:
    """The gradients at the outputs of a Function with several; lets go of the unwanted."""
    gys = []
    for r in f.outputs:
        y = r()
        if y is None:
            gys.append(None)
            continue
        gys.append(y.pending)
        if not (keep_all or id(y) in wanted_ids):
            y.pending = None
            if drop_grads and y.grad is not None:
                y.grad = None
    return tuple(gys)


def backward_into_attributes(root: Variable, retain_grad: bool, observer: Observer | None,
                             create_graph: bool = False) -> None:
    """``Variable.backward``: gradients land in ``.grad`` as ndarrays, as in the seed,
    or as Variables with ``create_graph``."""
    if create_graph:
        _backward_creating_graph(root, retain_grad, observer)
        return
    seed = root.grad if root.grad is not None else np.ones_like(root.data)
    if seed.__class__ is not np.ndarray:
        seed = np.asarray(seed.data)
    written: set[int] = set()
    wanted = None if retain_grad else LEAVES
    for var, g in propagate(root, seed, observer, wanted, drop_grads=not retain_grad):
        if g.__class__ is not np.ndarray:
            g = np.asarray(g)
        if var is root:
            var.grad = g
        else:
            var.grad = _private(g, written) if var.grad is None else var.grad + g
        written.add(id(var.grad))


def _backward_creating_graph(root: Variable, retain_grad: bool, observer: Observer | None) -> None:
    """Backward whose gradients are Variables computed by Functions (graph mode)."""
    seed = root.grad if root.grad is not None else np.ones_like(root.data)
    if not isinstance(seed, Variable):
        seed = Variable(np.asarray(seed))
    wanted = None if retain_grad else LEAVES
    with using_config("graph_mode", True), using_config("enable_backprop", True):
        pairs = propagate(root, seed, observer, wanted, drop_grads=not retain_grad)
        for var, g in pairs:
            if var is root or var.grad is None:
                var.grad = g
            else:
                var.grad = var.grad + g if isinstance(var.grad, Variable) else g + var.grad


def _private(g: np.ndarray, written: set[int]) -> np.ndarray:
    """A gradient array no other variable holds, so that no two grads alias."""
    return g.copy() if id(g) in written else g


def grad(
    outputs: Variable,
    inputs: list[Variable] | tuple[Variable, ...],
    grad_outputs: Any = None,
    create_graph: bool = False,
    observer: Observer | None = None,
) -> list[Variable]:
    """The gradients d outputs / d inputs, as Variables, leaving every ``.grad`` alone.

    With ``create_graph=True`` the gradients are themselves results of Functions, so
    they can be differentiated again::

        x = Variable(np.array(2.0))
        y = x**4 - 2 * x**2
        (gx,) = grad(y, [x], create_graph=True)   # 4x^3 - 4x = 24
        (gxx,) = grad(gx, [x])                    # 12x^2 - 4 = 44

    An input the output does not depend on gets a gradient of zeros.
    """
    seed = np.ones_like(outputs.data) if grad_outputs is None else grad_outputs
    wanted = {id(x) for x in inputs}
    if create_graph:
        seed = seed if isinstance(seed, Variable) else Variable(np.asarray(seed))
        with using_config("graph_mode", True), using_config("enable_backprop", True):
            grads = propagate(outputs, seed, observer, wanted)
    else:
        seed = seed.data if isinstance(seed, Variable) else np.asarray(seed)
        grads = propagate(outputs, seed, observer, wanted)
    found = {id(var): g for var, g in grads}
    result = []
    for x in inputs:
        g = found.get(id(x))
        if g is None:
            result.append(Variable(np.zeros_like(x.data)))
        else:
            result.append(g if isinstance(g, Variable) else Variable(np.array(g)))
    return result
