"""A small autograd engine in the style of DeZero, on numpy.

The public API is the seed lesson's (Variable, Function, Config, using_config, no_grad,
as_variable, as_array, add, mul, neg, sub, rsub, div, rdiv, pow and the operators),
plus ``grad`` for higher-order derivatives, backward observation through ``observer``
and ``BackwardStep``, and ``numerical_diff`` / ``gradient_check``.
"""
from engine.backward import BackwardStep, grad
from engine.config import Config, no_grad, using_config
from engine.function import BinaryFunction, Function, UnaryFunction
from engine.numeric import gradient_check, numerical_diff
from engine.ops import (
    Add,
    BroadcastTo,
    Div,
    Mul,
    Neg,
    Pow,
    Sub,
    SumTo,
    add,
    broadcast_to,
    div,
    install_operators,
    mul,
    neg,
    pow,
    rdiv,
    rsub,
    sub,
    sum_to,
)
from engine.variable import ImplicitConstant, Variable, as_array, as_variable

install_operators()

__all__ = [
    "Add", "BackwardStep", "BinaryFunction", "BroadcastTo", "ImplicitConstant", "UnaryFunction", "Config", "Div", "Function", "Mul", "Neg",
    "Pow", "Sub", "SumTo", "Variable", "add", "as_array", "as_variable", "broadcast_to",
    "div", "grad", "gradient_check", "mul", "neg", "no_grad", "numerical_diff", "pow",
    "rdiv", "rsub", "sub", "sum_to", "using_config",
]
