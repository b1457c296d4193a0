"""Function: one operation of the graph, with ``forward`` on arrays and ``backward``."""
from __future__ import annotations

from typing import Any
from weakref import ref

import numpy as np

from engine.config import switches
from engine.variable import ImplicitConstant, Variable, as_array, new_output


class Function:
    """Base class of every operation.

    Subclasses implement ``forward(*arrays)`` and ``backward(*output_grads)``. Inside
    ``backward``, ``self.operands()`` gives the inputs as arrays, or as Variables when a
    differentiable gradient is being built (``engine.grad(..., create_graph=True)``),
    so one ``backward`` serves first and higher derivatives alike.

    Calling a Function records it, as the book's ``Function.__call__`` does: the inputs
    as Variables, ``forward`` on their arrays, the outputs wrapped in Variables, and,
    when backprop is enabled, the generation (the youngest input's), the
    outputs' creator and generation, the inputs, and the outputs as weak references.
    There are three paths to it, one per class, all recording exactly that:

    - ``Function.__call__`` below is the book's path, for any number of inputs and
      outputs (Split-like functions with several outputs take it).
    - ``UnaryFunction.__call__``: one input, one output (Exp, Sin, Neg, Sum, ...); the
      same steps without building lists.
    - ``BinaryFunction.__call__``: two inputs, one output; every operator (``x * y``,
      ``x + 1``) goes through it. It also notes whether the shapes differ, so that
      backward knows at once whether to sum a gradient back down to an input's shape.

    A subclass chooses its path by its base class and nothing else changes: backward
    (engine/backward.py) reads the same ``inputs``, ``outputs`` and ``generation``.
    """

    __slots__ = ("inputs", "outputs", "generation", "__dict__", "__weakref__")

    def __call__(self, *inputs: Any) -> Any:
        inputs = [x if x.__class__ is Variable else _to_variable(x) for x in inputs]
        ys = self.forward(*[x.data for x in inputs])
        if ys.__class__ is not tuple:
            output = new_output(ys)
            if switches.enable_backprop:
                generation = 0
                for x in inputs:
                    if x.generation > generation:
                        generation = x.generation
                self.generation = generation
                output.creator = self
                output.generation = generation + 1
                self.inputs = inputs
                self.outputs = (ref(output),)
            return output
        outputs = [new_output(y) for y in ys]
        if switches.enable_backprop:
            self.generation = generation = max([x.generation for x in inputs])
            for output in outputs:
                output.creator = self
                output.generation = generation + 1
            self.inputs = inputs
            self.outputs = [ref(output) for output in outputs]
        return outputs if len(outputs) > 1 else outputs[0]

    def operands(self) -> list[Any]:
        """The inputs as the current backward needs them: arrays or Variables.

        A 0-d array comes back as a numpy scalar (``a[()]``), whose arithmetic is several
        times faster than a 0-d array's (40 ns against 330-520 ns for ``*``) and gives the
        same value, dtype and floating-point warnings; larger arrays come back as views.
        """
        if switches.graph_mode:
            return self.inputs
        return [x.data[()] for x in self.inputs]

    def forward(self, *xs: Any) -> Any:
        raise NotImplementedError()

    def backward(self, *gys: Any) -> Any:
        raise NotImplementedError()

    def output(self) -> Any:
        """The output as the current backward needs it: its array, or in graph mode the
        Variable itself (so a gradient built from it stays connected to the forward graph)."""
        y = self.outputs[0]()
        if y is None:  # only when backward is called by hand after the output was dropped
            y = new_output(self.forward(*[x.data for x in self.inputs]))
        return y if switches.graph_mode else y.data[()]

    @property
    def name(self) -> str:
        return type(self).__name__


class UnaryFunction(Function):
    """A Function of one input: the same as Function, with a shorter path per call."""

    __slots__ = ()

    def __call__(self, x: Any) -> Variable:
        if x.__class__ is not Variable:
            x = _to_variable(x)
        output = new_output(self.forward(x.data))
        if switches.enable_backprop:
            self.generation = x.generation
            output.creator = self
            output.generation = x.generation + 1
            self.inputs = (x,)
            self.outputs = (ref(output),)
        return output


class BinaryFunction(Function):
    """A Function of two inputs (Add, Mul, ...): every operator goes through here, so
    it avoids the general path's argument lists (2.2 -> 1.5 µs for ``x * y``)."""

    #: Whether the inputs' shapes differ, so that gradients must be summed back down to
    #: them; backward then need not look at the inputs' arrays.
    __slots__ = ("broadcast",)

    def __call__(self, x0: Any, x1: Any) -> Variable:
        if x0.__class__ is not Variable:
            x0 = _to_variable(x0)
        if x1.__class__ is not Variable:
            x1 = _to_variable(x1)
        d0, d1 = x0.data, x1.data
        output = new_output(self.forward(d0, d1))
        if switches.enable_backprop:
            self.broadcast = d0.shape != d1.shape
            g0, g1 = x0.generation, x1.generation
            generation = g0 if g0 > g1 else g1
            self.generation = generation
            output.creator = self
            output.generation = generation + 1
            self.inputs = (x0, x1)
            self.outputs = (ref(output),)
        return output


def apply(function: Function, x: Any) -> Any:
    """``function`` on ``x``: recorded as a Function call when ``x`` is a Variable (a
    differentiable gradient), plain ``forward`` on an array. Backwards use it so that one
    formula serves first and higher derivatives."""
    if isinstance(x, Variable):
        return function(x)
    return function.forward(x)


def _to_variable(x: Any) -> Variable:
    """A number written in code (``x * 2.5``) as an ImplicitConstant; Variables as they are."""
    if isinstance(x, Variable):
        return x
    if x.__class__ is float or x.__class__ is int:
        # The common case, without __init__'s checks: 1.1 µs -> 0.4 µs per constant.
        constant = _new_constant(ImplicitConstant)
        constant.data = _array(x, _float64)
        constant.name = constant.grad = constant.creator = constant.pending = None
        constant.generation = 0
        return constant
    return ImplicitConstant(as_array(x))


_new_constant = ImplicitConstant.__new__
_array = np.array
_float64 = np.float64
