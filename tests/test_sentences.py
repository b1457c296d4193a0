"""Every sentence a student reads is true: the arithmetic every caption and every written-out
chain rule prints is evaluated and compared with the number it claims, over graphs of every
kind with negative, zero and array values; forward mode says what its numbers are."""
from __future__ import annotations

import ast
import math
import operator
import re

import numpy as np
import pytest

from nodeeditor.compiler import BackwardError, Compiler
from nodeeditor.lessons.chain_rule import ChainRuleError, as_latex, as_text, derive, plain_text, written_out
from nodeeditor.lessons.derivatives import forward_mode, forward_summary, passes
from nodeeditor.lessons.replay import backward_frames, forward_frames
from nodeeditor.model.catalog import KINDS
from nodeeditor.model.expression import ExpressionError, build_graph

_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
           ast.Pow: operator.pow}
_FUNCTIONS = {"exp": math.exp, "log": math.log, "sin": math.sin, "cos": math.cos, "tanh": math.tanh,
              "sqrt": math.sqrt, "sigmoid": lambda a: 1 / (1 + math.exp(-a)), "max": max, "min": min}


def _value(node: ast.AST) -> float:
    """A numeric expression, worked out; ValueError for anything else (a name, a list)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return float(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        return -_value(node.operand) if isinstance(node.op, ast.USub) else _value(node.operand)
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        return _BINARY[type(node.op)](_value(node.left), _value(node.right))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _FUNCTIONS:
        return _FUNCTIONS[node.func.id](*[_value(a) for a in node.args])
    raise ValueError("not a number")


def arithmetic(text: str) -> float | None:
    """What ``text`` works out to, if it is arithmetic on numbers as a caption writes it."""
    python = (text.replace("−", "-").replace("×", "*").replace("·", "*").replace("÷", "/").replace("^", "**")
              .replace("²", "**2").replace("³", "**3").replace("σ", "sigmoid"))
    python = re.sub(r"√\(", "sqrt(", python)
    python = re.sub(r"√([\d.]+)", r"sqrt(\1)", python)
    if not python.strip() or re.search(r"[A-Za-z_]", re.sub(r"\b(exp|log|sin|cos|tanh|sqrt|sigmoid|max|min)\(",
                                                                "(", python)):
        return None
    try:
        tree = ast.parse(python.strip(), mode="eval").body
    except SyntaxError:
        return None
    try:
        return _value(tree)
    except (ZeroDivisionError, OverflowError):
        return math.nan  # arithmetic, but undefined as written (0^(−1)): a note says what counts
    except (ValueError, TypeError, RecursionError):
        return None


def claims(text: str) -> list[tuple[str, str, float, float]]:
    """Each "arithmetic = number" the text states: the longest arithmetic before an "=", the
    number right after it, and both values."""
    found = []
    text = re.sub(r"\n\s+= ", " = ", text)  # a derivation's lines under one another: one equation
    for sentence in re.split(r"(?<=[.;:])\s+|\n", text):
        pieces = sentence.split(" = ")
        for left, right in zip(pieces, pieces[1:]):
            worked = next(((left[i:], v) for i in range(len(left))
                           if (left[i - 1:i] in ("", " ", "(")) and (v := arithmetic(left[i:])) is not None), None)
            number = re.match(r"\s*(−?\(?−?[\d.]+(?:e[−-]?\d+)?\)?|−?inf|nan)", right)
            if worked is None or number is None:
                continue
            claimed = arithmetic(number.group(1).replace("inf", "1e999"))
            if claimed is not None:
                found.append((worked[0], number.group(1), worked[1], claimed))
    return found


def assert_true_arithmetic(text: str) -> int:
    """Fail on an equation whose two sides differ (beyond the 4 digits shown), or on a
    minus sign that reads as two; how many equations were checked."""
    assert "−-" not in text and "-−" not in text and "− −" not in text and "+ −" not in text, text
    checked = 0
    for left, right, worked, claimed in claims(text):
        if not (math.isfinite(worked) and math.isfinite(claimed)):
            continue
        assert worked == pytest.approx(claimed, rel=6e-3, abs=6e-4 * max(1.0, abs(claimed))), \
            f"'{left} = {right}' is {worked}, not {claimed}, in: {text}"
        checked += 1
    return checked


VALUES = (-0.5, -3.0, 0.0, 2.0)
UNARY = ["exp", "log", "sin", "cos", "tanh", "square", "sqrt", "relu", "sigmoid", "neg"]


def _formulas() -> list[tuple[str, dict]]:
    found = []
    for x in VALUES:
        found += [(f"{f}(x)", {"x": x}) for f in UNARY]
        found += [(f"x ** {c}", {"x": x}) for c in (3, -1, 0.5, 0)]
        for y in VALUES:
            found += [(f"x {op} y", {"x": x, "y": y}) for op in "+-*/"]
            found.append(("tanh(x) * y - x * x", {"x": x, "y": y}))
    return found


def _captions(graph) -> list[str]:
    compiler = Compiler(graph)
    texts = [f.caption for f in forward_frames(graph, compiler)]
    try:
        compiler.backward()
    except BackwardError:
        return texts
    return texts + [f.caption for f in backward_frames(graph, compiler)]


def test_every_caption_s_arithmetic_is_true_with_negative_and_zero_values():
    checked = 0
    for formula, values in _formulas():
        graph = build_graph(formula, {k: np.array(v) for k, v in values.items()})
        for caption in _captions(graph):
            checked += assert_true_arithmetic(caption)
    assert checked > 300  # (most captions hold an equation)


def test_every_chain_rule_s_arithmetic_is_true_with_negative_and_zero_values():
    checked = 0
    for formula, values in _formulas():
        graph = build_graph(formula, {k: np.array(v) for k, v in values.items()})
        compiler = Compiler(graph)
        for node in [n for n in graph.nodes.values() if n.kind == "Variable"]:
            try:
                text = plain_text(derive(graph, compiler, node.id))
            except ChainRuleError:
                continue
            checked += assert_true_arithmetic(text)
            assert "∂" in text and "rule" in text
    assert checked > 250


def test_the_book_s_cases_read_as_a_textbook_writes_them():
    graph = build_graph("x ** 3", {"x": np.array(-0.5)})
    backward = [f.caption for f in backward_frames(graph, _backward(graph))]
    assert any("3 × (−0.5)^(3 − 1) × 1 = 0.75" in c for c in backward), backward
    graph = build_graph("tanh(x)", {"x": np.array(-1.0)})
    assert any("1 − (−0.7616)²" in c for c in (f.caption for f in backward_frames(graph, _backward(graph))))
    graph = build_graph("cos(x)", {"x": np.array(1.0)})
    graph2 = build_graph("-x", {"x": np.array(1.0)})
    for g in (graph, graph2):
        compiler = _backward(g)
        for caption in (f.caption for f in backward_frames(g, compiler)):
            assert "−-" not in caption and "-−" not in caption


def test_the_chain_rule_writes_each_local_derivative_as_its_gate_s_rule():
    graph = build_graph("x0**2 + x1**2", {"x0": np.array(6.0), "x1": np.array(3.0)})
    text = plain_text(derive(graph, Compiler(graph), _named(graph, "x0")))
    assert "∂pow1/∂x0 = 2·x0 = 2·6 = 12" in text
    graph = build_graph("x * x", {"x": np.array(-3.0)})
    text = plain_text(derive(graph, Compiler(graph), _named(graph, "x")))
    assert "∂y/∂x[a] = x = −3" in text
    latex = as_latex(written_out(graph, Compiler(graph), _named(graph, "x")))
    assert r"\left.\frac{\partial y}{\partial a}\right|_{a = x}" in latex and r"\Big|" not in latex
    assert "= (-6)" not in latex and "&= -6" in latex  # the result is not bracketed
    assert "$" in latex.split(r"\end{align*}")[-1]  # the closing sentence is LaTeX text


def test_a_graph_of_one_variable_explains_itself():
    graph = build_graph("x", {"x": np.array(2.0)})
    text = plain_text(derive(graph, Compiler(graph), _named(graph, "x")))
    assert text.startswith("∂x/∂x = 1") and "x is the output itself" in text and "path" not in text


def test_arrays_are_written_out_in_matrix_form_and_one_element_can_be_asked_for():
    rng = np.random.default_rng(3)
    graph = build_graph("mean_squared_error(sigmoid(x @ W1) @ W2, t)",
                        {"x": rng.random((4, 2)), "W1": rng.random((2, 3)), "W2": rng.random((3, 1)),
                         "t": rng.random((4, 1))})
    compiler = Compiler(graph)
    w1 = _named(graph, "W1")
    text = as_text(written_out(graph, compiler, w1))
    assert "∂y/∂W1 = xᵀ @ ∂y/∂matmul1" in text and "∂y/∂sigmoid1 = ∂y/∂matmul2 @ W2ᵀ" in text
    element = as_text(written_out(graph, compiler, w1, element=(0, 1)))
    gradient = compiler.results[w1].grad[0, 1]
    assert f"∂y/∂W1[0, 1] = {float(f'{gradient:.4g}'):g}"[:18] in element.replace("−", "-")
    assert r"\odot" in as_latex(written_out(graph, compiler, w1))


def test_forward_mode_names_what_it_shows_for_arrays_and_counts_numbers():
    graph = build_graph("x @ W", {"x": np.array([1.0, 1.0]), "W": np.array([[1.0, 2.0], [3.0, 4.0]])})
    compiler = _backward(graph)
    x = _named(graph, "x")
    text = forward_summary(graph, compiler, forward_mode(graph, compiler, x), compiler.default_output())
    assert "as Backward gives" not in text and "along v = (1, 1)" in text
    assert passes(graph, compiler, compiler.default_output()) == (6, 2)  # x: 2 numbers, W: 4; y: 2
    graph = build_graph("sum(x * x)", {"x": np.array([1.0, 2.0, 3.0])})
    compiler = _backward(graph)
    text = forward_summary(graph, compiler, forward_mode(graph, compiler, _named(graph, "x")),
                           compiler.default_output())
    assert "as Backward gives" not in text and "[2 4 6]" in text and "3 here" in text
    graph = build_graph("x0 * 2", {"x0": np.array(6.0)})
    graph.add_node("Variable", {"name": "lonely", "value": np.array([1.0, 2.0])})  # wired to nothing
    graph.output = _named(graph, "x0") and next(n for n, d in graph.nodes.items() if d.kind == "Mul")
    compiler = _backward(graph)
    assert passes(graph, compiler, graph.output) == (1, 1)


def test_special_values_are_said_in_words():
    from nodeeditor.model.special_values import gradient_note, value_note

    graph = build_graph("sqrt(x)", {"x": np.array(0.0)})
    compiler = _backward(graph)
    node = next(n for n, d in graph.nodes.items() if d.kind == "Sqrt")
    note = gradient_note(graph, compiler.results, node)
    assert "inf" in note and "1/(2·√x)" in note
    assert any(note in f.caption for f in backward_frames(graph, compiler))
    graph = build_graph("x ** 0", {"x": np.array(0.0)})
    compiler = _backward(graph)
    node = next(n for n, d in graph.nodes.items() if d.kind == "Pow")
    assert "convention" in value_note(graph, compiler.results, node)
    assert "convention" in gradient_note(graph, compiler.results, node)


@pytest.mark.parametrize(("formula", "c"), [("x ** (1/3)", 1 / 3), ("x ** -(1/2)", -0.5), ("x ** (2 - 1/2)", 1.5)])
def test_an_exponent_made_of_numbers_is_worked_out(formula, c):
    graph = build_graph(formula)
    assert float(next(n for n in graph.nodes.values() if n.kind == "Pow").params["c"]) == pytest.approx(c)


def test_an_exponent_that_is_a_node_says_the_way_that_works():
    with pytest.raises(ExpressionError, match=r"exp\(n \* log\(x\)\)"):
        build_graph("x ** n")


def test_the_gradient_s_own_graph_goes_through_functions_made_of_nodes():
    from nodeeditor.lessons.gradient_graph import gradient_graph
    from nodeeditor.session import Session

    session = Session()
    session.build_formula("sigmoid(w * x + b) * x")
    graph = session.graph
    session.make_function([n for n, d in graph.nodes.items() if d.kind in ("Sigmoid", "Add")], "Neuron")
    w = _named(graph, "w")
    derived = gradient_graph(graph, session.compiler.default_output(), w)
    compiler = Compiler(derived)
    session.compiler.backward()
    assert float(compiler.result(compiler.default_output()).value) == pytest.approx(
        float(session.compiler.results[w].grad), rel=1e-12)


def test_shape_errors_are_in_words_not_numpy_s():
    import engine

    for call in (lambda: engine.sum_to(engine.Variable(np.ones((4, 5))), (10,)),
                 lambda: engine.transpose(engine.Variable(np.ones((2, 3, 4))), (1, 0))):
        with pytest.raises(ValueError) as error:
            call()
        assert "cannot reshape" not in str(error.value) and "don't match" not in str(error.value)


def test_the_array_refusal_names_the_same_node_every_time():
    from nodeeditor.lessons.chain_rule import ArraysOnThePath

    graph = build_graph("mean_squared_error(x @ W + b, t)", {"x": np.ones((3, 1)), "W": np.ones((1, 1)),
                                                               "b": np.ones(1), "t": np.ones((3, 1))})
    messages = set()
    for _ in range(5):
        with pytest.raises(ArraysOnThePath) as error:
            derive(graph, Compiler(graph), _named(graph, "W"))
        messages.add(str(error.value))
    assert len(messages) == 1


def _backward(graph) -> Compiler:
    compiler = Compiler(graph)
    compiler.backward()
    return compiler


def _named(graph, name: str) -> str:
    return next(n for n, d in graph.nodes.items() if d.params.get("name") == name)


def test_the_kinds_the_sentences_cover_are_every_elementwise_kind():
    covered = {"Exp", "Log", "Sin", "Cos", "Tanh", "Square", "Sqrt", "ReLU", "Sigmoid", "Neg", "Pow", "Add", "Sub",
               "Mul", "Div"}
    assert covered == {name for name, kind in KINDS.items() if kind.elementwise}


def test_the_second_derivative_of_a_matrix_is_each_element_s_own():
    """∂²y/∂W[i,j]², element by element (the Hessian's diagonal), as finite differences give
    it; not the Hessian's row sums, which the label would misname."""
    from nodeeditor.lessons.study import second_derivative

    rng = np.random.default_rng(0)
    graph = build_graph("mean_squared_error(sigmoid(x @ W1) @ W2, t)",
                        {"x": rng.random((5, 2)), "W1": rng.random((2, 3)), "W2": rng.random((3, 1)),
                         "t": rng.random((5, 1))})
    compiler = Compiler(graph)
    root = compiler.backward()
    w1 = _named(graph, "W1")
    diagonal = second_derivative(compiler, w1, root)
    base = np.array(graph.nodes[w1].params["value"])

    def loss(value):
        graph.set_param(w1, "value", value)
        return float(compiler.result(root).value)

    middle, eps = loss(base), 1e-4
    for index in np.ndindex(base.shape):
        up, down = base.copy(), base.copy()
        up[index] += eps
        down[index] -= eps
        assert diagonal[index] == pytest.approx((loss(up) - 2 * middle + loss(down)) / eps ** 2, abs=1e-6)
    graph.set_param(w1, "value", base)
