"""Every kind in the catalog, walked through everything derived from its one entry:
palette and Inspector, evaluation, Backward against a numerical gradient at random
points, the forward and backward captions, the exported code (run and compared), the
formula bar, and a save -> load round trip. A new kind that misses any piece fails here.
"""
from __future__ import annotations

import contextlib
import io
import json

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox

import engine
from nodeeditor.app.resources import resource_path
from nodeeditor.compiler import Compiler
from nodeeditor.lessons.codegen import python_code, python_names
from nodeeditor.lessons.replay import backward_frames, forward_frames
from nodeeditor.model import Graph
from nodeeditor.model.catalog import KINDS, NodeKind
from nodeeditor.model.expression import build_graph
from nodeeditor.model.graphfile import dumps_graph, load_schema, parse_graph
from nodeeditor.model.params import ARRAY
from nodeeditor.model.schema_build import SCHEMA_FILE, derive, dumps_schema
from nodeeditor.model.values import format_array
from tests.gui_helpers import drop_from_palette, open_window, type_into, wire
from tests.kind_checks import OPERATIONS, PALETTE_KINDS, formula_text, problems, sample, wired


def numerical_gradient(graph: Graph, compiler: Compiler, node: str, variable: str, eps=1e-6) -> np.ndarray:
    """d sum(node's value) / d variable by central differences, through the compiler."""
    base = np.array(graph.nodes[variable].params["value"], dtype=np.float64)
    grad = np.zeros_like(base)
    for index in np.ndindex(base.shape):
        totals = []
        for step in (eps, -eps):
            probe = base.copy()
            probe[index] += step
            graph.set_param(variable, "value", probe)
            totals.append(float(np.sum(compiler.result(node).value)))
        grad[index] = (totals[0] - totals[1]) / (2 * eps)
    graph.set_param(variable, "value", base)
    return grad


@pytest.mark.parametrize("name", OPERATIONS)
def test_backward_matches_numerical_gradient_at_random_points(name):
    kind = KINDS[name]
    for _ in range(3):
        graph, node, variables = wired(kind, *sample(kind))
        compiler = Compiler(graph)
        assert compiler.result(node).error is None, compiler.result(node).error
        compiler.backward(node)
        for port, variable in variables.items():
            analytic = compiler.results[variable].grad
            expected = numerical_gradient(graph, compiler, node, variable)
            assert analytic.shape == expected.shape, (name, port)
            assert np.allclose(analytic, expected, rtol=1e-5, atol=1e-6), (name, port, analytic, expected)
            compiler.backward(node)


@pytest.mark.parametrize("name", OPERATIONS)
def test_captions_fill_every_template_with_the_numbers(name):
    kind = KINDS[name]
    graph, node, variables = wired(kind, *sample(kind))
    compiler = Compiler(graph)
    (forward,) = [f for f in forward_frames(graph, compiler) if f.active == node]
    assert "{" not in forward.caption and format_array(compiler.result(node).value) in forward.caption
    compiler.backward(node)
    (step,) = [f for f in backward_frames(graph, compiler) if f.active == node and f.flows]
    assert "{" not in step.caption and "}" not in step.caption
    assert kind.name.lower() in step.caption.lower() or kind.title.lower() in step.caption.lower()
    record = next(r for r in compiler.steps if r.node_id == node)
    for port in kind.inputs:
        assert f"{port} (from v_{port})" in step.caption
        assert format_array(record.input_grads[port]) in step.caption, (port, step.caption)


