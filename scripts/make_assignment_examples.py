"""Writes resources/examples/assignments/: three assignments, each a folder with the
teacher's task.graph and the students' handed-in files in submissions/, for trying
``main.py grade`` (and the grader's reports) on a small class. Run it again after a
format change; the files come out the same every time.

    python main.py grade resources/examples/assignments/1-sphere-by-hand/submissions/*.graph \\
        --against resources/examples/assignments/1-sphere-by-hand/task.graph
"""
from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nodeeditor.model import Graph, save_graph  # noqa: E402
from nodeeditor.model.expression import build_graph  # noqa: E402
from nodeeditor.model.graphfile import dumps_document, graph_from_document, graph_to_document  # noqa: E402
from nodeeditor.model.task import Assignment, HandedIn, Question, Task, task_checksum  # noqa: E402

FOLDER = ROOT / "resources" / "examples" / "assignments"
#: The morning the class handed in (a fixed time: the files are the same at every run).
DAY = "2026-12-04T10:{minute:02d}:00+09:00"


# 1. the sphere, by hand ------------------------------------------------------------------------
def sphere_task() -> Graph:
    graph = build_graph("x0**2 + x1**2", {"x0": 6, "x1": 3})
    graph.description = "y = x0² + x1² at x0 = 6, x1 = 3 (the seed's sphere function)."
    graph.assignment = Assignment(Task(
        title="The sphere by hand",
        instructions=(
            "The graph computes y = x0² + x1² at x0 = 6 and x1 = 3. Backward is switched off for this task: "
            "work the answers out on paper and type them in.\n\n"
            "Hints: the derivative of x² is 2·x, and an Add node passes the gradient it gets on to both of its "
            "inputs unchanged, so ∂y/∂x0 is the derivative of x0² alone. Type whole numbers, such as 7."),
        locked=frozenset(graph.nodes),
        hidden=frozenset({"gradients", "chain_rule"}),
        questions=(Question(id="q1", ask="gradient", node="x0"),
                   Question(id="q2", ask="gradient", node="x1"),
                   Question(id="q3", ask="value", node="y"))))
    return graph


def sphere_altered(document: dict) -> None:
    """Ben changed x0 from 6 to 1 in the file with a text editor, after handing it in
    (and worked his answers out for x0 = 1)."""
    x0 = next(node for node in document["nodes"] if node.get("name") == "x0")
    x0["value"] = 1.0


SPHERE = ("1-sphere-by-hand", sphere_task, [
    # (file, student, minute, answers by question, a change by hand after the hand-in)
    ("aiko-tanaka", "Aiko Tanaka", 5, {"q1": "12", "q2": "6", "q3": "45"}, None),
    ("sato-ken", "佐藤 健", 9, {"q1": "6", "q2": "3", "q3": "45"}, None),  # forgot the factor 2
    ("suzuki-hana", "鈴木 花", 11, {"q1": "12", "q2": "3", "q3": "45"}, None),  # forgot it once
    ("ben-okafor", "Ben Okafor", 14, {"q1": "2", "q2": "6", "q3": "10"}, sphere_altered),
])


# 2. build (x0 + x1) * x ---------------------------------------------------------------------------
GIVEN = {"x0": 2.0, "x1": 3.0, "x": 4.0}


def build_task() -> Graph:
    graph = Graph()
    for row, (name, value) in enumerate(GIVEN.items()):
        graph.add_node("Variable", {"name": name, "value": value}, position=(0.0, 130.0 * row))
    graph.description = "Three inputs and no wires: the graph is yours to build."
    graph.assignment = Assignment(Task(
        title="Build (x0 + x1) · x",
        instructions=(
            "Build a graph whose output y computes (x0 + x1) · x from the three Variables given (they are "
            "locked: leave their values as they are). Use the nodes of the palette; the formula bar is switched "
            "off for this task.\n\n"
            "The grader tries your graph at 20 points chosen at random and compares its value and its gradients "
            "with the formula's: a graph that gives 20 at x0 = 2, x1 = 3, x = 4 but computes something else is "
            "found out."),
        locked=frozenset(graph.nodes),
        hidden=frozenset({"formula"}),
        questions=(Question(id="q1", ask="build", formula="(x0 + x1) * x", output="y", points=5.0),)))
    return graph


def build_add_then_mul(graph: Graph) -> None:
    _wire(graph, [("Add", ("x0", "x1")), ("Mul", (-1, "x"))])


def build_mul_first(graph: Graph) -> None:
    """x0 + x1 * x: the multiplication done first, as in the written formula without brackets."""
    _wire(graph, [("Mul", ("x1", "x")), ("Add", ("x0", -1))])


def build_right_at_one_point(graph: Graph) -> None:
    """x0 · x1 · x − x: 20 at (2, 3, 4) too, but not elsewhere, and its gradients differ."""
    _wire(graph, [("Mul", ("x0", "x1")), ("Mul", (-1, "x")), ("Sub", (-1, "x"))])


