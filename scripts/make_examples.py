"""Writes resources/examples/*.graph from their formulas (run again after a format change)."""
from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nodeeditor.compiler import Compiler  # noqa: E402
from nodeeditor.model import Graph, save_graph  # noqa: E402
from nodeeditor.model.expression import build_graph  # noqa: E402
from nodeeditor.model.layout import apply_layout  # noqa: E402
from nodeeditor.model.network import NetworkSpec, build_network  # noqa: E402
from nodeeditor.session.descent import suggest_rate  # noqa: E402

FIRST_RATE = 0.1

NEURON = {"w0": 2, "x0": -1, "w1": -3, "x1": -2, "w2": -3}

EXAMPLES = [
    ("1-add", "x0 + x1", {"x0": 6, "x1": 3},
     "The seed's additional node: y = x0 + x1 = 9. Add passes the gradient 1 to both inputs."),
    ("2-mul", "x0 * x1", {"x0": 6, "x1": 3},
     "The seed's multiplicated node: y = x0 × x1 = 18. Each input gets the other input's value: 3 and 6."),
    ("3-add-and-mul", "(x0 + x1) * x", {"x0": 6, "x1": 3, "x": 2},
     "The seed's add and mul: y = (x0 + x1) × x = 18. x gets 9; x0 and x1 get 2."),
    ("4-sphere", "x0**2 + x1**2", {"x0": 6, "x1": 3},
     "The seed's sphere function: y = x0² + x1² = 45, with gradients 12 and 6."),
    ("5-matyas", "0.26 * (x**2 + y**2) - 0.48 * x * y", {"x": 1, "y": 1},
     "Matyas function: 0.04 at (1, 1), gradients 0.04 and 0.04."),
    ("6-goldstein-price",
     "(1 + (x + y + 1)**2 * (19 - 14*x + 3*x**2 - 14*y + 6*x*y + 3*y**2))"
     " * (30 + (2*x - 3*y)**2 * (18 - 32*x + 12*x**2 + 48*y - 36*x*y + 27*y**2))",
     {"x": 1, "y": 1},
     "Goldstein-Price function: 1876 at (1, 1), gradients -5376 and 8064."),
    ("7-rosenbrock", "100 * (x1 - x0**2)**2 + (1 - x0)**2", {"x0": 0, "x1": 2},
     "Rosenbrock function: 401 at (0, 2), gradients -2 and 400; its minimum is at (1, 1)."),
    ("8-sigmoid-neuron", "sigmoid(w0*x0 + w1*x1 + w2)", NEURON,
     "A neuron: the sigmoid of w0·x0 + w1·x1 + w2 = 1, which is 0.7311 (CS231n's circuit). Its gradients: "
     "w0 -0.1966, x0 0.3932, w1 -0.3932, x1 -0.5898, w2 0.1966. Open 9-neuron-from-parts to see the same "
     "numbers come out of exp, add and divide."),
    ("9-neuron-from-parts", "1 / (1 + exp(-(w0*x0 + w1*x1 + w2)))", NEURON,
     "The same neuron with the sigmoid built from parts: 1 / (1 + exp(−s)). Backward gives the same gradients "
     "as 8-sigmoid-neuron; step through it (F7) to see how. Then select Negate, Exp, the Constants, Add and "
     "Divide and choose Graph → Make Function: the parts become one node of your own."),
    ("10-sin-taylor", "sin(x) - (x - x**3/6 + x**5/120 - x**7/5040)", {"x": math.pi / 4},
     "sin(x) against its Taylor series x − x³/3! + x⁵/5! − x⁷/7! at x = π/4: both are 0.7071, so their "
     "difference y is tiny (about 3e-7), and so is its gradient: cos(x) and the series' derivative agree too. "
     "Change x to 2 or 3 and watch the difference grow."),
    ("11-newton", "x**4 - 2*x**2", {"x": 2},
     "The book's Newton's method: y = x⁴ − 2x², minimum at x = 1. Press Backward, select x: the Inspector shows "
     "∂y/∂x = 24 and the second derivative 44. Newton's step is x − 24/44 = 1.4545; type it as x's value and "
     "repeat: 1.1510, 1.0253, 1.0009, 1.0000."),
]


def main() -> None:
    folder = ROOT / "resources" / "examples"
    folder.mkdir(parents=True, exist_ok=True)
    for stem, formula, values, description in EXAMPLES:
        graph = build_graph(formula, values)
        graph.description = f"{description}\n\nFormula: {formula}"
        root = Compiler(graph).default_output()
        start = {n.id: n.params["value"] for n in graph.nodes.values() if n.kind == "Variable"}
        graph.learning_rate = suggest_rate(graph, root, start, FIRST_RATE * 2) or FIRST_RATE
        save_graph(graph, folder / f"{stem}.graph")
        print(f"wrote {stem}.graph ({len(graph.nodes)} nodes)")
    graph = linear_regression()
    save_graph(graph, folder / "12-linear-regression.graph")
    print(f"wrote 12-linear-regression.graph ({len(graph.nodes)} nodes)")
    # XOR: a 2-2-1 sigmoid network, as Graph → New Network… builds it, trained in the descent lab
    graph = build_network(NetworkSpec((2, 2, 1)))
    save_graph(graph, folder / "13-xor.graph")
    print(f"wrote 13-xor.graph ({len(graph.nodes)} nodes)")


def linear_regression() -> Graph:
    """The book's step 42: 100 points near y = 5 + 2x; W and b start at 0 and the
    gradient-descent panel fits them (lr 0.1). The data are Constants: descent leaves them."""
    rng = np.random.default_rng(0)
    x = rng.random((100, 1))
    t = 5 + 2 * x + rng.random((100, 1))
    graph = Graph()
    data_x = graph.add_node("Constant", {"label": "x", "value": x}).id
    data_t = graph.add_node("Constant", {"label": "t", "value": t}).id
    weight = graph.add_node("Variable", {"name": "W", "value": np.zeros((1, 1))}).id
    bias = graph.add_node("Variable", {"name": "b", "value": np.zeros(1)}).id
    product = graph.add_node("MatMul").id
    prediction = graph.add_node("Add").id
    loss = graph.add_node("MeanSquaredError").id
    for src, dst, port in [(data_x, product, "a"), (weight, product, "b"), (product, prediction, "a"),
                           (bias, prediction, "b"), (prediction, loss, "a"), (data_t, loss, "b")]:
        graph.connect(src, "y", dst, port)
    apply_layout(graph)
    graph.output = loss
    graph.name_output("loss")
    graph.give_names()
    graph.learning_rate = 0.1
    graph.description = (
        "Linear regression, as in the book's step 42: 100 points (x, t) scattered around t = 5 + 2x. The "
        "prediction is x @ W + b; the loss is the mean squared error between prediction and t. W and b start "
        "at 0. Open the Learn tab and run gradient descent (learning rate 0.1, 500 steps): the loss falls "
        "from 44.5 to about 0.08, and W and b reach about 2.2 and 5.4 (the noise lies between 0 and 1, so the "
        "line sits about half a unit above 5 + 2x). x and t are Constants: descent changes only the Variables.")
    return graph


if __name__ == "__main__":
    main()
