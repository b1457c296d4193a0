"""An assignment: the task a teacher puts into a .graph, and the student's answers.

A task has a title and instructions, the nodes the teacher locked (no command may move,
delete, rewire or edit them outside teacher mode: the session refuses it), the features
hidden for it (Backward and everything that shows a gradient, the chain-rule panel, ...),
and its questions: the value or the gradient at a named node, typed by the student, or
"build a graph that computes f", checked at random points. A student's answers and the
record of a hand-in travel in the same file.

The task's checksum covers the task and what the teacher locked (each locked node's kind
and parameters, and the wires into it), so the grader can tell a submission whose task or
given part was changed, in the program or by hand, from the task handed out.
"""
from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, field, replace
from typing import Any

from nodeeditor.model import texts

#: What a task can hide, by its name in the file: "gradients" is Backward and everything
#: that shows a gradient (as a Guess round hides them).
FEATURES = ("gradients", "chain_rule", "plot", "code", "formula")
#: What a question can ask.
ASKS = ("value", "gradient", "build")
#: How close a typed answer must be (relative, and absolute near 0): three significant digits.
DEFAULT_TOLERANCE = 1e-3


@dataclass(frozen=True)
class Question:
    """One thing the task asks. ``node``: the name of the node asked about (value,
    gradient); ``of``: for a gradient, the output differentiated (None: the graph's
    output); ``formula`` and ``output``: for build, what the named output must compute."""

    id: str
    ask: str
    node: str = ""
    of: str = ""
    formula: str = ""
    output: str = ""
    text: str = ""
    points: float = 1.0
    tolerance: float = DEFAULT_TOLERANCE

    def prompt(self, output_name: str = "y") -> str:
        """What the student reads: the teacher's text, or one made from the question."""
        if self.text:
            return self.text
        if self.ask == "value":
            return texts.ASK_VALUE.format(node=self.node)
        if self.ask == "gradient":
            return texts.ASK_GRADIENT.format(of=self.of or output_name, node=self.node)
        return texts.ASK_BUILD.format(output=self.output or output_name, formula=self.formula)

    @property
    def typed(self) -> bool:
        """Whether the student types the answer (a build is checked on the graph)."""
        return self.ask != "build"


