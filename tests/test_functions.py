"""Functions made of nodes: Make function, Call nodes used several times, gradients
outside and inside, undo, .graph version 2, exported code and captions."""
from __future__ import annotations

import contextlib
import io

import numpy as np
import pytest

from nodeeditor.compiler import Compiler
from nodeeditor.lessons.codegen import python_code, python_names
from nodeeditor.lessons.replay import backward_frames
from nodeeditor.model import Edge, GraphFileError, dumps_graph, graph_to_document, graphfile, parse_graph
from nodeeditor.model.catalog import CALL
from nodeeditor.model.expression import build_graph
from nodeeditor.session import Session
from nodeeditor.session.make_function import FunctionRefused

NEURON = "1 / (1 + exp(-(w0*x0 + w1*x1 + w2)))"
VALUES = {"w0": 2.0, "x0": -1.0, "w1": -3.0, "x1": -2.0, "w2": -3.0}  # CS231n's neuron


def neuron_session() -> Session:
    session = Session()
    session.build_formula(NEURON)
    for node in session.graph.nodes.values():
        if node.kind == "Variable":
            session.set_param(node.id, "value", np.array(VALUES[node.params["name"]]))
    return session


def by_kind(graph, kind):
    return [n.id for n in graph.nodes.values() if n.kind == kind]


def sigmoid_parts(graph) -> list[str]:
    """The nodes that make 1 / (1 + exp(-s)): Neg, Exp, the two Constants, Add, Div."""
    div = by_kind(graph, "Div")[0]
    upstream = graph.upstream(div)
    linear = graph.input_edges(by_kind(graph, "Neg")[0])["a"].src
    return sorted(upstream - graph.upstream(linear))


def gradients(session: Session) -> dict[str, float]:
    session.backward()
    graph, results = session.graph, session.compiler.results
    return {n.params["name"]: float(results[n.id].grad) for n in graph.nodes.values() if n.kind == "Variable"}


def test_sigmoid_made_of_nodes_gives_the_same_gradients_as_the_parts_and_the_sigmoid_node():
    session = neuron_session()
    from_parts = gradients(session)
    assert from_parts == pytest.approx({"w0": -0.19661193, "x0": 0.39322387, "w1": -0.39322387,
                                        "x1": -0.58983580, "w2": 0.19661193})
    call = session.make_function(sigmoid_parts(session.graph), "Sigmoid2")
    graph = session.graph
    assert by_kind(graph, CALL) == [call] and not by_kind(graph, "Div")
    assert graph.nodes[call].spec.inputs == ("a",) and session.output() == call
    assert gradients(session) == pytest.approx(from_parts)
    single = Session()
    single.build_formula("sigmoid(w0*x0 + w1*x1 + w2)")
    for node in single.graph.nodes.values():
        if node.kind == "Variable":
            single.set_param(node.id, "value", np.array(VALUES[node.params["name"]]))
    assert gradients(single) == pytest.approx(from_parts)


def test_backward_shows_the_calls_gradient_and_the_gradients_inside():
    session = neuron_session()
    session.backward()
    parts = {n: session.compiler.results[n] for n in sigmoid_parts(session.graph)}  # the body keeps these ids
    call = session.make_function(sigmoid_parts(session.graph), "Sigmoid2")
    session.backward()
    compiler = session.compiler
    result = compiler.results[call]
    assert float(result.value) == pytest.approx(0.7310585786)
    assert float(result.grad) == 1.0
    assert float(result.input_grads["a"]) == pytest.approx(0.19661193)
    body = session.graph.functions["Sigmoid2"].body
    inside = compiler.inner[call]
    assert set(parts) < set(body.nodes)
    for node_id, before in parts.items():
        assert np.allclose(inside[node_id].value, before.value)
        assert np.allclose(inside[node_id].grad, before.grad), body.nodes[node_id].kind
    assert [r.node_id for r in compiler.inner_steps[call]][0] == body.output
    frames = backward_frames(session.graph, compiler)
    (step,) = [f for f in frames if f.active == call and f.flows]
    assert "Sigmoid2 sends back what the nodes inside it work out: a (from add2 = 1) gets 0.1966" in step.caption


def test_a_function_used_twice_and_edited_inside():
    session = neuron_session()
    session.make_function(sigmoid_parts(session.graph), "Sigmoid2")
    graph = session.graph
    second = session.add_node(CALL, (0, 400), {"function": "Sigmoid2"})
    x0 = next(n for n in graph.nodes.values() if n.params.get("name") == "x0").id
    session.connect(Edge(x0, "y", second, "a"))
    assert float(session.compiler.results[second].value) == pytest.approx(1 / (1 + np.exp(1.0)))
    body = graph.functions["Sigmoid2"].body
    one = next(n for n in body.nodes.values() if n.kind == "Constant" and float(n.params["value"]) == 1.0
               and any(e.dst_port == "a" for e in body.output_edges(n.id)) and
               body.nodes[next(iter(body.output_edges(n.id))).dst].kind == "Div")
    session.set_param(one.id, "value", np.array(2.0), graph=body)  # 2 / (1 + exp(-s)): both uses change
    assert float(session.compiler.results[second].value) == pytest.approx(2 / (1 + np.exp(1.0)))


def test_make_function_is_one_undoable_step():
    session = neuron_session()
    before = dumps_graph(session.graph)
    session.make_function(sigmoid_parts(session.graph), "Sigmoid2")
    after = dumps_graph(session.graph)
    assert session.history.undo_text() == "Make function Sigmoid2"
    session.undo()
    assert dumps_graph(session.graph) == before and not session.graph.functions
    session.redo()
    assert dumps_graph(session.graph) == after


