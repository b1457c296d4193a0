"""The plot's curve: the same numbers whether the samples go through one by one or all
at once, only the nodes between the Variable and the output recomputed, and a big
graph's curve sampled on a thread while the window answers."""
from __future__ import annotations

import numpy as np
import pytest

from nodeeditor.compiler import Compiler
from nodeeditor.lessons.curve import CurveCancelled, CurveJob
from nodeeditor.lessons.study import fresh_values
from nodeeditor.model import Graph
from nodeeditor.model.expression import build_graph


def _job(formula: str, values: dict, wrt: str) -> tuple[Graph, Compiler, CurveJob]:
    graph = build_graph(formula, {k: np.array(v) for k, v in values.items()})
    compiler = Compiler(graph)
    compiler.evaluate()
    var = next(n.id for n in graph.nodes.values() if n.params.get("name") == wrt)
    return graph, compiler, CurveJob(graph, compiler, var, compiler.default_output())


@pytest.mark.parametrize("formula", ["x0**2 + x1**2", "sin(x0) * exp(-x1) / (x0 + 3)",
                                     "sigmoid(x0 * x1 + 1) - tanh(x0)"])
def test_curve_matches_one_forward_pass_per_sample(formula):
    graph, compiler, job = _job(formula, {"x0": 0.7, "x1": 1.5}, "x0")
    assert job.vectorized
    curve = job.run()
    root = compiler.default_output()
    for x, y in zip(curve.xs[::10], curve.ys[::10], strict=True):
        assert y == pytest.approx(float(fresh_values(graph, root, {job.var_id: np.array(x)})[root].data), rel=1e-12)
    assert (curve.x0, curve.y0) == (0.7, float(compiler.results[root].value))


def test_curve_of_an_array_graph_goes_one_sample_at_a_time_with_the_same_numbers():
    graph, compiler, job = _job("sum(x0 * v)", {"x0": 2.0, "v": [1.0, 2.0, 3.0]}, "x0")
    assert not job.vectorized  # v is an array: a vector of samples would mix with it
    curve = job.run()
    assert curve.ys == pytest.approx(curve.xs * 6.0)
    assert curve.slope == pytest.approx(6.0)


def test_curve_recomputes_only_the_nodes_between_the_variable_and_the_output():
    graph, compiler, job = _job("(x0 * 2) + sin(x1 * x1 * x1)", {"x0": 1.0, "x1": 0.5}, "x0")
    assert len(job.steps) == 2  # x0·2 and the sum; the x1 side keeps its value


def test_a_cancelled_curve_stops():
    graph, compiler, job = _job("x0 * x0", {"x0": 1.0}, "x0")
    job.cancel.set()
    with pytest.raises(CurveCancelled):
        job.run()