@pytest.mark.parametrize("name", PALETTE_KINDS)
def test_exported_code_runs_and_gives_the_same_numbers(name):
    kind = KINDS[name]
    if kind.is_input:
        graph = Graph()
        node = graph.add_node(name, {"value": np.array([1.5, -2.0])}).id
        variables = {}
    else:
        graph, node, variables = wired(kind, *sample(kind))
    compiler = Compiler(graph)
    code = python_code(graph, compiler)
    namespace: dict = {}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(code, "exported.py", "exec"), namespace)  # noqa: S102 - our own generated code
    names = python_names(graph)
    result = namespace[names[node]]
    assert np.allclose(np.asarray(getattr(result, "data", result)), compiler.result(node).value)
    if variables:
        compiler.backward(node)
        for variable in variables.values():
            assert np.allclose(namespace[names[variable]].grad, compiler.results[variable].grad), code


@pytest.mark.parametrize("name", PALETTE_KINDS)
def test_save_and_load_keep_the_kind_and_its_parameters(name):
    kind = KINDS[name]
    inputs, params = sample(kind)
    graph, node, _ = wired(kind, inputs, params) if not kind.is_input else (Graph(), None, {})
    if node is None:
        node = graph.add_node(name, params).id
    graph.give_names()  # as every way in does: each node has its name
    text = dumps_graph(graph)
    again = parse_graph(text)
    assert again.nodes[node].kind == name
    for p in kind.params:
        assert p.type.to_json(again.nodes[node].params[p.name]) == p.type.to_json(graph.nodes[node].params[p.name])
    assert dumps_graph(again) == text
    value = Compiler(graph).result(node).value
    assert np.allclose(Compiler(again).result(node).value, value)


@pytest.mark.parametrize("name", OPERATIONS)
def test_the_formula_bar_builds_the_kind(name):
    kind = KINDS[name]
    inputs, params = sample(kind)
    graph = build_graph(formula_text(kind, params), {f"v_{port}": v for port, v in inputs.items()})
    (built,) = [n for n in graph.nodes.values() if n.kind == name]
    reference, node, _ = wired(kind, inputs, params)
    assert np.allclose(Compiler(graph).result(built.id).value, Compiler(reference).result(node).value)


@pytest.mark.parametrize("name", OPERATIONS)
def test_every_kind_has_every_piece(name):
    """Its formula spelling, an elementwise flag true to what it does, the engine Function
    its node records mapping back to it, a local rule per input (tests/kind_checks.py)."""
    assert problems(KINDS[name]) == []


def test_every_kind_and_parameter_is_in_the_schema():
    schema = load_schema()
    node = schema["$defs"]["node"]
    assert node["properties"]["kind"]["enum"] == list(KINDS)
    for kind in KINDS.values():
        for p in kind.params:
            assert p.name in node["properties"]


def test_the_shipped_schema_file_is_current():
    shipped = resource_path(SCHEMA_FILE).read_text(encoding="utf-8")
    assert shipped == dumps_schema(derive(json.loads(shipped))), (
        "resources/graph.schema.json is out of date: run .venv/bin/python scripts/make_schema.py")


# the window -------------------------------------------------------------------
@pytest.fixture
def window(qtbot, tmp_path):
    with open_window(qtbot, tmp_path, 1400, 900) as w:
        yield w


