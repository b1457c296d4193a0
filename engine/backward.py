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
    """Run backward from ``root`` whose gradient is ``seed``: the book's loop.

    Returns ``(variable, gradient)`` for the variables asked for, in the order their
    first gradient arrived: every variable reached when ``wanted`` is None, the leaves
    for ``LEAVES``, else those whose ``id`` is in ``wanted``. Gradients are arrays, or
    Variables when ``Config.graph_mode`` is on.

    Read it beside the book's ``Variable.backward`` (dezero/core.py); the steps carry
    the same names (1 to 4 in the comments of the loop)::

        the book                                  here
        def add_func(f): ...                      def add_func(f): ...
        add_func(self.creator)                    add_func(root.creator)
        while funcs:                              while buckets:
            f = funcs.pop()                           1. the next generation's functions
            gys = [output().grad for ...]             2. the gradients at f's outputs
            gxs = f.backward(*gys)                    3. gxs = f.backward(*gys)
            for x, gx in zip(f.inputs, gxs):          4. for x, gx in zip(f.inputs, gxs):
                x.grad = gx or x.grad + gx                   x.pending = gx or x.pending + gx
                if x.creator is not None:                    (the first) add_func(x.creator)
                    add_func(x.creator)
            if not retain_grad: y().grad = None       (in step 2)

    The differences: a gradient adds up in the variable's ``pending`` slot and is
    handed out at the end (``_results``), so a ``.grad`` left from before is not mixed
    in; functions wait in buckets by generation and nothing is ever sorted; a function
    is queued when its output gets its first gradient (the book's ``seen_set``); an
    intermediate nobody asked for lets go of its gradient as soon as its creator has
    used it; and whatever happens, every slot is empty on return.

    The steps are written out in the loop rather than called as functions: a call per
    function and step costs 5-15 % of backward (benchmarks/engine_bench.py).
    """
    keep_all = wanted is None  # every variable's gradient is returned, else those wanted
    wanted = wanted or LEAVES
    reached: list[Variable] = []  # the variables to return, in the order they got a gradient
    buckets: dict[int, list[Function]] = {}  # the functions waiting for their turn, by generation
    seen: set[Function] = set()  # the functions with several outputs queued already
    generation = root.creator.generation if root.creator is not None else 0  # whose turn it is
    batch: list[Function] = []

    def add_func(f: Function) -> None:
        """Queue ``f`` for its turn. A function's inputs are older than it, so all it
        queues has a lower generation: the generations are walked downwards once, each
        bucket in the order it was filled, where the book sorts its list at each push."""
        if len(f.outputs) != 1:  # reachable through each of its outputs: queued once
            if f in seen:
                return
            seen.add(f)
        g = f.generation
        if g > generation:  # only if generations were set by hand
            g = generation
        waiting = buckets.get(g)
        if waiting is None:
            buckets[g] = [f]
        else:
            waiting.append(f)

    root.pending = seed
    if keep_all or (wanted and id(root) in wanted) or root.creator is None:
        reached.append(root)
    if root.creator is not None:
        add_func(root.creator)
    try:
        while buckets:
            # 1. The next generation's functions, in the order they were queued.
            batch = buckets.pop(generation, None)
            generation -= 1
            if batch is None:
                batch = []
                continue
            for f in batch:
                # 2. The gradients that reached f's outputs. An output nobody asked for
                # lets go of its sum now (and of a .grad from before too, with
                # drop_grads): the book's retain_grad=False.
                outputs = f.outputs
                if len(outputs) == 1:
                    y = outputs[0]()
                    gys = (y.pending,)
                    if not (keep_all or (wanted and id(y) in wanted)):
                        y.pending = None
                        if drop_grads and y.grad is not None:
                            y.grad = None
                else:
                    gys = _take_output_grads(outputs, keep_all, wanted, drop_grads)
                # 3. The function's own rule: the gradients it sends to its inputs.
                gxs = f.backward(*gys)
                if gxs.__class__ is not tuple:
                    gxs = (gxs,)
                if observer is not None:
                    observer(BackwardStep(f, gys, gxs))
                # 4. Each adds up at its input. An input's first gradient queues its
                # creator, or for a leaf marks it to be returned.
                for x, gx in zip(f.inputs, gxs):
                    if gx is None or x.__class__ is ImplicitConstant:
                        continue
                    previous = x.pending
                    if previous is not None:
                        x.pending = previous + gx
                        continue
                    x.pending = gx
                    creator = x.creator
                    if creator is None:
                        reached.append(x)
                        continue
                    if keep_all or (wanted and id(x) in wanted):
                        reached.append(x)
                    add_func(creator)
    except BaseException:
        _empty_slots(reached, [*batch, *(f for waiting in buckets.values() for f in waiting)])
        raise
    return _results(reached, keep_all, wanted)


def _take_output_grads(outputs: Any, keep_all: bool, wanted: frozenset[int] | set[int],
                       drop_grads: bool) -> tuple[Any, ...]:
    """Step 2 for a function of several outputs: the gradient at each (None for an
    output the program no longer holds); the unwanted let go of theirs."""
    gys = []
    for r in outputs:
        y = r()
        if y is None:
            gys.append(None)
            continue
        gys.append(y.pending)
        if not (keep_all or (wanted and id(y) in wanted)):
            y.pending = None
            if drop_grads and y.grad is not None:
                y.grad = None
    return tuple(gys)


def _results(reached: list[Variable], keep_all: bool, wanted: frozenset[int] | set[int]) -> list[tuple[Variable, Any]]:
    """The gradients asked for, each slot emptied."""
    leaves_only = wanted is LEAVES
    pairs = []
    for var in reached:
        if keep_all or (var.creator is None if leaves_only else id(var) in wanted):
            pairs.append((var, var.pending))
        var.pending = None
    return pairs


def _empty_slots(reached: list[Variable], waiting: list[Function]) -> None:
    """After an error: every slot the run filled is emptied (the variables reached, and
    the outputs of the functions still waiting)."""
    for var in reached:
        var.pending = None
    for f in waiting:
        for r in f.outputs:
            y = r()
            if y is not None:
                y.pending = None


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
    handed_out: set[int] = set()  # the arrays given to a .grad already: no two grads share one
    wanted = None if retain_grad else LEAVES
    for var, g in propagate(root, seed, observer, wanted, drop_grads=not retain_grad):
        if g.__class__ is not np.ndarray:
            g = np.asarray(g)  # a new array (from a numpy scalar): nobody else holds it
        elif id(g) in handed_out:
            g = g.copy()
        else:
            handed_out.add(id(g))
        var.grad = g if var is root or var.grad is None else var.grad + g


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