def _wire(graph: Graph, steps: list[tuple[str, tuple]]) -> None:
    """Add each step's node, fed by named Variables or by an earlier step (-1: the one
    before), one column further right each; the last one is the output y."""
    ids = {graph.nodes[n].label: n for n in graph.nodes}
    made: list[str] = []
    for column, (kind, inputs) in enumerate(steps, start=1):
        node = graph.add_node(kind, position=(200.0 * column, 65.0 * column))
        for port, source in zip(("a", "b"), inputs):
            graph.connect(made[source] if isinstance(source, int) else ids[source], "y", node.id, port)
        made.append(node.id)
    graph.output = made[-1]
    graph.name_output("y")
    graph.give_names()


BUILD = ("2-build-x0-plus-x1-times-x", build_task, [
    ("aiko-tanaka", "Aiko Tanaka", 21, build_add_then_mul, None),
    ("sato-ken", "佐藤 健", 24, build_mul_first, None),
    ("suzuki-hana", "鈴木 花", 26, build_mul_first, None),
    ("ben-okafor", "Ben Okafor", 29, build_right_at_one_point, None),
])


# 3. a neuron's gradients ------------------------------------------------------------------------
def neuron_task() -> Graph:
    graph = build_graph("sigmoid(w*x + b)", {"w": 2, "x": -1, "b": 3})
    graph.description = "A neuron: y = σ(w·x + b) at w = 2, x = −1, b = 3."
    graph.assignment = Assignment(Task(
        title="A neuron's gradients",
        instructions=(
            "The graph is one neuron: y = σ(w·x + b), with w = 2, x = −1 and b = 3, so w·x + b = 1. "
            "Backward is switched off: find the gradients by hand, with a calculator.\n\n"
            "Hints: σ(s) = 1 / (1 + e^(−s)), and its derivative is σ(s)·(1 − σ(s)). By the chain rule "
            "∂y/∂w = σ'(s)·x, ∂y/∂b = σ'(s) and ∂y/∂x = σ'(s)·w. Give three significant digits, "
            "such as 0.512."),
        locked=frozenset(graph.nodes),
        hidden=frozenset({"gradients", "chain_rule"}),
        questions=(Question(id="q1", ask="gradient", node="w"),
                   Question(id="q2", ask="gradient", node="b"),
                   Question(id="q3", ask="gradient", node="x"),
                   Question(id="q4", ask="value", node="y"))))
    return graph


NEURON = ("3-neuron-gradients", neuron_task, [
    ("aiko-tanaka", "Aiko Tanaka", 40, {"q1": "-0.197", "q2": "0.197", "q3": "0.393", "q4": "0.731"}, None),
    # the chain rule without σ': the gradients of w·x + b alone
    ("sato-ken", "佐藤 健", 43, {"q1": "-1", "q2": "1", "q3": "2", "q4": "0.731"}, None),
    # the sign of x lost
    ("suzuki-hana", "鈴木 花", 45, {"q1": "0.197", "q2": "0.197", "q3": "0.393", "q4": "0.731"}, None),
    # rounded to two digits: 0.39 is too far from 0.3932 (0.73 is close enough to 0.7311)
    ("ben-okafor", "Ben Okafor", 48, {"q1": "-0.2", "q2": "0.2", "q3": "0.39", "q4": "0.73"}, None),
    ("maria-santos", "Maria Santos", 52, {"q1": "-0.19661", "q2": "0.19661", "q3": "0.39322", "q4": "0.731"}, None),
])


# writing ------------------------------------------------------------------------------------------
def handed_in(task: Graph, student: str, minute: int, work: dict[str, str] | Callable[[Graph], None]) -> Graph:
    """A copy of the task with the student's work (typed answers, or the nodes they
    built), handed in: the record's checksum is taken after the work is done."""
    graph = graph_from_document(graph_to_document(task))
    if callable(work):
        work(graph)
    else:
        assignment = graph.assignment
        for question_id, text in work.items():
            assignment = assignment.with_answer(question_id, text)
        graph.assignment = assignment
    checksum = task_checksum(graph_to_document(graph))
    graph.assignment = graph.assignment.with_changes(handed_in=HandedIn(student, DAY.format(minute=minute), checksum))
    return graph


def write(folder: Path, make_task: Callable[[], Graph], students: list) -> None:
    task = make_task()
    (folder / "submissions").mkdir(parents=True)
    save_graph(task, folder / "task.graph")
    for stem, student, minute, work, by_hand in students:
        document = graph_to_document(handed_in(task, student, minute, work))
        if by_hand is not None:
            by_hand(document)
        (folder / "submissions" / f"{stem}.graph").write_text(dumps_document(document), encoding="utf-8")
    print(f"wrote {folder} (task and {len(students)} submissions)")


def main() -> None:
    if FOLDER.exists():
        shutil.rmtree(FOLDER)
    for name, make_task, students in (SPHERE, BUILD, NEURON):
        write(FOLDER / name, make_task, students)


if __name__ == "__main__":
    main()
