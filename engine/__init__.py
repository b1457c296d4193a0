"""A small autograd engine in the style of DeZero, on numpy.

The public API is the seed lesson's (Variable, Function, Config, using_config, no_grad,
as_variable, as_array, add, mul, neg, sub, rsub, div, rdiv, pow and the operators),
plus the book's next functions (exp, log, sin, cos, tanh, square, sqrt, relu, sigmoid)
and array functions (sum, mean, reshape, transpose, matmul, broadcast_to, sum_to,
mean_squared_error), ``grad`` for higher-order derivatives, backward observation through ``observer``
and ``BackwardStep``, and ``numerical_diff`` / ``gradient_check``.
"""
from engine.backward import BackwardStep, grad
from engine.config import Config, no_grad, using_config
from engine.function import BinaryFunction, Function, UnaryFunction
from engine.math_functions import (
    Cos,
    Exp,
    Log,
    ReLU,
    Sigmoid,
    Sin,
    Sqrt,
    Square,
    Tanh,
    cos,
    exp,
    log,
    relu,
    sigmoid,
    sin,
    sqrt,
    square,
    tanh,
)
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
from engine.tensor_functions import (
    MatMul,
    Mean,
    MeanSquaredError,
    Reshape,
    Sum,
    Transpose,
    install_tensor_methods,
    matmul,
    mean,
    mean_squared_error,
    reshape,
    sum,
    transpose,
)
from engine.variable import ImplicitConstant, Variable, as_array, as_variable

install_operators()
install_tensor_methods()

__all__ = [
    "Add", "BackwardStep", "BinaryFunction", "BroadcastTo", "ImplicitConstant", "UnaryFunction", "Config", "Div", "Function", "Mul", "Neg",
    "Pow", "Sub", "SumTo", "Variable", "add", "as_array", "as_variable", "broadcast_to",
    "div", "grad", "gradient_check", "mul", "neg", "no_grad", "numerical_diff", "pow",
    "rdiv", "rsub", "sub", "sum_to", "using_config",
    "Cos", "Exp", "Log", "ReLU", "Sigmoid", "Sin", "Sqrt", "Square", "Tanh",
    "cos", "exp", "log", "relu", "sigmoid", "sin", "sqrt", "square", "tanh",
    "MatMul", "Mean", "MeanSquaredError", "Reshape", "Sum", "Transpose",
    "matmul", "mean", "mean_squared_error", "reshape", "sum", "transpose",
]
