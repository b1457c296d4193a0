"""The book's next functions: each backward against a numerical gradient at random
points, higher derivatives against the formulas, array shapes, and the Pow fixes."""
from __future__ import annotations

import numpy as np
import pytest

import engine
from engine import Variable, gradient_check
from nodeeditor.model.catalog import KINDS
from nodeeditor.model.rules import evaluate
from tests.kind_checks import SAMPLES, scalar, unary_engine_functions

RNG = np.random.default_rng(20261202)

#: kind name -> the engine call of each elementwise kind of one input (from the catalog)
ELEMENTWISE = unary_engine_functions()


def sampled(name: str, shape: tuple[int, ...]) -> np.ndarray:
    """Numbers where the kind is smooth, drawn with its sampler in tests/kind_checks.py."""
    draw = SAMPLES.get(name, ({}, {}))[0].get("a", scalar())
    return np.array([draw() for _ in range(int(np.prod(shape)))], dtype=np.float64).reshape(shape)


@pytest.mark.parametrize("name", sorted(ELEMENTWISE))
@pytest.mark.parametrize("shape", [(), (3,), (2, 3)])
def test_elementwise_backward_matches_numerical_gradient(name, shape):
    f = ELEMENTWISE[name]
    for _ in range(3):
        x = Variable(sampled(name, shape))
        assert gradient_check(f, x), (name, x.data)
        assert x.grad.shape == x.data.shape


def first_derivative(name: str, x: float) -> float:
    """The kind's local rule (the catalog's ∂y/∂a), worked out at ``x``."""
    kind = KINDS[name]
    y = ELEMENTWISE[name](Variable(np.array(x))).data
    return float(evaluate(kind.rules[0], {"a": np.array(x), "y": y}))


@pytest.mark.parametrize("name", sorted(ELEMENTWISE))
def test_second_derivative_through_create_graph(name):
    """create_graph=True gives the rule's value, and Backward through it the rule's own
    slope (central differences of the rule, which tests/test_kinds.py checks)."""
    f = ELEMENTWISE[name]
    x0 = float(sampled(name, ()))
    x = Variable(np.array(x0))
    f(x).backward(create_graph=True)
    gx = x.grad
    assert isinstance(gx, Variable)
    assert gx.data == pytest.approx(first_derivative(name, x0))
    h = 1e-5
    second = (first_derivative(name, x0 + h) - first_derivative(name, x0 - h)) / (2 * h)
    x.cleargrad()
    gx.backward()
    if x.grad is None:  # a constant gradient (ReLU's mask): x is not in the gradient's graph
        assert second == pytest.approx(0, abs=1e-9)
        return
    assert isinstance(x.grad, np.ndarray)
    assert x.grad == pytest.approx(second, rel=1e-5, abs=1e-8)


def test_sin_derivatives_cycle_as_in_the_book():
    x = Variable(np.array(1.0))
    engine.sin(x).backward(create_graph=True)
    seen = []
    for _ in range(3):
        gx = x.grad
        x.cleargrad()
        gx.backward(create_graph=True)
        seen.append(float(x.grad.data))
    assert seen == pytest.approx([-np.sin(1), -np.cos(1), np.sin(1)])


def test_newton_method_on_the_books_quartic():
    """Step 33: x <- x - f'(x)/f''(x) on x^4 - 2x^2 from 2 reaches 1 in 7 steps."""
    x = Variable(np.array(2.0))
    iterates = []
    for _ in range(7):
        iterates.append(float(x.data))
        y = x**4 - 2 * x**2
        x.cleargrad()
        y.backward(create_graph=True)
        gx = x.grad
        x.cleargrad()
        gx.backward()
        x.data = x.data - gx.data / x.grad
    assert iterates[:3] == pytest.approx([2.0, 1.4545454545454546, 1.1510467893775467])
    assert float(x.data) == pytest.approx(1.0)


def test_sigmoid_does_not_overflow_for_large_inputs():
    x = Variable(np.array([-1000.0, 0.0, 1000.0]))
    with np.errstate(all="raise"):
        y = engine.sigmoid(x)
        y.backward()
    assert y.data.tolist() == [0.0, 0.5, 1.0]


# arrays -----------------------------------------------------------------------
@pytest.mark.parametrize("axis, keepdims", [(None, False), (0, False), (1, True), ((0, 1), False), (-1, False)])
def test_sum_and_mean_gradients_and_shapes(axis, keepdims):
    data = RNG.normal(size=(2, 3))
    for f in (engine.sum, engine.mean):
        x = Variable(data.copy())
        y = f(x, axis, keepdims)
        assert y.shape == getattr(np, f.__name__)(data, axis=axis, keepdims=keepdims).shape
        assert gradient_check(lambda v, f=f: f(v, axis, keepdims), x)


