"""The kinds of node a graph can hold: each kind is one entry here.

An entry says everything the program knows of a kind: its ports, its parameters (with
types, defaults and editors), the engine call, the captions of its forward and backward
steps, the line of exported code, its palette group, symbol and colour, its name in the
formula bar, its local rule and the engine Function its node records. The palette,
Inspector, schema, captions, code export, formula parser, chain rule and the gradient's
graph all read it from here; ``tests/test_kinds.py`` walks every entry through all of
them, and ``tests/kind_checks.py`` says what a kind lacks. Entries take keywords only.

Templates are ``str.format`` strings. Forward captions get each input's value by port
(``{a}``, ``{b}``), the output ``{y}`` and each parameter in words (``{c}``, ``{axis}``);
backward captions also get the upstream gradient ``{g}``, what each input receives
(``{ga}``, ``{gb}``) and each input named with where its wire comes from (``{a_from}``).
Code templates get the inputs' Python names and the parameters as Python literals.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

import engine
from nodeeditor.model import texts
from nodeeditor.model.params import ARRAY, AXIS, BOOL, LABEL, NAME, NUMBER, SHAPE, Param, ParamError

INPUTS = "Inputs"
ARITHMETIC = "Arithmetic"
FUNCTIONS = "Functions"
ARRAYS = "Arrays"
LOSSES = "Losses"
#: Palette groups, in the order the palette shows them.
GROUPS = (INPUTS, ARITHMETIC, FUNCTIONS, ARRAYS, LOSSES)
#: The parts of functions made of nodes (listed by the palette per graph, not from here).
MADE_OF_NODES = "Made of nodes"
CALL = "Call"
INPUT = "Input"
FUNCTION_COLOR = "#283593"
OUTPUT_PORT = "y"

Compute = Callable[[list[engine.Variable], dict[str, Any]], engine.Variable]


@dataclass(frozen=True, kw_only=True)
class NodeKind:
    """What a node of this kind looks like, computes and says. See the module docstring."""

    name: str
    title: str
    symbol: str
    group: str
    inputs: tuple[str, ...]
    compute: Compute
    description: str
    color: str
    forward: str
    backward: str = ""
    code: str = ""
    params: tuple[Param, ...] = ()
    #: the formula bar's spelling: an operator ("+", "@", "**") or a function name ("exp")
    formula: str = ""
    #: what the node's header shows: its name, and parameters in words
    header: str = "{symbol}  {name}"
    #: an elementwise operation of two inputs, which broadcasts their shapes
    broadcasts: bool = False
    #: each output number depends only on the input numbers at the same place (and any
    #: shape broadcasts): a vector of samples goes through such nodes all at once
    elementwise: bool = False
    #: the names the inputs had in files written before they were renamed, in port order
    legacy_inputs: tuple[str, ...] = ()
    outputs: tuple[str, ...] = (OUTPUT_PORT,)
    #: for a Call node: the FunctionDef it runs (see model/functions.py)
    function: Any = None
    #: what its nodes are called until a student names them: add1, add2... (default: the
    #: kind's name in lower case; a Variable's first is just x)
    short: str = ""
    #: the local rule: ∂output/∂input for each input, in port order, as a formula over the
    #: inputs (a, b), the output (y), the parameters (c) and the input's size N (model/rules.py)
    rules: tuple[str, ...] = ()
    #: for a kind that is not elementwise, what it sends back through each input in matrix
    #: form, from the gradient {g} that reached it: "{g} @ {b}ᵀ" (see matrix_form.py)
    matrix_rules: tuple[str, ...] = ()
    #: the engine Function a node of this kind records: the gradient's graph (built by the
    #: engine with create_graph=True) is turned back into nodes by it (lessons/gradient_graph.py)
    records: type[engine.Function] | None = None
    #: the node's parameters, read back from such a recorded Function
    read_params: Callable[[engine.Function], dict[str, Any]] = lambda f: {}

    @property
    def is_input(self) -> bool:
        return self.group == INPUTS

    @property
    def name_param(self) -> str:
        """The parameter that holds a node's name: a Variable's or an Input's ``name`` (a
        name the code and the ports use), every other kind's ``label``."""
        return "name" if any(p.name == "name" for p in self.params) else "label"

    @property
    def name_base(self) -> str:
        return self.short or self.name.lower()

    @property
    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}

    def words(self, params: dict[str, Any]) -> dict[str, str]:
        """Each parameter as captions and headers say it: ``2``, ``axis 0``, ``(2, 3)``;
        and ``name``, the node's own name, whichever parameter holds it."""
        words = {p.name: p.type.words(params.get(p.name, p.default)) for p in self.params}
        words["name"] = str(params.get(self.name_param) or self.name_base)
        return words

    def header_text(self, params: dict[str, Any], name: str | None = None) -> str:
        """What a node's header shows: ``+  add1``, ``x0``, ``^2  pow1``; ``name`` when the
        node is shown by another name than its own (the output, by the output's name)."""
        words = self.words(params)
        words["name"] = name or words["name"]
        words.pop("label", None)
        return self.header.format(symbol=self.symbol, title=self.title, **words)

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(name)


