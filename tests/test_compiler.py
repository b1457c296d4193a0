"""The compiler: values and gradients equal the engine's, errors are results, and only
what depends on a change is recomputed."""
import numpy as np
import pytest

import engine
from nodeeditor.app.resources import example_paths
from nodeeditor.compiler import BackwardError, Compiler
from nodeeditor.model import Graph, load_graph
from tests.helpers import sphere_graph

FORMULAS = {
    "1-add": lambda x0, x1: x0 + x1,
    "2-mul": lambda x0, x1: x0 * x1,
    "3-add-and-mul": lambda x0, x1, x: (x0 + x1) * x,
    "4-sphere": lambda x0, x1: x0**2 + x1**2,
    "5-matyas": lambda x, y: 0.26 * (x**2 + y**2) - 0.48 * x * y,
    "6-goldstein-price": lambda x, y: (
        (1 + (x + y + 1) ** 2 * (19 - 14 * x + 3 * x**2 - 14 * y + 6 * x * y + 3 * y**2))
        * (30 + (2 * x - 3 * y) ** 2 * (18 - 32 * x + 12 * x**2 + 48 * y - 36 * x * y + 27 * y**2))),
    "7-rosenbrock": lambda x0, x1: 100 * (x1 - x0**2) ** 2 + (1 - x0) ** 2,
    "8-sigmoid-neuron": lambda w0, x0, w1, x1, w2: engine.sigmoid(w0 * x0 + w1 * x1 + w2),
    "9-neuron-from-parts": lambda w0, x0, w1, x1, w2: 1 / (1 + engine.exp(-(w0 * x0 + w1 * x1 + w2))),
    "10-sin-taylor": lambda x: engine.sin(x) - (x - x**3 / 6 + x**5 / 120 - x**7 / 5040),
    "11-newton": lambda x: x**4 - 2 * x**2,
    "12-linear-regression": lambda W, b: engine.mean_squared_error(REGRESSION_X @ W + b, REGRESSION_T),
    "13-xor": lambda w1_11, w1_21, b1_1, w1_12, w1_22, b1_2, w2_11, w2_21, b2_1: engine.mean_squared_error(
        engine.sigmoid(engine.sigmoid(XOR_X1 * w1_11 + XOR_X2 * w1_21 + b1_1) * w2_11
                       + engine.sigmoid(XOR_X1 * w1_12 + XOR_X2 * w1_22 + b1_2) * w2_21 + b2_1), XOR_T),
}
XOR_X1, XOR_X2, XOR_T = np.array([0.0, 0, 1, 1]), np.array([0.0, 1, 0, 1]), np.array([0.0, 1, 1, 0])
_rng = np.random.default_rng(0)  # the data scripts/make_examples.py writes into 12-linear-regression
REGRESSION_X = _rng.random((100, 1))
REGRESSION_T = 5 + 2 * REGRESSION_X + _rng.random((100, 1))
NEURON_GRADS = {"w0": -0.19661193324148185, "x0": 0.3932238664829637, "w1": -0.3932238664829637,
                "x1": -0.5898357997244456, "w2": 0.19661193324148185}
EXPECTED = {
    "1-add": (9.0, {"x0": 1.0, "x1": 1.0}),
    "2-mul": (18.0, {"x0": 3.0, "x1": 6.0}),
    "3-add-and-mul": (18.0, {"x": 9.0, "x0": 2.0, "x1": 2.0}),
    "4-sphere": (45.0, {"x0": 12.0, "x1": 6.0}),
    "5-matyas": (0.04, {"x": 0.04, "y": 0.04}),
    "6-goldstein-price": (1876.0, {"x": -5376.0, "y": 8064.0}),
    "7-rosenbrock": (401.0, {"x0": -2.0, "x1": 400.0}),
    "8-sigmoid-neuron": (0.7310585786300049, NEURON_GRADS),
    "9-neuron-from-parts": (0.7310585786300049, NEURON_GRADS),  # the same neuron, the same gradients
    "10-sin-taylor": (3.116113693746314e-07, {"x": 3.566363701912323e-06}),
    "11-newton": (8.0, {"x": 24.0}),
    "12-linear-regression": (44.47028716104052, {"W": -7.679518392004599, "b": -13.255100642864738}),
    "13-xor": (0.27807772092799565, {"w1_11": 0.02254680974551723, "w1_21": 0.009319955274692154,
                                     "b1_1": 0.01567628520194847, "w1_12": -0.010167343618181193,
                                     "w1_22": -0.010660222124743046, "b1_2": -0.014893183859869277,
                                     "w2_11": -0.05214720616986378, "w2_21": -0.030603993091711287,
                                     "b2_1": -0.06244858455761404}),
}