def test_every_kind_drops_from_the_palette_is_wired_and_edited_and_shows_its_value(window):
    """As a student: drop the kind, drop a Variable per input and type its value, wire
    them with the mouse, edit the kind's parameters in the Inspector; the node shows the
    engine's value. Then select all and delete, for the next kind."""
    viewport = window.canvas.viewport().rect()
    graph = window.document.graph
    for kind in (KINDS[name] for name in PALETTE_KINDS):
        inputs, params = sample(kind)
        node_id = drop_from_palette(window, kind.name, QPoint(2 * viewport.width() // 3, viewport.height() // 2))
        node = graph.nodes[node_id]
        assert node.kind == kind.name
        item = window.scene.nodes[node_id]
        assert item.header_text() and "{" not in item.header_text()
        for i, (port, value) in enumerate(inputs.items()):
            source = drop_from_palette(window, "Variable", QPoint(viewport.width() // 6,
                                                                  (i + 1) * viewport.height() // (len(inputs) + 1)))
            select(window, source)
            type_into(window.inspector.value_edit, ARRAY.text(value))
            wire(window, source, node_id, port)
            assert graph.input_edges(node_id)[port].src == source, (kind.name, port)
        select(window, node_id)
        edit_parameters(window, kind, node, params)
        if kind.is_input:
            value = np.asarray(node.params["value"])
        else:
            variables = [engine.Variable(np.asarray(graph.nodes[graph.input_edges(node_id)[p].src].params["value"]))
                         for p in kind.inputs]
            value = kind.compute(variables, node.params).data
        assert item.value_label() == format_array(value), kind.name
        window.canvas.setFocus()
        QTest.keyClick(window.canvas, Qt.Key_A, Qt.ControlModifier)
        QTest.keyClick(window.canvas, Qt.Key_Delete)
        assert not graph.nodes


def select(window, node_id: str) -> None:
    window.scene.clearSelection()
    window.scene.nodes[node_id].setSelected(True)


def edit_parameters(window, kind: NodeKind, node, params: dict) -> None:
    """Type (or tick) each parameter of the selected node in the Inspector."""
    inspector = window.inspector
    shown = {name for name, editor in inspector.editors.items() if editor.isVisible()}
    assert shown == {p.name for p in kind.params}, kind.name
    for p in kind.params:
        editor = inspector.editors[p.name]
        if isinstance(editor, QCheckBox):
            before = node.params[p.name]
            QTest.mouseClick(editor, Qt.LeftButton, pos=QPoint(8, editor.height() // 2))
            assert node.params[p.name] == (not before), kind.name
            continue
        wanted = params[p.name] if p.name not in ("name", "label", "value") else p.default
        if p.name in ("name", "label"):  # the node's name: a new one the student chose
            wanted = f"v{len(window.document.graph.nodes)}"
        type_into(editor, p.type.text(wanted))
        if p.name in ("name", "label"):  # the name the canvas shows (the output's is the output's)
            assert window.document.graph.names()[node.id] == wanted, kind.name
            continue
        assert p.type.to_json(node.params[p.name]) == p.type.to_json(wanted), (kind.name, p.name)


@pytest.mark.parametrize("name", OPERATIONS)
def test_the_kind_s_local_rule_is_what_the_engine_computes(name):
    """The rule the chain rule writes out (∂y/∂a = c·a^(c − 1)) gives, for single numbers,
    the local derivative the engine's own backward gives: a kind without a rule, or with a
    wrong one, fails here."""
    from nodeeditor.lessons.derivatives import local_partials
    from nodeeditor.model.rules import evaluate, symbols

    kind = KINDS[name]
    assert len(kind.rules) == len(kind.inputs), f"{name} needs one rule per input"
    inputs, params = sample(kind)
    single = {port: np.asarray(v).reshape(-1)[:1].reshape(() if np.ndim(v) < 2 else (1, 1))
              for port, v in inputs.items()}
    if name in ("BroadcastTo", "SumTo", "Reshape"):
        params = dict(params, shape=())
    if name in ("Sum", "Mean"):
        params = dict(params, axis=None, keepdims=False)
    if name == "Transpose":
        params = dict(params, axes=None)
    graph, node, _ = wired(kind, single, params)
    compiler = Compiler(graph)
    value = compiler.result(node).value
    partials = local_partials(graph, compiler, node)
    known = {**single, "y": value, "N": 1.0, **{p.name: graph.nodes[node].params[p.name] for p in kind.params
                                                if p.type is not ARRAY and isinstance(graph.nodes[node].params[p.name],
                                                                                      (int, float))}}
    for port, rule in zip(kind.inputs, kind.rules, strict=True):
        assert symbols(rule) <= set(kind.inputs) | {"y", "N"} | {p.name for p in kind.params}, (name, rule)
        assert float(np.sum(evaluate(rule, known))) == pytest.approx(partials[port], rel=1e-9, abs=1e-12), (name, port)
