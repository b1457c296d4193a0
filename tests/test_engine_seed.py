"""The seed lesson's examples and API behave as the lesson prints them."""
import subprocess
import sys
import weakref

import numpy as np
import pytest

import engine
from engine import Config, Variable, as_array, as_variable, no_grad, using_config
from tests.conftest import ROOT

SEED_OUTPUT = """variable(9.0)
1.0
1.0
variable(18.0)
3.0
6.0
variable(18.0)
9.0
2.0
2.0
12.0
6.0
"""


def test_seed_examples_print_what_the_seed_prints(capsys):
    from engine.seed_examples import run_seed_examples

    run_seed_examples()
    assert capsys.readouterr().out == SEED_OUTPUT


def test_sphere_values():
    x0, x1 = Variable(np.array(6.0)), Variable(np.array(3.0))
    y = x0**2 + x1**2
    y.backward()
    assert float(y.data) == 45.0
    assert float(x0.grad) == 12.0 and float(x1.grad) == 6.0
    assert isinstance(x0.grad, np.ndarray)


def test_variable_rejects_non_arrays():
    with pytest.raises(TypeError, match="float"):
        Variable(1.0)
    with pytest.raises(TypeError):
        Variable([1, 2])
    assert Variable(None).data is None
    assert repr(Variable(None)) == "variable(None)"


def test_variable_properties_and_repr():
    x = Variable(np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), name="x")
    assert x.shape == (2, 3) and x.ndim == 2 and x.size == 6 and x.dtype == np.float64
    assert len(x) == 2 and x.name == "x"
    assert repr(x) == "variable([[1. 2. 3.]\n          [4. 5. 6.]])"


def test_integers_are_promoted_so_negative_powers_work():
    x = Variable(np.array(2))
    assert x.dtype == np.float64
    y = x**-1
    assert float(y.data) == 0.5
    y.backward()
    assert float(x.grad) == -0.25


def test_operators_on_both_sides_and_array_priority():
    x = Variable(np.array(2.0))
    for expr, value in [
        (x + 3, 5), (3 + x, 5), (x * 3, 6), (3 * x, 6), (x - 3, -1), (3 - x, 1),
        (x / 4, 0.5), (4 / x, 2), (-x, -2), (x**3, 8),
    ]:
        assert isinstance(expr, Variable)
        assert float(expr.data) == value
    y = np.array([1.0, 2.0]) + x
    assert isinstance(y, Variable)
    np.testing.assert_array_equal(y.data, [3.0, 4.0])


def test_as_array_and_as_variable():
    assert isinstance(as_array(1.5), np.ndarray)
    arr = np.array([1.0])
    assert as_array(arr) is arr
    v = Variable(arr)
    assert as_variable(v) is v
    assert isinstance(as_variable(arr), Variable)


def test_using_config_restores_after_error():
    with pytest.raises(RuntimeError), using_config("enable_backprop", False):
        assert Config.enable_backprop is False
        raise RuntimeError
    assert Config.enable_backprop is True


def test_no_grad_keeps_no_graph():
    x = Variable(np.array(2.0))
    with no_grad():
        y = x * x
    assert y.creator is None
    assert (x * x).creator is not None


def test_diamond_sums_both_paths():
    x = Variable(np.array(3.0))
    a = x**2
    y = a + a * x  # x^2 + x^3 -> 2x + 3x^2 = 33
    y.backward()
    assert float(x.grad) == 33.0


def test_retain_grad_both_ways_and_no_aliasing():
    x = Variable(np.array(3.0))
    y = x + x
    y.backward(retain_grad=True)
    assert float(y.grad) == 1.0 and float(x.grad) == 2.0
    y.grad[...] = 100.0
    assert float(x.grad) == 2.0

    x = Variable(np.array(3.0))
    a = x * 2
    y = a + 1
    y.backward()
    assert y.grad is None and a.grad is None and float(x.grad) == 2.0

    x0, x1 = Variable(np.array(1.0)), Variable(np.array(2.0))
    y = x0 + x1
    y.backward(retain_grad=True)
    assert x0.grad is not x1.grad and x0.grad is not y.grad


def test_gradients_accumulate_until_cleargrad():
    x = Variable(np.array(3.0))
    y = x * x
    y.backward()
    y = x * x
    y.backward()
    assert float(x.grad) == 12.0
    x.cleargrad()
    (x * x).backward()
    assert float(x.grad) == 6.0