def scalar(array) -> float:
    """The one number of a size-1 array of any shape."""
    return float(np.asarray(array).reshape(()))


def variables(graph):
    return {n.params["name"]: n.id for n in graph.nodes.values() if n.kind == "Variable"}


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_examples_match_the_engine_called_directly(path):
    graph = load_graph(path)
    compiler = Compiler(graph)
    root = compiler.backward()
    names = variables(graph)
    inputs = {name: engine.Variable(graph.nodes[i].params["value"].copy()) for name, i in names.items()}
    y = FORMULAS[path.stem](**inputs)
    y.backward()
    value, grads = EXPECTED[path.stem]
    assert scalar(compiler.results[root].value) == pytest.approx(value)
    assert scalar(compiler.results[root].value) == pytest.approx(scalar(y.data), rel=1e-12)
    for name, node_id in names.items():
        assert scalar(compiler.results[node_id].grad) == pytest.approx(grads[name])
        assert scalar(compiler.results[node_id].grad) == pytest.approx(scalar(inputs[name].grad), rel=1e-12)


def test_per_wire_gradients_and_step_order():
    g = sphere_graph()
    c = Compiler(g)
    c.backward()
    assert float(c.results["y"].grad) == 1.0
    assert {p: float(v) for p, v in c.results["y"].input_grads.items()} == {"a": 1.0, "b": 1.0}
    assert float(c.results["p0"].input_grads["a"]) == 12.0
    assert float(c.results["p1"].input_grads["a"]) == 6.0
    assert [s.node_id for s in c.steps][0] == "y"
    assert sorted(s.node_id for s in c.steps) == ["p0", "p1", "y"]


def test_a_variable_used_twice_sums_its_contributions():
    g = Graph()
    g.add_node("Variable", {"name": "x", "value": np.array(3.0)}, node_id="x")
    g.add_node("Mul", node_id="m")
    g.connect("x", "y", "m", "a")
    g.connect("x", "y", "m", "b")
    c = Compiler(g)
    c.backward()
    assert float(c.results["m"].value) == 9.0
    assert float(c.results["x"].grad) == 6.0
    assert float(c.results["m"].input_grads["a"]) == 3.0


def test_missing_input_is_an_error_on_the_node_and_downstream_waits():
    g = sphere_graph()
    g.disconnect(g.input_edges("p1")["a"])
    c = Compiler(g)
    c.evaluate()
    assert c.results["p1"].error == "Power needs 1 input; 0 are connected"
    assert c.results["p1"].value is None
    assert "Waiting for input b" in c.results["y"].error
    with pytest.raises(BackwardError, match="fix"):
        c.backward()
    g2 = Graph()
    g2.add_node("Variable", node_id="a")
    g2.add_node("Mul", node_id="m")
    g2.connect("a", "y", "m", "a")
    c2 = Compiler(g2)
    assert c2.result("m").error == "Multiply needs 2 inputs; 1 is connected"


def test_division_by_zero_is_a_result_not_an_exception():
    g = Graph()
    g.add_node("Variable", {"name": "a", "value": np.array(1.0)}, node_id="a")
    g.add_node("Variable", {"name": "b", "value": np.array(0.0)}, node_id="b")
    g.add_node("Div", node_id="d")
    g.connect("a", "y", "d", "a")
    g.connect("b", "y", "d", "b")
    c = Compiler(g)
    result = c.result("d")
    assert np.isinf(result.value) and "Division by zero" in result.error
    g.set_param("a", "value", np.array(0.0))
    result = c.result("d")
    assert np.isnan(result.value) and "Invalid" in result.error
    g.set_param("b", "value", np.array(2.0))
    assert c.result("d").error is None and float(c.result("d").value) == 0.0


def test_overflow_and_shape_errors():
    g = Graph()
    g.add_node("Variable", {"name": "a", "value": np.array(1e200)}, node_id="a")
    g.add_node("Pow", {"c": 3.0}, node_id="p")
    g.connect("a", "y", "p", "a")
    c = Compiler(g)
    assert "Overflow" in c.result("p").error
    g.add_node("Variable", {"name": "u", "value": np.array([1.0, 2.0])}, node_id="u")
    g.add_node("Variable", {"name": "v", "value": np.array([1.0, 2.0, 3.0])}, node_id="v")
    g.add_node("Add", node_id="s")
    g.connect("u", "y", "s", "a")
    g.connect("v", "y", "s", "b")
    assert c.result("s").error == ("Add cannot combine a (2,) with b (3,): counting from the right, their lengths "
                                   "2 and 3 differ and neither is 1")