def _leaf(inputs: list, params: dict) -> engine.Variable:
    return engine.Variable(np.array(params["value"], dtype=np.float64), name=params.get("name"))


def _unary(op: Callable) -> Compute:
    return lambda inputs, params: op(inputs[0])


def _binary(op: Callable) -> Compute:
    return lambda inputs, params: op(inputs[0], inputs[1])


def _axes(axes: Any) -> tuple[int, ...] | None:
    return (axes,) if isinstance(axes, int) else axes


def _check_permutation(axes: Any) -> None:
    order = _axes(axes)
    if order is not None and sorted(order) != list(range(len(order))):
        raise ParamError(texts.AXES_ONCE)


def _read_exponent(f: engine.Function) -> dict[str, Any]:
    return {"c": float(f.c)}


def _read_reduction(f: engine.Function) -> dict[str, Any]:
    return {"axis": f.axis, "keepdims": f.keepdims}


def _read_shape(f: engine.Function) -> dict[str, Any]:
    return {"shape": tuple(f.shape)}


def _read_axes(f: engine.Function) -> dict[str, Any]:
    return {"axes": f.axes}


_VALUE = Param("value", ARRAY, 1.0, "Value",
               "A number such as 6 or -2.5, or an array such as [1, 2, 3] or [[1, 2], [3, 4]].")
_AXIS = Param("axis", AXIS, None, "Axis", "Which axis to reduce: 0 for down the rows, 1 for along them, "
              "0, 1 for both; empty for every element.")
_KEEPDIMS = Param("keepdims", BOOL, False, "Keep dims", "Keep the reduced axes as length 1, so the "
                  "result still broadcasts against the input.")
_TARGET = Param("shape", SHAPE, (1,), "Shape", "The shape to produce, such as 2, 3.")