def test_backward_on_a_leaf_gives_one():
    x = Variable(np.array([1.0, 2.0]))
    x.backward()
    np.testing.assert_array_equal(x.grad, [1.0, 1.0])


def test_broadcast_gradients_take_each_inputs_shape():
    a = Variable(np.ones((3, 3)))
    b = Variable(np.ones((3, 1)))
    (a + b).backward()
    np.testing.assert_array_equal(b.grad, [[3.0], [3.0], [3.0]])
    assert a.grad.shape == (3, 3)
    for op in (engine.sub, engine.mul, engine.div):
        a, b = Variable(np.full((2, 3), 2.0)), Variable(np.full((3,), 4.0))
        op(a, b).backward()
        assert a.grad.shape == (2, 3) and b.grad.shape == (3,)


def test_higher_order_derivative():
    x = Variable(np.array(2.0))
    y = x**4 - 2 * x**2
    (gx,) = engine.grad(y, [x], create_graph=True)
    assert float(gx.data) == 24.0
    (gxx,) = engine.grad(gx, [x])
    assert float(gxx.data) == 44.0
    assert x.grad is None


def test_higher_order_through_division_and_broadcasting():
    x = Variable(np.array([1.0, 2.0]))
    c = Variable(np.array([[3.0], [4.0]]))
    y = c / x  # d2/dx2 of sum = sum over c of 2c/x^3
    (gx,) = engine.grad(y, [x], create_graph=True)
    assert gx.shape == (2,)
    (gxx,) = engine.grad(gx, [x])
    np.testing.assert_allclose(gxx.data, [14.0, 14.0 / 8])


def test_grad_of_unused_input_is_zero():
    x, z = Variable(np.array(1.0)), Variable(np.array(5.0))
    (gz,) = engine.grad(x * 2, [z])
    assert float(gz.data) == 0.0


def test_observer_sees_each_function_in_order():
    x0, x1 = Variable(np.array(6.0)), Variable(np.array(3.0))
    y = x0**2 + x1**2
    steps = []
    y.backward(observer=steps.append)
    names = [s.function.name for s in steps]
    assert names[0] == "Add" and sorted(names[1:]) == ["Pow", "Pow"]
    add = steps[0]
    assert [float(g) for g in add.output_grads] == [1.0]
    assert [float(g) for g in add.input_grads] == [1.0, 1.0]
    grads_sent = sorted(float(s.input_grads[0]) for s in steps[1:])
    assert grads_sent == [6.0, 12.0]


def test_division_by_zero_is_numpys_business():
    x = Variable(np.array(1.0))
    with np.errstate(divide="ignore"):
        y = x / 0.0
    assert np.isinf(y.data)
    with np.errstate(divide="raise"), pytest.raises(FloatingPointError):
        x / 0.0


def test_outputs_are_freed_without_the_collector():
    import gc

    gc.disable()
    try:
        x = Variable(np.array(1.0))
        y = x * 2 + 1
        ref_y = weakref.ref(y)
        ref_f = weakref.ref(y.creator)
        y.backward()
        del y
        assert ref_y() is None and ref_f() is None
    finally:
        gc.enable()


def test_deep_chain_without_recursion_error():
    x = Variable(np.array(1.0))
    y = x
    for _ in range(100_000):
        y = y + 0.0
    y.backward()
    assert float(x.grad) == 1.0
    del y  # freeing a 100,000-deep chain must not overflow the C stack


def test_wide_sum():
    xs = [Variable(np.array(float(i))) for i in range(100_000)]
    s = xs[0]
    for x in xs[1:]:
        s = s + x
    s.backward()
    assert all(float(x.grad) == 1.0 for x in xs[::997])
    assert float(s.data) == sum(range(100_000))


def test_importing_engine_does_not_import_qt():
    code = "import sys, engine, engine.seed_examples; assert not [m for m in sys.modules if 'PySide' in m]"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_numbers_written_in_code_are_wrapped_but_get_no_stored_gradient():
    x = Variable(np.array(3.0))
    y = x * 2.0
    y.backward()
    constant = y.creator.inputs[1]
    assert float(constant.data) == 2.0 and constant.grad is None
    assert float(x.grad) == 2.0
    steps = []
    (x * 2.0).backward(observer=steps.append)
    assert float(steps[0].input_grads[1]) == 3.0  # still reported to an observer


