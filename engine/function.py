"""Function: one operation of the graph, with ``forward`` on arrays and ``backward``."""
from __future__ import annotations

from typing import Any
from weakref import ref

from engine.config import Config
from engine.variable import Variable, as_array, new_output


class Function:
    """Base class of every operation.

    Subclasses implement ``forward(*arrays)`` and ``backward(*output_grads)``. Inside
    ``backward``, ``self.operands()`` gives the inputs as arrays, or as Variables when a
    differentiable gradient is being built (``engine.grad(..., create_graph=True)``),
    so one ``backward`` serves first and higher derivatives alike.
    """

    __slots__ = ("inputs", "outputs", "generation", "__dict__", "__weakref__")

    #: On while the backward loop builds a differentiable gradient.
    graph_mode = False

    def __call__(self, *inputs: Any) -> Any:
        inputs = [x if x.__class__ is Variable else _to_variable(x) for x in inputs]
        ys = self.forward(*[x.data for x in inputs])
        if ys.__class__ is not tuple:
            output = new_output(ys)
            if Config.enable_backprop:
                generation = 0
                for x in inputs:
                    if x.generation > generation:
                        generation = x.generation
                self.generation = generation
                output.creator = self
                output.generation = generation + 1
                self.inputs = inputs
                self.outputs = [ref(output)]
            return output
        outputs = [new_output(y) for y in ys]
        if Config.enable_backprop:
            self.generation = generation = max([x.generation for x in inputs])
            for output in outputs:
                output.creator = self
                output.generation = generation + 1
            self.inputs = inputs
            self.outputs = [ref(output) for output in outputs]
        return outputs if len(outputs) > 1 else outputs[0]

    def operands(self) -> list[Any]:
        """The inputs as the current backward needs them: arrays or Variables."""
        if Function.graph_mode:
            return self.inputs
        return [x.data for x in self.inputs]

    def forward(self, *xs: Any) -> Any:
        raise NotImplementedError()

    def backward(self, *gys: Any) -> Any:
        raise NotImplementedError()

    @property
    def name(self) -> str:
        return type(self).__name__


def _to_variable(x: Any) -> Variable:
    if isinstance(x, Variable):
        return x
    return Variable(as_array(x))
