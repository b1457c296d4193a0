"""Assignments: the task in the file, the locks the session keeps, the hidden gradients,
Check my work and Hand In, by a student in the window."""
from __future__ import annotations

import inspect
import json
from datetime import datetime

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog

from nodeeditor.classroom.checking import check_build
from nodeeditor.compiler import BackwardError
from nodeeditor.model import Edge, GraphFileError, load_graph, parse_graph
from nodeeditor.model.expression import build_graph
from nodeeditor.model.graphfile import dumps_graph, graph_to_document
from nodeeditor.model.task import Question, task_checksum, teacher_key
from nodeeditor.session import Session
from nodeeditor.session import commands as commands_module
from nodeeditor.session import make_function as make_function_module
from nodeeditor.session.commands import Command
from nodeeditor.session.locks import Locked
from tests.conftest import ROOT
from tests.gui_helpers import open_window

SPHERE = ROOT / "resources" / "examples" / "4-sphere.graph"


def _named(graph, name):
    return next(n for n, node in graph.nodes.items() if node.label == name)


def sphere_assignment(tmp_path, hidden=("gradients", "chain_rule"), password=""):
    """The sphere as a teacher hands it out: every node locked, three questions."""
    session = Session()
    session.load(SPHERE)
    session.new_assignment()
    session.lock(list(session.graph.nodes))
    task = session.assignment.task.with_changes(
        title="The sphere by hand", instructions="Work out the gradients at x0 = 6, x1 = 3.",
        hidden=frozenset(hidden), teacher_key=teacher_key(password) if password else "",
        questions=(Question("q1", "gradient", node="x0"), Question("q2", "gradient", node="x1"),
                   Question("q3", "value", node="y")))
    session.set_task(task)
    path = tmp_path / "sphere-task.graph"
    session.save(path)
    return path


# the file ----------------------------------------------------------------------------------------
def test_a_task_survives_saving_and_a_plain_graph_keeps_its_version(tmp_path):
    path = sphere_assignment(tmp_path)
    document = json.loads(path.read_text())
    assert document["version"] == 3 and document["task"]["hidden"] == ["gradients", "chain_rule"]
    graph = load_graph(path)
    assert graph.assignment.task.title == "The sphere by hand" and len(graph.assignment.task.locked) == 5
    assert dumps_graph(graph) == path.read_text()
    assert json.loads(SPHERE.read_text())["version"] == 1 and load_graph(SPHERE).assignment is None


@pytest.mark.parametrize(("change", "says"), [
    ({"task": {"title": "t", "hidden": ["everything"]}}, "task.hidden"),
    ({"task": {"title": "t", "locked": ["zz"]}}, "task.locked"),
    ({"answers": [{"id": "q1", "text": "1"}]}, "answers"),
    ({"task": {"title": "t"}, "answers": [{"id": "q9", "text": "1"}]}, "q9"),
    ({"task": {"title": "t", "questions": [{"id": "q", "ask": "build"}]}}, "formula"),
])
def test_a_broken_task_is_refused_saying_where(change, says):
    document = json.loads(SPHERE.read_text())
    document.update(version=3, **change)
    with pytest.raises(GraphFileError, match=says):
        parse_graph(json.dumps(document))


# the locks -----------------------------------------------------------------------------------------
def _every_command_class():
    found = []
    for module in (commands_module, make_function_module):
        found += [c for _n, c in inspect.getmembers(module, inspect.isclass)
                  if issubclass(c, Command) and c is not Command and c.__module__ == module.__name__]
    return found


def test_every_command_says_which_nodes_it_touches():
    """A lock is only as good as this: a command without touches() could pass any lock."""
    missing = [c.__name__ for c in _every_command_class() if c.touches is Command.touches]
    assert missing == []
    assert len(_every_command_class()) >= 10


def _student_on(path):
    session = Session()
    session.load(path)
    assert not session.teacher_mode
    return session


EDITS = {
    "delete": lambda s, x0: s.delete([x0]),
    "move": lambda s, x0: s.move({x0: ((0.0, 0.0), (50.0, 50.0))}),
    "set a value": lambda s, x0: s.set_param(x0, "value", np.array(2.0)),
    "rename": lambda s, x0: s.set_param(x0, "name", "z"),
    "unwire": lambda s, x0: s.disconnect(next(iter(s.graph.output_edges(x0)))),
    "rewire": lambda s, x0: s.connect(Edge(_named(s.graph, "x1"), "y", _named(s.graph, "pow1"), "a")),
    "randomize": lambda s, x0: s.randomize([x0]),
    "collapse into a function": lambda s, x0: s.make_function([x0, _named(s.graph, "pow1")], "Square0"),
    "change the task": lambda s, x0: s.set_task(s.assignment.task.with_changes(locked=frozenset())),
    "unlock": lambda s, x0: s.lock([x0], False),
}