@dataclass(frozen=True)
class Task:
    title: str
    instructions: str = ""
    locked: frozenset[str] = frozenset()
    hidden: frozenset[str] = frozenset()
    questions: tuple[Question, ...] = ()
    show_answers: bool = False
    open_in: str = ""
    #: "salt:sha256(salt + password)" when teacher mode asks for a password
    teacher_key: str = ""

    def hides(self, feature: str) -> bool:
        return feature in self.hidden

    def question(self, question_id: str) -> Question:
        """The question ``question_id`` (KeyError: the task does not ask it)."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def new_question_id(self) -> str:
        taken = {q.id for q in self.questions}
        return next(f"q{i}" for i in range(1, len(taken) + 2) if f"q{i}" not in taken)

    @property
    def total_points(self) -> float:
        return sum(q.points for q in self.questions)

    def with_changes(self, **changes: Any) -> Task:
        return replace(self, **changes)


@dataclass(frozen=True)
class HandedIn:
    """Who handed the file in, when (ISO 8601), and the checksum of the task as it was."""

    student: str
    time: str
    task_checksum: str


@dataclass(frozen=True)
class Assignment:
    """What a graph carries for an assignment (Graph.assignment; None: a free canvas).
    Never changed in place: a command sets a new one (with_changes), so Undo has the old."""

    task: Task
    answers: dict[str, str] = field(default_factory=dict)
    handed_in: HandedIn | None = None

    def with_changes(self, **changes: Any) -> Assignment:
        return replace(self, **changes)

    def with_answer(self, question_id: str, text: str) -> Assignment:
        answers = {**self.answers, question_id: text}
        if not text:
            del answers[question_id]
        return replace(self, answers=answers)


# the file's form ---------------------------------------------------------------------------
def task_from_json(entry: dict) -> Task:
    """The task of a file (already checked against the schema)."""
    questions = tuple(Question(**{"tolerance": DEFAULT_TOLERANCE, **q}) for q in entry.get("questions", []))
    ids = [q.id for q in questions]
    if len(set(ids)) != len(ids):
        raise ValueError(texts.QUESTION_TWICE)
    return Task(title=entry["title"], instructions=entry.get("instructions", ""),
                locked=frozenset(entry.get("locked", [])), hidden=frozenset(entry.get("hidden", [])),
                questions=questions, show_answers=bool(entry.get("show_answers", False)),
                open_in=entry.get("open_in", ""), teacher_key=entry.get("teacher_key", ""))


def task_to_json(task: Task) -> dict:
    entry: dict[str, Any] = {"title": task.title}
    if task.instructions:
        entry["instructions"] = task.instructions
    if task.locked:
        entry["locked"] = sorted(task.locked)
    if task.hidden:
        entry["hidden"] = [f for f in FEATURES if f in task.hidden]
    if task.show_answers:
        entry["show_answers"] = True
    if task.open_in:
        entry["open_in"] = task.open_in
    if task.questions:
        entry["questions"] = [_question_json(q) for q in task.questions]
    if task.teacher_key:
        entry["teacher_key"] = task.teacher_key
    return entry


def _question_json(question: Question) -> dict:
    entry: dict[str, Any] = {"id": question.id, "ask": question.ask}
    for name in ("node", "of", "formula", "output", "text"):
        if getattr(question, name):
            entry[name] = getattr(question, name)
    if question.points != 1.0:
        entry["points"] = question.points
    if question.tolerance != DEFAULT_TOLERANCE:
        entry["tolerance"] = question.tolerance
    return entry


def assignment_from_document(document: dict) -> Assignment | None:
    if "task" not in document:
        return None
    handed = document.get("handed_in")
    return Assignment(task_from_json(document["task"]),
                      {a["id"]: a["text"] for a in document.get("answers", [])},
                      HandedIn(**handed) if handed else None)


def assignment_to_document(assignment: Assignment, document: dict) -> None:
    """Write the assignment's parts into a graph's ``document``."""
    document["task"] = task_to_json(assignment.task)
    answers = [{"id": q.id, "text": assignment.answers[q.id]} for q in assignment.task.questions
               if assignment.answers.get(q.id)]
    if answers:
        document["answers"] = answers
    if assignment.handed_in is not None:
        h = assignment.handed_in
        document["handed_in"] = {"student": h.student, "time": h.time, "task_checksum": h.task_checksum}


# the checksum --------------------------------------------------------------------------------
def task_checksum(document: dict) -> str:
    """SHA-256 of the task and of what it locks: each locked node's kind and parameters
    (not its place on the canvas) and the wires into it. The answers and the hand-in
    record are not part of it. ``document`` is a graph's JSON form."""
    task = dict(document.get("task") or {})
    locked = set(task.get("locked", []))
    nodes = [{k: v for k, v in n.items() if k != "position"} for n in document.get("nodes", []) if n["id"] in locked]
    wires = [e for e in document.get("edges", []) if e["to"][0] in locked]
    text = json.dumps({"task": task, "locked": nodes, "wires": wires}, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


# teacher mode's password ----------------------------------------------------------------------
def teacher_key(password: str, salt: str | None = None) -> str:
    """What the file keeps of a teacher's password: a salt and a hash, never the password."""
    salt = salt or secrets.token_hex(8)
    return f"{salt}:{hashlib.sha256((salt + password).encode('utf-8')).hexdigest()}"


def password_opens(task: Task, password: str) -> bool:
    """Whether ``password`` is the teacher's (any does, when the task has none)."""
    if not task.teacher_key:
        return True
    salt = task.teacher_key.split(":", 1)[0]
    return secrets.compare_digest(teacher_key(password, salt), task.teacher_key)