@pytest.mark.parametrize("pick, message", [
    (lambda g: by_kind(g, "Variable"), "select the operations"),
    (lambda g: by_kind(g, "Mul"), "one output, but 2"),
    (lambda g: [by_kind(g, "Neg")[0], by_kind(g, "Div")[0]], "lies between selected nodes"),
])
def test_selections_that_cannot_be_a_function_are_refused_in_words(pick, message):
    session = neuron_session()
    before = dumps_graph(session.graph)
    with pytest.raises(FunctionRefused, match=message):
        session.make_function(pick(session.graph), "F1")
    assert dumps_graph(session.graph) == before


def test_bad_function_names_are_refused():
    session = neuron_session()
    parts = sigmoid_parts(session.graph)
    for name, message in [("2x", "not a name"), ("w0", "taken"), ("F", "taken")]:
        with pytest.raises(FunctionRefused, match=message):
            session.make_function(parts, name)


def test_version_2_round_trip_and_version_1_when_there_are_no_functions(monkeypatch):
    session = neuron_session()
    assert graph_to_document(session.graph)["version"] == 1
    session.make_function(sigmoid_parts(session.graph), "Sigmoid2")
    text = dumps_graph(session.graph)
    assert '"version": 2' in text and '"functions"' in text
    again = parse_graph(text)
    assert dumps_graph(again) == text
    reference = gradients(session)
    loaded = Session()
    loaded.take(again, "again.graph")
    assert gradients(loaded) == pytest.approx(reference)
    monkeypatch.setattr(graphfile, "VERSION", 1)  # what a version-1 program does with it
    with pytest.raises(GraphFileError, match=r"newer Backprop Studio \(format version 2\).*Please update"):
        parse_graph(text)


def test_broken_functions_in_a_file_are_named():
    session = neuron_session()
    session.make_function(sigmoid_parts(session.graph), "Sigmoid2")
    text = dumps_graph(session.graph)
    for old, new, where in [('"function": "Sigmoid2"', '"function": "Nope"', "nodes[0].function"),
                            ('"inputs": [', '"inputs": ["zz", ', "functions[0].inputs")]:
        with pytest.raises(GraphFileError) as info:
            parse_graph(text.replace(old, new, 1))
        assert info.value.where.endswith(where.split(".")[-1]), info.value


def test_exported_code_defines_the_function_and_gives_the_same_numbers():
    session = neuron_session()
    call = session.make_function(sigmoid_parts(session.graph), "Sigmoid2")
    code = python_code(session.graph, session.compiler)
    assert "def Sigmoid2(a):" in code and "return " in code
    namespace: dict = {}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(code, "exported.py", "exec"), namespace)  # noqa: S102 - our own generated code
    names = python_names(session.graph)
    assert float(namespace[names[call]].data) == pytest.approx(0.7310585786)
    grads = gradients(session)
    for node in session.graph.nodes.values():
        if node.kind == "Variable":
            assert float(namespace[names[node.id]].grad) == pytest.approx(grads[node.params["name"]])


def test_copy_and_paste_a_call_in_the_same_graph():
    session = neuron_session()
    call = session.make_function(sigmoid_parts(session.graph), "Sigmoid2")
    (pasted,) = session.paste(session.copy([call]))
    assert session.graph.nodes[pasted].kind == CALL
    assert session.graph.nodes[pasted].spec.inputs == ("a",)
    other = Session()
    with pytest.raises(GraphFileError, match="does not have"):
        other.paste(session.copy([call]))


def test_formula_graph_with_a_function_builds_from_the_cli_the_same(tmp_path):
    """The done-when check of the issue: sigmoid(...) by formula equals the parts."""
    graph = build_graph("sigmoid(w0*x0 + w1*x1 + w2)", VALUES)
    compiler = Compiler(graph)
    compiler.backward()
    grads = {n.params["name"]: float(compiler.results[n.id].grad) for n in graph.nodes.values() if n.kind == "Variable"}
    assert grads == pytest.approx(gradients(neuron_session()))


@pytest.mark.parametrize("formula, parts, name", [
    ("mean_squared_error(x @ W + b, t)", ("MatMul", "Add"), "Linear"),
    ("mean(square(p - t))", ("Sub", "Square", "Mean"), "MSE"),
])
def test_linear_and_mse_made_of_nodes_keep_every_gradient(formula, parts, name):
    """The issue's other two functions: made of nodes, the gradients stay those of the parts."""
    rng = np.random.default_rng(3)
    values = {"x": rng.normal(size=(5, 2)), "W": rng.normal(size=(2, 1)), "b": rng.normal(size=1),
              "t": rng.normal(size=(5, 1)), "p": rng.normal(size=(5, 1))}
    session = Session()
    session.build_formula(formula)
    for node in session.graph.nodes.values():
        if node.kind == "Variable":
            session.set_param(node.id, "value", values[node.params["name"]])

    def grads() -> dict[str, np.ndarray]:
        session.backward()
        return {n.params["name"]: session.compiler.results[n.id].grad for n in session.graph.nodes.values()
                if n.kind == "Variable"}

    before = grads()
    selected = [n.id for n in session.graph.nodes.values() if n.kind in parts]
    call = session.make_function(selected, name)
    assert session.graph.nodes[call].spec.title == name
    after = grads()
    assert before.keys() == after.keys()
    for key in before:
        assert np.allclose(before[key], after[key]), key