_CATALOG = [
    NodeKind(name="Variable", title="Variable", symbol="x", group=INPUTS, inputs=(), compute=_leaf,
             description="An input you can change; backward gives its gradient.", color="#1e88e5",
             forward="Variable {name} holds its value {y}.", code="Variable({value})", header="{name}", short="x",
             params=(Param("name", NAME, "x", "Name", "The Variable's name: letters, digits and _, such as x0 "
                                                         "or weight."), _VALUE)),
    NodeKind(name="Constant", title="Constant", symbol="c", group=INPUTS, inputs=(), compute=_leaf,
             description="A fixed number or array, such as data: backward does not change it.", color="#78909c",
             forward="{name} holds the fixed value {y}.", code="{value}", header="{name}", short="c",
             params=(_VALUE,)),
    NodeKind(name="Add", title="Add", symbol="+", group=ARITHMETIC, inputs=("a", "b"), compute=_binary(engine.add),
             description="a + b. Backward passes the gradient unchanged to both inputs.", color="#43a047",
             forward="Add: {a} + {b} = {y}",
             backward="Add passes the upstream gradient {g} unchanged to both inputs: "
                      "{a_from} gets {ga}, {b_from} gets {gb}",
             code="{a} + {b}", formula="+", broadcasts=True, legacy_inputs=("x0", "x1"), elementwise=True,
             rules=("1", "1"),
             records=engine.Add),
    NodeKind(name="Sub", title="Subtract", symbol="−", group=ARITHMETIC, inputs=("a", "b"), compute=_binary(engine.sub),
             description="a − b. Backward passes the gradient to a and its negative to b.", color="#00897b",
             forward="Sub: {a} − {b} = {y}",
             backward="Sub: {a_from} gets the upstream gradient {ga}; {b_from} gets its negative {gb}",
             code="{a} - {b}", formula="-", broadcasts=True, legacy_inputs=("x0", "x1"), elementwise=True,
             rules=("1", "-1"),
             records=engine.Sub),
    NodeKind(name="Mul", title="Multiply", symbol="×", group=ARITHMETIC, inputs=("a", "b"), compute=_binary(engine.mul),
             description="a × b. Backward gives each input the gradient times the other input.", color="#f4511e",
             forward="Mul: {a} × {b} = {y}",
             backward="Mul sends each input the upstream gradient times the other input: "
             "{a_from} gets {g} × {b} = {ga}, {b_from} gets {g} × {a} = {gb}",
             code="{a} * {b}", formula="*", broadcasts=True, legacy_inputs=("x0", "x1"), elementwise=True,
             rules=("b", "a"),
             records=engine.Mul),
    NodeKind(name="Div", title="Divide", symbol="÷", group=ARITHMETIC, inputs=("a", "b"), compute=_binary(engine.div),
             description="a ÷ b. Backward: g ÷ b to a and −g·a ÷ b² to b.", color="#8e24aa",
             forward="Div: {a} ÷ {b} = {y}",
             backward="Div: {a_from} gets g ÷ b = {g} ÷ {b} = {ga}; {b_from} gets −g·a ÷ b² = {gb}",
             code="{a} / {b}", formula="/", broadcasts=True, legacy_inputs=("x0", "x1"), elementwise=True,
             rules=("1 / b", "-a / b ** 2"),
             records=engine.Div),
    NodeKind(name="Pow", title="Power", symbol="aᶜ", group=ARITHMETIC, inputs=("a",),
             compute=lambda inputs, params: engine.pow(inputs[0], params["c"]),
             description="a to the power c. Backward: c·a^(c−1) times the gradient.", color="#6d4c41",
             forward="Pow: {a} ^ {c} = {y}",
             backward="Pow brings down the exponent: {a_from} gets c·a^(c−1) × g = {c} × {a}^({c} − 1) × {g} = {ga}",
             code="{a} ** {c}", formula="**", header="^{c}  {name}", legacy_inputs=("x",),
             params=(Param("c", NUMBER, 2.0, "Exponent c", "The exponent c in a^c, a number such as 2 or -1 "
                                                             "or 0.5."),), elementwise=True,
             rules=("c * a ** (c - 1)",),
             records=engine.Pow, read_params=_read_exponent),
    NodeKind(name="Neg", title="Negate", symbol="−a", group=ARITHMETIC, inputs=("a",), compute=_unary(engine.neg),
             description="−a. Backward passes the negative of the gradient.", color="#546e7a",
             forward="Neg: −({a}) = {y}",
             backward="Neg: {a_from} gets the negative of the upstream gradient: −{g} = {ga}",
             code="-{a}", formula="neg", legacy_inputs=("x",), elementwise=True,
             rules=("-1",),
             records=engine.Neg),
    NodeKind(name="Exp", title="Exp", symbol="eᵃ", group=FUNCTIONS, inputs=("a",), compute=_unary(engine.exp),
             description="e to the power a. Its derivative is itself: backward sends g × exp(a).", color="#ef6c00",
             forward="Exp: exp({a}) = {y}",
             backward="Exp is its own derivative: {a_from} gets g × exp(a) = {g} × {y} = {ga}",
             code="F.exp({a})", formula="exp", elementwise=True,
             rules=("exp(a)",),
             records=engine.Exp),
    NodeKind(name="Log", title="Log", symbol="ln", group=FUNCTIONS, inputs=("a",), compute=_unary(engine.log),
             description="The natural logarithm of a. Backward sends g ÷ a.", color="#c0ca33",
             forward="Log: log({a}) = {y}",
             backward="Log: {a_from} gets g ÷ a = {g} ÷ {a} = {ga}",
             code="F.log({a})", formula="log", elementwise=True,
             rules=("1 / a",),
             records=engine.Log),
    NodeKind(name="Sin", title="Sin", symbol="sin", group=FUNCTIONS, inputs=("a",), compute=_unary(engine.sin),
             description="The sine of a (in radians). Backward sends g × cos(a).", color="#3949ab",
             forward="Sin: sin({a}) = {y}",
             backward="Sin: the derivative of sin is cos, so {a_from} gets g × cos(a) = {g} × cos({a}) = {ga}",
             code="F.sin({a})", formula="sin", elementwise=True,
             rules=("cos(a)",),
             records=engine.Sin),
    NodeKind(name="Cos", title="Cos", symbol="cos", group=FUNCTIONS, inputs=("a",), compute=_unary(engine.cos),
             description="The cosine of a (in radians). Backward sends −g × sin(a).", color="#5e35b1",
             forward="Cos: cos({a}) = {y}",
             backward="Cos: the derivative of cos is −sin, so {a_from} gets −g × sin(a) = −{g} × sin({a}) = {ga}",
             code="F.cos({a})", formula="cos", elementwise=True,
             rules=("-sin(a)",),
             records=engine.Cos),
    NodeKind(name="Tanh", title="Tanh", symbol="tanh", group=FUNCTIONS, inputs=("a",), compute=_unary(engine.tanh),
             description="The hyperbolic tangent of a. Backward sends g × (1 − y²).", color="#00838f",
             forward="Tanh: tanh({a}) = {y}",
             backward="Tanh: {a_from} gets g × (1 − y²) = {g} × (1 − {y}²) = {ga}",
             code="F.tanh({a})", formula="tanh", elementwise=True,
             rules=("1 - y ** 2",),
             records=engine.Tanh),
    NodeKind(name="Square", title="Square", symbol="a²", group=FUNCTIONS, inputs=("a",), compute=_unary(engine.square),
             description="a × a. Backward sends 2a × g.", color="#8d6e63",
             forward="Square: {a}² = {y}",
             backward="Square: {a_from} gets 2a × g = 2 × {a} × {g} = {ga}",
             code="F.square({a})", formula="square", elementwise=True,
             rules=("2 * a",),
             records=engine.Square),
    NodeKind(name="Sqrt", title="Sqrt", symbol="√a", group=FUNCTIONS, inputs=("a",), compute=_unary(engine.sqrt),
             description="The square root of a. Backward sends g ÷ (2√a).", color="#6a1b9a",
             forward="Sqrt: √{a} = {y}",
             backward="Sqrt: {a_from} gets g ÷ (2√a) = {g} ÷ (2 × {y}) = {ga}",
             code="F.sqrt({a})", formula="sqrt", elementwise=True,
             rules=("1 / (2 * sqrt(a))",),
             records=engine.Sqrt),
    NodeKind(name="ReLU", title="ReLU", symbol="relu", group=FUNCTIONS, inputs=("a",), compute=_unary(engine.relu),
             description="max(a, 0). Backward lets the gradient through where a > 0 and stops it elsewhere.",
             color="#2e7d32",
             forward="ReLU: max({a}, 0) = {y}",
             backward="ReLU lets the upstream gradient {g} through where a > 0 and stops it where a ≤ 0: {a_from} gets {ga}",
             code="F.relu({a})", formula="relu", elementwise=True,
             rules=("step(a)",),
             records=engine.ReLU),
    NodeKind(name="Sigmoid", title="Sigmoid", symbol="σ", group=FUNCTIONS, inputs=("a",),
    compute=_unary(engine.sigmoid),
             description="1 ÷ (1 + e^−a), the neuron's squashing function. Backward sends g × y(1 − y).",
             color="#d81b60",
             forward="Sigmoid: σ({a}) = {y}",
             backward="Sigmoid: {a_from} gets g × y(1 − y) = {g} × {y} × (1 − {y}) = {ga}",
             code="F.sigmoid({a})", formula="sigmoid", elementwise=True,
             rules=("y * (1 - y)",),
             records=engine.Sigmoid),
    NodeKind(name="Sum", title="Sum", symbol="Σ", group=ARRAYS, inputs=("a",),
             compute=lambda inputs, params: engine.sum(inputs[0], params["axis"], params["keepdims"]),
             description="Adds up the elements of a (over an axis, or all of them). Backward copies the gradient back "
             "to every element.", color="#0277bd",
             forward="Sum of {a} over {axis} = {y}",
             backward="Sum copies the upstream gradient {g} back to every element it added: {a_from} gets {ga}",
             code="F.sum({a}, axis={axis}, keepdims={keepdims})", formula="sum", header="{symbol}  {name} ({axis})",
             params=(_AXIS, _KEEPDIMS),
             rules=("1",),
             matrix_rules=("broadcast({g}, {shape})",),
             records=engine.Sum, read_params=_read_reduction),
    NodeKind(name="Mean", title="Mean", symbol="ā", group=ARRAYS, inputs=("a",),
             compute=lambda inputs, params: engine.mean(inputs[0], params["axis"], params["keepdims"]),
             description="The average of the elements of a. Backward shares the gradient equally among them.",
             color="#0097a7",
             forward="Mean of {a} over {axis} = {y}",
             backward="Mean shares the upstream gradient {g} equally among the elements it averaged: {a_from} gets {ga}",
             code="F.mean({a}, axis={axis}, keepdims={keepdims})", formula="mean", header="{symbol}  {name} ({axis})",
             params=(_AXIS, _KEEPDIMS),
             rules=("1 / N",),
             matrix_rules=("broadcast({g}, {shape})/N",),
             records=engine.Mean, read_params=_read_reduction),
    NodeKind(name="BroadcastTo", title="Broadcast to", symbol="⇉", group=ARRAYS, inputs=("a",),
             compute=lambda inputs, params: engine.broadcast_to(inputs[0], params["shape"]),
             description="Copies a out to a larger shape. Backward adds up the gradients of the copies (SumTo).",
             color="#455a64",
             forward="Broadcast {a} to shape {shape} = {y}",
             backward="BroadcastTo adds up the gradients of the copies it made: {a_from} gets {ga}",
             code="F.broadcast_to({a}, {shape})", formula="broadcast_to", header="{symbol}  {name} to {shape}",
             short="broadcast",
             params=(_TARGET,),
             rules=("1",),
             matrix_rules=("sum_to({g}, {shape})",),
             records=engine.BroadcastTo, read_params=_read_shape),
    NodeKind(name="SumTo", title="Sum to", symbol="⇇", group=ARRAYS, inputs=("a",),
             compute=lambda inputs, params: engine.sum_to(inputs[0], params["shape"]),
             description="Adds a up to a smaller shape, undoing a broadcast. Backward copies the gradient back out.",
             color="#37474f",
             forward="Sum {a} down to shape {shape} = {y}",
             backward="SumTo copies the upstream gradient back out to every element it added: {a_from} gets {ga}",
             code="F.sum_to({a}, {shape})", formula="sum_to", header="{symbol}  {name} to {shape}", params=(_TARGET,),
             short="sum_to",
             rules=("1",),
             matrix_rules=("broadcast({g}, {shape})",),
             records=engine.SumTo, read_params=_read_shape),
    NodeKind(name="Reshape", title="Reshape", symbol="▦", group=ARRAYS, inputs=("a",),
             compute=lambda inputs, params: engine.reshape(inputs[0], params["shape"]),
             description="The same numbers in a new shape. Backward gives the gradient back the input's shape.",
             color="#546e7a",
             forward="Reshape {a} to {shape} = {y}",
             backward="Reshape gives the gradient back the shape of its input: {a_from} gets {ga}",
             code="F.reshape({a}, {shape})", formula="reshape", header="{symbol}  {name} to {shape}", params=(_TARGET,),
             rules=("1",),
             matrix_rules=("reshape({g}, {shape})",),
             records=engine.Reshape, read_params=_read_shape),
    NodeKind(name="Transpose", title="Transpose", symbol="aᵀ", group=ARRAYS, inputs=("a",),
             compute=lambda inputs, params: engine.transpose(inputs[0], _axes(params["axes"])),
             description="Rows become columns (the axes reversed, or in the order given). Backward turns the gradient back.",
             color="#607d8b",
             forward="Transpose {a} = {y}",
             backward="Transpose turns the upstream gradient back the other way: {a_from} gets {ga}",
             code="F.transpose({a}, {axes})", formula="transpose",
             params=(Param("axes", AXIS, None, "Axes", "The new order of the axes, such as 1, 0; empty to "
                                                       "reverse them.", _check_permutation),),
             rules=("1",),
             matrix_rules=("{g}ᵀ",),
             records=engine.Transpose, read_params=_read_axes),
    NodeKind(name="MatMul", title="MatMul", symbol="@", group=ARRAYS, inputs=("a", "b"), compute=_binary(engine.matmul),
             description="The matrix product a @ b. Backward: g @ bᵀ to a and aᵀ @ g to b.", color="#ad1457",
             forward="MatMul: {a} @ {b} = {y}",
             backward="MatMul: {a_from} gets g @ bᵀ = {ga}; {b_from} gets aᵀ @ g = {gb}",
             code="{a} @ {b}", formula="@",
             rules=("b", "a"),
             matrix_rules=("{g} @ {b}ᵀ", "{a}ᵀ @ {g}"),
             records=engine.MatMul),
    NodeKind(name="MeanSquaredError", title="Mean squared error", symbol="MSE", group=LOSSES, inputs=("a", "b"),
             compute=_binary(engine.mean_squared_error),
             description="The mean of (a − b)²: how far predictions a are from targets b. Backward sends 2(a − b)/N × g "
             "to a and its negative to b.", color="#b71c1c",
             forward="MeanSquaredError: mean(({a} − {b})²) = {y}",
             backward="MeanSquaredError: {a_from} gets 2(a − b)/N × g = {ga}; {b_from} gets its negative {gb}",
             code="F.mean_squared_error({a}, {b})", formula="mean_squared_error", broadcasts=True, short="loss",
             rules=("2 * (a - b) / N", "-2 * (a - b) / N"),
             matrix_rules=("2·({a} − {b})/N·{g}", "−2·({a} − {b})/N·{g}"),
             records=engine.MeanSquaredError),
]