def test_sum_of_a_missing_axis_is_refused_in_words():
    with pytest.raises(ValueError):
        engine.sum(Variable(np.ones(3)), axis=1)


def test_reshape_transpose_broadcast_sum_to():
    x = Variable(RNG.normal(size=(2, 3)))
    assert gradient_check(lambda v: engine.reshape(v, (3, 2)) * np.arange(6.0).reshape(3, 2), x)
    assert gradient_check(lambda v: engine.transpose(v) * np.arange(6.0).reshape(3, 2), x)
    weights = RNG.normal(size=(4, 2, 3))
    assert gradient_check(lambda v: engine.broadcast_to(v, (4, 2, 3)) * weights, x)
    assert gradient_check(lambda v: engine.sum_to(v, (1, 3)) * np.array([[1.0, 2.0, 3.0]]), x)
    assert x.T.shape == (3, 2) and x.reshape(6).shape == (6,) and x.reshape((3, 2)).shape == (3, 2)


@pytest.mark.parametrize("xs, ws", [((2, 3), (3, 4)), ((3,), (3, 2)), ((2, 3), (3,)), ((3,), (3,))])
def test_matmul_gradients(xs, ws):
    x, w = Variable(RNG.normal(size=xs)), Variable(RNG.normal(size=ws))
    assert gradient_check(engine.matmul, x, w)
    assert x.grad.shape == xs and w.grad.shape == ws
    assert (x @ w).shape == np.matmul(x.data, w.data).shape


def test_matmul_second_derivative_through_create_graph():
    x, w = Variable(RNG.normal(size=(2, 3))), Variable(RNG.normal(size=(3, 2)))
    y = engine.sum(engine.square(x @ w))
    y.backward(create_graph=True)
    gw = x.grad
    x.cleargrad()
    engine.sum(gw).backward()
    # d/dx sum(2 (x@w) w^T) = 2 * ones(2,2) @ (w w^T)... check numerically instead
    expected = engine.numerical_diff(lambda v: engine.sum(2 * (v @ w) @ w.T), x)[0]
    assert np.allclose(x.grad, expected, atol=1e-5)


def test_mean_squared_error_as_in_the_book():
    x0, x1 = Variable(RNG.normal(size=(100, 1))), Variable(RNG.normal(size=(100, 1)))
    y = engine.mean_squared_error(x0, x1)
    assert float(y.data) == pytest.approx(float(np.mean((x0.data - x1.data) ** 2)))
    assert gradient_check(engine.mean_squared_error, x0, x1)


def test_linear_regression_learns_the_books_line():
    """Step 42: y = 5 + 2x + noise, 100 points, lr 0.1: W and b reach the least-squares line."""
    rng = np.random.default_rng(0)
    x = rng.random((100, 1))
    y = 5 + 2 * x + rng.random((100, 1))
    W, b = Variable(np.zeros((1, 1))), Variable(np.zeros(1))
    for _ in range(1000):
        loss = engine.mean_squared_error(x @ W + b, y)
        W.cleargrad()
        b.cleargrad()
        loss.backward()
        W.data = W.data - 0.1 * W.grad
        b.data = b.data - 0.1 * b.grad
    slope, intercept = np.polyfit(x[:, 0], y[:, 0], 1)
    assert float(W.data[0, 0]) == pytest.approx(slope, abs=0.01)
    assert float(b.data[0]) == pytest.approx(intercept, abs=0.01)
    assert slope == pytest.approx(2.0, abs=0.4) and intercept == pytest.approx(5.5, abs=0.3)


# the Pow fixes -----------------------------------------------------------------
def nth_derivative(f, x0: float, n: int) -> float:
    x = Variable(np.array(x0))
    f(x).backward(create_graph=True)
    for _ in range(n - 1):
        gx = x.grad
        x.cleargrad()
        gx.backward(create_graph=True)
    return float(np.asarray(x.grad.data))


def test_pow_at_zero_gives_zero_not_nan_like_pytorch():
    assert nth_derivative(lambda x: x**0, 0.0, 1) == 0.0
    assert nth_derivative(lambda x: x**1, 0.0, 2) == 0.0
    assert nth_derivative(lambda x: x**2, 0.0, 3) == 0.0
    assert nth_derivative(lambda x: x**3, 0.0, 3) == 6.0


def test_an_array_exponent_gives_a_gradient_of_the_inputs_shape():
    x = Variable(np.array(2.0))
    (x ** np.array([1.0, 2.0, 3.0])).backward()
    assert x.grad.shape == ()
    assert float(x.grad) == pytest.approx(1 + 4 + 12)


def test_create_graph_accumulates_like_the_plain_backward():
    x = Variable(np.array(3.0))
    y = x * x
    y.backward(create_graph=True)
    y.backward(create_graph=True)
    assert isinstance(x.grad, Variable) and float(x.grad.data) == 12.0