@pytest.mark.parametrize("edit", EDITS)
def test_a_student_cannot_change_what_the_teacher_locked(tmp_path, edit):
    session = _student_on(sphere_assignment(tmp_path))
    before = graph_to_document(session.graph)
    with pytest.raises(Locked, match="teacher"):
        EDITS[edit](session, _named(session.graph, "x0"))
    assert graph_to_document(session.graph) == before and not session.modified


def test_a_student_builds_beside_the_locked_part_and_answers(tmp_path):
    session = _student_on(sphere_assignment(tmp_path))
    neg = session.add_node("Neg", (600, 0))
    session.connect(Edge(_named(session.graph, "y"), "y", neg, "a"))  # a wire out of a locked node
    session.answer("q1", "12")
    assert session.assignment.answers == {"q1": "12"}
    session.undo()
    assert session.assignment.answers == {}


def test_teacher_mode_opens_with_the_password_only(tmp_path):
    session = _student_on(sphere_assignment(tmp_path, password="pi314"))
    with pytest.raises(Locked, match="password"):
        session.enter_teacher_mode("guess")
    assert not session.teacher_mode
    session.enter_teacher_mode("pi314")
    session.delete([_named(session.graph, "x0")])  # the teacher may
    assert "x0" not in {n.label for n in session.graph.nodes.values()}


def test_the_task_hides_the_gradients_from_backward_and_the_check(tmp_path):
    session = _student_on(sphere_assignment(tmp_path))
    for run in (session.backward, session.check_gradients):
        with pytest.raises(BackwardError, match="yourself"):
            run()
    assert all(session.compiler.results[n].grad is None for n in session.graph.nodes)
    session.enter_teacher_mode()
    session.backward()  # the teacher sees them


# checking -------------------------------------------------------------------------------------------
def test_check_my_work_says_which_answers_are_right(tmp_path):
    session = _student_on(sphere_assignment(tmp_path))
    session.answer("q1", "12")
    session.answer("q2", "3")  # forgot the factor 2
    session.answer("q3", "90/2")
    verdicts = {v.question.id: v for v in session.check_my_work()}
    assert (verdicts["q1"].right, verdicts["q2"].right, verdicts["q3"].right) == (True, False, True)
    assert verdicts["q2"].expected == "6" and verdicts["q2"].points == 0


def test_a_build_that_agrees_only_at_the_given_point_is_found_out():
    question = Question("q", "build", formula="x0**2 + x1**2", points=5)
    tangent = build_graph("12*x0 - 36 + 6*x1 - 9", {"x0": 6.0, "x1": 3.0})
    verdict = check_build(tangent, question, {"x0": 6.0, "x1": 3.0})
    assert not verdict.right and "gives" in verdict.message
    assert check_build(build_graph("x1*x1 + x0*x0"), question).right


def test_a_graph_with_two_ends_is_checked_at_its_named_output():
    graph = build_graph("(x0 + x1) * x")
    extra = graph.add_node("Neg", {"label": "other"}, (0, 300)).id
    graph.connect(_named(graph, "x"), "y", extra, "a")
    graph.output = None
    assert not check_build(graph, Question("q", "build", formula="(x0 + x1) * x")).right  # two ends: which?
    assert check_build(graph, Question("q", "build", formula="(x0 + x1) * x", output="y")).right


# hand-in -------------------------------------------------------------------------------------------
def test_hand_in_writes_a_named_copy_with_the_tasks_checksum(tmp_path):
    task_path = sphere_assignment(tmp_path)
    session = _student_on(task_path)
    session.answer("q1", "12")
    path = session.hand_in("佐藤 健", tmp_path, datetime(2026, 12, 6, 10, 15))
    assert path.name == "sphere-task-佐藤_健-20261206-101500.graph"
    handed = load_graph(path)
    assert handed.assignment.handed_in.student == "佐藤 健"
    assert handed.assignment.handed_in.task_checksum == task_checksum(graph_to_document(load_graph(task_path)))
    assert session.modified  # (the open document is not saved by handing in)


