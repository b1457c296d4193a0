"""The Qt-free session: one history of plain commands, results that follow the model,
gradient descent as commands, and files written the way they are read."""
import os
import stat
import subprocess
import sys

import numpy as np
import pytest

from nodeeditor.compiler import Compiler
from nodeeditor.model import Edge, Graph, graph_to_document, load_graph, save_graph
from nodeeditor.model.expression import ExpressionError, build_graph
from nodeeditor.session import Session
from tests.conftest import ROOT

SPHERE = ROOT / "resources" / "examples" / "4-sphere.graph"


def variable(session, name):
    return next(n.id for n in session.graph.nodes.values() if n.params.get("name") == name)


def value(session, name):
    return float(session.graph.nodes[variable(session, name)].params["value"])


def test_every_module_outside_the_view_imports_without_qt():
    """Walks every module of engine/ and nodeeditor/ but view/ (and __main__, which runs)."""
    code = ("import importlib, pkgutil, sys, engine, nodeeditor\n"
            "for package in (engine, nodeeditor):\n"
            "    for info in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
            "        if not info.name.startswith('nodeeditor.view') and not info.name.endswith('__main__'):\n"
            "            importlib.import_module(info.name)\n"
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
            "print(len(sys.modules), bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_edit_is_one_command_and_undo_restores_the_exact_graph():
    session = Session()
    snapshots = [graph_to_document(session.graph)]
    x = session.add_node("Variable", (0, 0))
    n = session.add_node("Neg", (300, 0))
    session.set_param(x, "value", np.array(4.0))
    session.set_output(n)
    session.set_param(n, "label", "loss")
    for _ in range(4):
        snapshots.append(graph_to_document(session.graph))
    assert len(session.history) == 5 and session.history.undo_text() == "Rename neg1 to loss"
    final = graph_to_document(session.graph)
    for _ in range(5):
        session.undo()
    assert graph_to_document(session.graph) == snapshots[0]
    for _ in range(5):
        session.redo()
    assert graph_to_document(session.graph) == final


def test_results_follow_a_command_and_a_change_behind_the_sessions_back_is_refused():
    from nodeeditor.model import GraphLocked

    session = Session()
    session.load(SPHERE)
    heard = []
    session.on_results(heard.append)
    before = graph_to_document(session.graph)
    x0 = variable(session, "x0")
    for change in (lambda: session.graph.set_param(x0, "value", np.array(5.0)),
                   lambda: session.graph.add_node("Neg"), lambda: session.graph.move_node(x0, (1, 2)),
                   lambda: session.graph.remove_many([x0]), session.graph.clear):
        with pytest.raises(GraphLocked, match="through its session"):
            change()
    assert graph_to_document(session.graph) == before and not heard
    session.set_param(x0, "value", np.array(5.0))  # the one way: a command, and no refresh call
    assert float(session.compiler.results[session.output()].value) == 34.0
    assert heard and session.output() in heard[-1]


def test_results_are_immutable_so_a_view_can_never_hold_a_stale_one():
    session = Session()
    session.load(SPHERE)
    session.backward()
    held = session.compiler.results[variable(session, "x0")]
    with pytest.raises(AttributeError):
        held.grad = None
    with pytest.raises(ValueError):
        held.grad[()] = 0.0
    session.set_param(variable(session, "x1"), "value", np.array(4.0))
    assert float(held.grad) == 12.0  # what was handed out is unchanged...
    assert session.compiler.results[variable(session, "x0")].grad is None  # ...and the current one is new


def test_backward_differentiates_the_output_whatever_else_there_is():
    session = Session()
    session.build_formula("x * x + x")
    session.set_param(variable(session, "x"), "value", np.array(3.0))
    session.backward()
    assert float(session.compiler.results[variable(session, "x")].grad) == 7.0
    assert session.graph.output_name == "y"


def test_several_ends_need_an_output_chosen_once_and_saved(tmp_path):
    session = Session()
    session.build_formula("a * b")
    extra = session.add_node("Neg", (0, 300))
    session.connect(Edge(variable(session, "a"), "y", extra, "a"))
    with pytest.raises(ValueError, match="Set as Output"):
        session.backward()
    session.set_output(extra)
    session.backward()
    assert float(session.compiler.results[variable(session, "a")].grad) == -1.0
    session.save(tmp_path / "two.graph")
    assert load_graph(tmp_path / "two.graph").output == extra


def test_paste_gives_a_copied_variable_a_name_of_its_own():
    session = Session()
    session.load(SPHERE)
    ids = session.paste(session.copy([variable(session, "x0")]))
    assert session.graph.nodes[ids[0]].params["name"] == "x0_2"
    ids = session.paste(session.copy([variable(session, "x0")]))
    assert session.graph.nodes[ids[0]].params["name"] == "x0_3"


def test_undo_during_a_descent_stops_it_and_undoes_it_whole_and_nothing_else():
    session = Session()
    session.load(SPHERE)
    session.set_param(variable(session, "x0"), "value", np.array(5.0))  # the edit before the run
    run = session.start_descent(0.1, 50)
    for _ in range(3):
        run.step()
    assert value(session, "x0") != 5.0 and session.history.undo_text() == "Gradient descent (3 steps)"
    session.undo()  # Ctrl+Z during the run
    assert run.finished and session.descent is None and value(session, "x0") == 5.0
    assert run.step() is None  # "let it finish": the run stays stopped and writes nothing
    assert value(session, "x0") == 5.0 and session.history.can_redo()
    session.undo()  # the next Ctrl+Z takes back the edit, as it should
    assert value(session, "x0") == 6.0 and not session.history.can_undo()


def test_another_edit_during_a_descent_stops_it_first():
    session = Session()
    session.load(SPHERE)
    run = session.start_descent(0.1, 50)
    run.step()
    session.set_param(variable(session, "x1"), "value", np.array(1.0))
    texts = [session.history.text(i) for i in range(2)]
    assert run.finished and texts == ["Gradient descent (1 step)", "Set the value of x1"]


def test_a_formula_is_a_new_graph_whose_output_is_y_unless_a_variable_has_that_name():
    session = Session()
    session.build_formula("x + 1")
    session.set_param(session.output(), "label", "loss")
    session.build_formula("x**2")
    assert session.graph.output_name == "y"  # nothing of the previous graph's names
    session.build_formula("x * y")
    assert session.graph.output_name == "f"  # y is a Variable: the output is f, never ∂y/∂y
    session.undo()
    assert session.graph.output_name == "y"


@pytest.mark.parametrize(("text", "advice"), [
    ("x ^ 2", "Use ** for powers: x**2, not x^2"),
    ("2x + 1", "Write 2*x to multiply"),
    ("(x + 1", "parentheses do not pair up"),
    ("x +", "stops too early"),
    ("x % 2", "% (remainder) is not an operation here"),
    ("", "Type a formula first"),
])
def test_formula_errors_speak_a_students_language(text, advice):
    with pytest.raises(ExpressionError) as caught:
        build_graph(text)
    assert advice in str(caught.value)
    assert "BitXor" not in str(caught.value) and "literal" not in str(caught.value)


def test_saved_files_get_the_usual_permissions_and_keep_their_own(tmp_path):
    graph = load_graph(SPHERE)
    old = os.umask(0o022)
    try:
        save_graph(graph, tmp_path / "new.graph")
        assert stat.S_IMODE((tmp_path / "new.graph").stat().st_mode) == 0o644
        (tmp_path / "shared.graph").write_text("")
        os.chmod(tmp_path / "shared.graph", 0o664)
        save_graph(graph, tmp_path / "shared.graph")
        assert stat.S_IMODE((tmp_path / "shared.graph").stat().st_mode) == 0o664
    finally:
        os.umask(old)


def test_saving_through_a_symbolic_link_writes_the_real_file(tmp_path):
    real = tmp_path / "real.graph"
    real.write_text("old")
    (tmp_path / "link.graph").symlink_to(real)
    save_graph(load_graph(SPHERE), tmp_path / "link.graph")
    assert (tmp_path / "link.graph").is_symlink() and load_graph(real).nodes


def test_old_files_with_the_old_port_names_still_open():
    graph = load_graph(ROOT / "tests" / "data" / "sphere-old-port-names.graph")  # as saved before the rename
    compiler = Compiler(graph)
    compiler.backward()
    assert sorted(e.dst_port for e in graph.edges) == ["a", "a", "a", "b"]
    assert float(compiler.results[compiler.default_output()].value) == 45.0
    assert {graph.nodes[n].label: float(r.grad) for n, r in compiler.results.items()
            if graph.nodes[n].kind == "Variable"} == {"x0": 12.0, "x1": 6.0}


def test_nothing_changes_the_graph_while_a_long_evaluation_runs():

    import pytest

    from nodeeditor.session import SetParam
    from nodeeditor.session.session import LONG_EVALUATION, Busy, Session

    chain = Graph()
    prev = chain.add_node("Variable", {"name": "x", "value": np.array(0.5)}).id
    first = prev
    for _ in range(LONG_EVALUATION + 10):
        node = chain.add_node("Sin").id
        chain.connect(prev, "y", node, "a", cycles=False)
        prev = node
    session = Session()
    session.take(chain, "chain.graph")
    graph = session.graph
    tries = []

    def elsewhere(work):
        with pytest.raises(Busy):
            session.push(SetParam(graph, first, "value", np.array(2.0)))
        with pytest.raises(Busy):
            session.undo()
        tries.append(work.label)
        return work.run()

    session.run_long = elsewhere
    session.set_param(first, "value", np.array(1.0))
    assert tries == ["Computing…"] and not session.busy
    assert float(session.compiler.results[prev].value) == pytest.approx(_sin_chain(1.0, LONG_EVALUATION + 10))


def _sin_chain(x: float, n: int) -> float:
    for _ in range(n):
        x = float(np.sin(x))
    return x

