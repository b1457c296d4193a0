"""Grading handed-in files: against the teacher's task, or against a formula.

Each submission is read on its own: one that cannot be read is reported with the reason
and the rest are graded. Against a task, a submission is *altered* when its task or the
part the teacher locked differs from the task handed out (changed in the program or by
hand), or when it was changed after it was handed in; it is still graded, and flagged.
Typed answers are compared with what the teacher's graph computes; a build is checked on
the student's graph at random points.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from nodeeditor.classroom import texts
from nodeeditor.classroom.checking import RightAnswers, Verdict, check_assignment, check_build, score
from nodeeditor.model import Graph, GraphFileError
from nodeeditor.model.graphfile import graph_to_document, load_graph
from nodeeditor.model.task import Assignment, Question, Task, task_checksum


@dataclass
class Submission:
    """One graded file."""

    path: str
    student: str = ""
    handed_in_at: str = ""
    #: why the file could not be read ('' when it was)
    error: str = ""
    #: why the task counts as altered ('' when it does not)
    altered: str = ""
    verdicts: list[Verdict] = field(default_factory=list)

    @property
    def readable(self) -> bool:
        return not self.error

    @property
    def earned(self) -> float:
        return score(self.verdicts)[0]

    @property
    def possible(self) -> float:
        return score(self.verdicts)[1]


@dataclass
class Reference:
    """What submissions are graded against: the teacher's graph and task."""

    task: Task
    #: the teacher's graph, computed once for the whole class (None: against a formula)
    answers: RightAnswers | None = None
    checksum: str = ""
    #: for a formula: the point the build is checked at besides the random ones
    at: dict[str, float] = field(default_factory=dict)


class ReferenceError(ValueError):
    """The task file itself cannot be graded against; the message says why."""


def reference_from_task(path: str | Path) -> Reference:
    try:
        graph = load_graph(path)
    except GraphFileError as exc:
        raise ReferenceError(texts.TASK_UNREADABLE.format(path=path, reason=exc)) from None
    if graph.assignment is None:
        raise ReferenceError(texts.NOT_A_TASK.format(path=path))
    return Reference(graph.assignment.task, RightAnswers(graph), task_checksum(graph_to_document(graph)))


def reference_from_formula(formula: str, at: dict[str, float], points: float, output: str = "") -> Reference:
    question = Question(id="build", ask="build", formula=formula, output=output, points=points)
    return Reference(Task(title=formula, questions=(question,)), at=at)


def grade(paths: Iterable[str | Path], reference: Reference) -> list[Submission]:
    return [grade_one(path, reference) for path in paths]


def grade_one(path: str | Path, reference: Reference) -> Submission:
    submission = Submission(str(path), student=Path(path).stem)
    try:
        graph = load_graph(path)
    except GraphFileError as exc:
        submission.error = str(exc)
        return submission
    assignment = graph.assignment
    if assignment is not None and assignment.handed_in is not None:
        submission.student = assignment.handed_in.student or submission.student
        submission.handed_in_at = assignment.handed_in.time
    submission.altered = _altered(graph, reference)
    if reference.answers is None:  # against a formula
        question = reference.task.questions[0]
        submission.verdicts = [check_build(graph, question, reference.at)]
        return submission
    other = assignment is not None and _other_task(assignment.task, reference.task)
    answers = assignment.answers if assignment is not None and not other else {}  # (another task's answers)
    submission.verdicts = check_assignment(graph, Assignment(reference.task, answers), reference.answers)
    return submission


def _altered(graph: Graph, reference: Reference) -> str:
    """Why the submission's task is not the one handed out ('' when it is)."""
    assignment = graph.assignment
    mine = task_checksum(graph_to_document(graph)) if assignment is not None else ""
    if reference.checksum and assignment is None:
        return texts.TASK_REMOVED
    if reference.checksum and mine != reference.checksum:
        if _other_task(assignment.task, reference.task):
            return texts.OTHER_TASK.format(title=assignment.task.title)
        return texts.TASK_CHANGED
    if assignment is not None and assignment.handed_in is not None and assignment.handed_in.task_checksum != mine:
        return texts.CHANGED_AFTER_HAND_IN
    return ""


def _other_task(mine: Task, theirs: Task) -> bool:
    """A file made for another assignment (its title and its questions both differ), not a
    changed copy of this one."""
    return mine.title != theirs.title and mine.questions != theirs.questions