# in the window --------------------------------------------------------------------------------------
def test_a_student_opens_an_assignment_tries_the_lock_answers_checks_and_hands_in(qtbot, tmp_path, monkeypatch):
    task_path = sphere_assignment(tmp_path)
    with open_window(qtbot, tmp_path, 1400, 850) as window:
        assert window.files.open_path(task_path, ask=False)
        assert window.docks.task.isVisible() and not window.docks.chain.isVisible()
        scene = window.scene
        x0 = _named(window.document.graph, "x0")
        assert scene.nodes[x0].locked
        scene.clearSelection()
        scene.nodes[x0].setSelected(True)
        window.canvas.setFocus()
        QTest.keyClick(window.canvas, Qt.Key_Delete)
        assert x0 in window.document.graph.nodes
        assert "the teacher locked it" in window.statusBar().currentMessage()
        assert not window.actions.backward.isEnabled()  # greyed; and asked anyway, the session says why
        window.editing.backward()
        assert "yourself" in window.statusBar().currentMessage()
        assert all("12" not in item.gradient_label() for item in scene.nodes.values())
        panel = window.task
        window.docks.bring_forward(window.docks.task)
        for question, typed in (("q1", "12"), ("q2", "3"), ("q3", "45")):
            edit = panel.answer_edits[question]
            edit.setFocus()
            QTest.keyClicks(edit, typed)
        QTest.mouseClick(panel.check_button, Qt.LeftButton)
        assert panel.verdict_labels["q1"].text().startswith("✓")
        assert panel.verdict_labels["q2"].text().startswith("✗") and "6" not in panel.verdict_labels["q2"].text()
        assert "2 of 3 right" in panel.score.text(), [(v.answer, v.message) for v in panel.verdicts]
        assert window.document.session.assignment.answers == {"q1": "12", "q2": "3", "q3": "45"}
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Aiko Tanaka", True))
        monkeypatch.setattr("nodeeditor.view.window.assignments.QFileDialog.getExistingDirectory",
                            lambda *a, **k: str(tmp_path))
        QTest.mouseClick(panel.hand_in_button, Qt.LeftButton)
        handed = list(tmp_path.glob("sphere-task-Aiko_Tanaka-*.graph"))
        assert len(handed) == 1 and "Handed in" in window.statusBar().currentMessage()
        assert load_graph(handed[0]).assignment.answers["q2"] == "3"
        window.document.session.history.set_clean()


def test_a_teacher_makes_an_assignment_in_the_window(qtbot, tmp_path):
    with open_window(qtbot, tmp_path, 1400, 850) as window:
        assert window.files.open_path(SPHERE, ask=False)
        window.assignments.make_assignment()
        assert window.document.session.teacher_mode and window.task.teacher.isVisible()
        window.editing.select_all()
        QTest.mouseClick(window.task.lock_button, Qt.LeftButton)
        assert len(window.document.session.assignment.task.locked) == 5
        window.editing.select([_named(window.document.graph, "x0")])
        window.task.ask_about_selection.emit("gradient")
        window.task.feature_boxes["gradients"].setChecked(True)
        window.task.apply()
        assignment = window.document.session.assignment
        assert assignment.task.questions[0].node == "x0" and assignment.task.hides("gradients")
        window.assignments.set_teacher_mode(False)
        assert not window.task.teacher.isVisible() and window.document.gradients_hidden
        window.document.session.history.set_clean()


def test_a_plain_file_after_an_assignment_shows_every_panel_again(qtbot, tmp_path):
    task_path = sphere_assignment(tmp_path, hidden=("gradients", "chain_rule", "plot", "code", "formula"))
    with open_window(qtbot, tmp_path, 1400, 850) as window:
        assert window.files.open_path(task_path, ask=False)
        assert not window.actions.formula.isEnabled() and not window.docks.plot.isVisible()
        assert window.files.open_path(SPHERE, ask=False)
        assert window.actions.formula.isEnabled() and window.docks.plot.isVisible()
        assert not any(item.locked for item in window.scene.nodes.values())


@pytest.mark.parametrize("command", ["check", "backward", "backward_step", "play", "chain_rule", "gradient_graph",
                                     "newton", "memory"])
def test_no_command_shows_a_gradient_the_task_asks_for_by_hand(qtbot, tmp_path, command):
    """As in a Guess round (test_guess_keeps_its_secret.py): every command, and nothing shows ∂y/∂x0 = 12."""
    from tests.test_guess_keeps_its_secret import shown_anywhere

    task_path = sphere_assignment(tmp_path, hidden=("gradients",))
    with open_window(qtbot, tmp_path, 1400, 850) as window:
        assert window.files.open_path(task_path, ask=False)
        window.docks.bring_forward(window.docks.plot)
        window.scene.nodes[_named(window.document.graph, "x0")].setSelected(True)
        getattr(window.actions, command).trigger()
        QTest.qWait(30)
        seen = shown_anywhere(window)
        assert "12" not in seen and "slope" not in seen and "←" not in seen, seen