def test_backward_start_is_clear():
    g = sphere_graph()
    g.add_node("Neg", node_id="n")
    g.connect("x0", "y", "n", "a")
    c = Compiler(g)
    with pytest.raises(BackwardError, match="2 ends .* Set as Output"):
        c.backward()
    assert c.backward("n") == "n"
    assert float(c.results["x0"].grad) == -1.0
    with pytest.raises(BackwardError, match="nothing to differentiate"):
        Compiler(Graph()).backward()


def test_any_edit_clears_gradients():
    g = sphere_graph()
    c = Compiler(g)
    c.backward()
    assert c.results["x0"].grad is not None
    g.set_param("x1", "value", np.array(4.0))
    assert c.results["x0"].grad is None and c.steps == [] and c.gradient_root is None
    c.backward()
    g.move_node("x0", (5, 5))
    assert c.results["x0"].grad is not None  # moving a node changes no number


def test_only_downstream_is_recomputed():
    g = sphere_graph()
    c = Compiler(g)
    c.evaluate()
    assert c.evaluations == 5
    g.set_param("x1", "value", np.array(4.0))
    assert c.evaluate() == {"x1", "p1", "y"}
    assert c.evaluations == 8
    assert float(c.results["y"].value) == 52.0
    g.move_node("p0", (1, 1))
    assert c.evaluate() == set()
    g.set_param("p0", "c", 3.0)
    assert c.evaluate() == {"p0", "y"}
    assert float(c.results["y"].value) == 216.0 + 16.0


def test_an_undone_delete_takes_back_what_was_computed_unless_something_upstream_changed():
    from nodeeditor.session import RemoveNodes
    g = sphere_graph()
    c = Compiler(g)
    c.backward()
    y = c.variable("y")
    delete = RemoveNodes(g, ["p1", "y"])
    delete.redo()
    c.evaluate()
    before = c.evaluations
    delete.undo()
    assert c.evaluate() == {"p1", "y"}
    assert c.evaluations == before  # nothing computed again: the same Variables are back
    assert c.variable("y") is y and float(c.results["y"].value) == 45.0
    assert c.results["y"].grad is None  # a changed graph shows no old gradient
    assert c.backward() == "y" and float(c.results["x1"].grad) == 6.0

    delete.redo()
    g.set_param("x1", "value", np.array(4.0))  # what p1 read is a new Variable now
    delete.undo()
    c.evaluate()
    assert c.evaluations == before + 3  # x1, p1 and y
    assert c.variable("y") is not y and float(c.results["y"].value) == 52.0

    delete.redo()
    c.evaluate()
    g.set_param("x1", "value", np.array(4.0))  # an equal number, but a new value: computed
    delete.undo()
    c.evaluate()
    assert c.evaluations == before + 6 and float(c.results["y"].value) == 52.0
    c.backward()
    assert float(c.results["x1"].grad) == 8.0


def test_a_node_put_back_with_other_parameters_is_computed_again():
    from nodeeditor.session import RemoveNodes
    g = sphere_graph()
    c = Compiler(g)
    c.evaluate()
    delete = RemoveNodes(g, ["p0"])
    delete.redo()
    delete.nodes[0]["params"]["c"] = 3.0  # as if the node came back changed
    delete.undo()
    assert float(c.result("y").value) == 216.0 + 9.0


def test_removing_a_node_leaves_its_consumers_with_an_error():
    g = sphere_graph()
    c = Compiler(g)
    c.evaluate()
    g.remove_node("p0")
    c.evaluate()
    assert "p0" not in c.results
    assert "needs 2 inputs" in c.results["y"].error


def test_backward_kept_adds_the_variables_gradients_and_an_edit_clears_them():
    from nodeeditor.session import Session
    from tests.conftest import ROOT

    session = Session()
    session.load(ROOT / "resources" / "examples" / "4-sphere.graph")
    compiler = session.compiler
    compiler.backward(keep=True)
    compiler.backward(keep=True)
    compiler.backward(keep=True)
    assert float(compiler.results["n1"].grad) == 36.0 and compiler.backward_runs == 3
    assert float(compiler.results["n2"].grad) == 1.0  # an intermediate's gradient is not kept, as in the engine
    session.set_param("n1", "value", np.array(6.0))
    compiler.backward(keep=True)
    assert float(compiler.results["n1"].grad) == 12.0 and compiler.backward_runs == 1
