"""Every operation's gradient agrees with the central-difference numerical gradient."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import engine
from engine import Variable, gradient_check, numerical_diff

shapes = st.sampled_from([(), (1,), (3,), (2, 3), (3, 1), (1, 3), (2, 1, 3)])
values = st.floats(min_value=-3.0, max_value=3.0, allow_nan=False)
positive = st.floats(min_value=0.5, max_value=3.0)


def pair_shapes():
    """Two shapes that broadcast together: equal, or one stretched."""
    return shapes.flatmap(lambda s: st.tuples(st.just(s), st.sampled_from(_broadcastable(s))))


def _broadcastable(shape):
    out = [shape, ()]
    if shape:
        out.append(shape[-1:])
        out.append(shape[:-1] + (1,))
    return out


def arrays(shape, elements=values):
    return hnp.arrays(np.float64, shape, elements=elements)


@settings(max_examples=40, deadline=None)
@given(data=st.data(), op=st.sampled_from([engine.add, engine.sub, engine.mul]), swap=st.booleans())
def test_binary_ops(data, op, swap):
    s0, s1 = data.draw(pair_shapes())
    if swap:
        s0, s1 = s1, s0
    x0 = Variable(data.draw(arrays(s0)))
    x1 = Variable(data.draw(arrays(s1)))
    assert gradient_check(op, x0, x1)
    assert x0.grad.shape == s0 and x1.grad.shape == s1


@settings(max_examples=40, deadline=None)
@given(data=st.data(), swap=st.booleans())
def test_div(data, swap):
    s0, s1 = data.draw(pair_shapes())
    if swap:
        s0, s1 = s1, s0
    x0 = Variable(data.draw(arrays(s0)))
    x1 = Variable(np.asarray(data.draw(arrays(s1, positive)) * data.draw(st.sampled_from([1.0, -1.0]))))
    assert gradient_check(engine.div, x0, x1, rtol=1e-3)


@settings(max_examples=40, deadline=None)
@given(data=st.data(), c=st.sampled_from([-2, -1, 0.5, 1, 2, 3, 2.5]))
def test_pow(data, c):
    x = Variable(data.draw(arrays(data.draw(shapes), positive)))
    assert gradient_check(lambda v: v**c, x, rtol=1e-3)


@settings(max_examples=20, deadline=None)
@given(data=st.data())
def test_neg_and_composites(data):
    shape = data.draw(shapes)
    x = Variable(data.draw(arrays(shape)))
    y = Variable(data.draw(arrays(shape, positive)))
    assert gradient_check(engine.neg, x)
    assert gradient_check(lambda a, b: (a * b - a) / (b + 1) + a**2, x, y, rtol=1e-3)


def test_numerical_diff_of_sphere():
    x0, x1 = Variable(np.array(6.0)), Variable(np.array(3.0))
    g0, g1 = numerical_diff(lambda a, b: a**2 + b**2, x0, x1)
    assert g0 == pytest.approx(12.0) and g1 == pytest.approx(6.0)
    assert float(x0.data) == 6.0


def test_gradient_check_notices_a_wrong_backward():
    class BadSquare(engine.Function):
        def forward(self, x):
            return x**2

        def backward(self, gy):
            return gy * self.inputs[0].data  # should be 2x

    assert not gradient_check(lambda v: BadSquare()(v), Variable(np.array(3.0)))


def test_no_grad_on_another_thread_leaves_this_threads_graph_alone():
    """A panel sampling under no_grad on a thread while the window builds a graph: the
    window's graph keeps its creators, so Backward still gives the right gradient."""
    import threading

    inside, go_on = threading.Event(), threading.Event()

    def sample() -> None:
        with engine.no_grad():
            inside.set()
            go_on.wait(5)

    worker = threading.Thread(target=sample)
    worker.start()
    assert inside.wait(5)
    try:
        assert engine.Config.enable_backprop  # this thread's switch is untouched
        x = engine.Variable(np.array(3.0))
        y = x * x
        assert y.creator is not None
        y.backward()
        assert float(np.asarray(x.grad.data)) == 6.0
    finally:
        go_on.set()
        worker.join()
    with engine.no_grad():
        assert not engine.Config.enable_backprop
    assert engine.Config.enable_backprop