def test_a_function_with_two_outputs_runs_once_in_backward():
    calls = []

    class Split(engine.Function):
        def forward(self, x):
            return x * 1.0, x * 2.0

        def backward(self, g0, g1):
            calls.append(1)
            return g0 + 2.0 * g1

    x = Variable(np.array(5.0))
    y0, y1 = Split()(x)
    (y0 + y1 * 10.0).backward()
    assert float(x.grad) == 21.0 and len(calls) == 1


def _heap_order(root):
    """The order a heap on (-generation, push counter) visits functions: the reference."""
    import heapq
    import itertools

    tie = itertools.count()
    heap, queued, order = [(-root.creator.generation, next(tie), root.creator)], {root.creator}, []
    reached = {id(root)}
    while heap:
        f = heapq.heappop(heap)[2]
        order.append(f)
        for x in f.inputs:
            if isinstance(x, engine.ImplicitConstant) or id(x) in reached:
                continue
            reached.add(id(x))
            if x.creator is not None and x.creator not in queued:
                queued.add(x.creator)
                heapq.heappush(heap, (-x.creator.generation, next(tie), x.creator))
    return order


def _random_graph(values):
    """A random DAG of every operation over leaves holding ``values`` (same seed: same graph)."""
    import random

    rng = random.Random(3)
    leaves = [Variable(np.array(v)) for v in values]
    nodes = list(leaves)
    for _ in range(300):
        a, b = rng.choice(nodes), rng.choice(nodes[-8:])
        # each stays between the smallest and largest leaf, so nothing overflows
        choices = [(a + b) * 0.5, 2 * a * b / (a + b), a**2 / (a + b), -(a * -1.0), (a - b) * 0.5 + b]
        nodes.append(choices[rng.randrange(len(choices))])
    return nodes[-1], leaves


def test_backward_visits_functions_in_generation_order_first_queued_first():
    values = [0.6, 0.9, 1.1, 1.3, 1.45]
    y, leaves = _random_graph(values)
    steps = []
    y.backward(observer=steps.append)
    assert [s.function for s in steps] == _heap_order(y)
    h = 1e-6
    for i, x in enumerate(leaves):  # and the gradients are right
        up = float(_random_graph(values[:i] + [values[i] + h] + values[i + 1:])[0].data)
        down = float(_random_graph(values[:i] + [values[i] - h] + values[i + 1:])[0].data)
        grad = 0.0 if x.grad is None else float(x.grad)
        assert grad == pytest.approx((up - down) / (2 * h), rel=1e-4, abs=1e-6)


def test_backward_ends_even_when_generations_were_set_by_hand():
    x = Variable(np.array(2.0))
    y = x * 3.0
    z = y + x
    y.creator.generation = 50  # older than its consumer now claims: must not loop forever
    z.backward()
    assert float(x.grad) == 4.0


def _all_variables(root):
    found, stack = {id(root): root}, [root]
    while stack:
        var = stack.pop()
        if var.creator is not None:
            for x in var.creator.inputs:
                if id(x) not in found:
                    found[id(x)] = x
                    stack.append(x)
    return list(found.values())


def test_a_second_backward_without_retain_drops_the_intermediate_grads_of_the_first():
    x = Variable(np.array(3.0))
    a = x * x
    y = a * 2.0 + x
    y.backward(retain_grad=True)
    assert float(a.grad) == 2.0 and float(y.grad) == 1.0
    x.cleargrad()
    y.backward()
    assert a.grad is None and y.grad is None and float(x.grad) == 13.0


def test_no_gradient_is_left_pending_after_backward_grad_or_a_failure():
    x0, x1 = Variable(np.array(2.0)), Variable(np.array(5.0))
    a = x0 * x1
    y = a / x1 - (-a) ** 2 + x0
    for run in (lambda: y.backward(), lambda: y.backward(retain_grad=True),
                lambda: engine.grad(y, [a, x1]), lambda: engine.grad(y, [x0], create_graph=True)):
        run()
        assert all(v.pending is None for v in _all_variables(y))

    class Broken(engine.Function):
        def forward(self, x):
            return x * 1.0

        def backward(self, gy):
            raise RuntimeError("no backward here")

    z = a * Broken()(y + 1.0) + x1  # fails after some functions have sent gradients
    with pytest.raises(RuntimeError, match="no backward here"):
        z.backward()
    assert all(v.pending is None for v in _all_variables(z))
    x0.cleargrad()
    y.backward()
    assert float(x0.grad) == pytest.approx(1.0 - 2 * 2.0 * 25.0 + 1.0)  # 1 - 2a*x1 + 1
