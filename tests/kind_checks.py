"""What every kind of the catalog must have, checked from its one entry (no Qt).

``problems(kind)`` lists what a kind lacks: a formula spelling the formula bar builds, an
``elementwise`` flag that says what the kind does (checked by feeding it a matrix and
each of its numbers alone), the engine Function its node records mapping back to it (the
gradient's graph needs it), and a local rule per input. ``tests/test_kinds.py`` asks it of
every kind and of a made-up Softplus lacking each piece in turn, so that it can fail.

The samplers say how to feed each kind (a kind not listed takes numbers in [-2, 2] and
its defaults); tests/test_engine_functions.py samples the engine's functions with them.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

import engine
from nodeeditor.lessons.gradient_graph import GradientGraphError, kind_recording
from nodeeditor.model import Graph
from nodeeditor.model.catalog import GROUPS, KINDS, NodeKind, recorders
from nodeeditor.model.expression import ExpressionError, build_graph

RNG = np.random.default_rng(7)
Sampler = Callable[[], np.ndarray]


def scalar(low: float = -2.0, high: float = 2.0) -> Sampler:
    return lambda: np.array(RNG.uniform(low, high))


def array(*shape: int) -> Sampler:
    return lambda: RNG.uniform(-2, 2, shape)


def away_from_zero() -> Sampler:
    """Numbers on both sides of 0 but not near it (ReLU's kink, a divisor)."""
    return lambda: np.array(RNG.choice([-1, 1]) * RNG.uniform(0.3, 2))


#: How to feed each kind: a sampler per input port, and parameters (kinds not listed
#: take scalars in [-2, 2] and their defaults; add an entry when that does not suit).
SAMPLES: dict[str, tuple[dict[str, Sampler], dict]] = {
    "Div": ({"a": scalar(), "b": away_from_zero()}, {}),
    "Pow": ({"a": scalar(0.5, 2)}, {"c": 3.0}),
    "Log": ({"a": scalar(0.3, 3)}, {}),
    "Sqrt": ({"a": scalar(0.3, 3)}, {}),
    "ReLU": ({"a": away_from_zero()}, {}),
    "Add": ({"a": array(2, 3), "b": array(3)}, {}),  # broadcasting, summed back in backward
    "Sum": ({"a": array(2, 3)}, {"axis": 0, "keepdims": False}),
    "Mean": ({"a": array(2, 3)}, {"axis": 1, "keepdims": True}),
    "BroadcastTo": ({"a": array(3)}, {"shape": (2, 3)}),
    "SumTo": ({"a": array(2, 3)}, {"shape": (1, 3)}),
    "Reshape": ({"a": array(2, 3)}, {"shape": (3, 2)}),
    "Transpose": ({"a": array(2, 3)}, {"axes": (1, 0)}),
    "MatMul": ({"a": array(2, 3), "b": array(3, 2)}, {}),
    "MeanSquaredError": ({"a": array(4, 1), "b": array(4, 1)}, {}),
}
#: The kinds a palette offers; Input and Call are parts of functions made of nodes,
#: whose kinds are built per function (tests/test_functions.py walks those).
PALETTE_KINDS = [name for name, kind in KINDS.items() if kind.group in GROUPS]
OPERATIONS = [name for name in PALETTE_KINDS if not KINDS[name].is_input]


def sample(kind: NodeKind) -> tuple[dict, dict]:
    """Inputs by port and parameters to feed one node of ``kind``."""
    samplers, params = SAMPLES.get(kind.name, ({}, {}))
    inputs = {port: samplers.get(port, scalar())() for port in kind.inputs}
    return inputs, dict(kind.defaults, **params)


def unary_engine_functions() -> dict[str, Callable]:
    """The elementwise kinds of one input and no setting, as engine calls by kind name."""
    return {name: (lambda x, kind=kind: kind.compute([x], kind.defaults)) for name, kind in KINDS.items()
            if kind.elementwise and len(kind.inputs) == 1 and not [p for p in kind.params if p.name != "label"]}


def wired(kind: NodeKind, inputs: dict, params: dict) -> tuple[Graph, str, dict[str, str]]:
    """A graph: one Variable per input port wired into one node of ``kind``."""
    graph = Graph()
    node = graph.add_node(kind.name, params, (300, 0)).id
    variables = {}
    for i, (port, value) in enumerate(inputs.items()):
        variables[port] = graph.add_node("Variable", {"name": f"v_{port}", "value": value}, (0, 120 * i)).id
        graph.connect(variables[port], "y", node, port)
    return graph, node, variables


def formula_text(kind: NodeKind, params: dict) -> str:
    """How the formula bar writes one node of ``kind`` on the Variables v_a, v_b."""
    names = [f"v_{port}" for port in kind.inputs]
    if kind.formula == "**":
        return f"v_a ** {params['c']}"
    if not kind.formula.isidentifier():
        return f"v_a {kind.formula} v_b"
    settings = [f"{p.name}={p.type.code(params[p.name])}" for p in kind.params if p.name != "label"]
    return f"{kind.formula}({', '.join(names + settings)})"


def problems(kind: NodeKind) -> list[str]:
    """What ``kind`` lacks (see the module docstring); empty for a complete kind."""
    found = []
    found += _formula_problems(kind)
    behaves = behaves_elementwise(kind)
    if behaves != kind.elementwise:
        found.append(f"{kind.name}: elementwise={kind.elementwise}, but it "
                     f"{'works' if behaves else 'does not work'} number by number")
    found += _recording_problems(kind)
    if len(kind.rules) != len(kind.inputs):
        found.append(f"{kind.name}: {len(kind.rules)} local rules for {len(kind.inputs)} inputs")
    return found


def _formula_problems(kind: NodeKind) -> list[str]:
    if not kind.formula:
        return [f"{kind.name}: no formula spelling (the formula bar cannot write it)"]
    inputs, params = sample(kind)
    try:
        graph = build_graph(formula_text(kind, params), {f"v_{port}": v for port, v in inputs.items()})
    except ExpressionError as exc:
        return [f"{kind.name}: the formula bar does not build {kind.formula!r}: {exc}"]
    if not any(n.kind == kind.name for n in graph.nodes.values()):
        return [f"{kind.name}: the formula bar builds {kind.formula!r} as another kind"]
    return []


def behaves_elementwise(kind: NodeKind) -> bool:
    """Whether ``kind`` on a 2×3 matrix gives a 2×3 matrix whose every number is what it
    gives for the input numbers at that place alone (inputs in [0.5, 2], defaults)."""
    params = dict(kind.defaults, **SAMPLES.get(kind.name, ({}, {}))[1])
    matrices = [RNG.uniform(0.5, 2, (2, 3)) for _ in kind.inputs]
    try:
        whole = kind.compute([engine.Variable(m) for m in matrices], params).data
    except (ValueError, TypeError):
        return False
    if np.shape(whole) != (2, 3):
        return False
    for index in np.ndindex(2, 3):
        alone = kind.compute([engine.Variable(np.array(m[index])) for m in matrices], params).data
        if np.shape(alone) != () or not np.allclose(alone, whole[index], rtol=1e-12, atol=0):
            return False
    return True


def _recording_problems(kind: NodeKind) -> list[str]:
    inputs, params = sample(kind)
    y = kind.compute([engine.Variable(v) for v in inputs.values()], params)
    try:
        name, read = kind_recording(y.creator, recorders())
    except GradientGraphError:
        return [f"{kind.name}: no kind records the engine's {y.creator.name}, so the gradient's graph "
                f"cannot show it (give the kind records=)"]
    if name != kind.name:
        return [f"{kind.name}: the engine's {y.creator.name} maps back to {name}"]
    wrong = [p for p, v in read.items()
             if kind.param(p).type.to_json(v) != kind.param(p).type.to_json(params[p])]
    return [f"{kind.name}: read_params gives {read}, the node has {params}"] if wrong else []