# what the student's and the teacher's try found -------------------------------------------------
def test_an_assignment_made_of_an_example_keeps_neither_its_lesson_nor_a_moving_output(tmp_path):
    """The sphere's description says 'gradients 12 and 6': an assignment does not carry it.
    And the output is pinned, so building on y does not change what ∂y/∂x0 is checked against."""
    session = _student_on(sphere_assignment(tmp_path))
    assert session.graph.description == "" and session.graph.output == _named(session.graph, "y")
    assert session.assignment.task.title == "The sphere by hand"
    square = session.add_node("Square", (600, 0))
    session.connect(Edge(_named(session.graph, "y"), "y", square, "a"))
    session.answer("q1", "12")
    assert next(v for v in session.check_my_work() if v.question.id == "q1").right


def test_descent_needs_the_gradients_the_task_hides(tmp_path):
    session = _student_on(sphere_assignment(tmp_path))
    with pytest.raises(BackwardError, match="yourself"):
        session.start_descent(0.1, 10)


def test_a_file_made_for_another_assignment_is_said_so(tmp_path):
    from nodeeditor.classroom.grading import grade_one, reference_from_task

    theirs = sphere_assignment(tmp_path)
    other = Session()
    other.load(SPHERE)
    other.new_assignment()
    other.set_task(other.assignment.task.with_changes(title="Another task"))
    other_path = tmp_path / "other.graph"
    other.save(other_path)
    assert "another assignment (Another task)" in grade_one(other_path, reference_from_task(theirs)).altered


def test_the_window_after_an_assignment_hides_no_panel_at_the_next_start(qtbot, tmp_path):
    task_path = sphere_assignment(tmp_path)
    with open_window(qtbot, tmp_path, 1400, 850) as window:
        assert window.files.open_path(task_path, ask=False)
        assert not window.docks.chain.isVisible()
        window.save_settings()  # (what closing does: the layout kept is the student's own)
        assert window.docks.chain.isVisible()


def test_the_teachers_typing_is_kept_by_save_and_a_wrong_password_is_said(qtbot, tmp_path, monkeypatch):
    task_path = sphere_assignment(tmp_path, password="pi314")
    with open_window(qtbot, tmp_path, 1400, 850) as window:
        assert window.files.open_path(task_path, ask=False)
        assert not window.assignments.set_teacher_mode(True, password="nope")
        assert "password" in window.statusBar().currentMessage()
        assert window.assignments.set_teacher_mode(True, password="pi314")
        window.docks.bring_forward(window.docks.task)
        edit = window.task.instructions_edit
        edit.setFocus()
        edit.moveCursor(QTextCursor.End)
        QTest.keyClicks(edit, " Show your work.")
        assert window.files.save()  # Ctrl+S with the cursor still in the instructions
        assert load_graph(task_path).assignment.task.instructions.endswith("Show your work.")


def test_marks_go_when_undo_takes_their_answer_back_and_locked_fields_are_read_only(qtbot, tmp_path):
    task_path = sphere_assignment(tmp_path)
    with open_window(qtbot, tmp_path, 1400, 850) as window:
        assert window.files.open_path(task_path, ask=False)
        panel = window.task
        window.docks.bring_forward(window.docks.task)
        panel.answer_edits["q1"].setFocus()
        QTest.keyClicks(panel.answer_edits["q1"], "12")
        QTest.mouseClick(panel.check_button, Qt.LeftButton)
        assert panel.verdict_labels["q1"].text().startswith("✓")
        window.actions.undo.trigger()
        assert panel.verdict_labels["q1"].text() == "" and panel.answer_edits["q1"].text() == ""
        window.editing.select([_named(window.document.graph, "x0")])
        window.docks.bring_forward(window.docks.inspector)
        assert not window.inspector.value_edit.isEnabled()
        assert "Locked by the teacher" in window.inspector.title.text()
        window.document.session.history.set_clean()


def test_no_guess_round_marks_the_gradients_of_a_task_that_hides_them(tmp_path):
    session = _student_on(sphere_assignment(tmp_path))
    with pytest.raises(BackwardError, match="Guess round"):
        session.studies.guess_round()
    session.enter_teacher_mode()
    session.set_task(session.assignment.task.with_changes(open_in="guess"))
    session.leave_teacher_mode()
    session.studies.guess_round().compiler.detach()  # (the teacher asked for guessing: allowed)


def test_the_controls_a_task_without_gradients_cannot_use_are_greyed(qtbot, tmp_path):
    task_path = sphere_assignment(tmp_path)
    with open_window(qtbot, tmp_path, 1400, 850) as window:
        assert window.files.open_path(task_path, ask=False)
        actions = window.actions
        assert not any(a.isEnabled() for a in (actions.backward, actions.backward_step, actions.play, actions.check))
        assert not window.learn.check_button.isEnabled() and not window.learn.run_button.isEnabled()
        assert window.files.open_path(SPHERE, ask=False)
        assert all(a.isEnabled() for a in (actions.backward, actions.backward_step, actions.play, actions.check))
        assert window.learn.check_button.isEnabled()