def _only_in_a_call(inputs: list, params: dict) -> engine.Variable:
    raise ValueError(texts.ONLY_IN_A_CALL)


_CATALOG += [
    NodeKind(name=INPUT, title="Input", symbol="→", group=MADE_OF_NODES, inputs=(), compute=_only_in_a_call,
             description="An input of a function made of nodes: it takes the value wired into the function "
                         "where it is used.",
             color="#3f51b5", forward="Input {name} takes the value {y} from outside.", code="{name}",
             header="→ {name}", short="a",
             params=(Param("name", NAME, "a", "Name", "The name of this input, also the port's name outside."),)),
    NodeKind(name=CALL, title="Function", symbol="ƒ", group=MADE_OF_NODES, inputs=(), compute=_only_in_a_call,
             description="A function made of nodes.", color=FUNCTION_COLOR, forward="{title} = {y}",
             params=(Param("function", NAME, "f", "Function", "The function made of nodes this node uses."),)),
]

#: Every kind but Variable and Input (whose ``name`` is the code's and the ports') is named
#: by this optional parameter: the student's name for the node, or one given for them.
NODE_NAME = Param("label", LABEL, "", "Name", "What this node is called on the canvas, in the panels, the code and "
                  "the command line, such as h, z or loss (empty: one is given for you).", required=False)


