"""Writes resources/examples/*.graph from their formulas (run again after a format change)."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nodeeditor.compiler import Compiler  # noqa: E402
from nodeeditor.model import save_graph  # noqa: E402
from nodeeditor.model.expression import build_graph  # noqa: E402
from nodeeditor.session.descent import suggest_rate  # noqa: E402

FIRST_RATE = 0.1

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


if __name__ == "__main__":
    main()
