"""Check my work: is each answer of an assignment right?

A typed answer (the value or the gradient at a named node) is compared with what the
graph computes; the graph is the teacher's (the grader's reference) or, in the program,
the student's own, whose given part the locks keep as the teacher made it. A built graph
is compared with the formula it should compute at random points (and at a given one):
its value and its gradient with respect to each input, so that a graph that only agrees
at one point, such as 12·x0 − 36 + 6·x1 − 9 for x0² + x1² at (6, 3), is found out.

Every check works on a copy of the graph: the document the student edits is never touched.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

import numpy as np

from nodeeditor.classroom import texts
from nodeeditor.compiler import BackwardError, Compiler
from nodeeditor.model import Graph, ValueFormatError, copy_graph, parse_value_text
from nodeeditor.model.expression import ExpressionError, build_graph
from nodeeditor.model.task import Assignment, Question
from nodeeditor.model.values import format_array

#: How many random points a build is checked at (besides the given one).
BUILD_POINTS = 20
#: Where the random points' coordinates lie.
POINT_RANGE = (-3.0, 3.0)
#: How close a build's numbers must be to the formula's (both are computed).
BUILD_TOLERANCE = 1e-6
_FRACTION = re.compile(r"^\s*([-−]?\d+(?:\.\d*)?)\s*/\s*(\d+(?:\.\d*)?)\s*$")


@dataclass(frozen=True)
class Verdict:
    """What Check my work (and the grader) says of one question."""

    question: Question
    #: what the student typed ('' for a build, which is checked on the graph)
    answer: str
    right: bool
    points: float
    #: the right answer as text ('' for a build, or when it cannot be computed)
    expected: str
    #: a sentence for the student: what is wrong, or that it is right
    message: str


def read_answer(text: str) -> np.ndarray:
    """A typed answer: a number, an array as [1, 2], or a fraction such as 1/3."""
    match = _FRACTION.match(text)
    if match:
        top, bottom = float(match.group(1).replace("−", "-")), float(match.group(2))
        if bottom == 0:
            raise ValueFormatError(texts.DIVIDES_BY_ZERO.format(text=text.strip()))
        return np.array(top / bottom)
    return parse_value_text(text)


def check_assignment(graph: Graph, assignment: Assignment, reference: RightAnswers | None = None) -> list[Verdict]:
    """A verdict for every question of ``assignment``: typed answers against what
    ``reference`` (the teacher's graph, computed once for a whole class; default: ``graph``)
    computes, builds on ``graph`` itself."""
    computed = reference if reference is not None else RightAnswers(graph)
    verdicts = []
    for question in assignment.task.questions:
        if question.ask == "build":  # (first at the values the graph has, then at random points)
            verdicts.append(check_build(graph, question, _scalar_values(graph)))
        else:
            verdicts.append(_check_typed(computed, question, assignment.answers.get(question.id, "")))
    return verdicts


def _scalar_values(graph: Graph) -> dict[str, float]:
    """The single-number values of the graph's Variables, by name."""
    return {node.label: float(node.params["value"]) for node in graph.nodes.values()
            if node.kind == "Variable" and np.size(node.params["value"]) == 1}


class RightAnswers:
    """The values and gradients of one graph (a copy: the document is never touched),
    Backward run once per output asked about."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph = copy_graph(graph)
        self.compiler = Compiler(graph, follow=False)
        self.compiler.evaluate()
        self._root: str | None = None

    def value(self, node_id: str) -> np.ndarray | None:
        return self.compiler.results[node_id].value

    def gradient(self, node_id: str, root: str) -> np.ndarray | None:
        if self._root != root:
            self.compiler.backward(root)
            self._root = root
        return self.compiler.results[node_id].grad


def _check_typed(computed: RightAnswers, question: Question, answer: str) -> Verdict:
    graph = computed.graph

    def verdict(right: bool, expected: str, message: str) -> Verdict:
        return Verdict(question, answer, right, question.points if right else 0.0, expected, message)

    node_id = graph.node_called(question.node)
    if node_id is None:
        return verdict(False, "", texts.NO_SUCH_NODE.format(name=question.node))
    try:
        if question.ask == "value":
            expected = computed.value(node_id)
        else:
            root = graph.node_called(question.of) if question.of else computed.compiler.default_output()
            if root is None:
                return verdict(False, "", texts.NO_SUCH_NODE.format(name=question.of))
            expected = computed.gradient(node_id, root)
    except BackwardError as exc:
        return verdict(False, "", str(exc))
    if expected is None:
        error = computed.compiler.results[node_id].error
        return verdict(False, "", error or texts.NO_GRADIENT.format(name=question.node))
    shown = format_array(expected, precision=6)  # (12, 0.196612: as a student would write it)
    if not answer.strip():
        return verdict(False, shown, texts.NOT_ANSWERED)
    try:
        given = read_answer(answer)
    except ValueFormatError as exc:
        return verdict(False, shown, str(exc))
    if np.shape(given) != np.shape(expected) and np.size(given) != 1:
        return verdict(False, shown, texts.WRONG_SHAPE.format(given=np.shape(given), expected=np.shape(expected)))
    tolerance = question.tolerance
    right = bool(np.all(np.isclose(given, expected, rtol=tolerance, atol=tolerance, equal_nan=True)))
    return verdict(right, shown, texts.RIGHT if right else texts.NOT_YET)


# a build, at random points ------------------------------------------------------------------
def check_build(graph: Graph, question: Question, given: dict[str, float] | None = None,
                points: int = BUILD_POINTS) -> Verdict:
    """Whether ``graph``'s output (the question's, else the graph's own) computes the
    question's formula: values and gradients at ``given`` and at ``points`` random points."""

    def verdict(right: bool, message: str) -> Verdict:
        return Verdict(question, "", right, question.points if right else 0.0, "", message)

    try:
        wanted = build_graph(question.formula)
    except ExpressionError as exc:
        return verdict(False, texts.BAD_FORMULA.format(formula=question.formula, reason=exc))
    built = copy_graph(graph)
    try:
        mine = Compiler(built, follow=True)
        root = built.node_called(question.output) if question.output else mine.default_output()
    except BackwardError as exc:
        return verdict(False, texts.WHICH_OUTPUT.format(reason=exc))
    if root is None:
        return verdict(False, texts.NO_SUCH_NODE.format(name=question.output))
    theirs = Compiler(wanted, follow=True)
    their_root = theirs.default_output()
    inputs = {wanted.nodes[n].label: n for n in wanted.nodes if wanted.nodes[n].kind == "Variable"}
    mine_inputs = {}
    for name in sorted(inputs):
        node_id = built.node_called(name)
        if node_id is None or built.nodes[node_id].kind != "Variable":
            return verdict(False, texts.NO_INPUT.format(name=name, formula=question.formula))
        mine_inputs[name] = node_id
    shapes = {name: np.shape(built.nodes[n].params["value"]) for name, n in mine_inputs.items()}
    checked = 0
    for point in _points(question, shapes, given, points):
        if checked >= points + bool(given):
            break
        for name, value in point.items():
            wanted.set_param(inputs[name], "value", value)
            built.set_param(mine_inputs[name], "value", value)
        theirs.backward(their_root)
        f = theirs.results[their_root].value
        expected_grads = {name: theirs.results[n].grad for name, n in inputs.items()}
        if f is None or not np.all(np.isfinite(f)) or any(g is None or not np.all(np.isfinite(g))
                                                          for g in expected_grads.values()):
            continue  # the formula is not defined here (a division by zero): another point
        checked += 1
        where = _point_text(point)
        try:
            mine.backward(root)
        except BackwardError as exc:
            return verdict(False, texts.YOURS_FAILS.format(point=where, reason=exc))
        value = mine.results[root].value
        if value is None or not _close(value, f):
            error = mine.results[root].error
            got = error or format_array(value)
            return verdict(False, texts.VALUE_DIFFERS.format(point=where, got=got, expected=format_array(f)))
        for name, expected in expected_grads.items():
            grad = mine.results[mine_inputs[name]].grad
            if grad is None or not _close(grad, expected):
                return verdict(False, texts.GRADIENT_DIFFERS.format(
                    point=where, output=built.nodes[root].label, name=name, got=format_array(grad),
                    expected=format_array(expected)))
    if checked == 0:
        return verdict(False, texts.NO_POINT.format(formula=question.formula))
    return verdict(True, texts.BUILD_RIGHT.format(count=checked))


def _points(question: Question, shapes: dict[str, tuple], given: dict[str, float] | None, count: int):
    """The given point, then random ones: the same for every file graded with this question
    (the seed comes from the formula), so two students are checked at the same points."""
    if given:
        yield {name: np.full(shapes[name], float(given.get(name, 1.0))) for name in shapes}
    rng = np.random.default_rng(zlib.crc32(question.formula.encode("utf-8")))
    low, high = POINT_RANGE
    for _ in range(count * 3):  # (points where the formula is undefined are skipped)
        yield {name: np.round(rng.uniform(low, high, size=shape), 3) for name, shape in shapes.items()}


def _point_text(point: dict[str, np.ndarray]) -> str:
    return ", ".join(f"{name} = {format_array(value)}" for name, value in point.items())


def _close(got: np.ndarray, expected: np.ndarray) -> bool:
    return np.shape(got) == np.shape(expected) and bool(
        np.all(np.isclose(got, expected, rtol=BUILD_TOLERANCE, atol=BUILD_TOLERANCE)))


def score(verdicts: list[Verdict]) -> tuple[float, float]:
    """(points earned, points possible)."""
    return sum(v.points for v in verdicts), sum(v.question.points for v in verdicts)