def _named(kind: NodeKind) -> NodeKind:
    if kind.name_param == "name":
        return kind
    return replace(kind, params=(NODE_NAME, *kind.params))


_CATALOG = [_named(kind) for kind in _CATALOG]
KINDS: dict[str, NodeKind] = {kind.name: kind for kind in _CATALOG}


def input_port(kind: NodeKind, port: str) -> str:
    """The input called ``port``, under its current name when a file used an old one."""
    if port not in kind.inputs and port in kind.legacy_inputs:
        return kind.inputs[kind.legacy_inputs.index(port)]
    return port


def recorders() -> dict[type[engine.Function], NodeKind]:
    """Each engine Function a kind's node records, with that kind."""
    return {kind.records: kind for kind in KINDS.values() if kind.records is not None}


def kind_of(name: str) -> NodeKind:
    """The NodeKind called ``name``; KeyError for a name not in the catalog."""
    return KINDS[name]


def param_types() -> dict[str, Param]:
    """Every parameter name used in the catalog, with its definition. A name means
    the same type in every kind, so the file format has one rule per name."""
    found: dict[str, Param] = {}
    for kind in KINDS.values():
        for p in kind.params:
            other = found.setdefault(p.name, p)
            if other.type is not p.type:
                raise TypeError(f"parameter {p.name!r} has two types in the catalog")
    return found


def by_formula(spelling: str) -> NodeKind | None:
    """The kind the formula bar writes as ``spelling`` ("+", "exp"), if any."""
    return _FORMULA.get(spelling)


_FORMULA = {kind.formula: kind for kind in KINDS.values() if kind.formula}
