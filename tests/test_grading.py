"""main.py grade: a class's handed-in files against the task or a formula, the scores as a
table, JSON, CSV and one HTML page; the sample assignments and what they score."""
from __future__ import annotations

import csv
import html
import importlib.util
import io
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from nodeeditor.app import cli
from nodeeditor.classroom import texts
from nodeeditor.classroom.checking import RightAnswers, check_assignment
from nodeeditor.classroom.grading import Reference, Submission, grade, reference_from_task
from nodeeditor.classroom.reports import as_csv, as_html, as_json, as_text, class_questions, most_common_wrong
from nodeeditor.model import Graph, load_graph, save_graph
from nodeeditor.model.expression import build_graph
from nodeeditor.model.graphfile import dumps_document, graph_to_document
from nodeeditor.model.task import Assignment, HandedIn, Question, Task, task_checksum
from tests.conftest import ROOT

ASSIGNMENTS = ROOT / "resources" / "examples" / "assignments"
SPHERE, BUILD, NEURON = "1-sphere-by-hand", "2-build-x0-plus-x1-times-x", "3-neuron-gradients"
SPHERE_FORMULA = ["--expect", "x0**2 + x1**2", "--at", "x0=6,x1=3", "--points", "5"]


def grade_cli(capsys, *args) -> tuple[int, str, str]:
    """main.py grade, in this process: (exit code, stdout, stderr)."""
    code = cli.main(["grade", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


def submissions(name: str) -> list[Path]:
    return sorted((ASSIGNMENTS / name / "submissions").glob("*.graph"))


def graded(capsys, name: str, *more) -> dict:
    code, out, err = grade_cli(capsys, *submissions(name), "--against", ASSIGNMENTS / name / "task.graph", "--json",
                               *more)
    assert code == 0, err
    return json.loads(out)


def scores(report: dict) -> dict[str, tuple]:
    return {s["student"]: (s["score"], s["possible"]) for s in report["submissions"]}


# the sample assignments ---------------------------------------------------------------------------
def test_the_sphere_by_hand_scores_the_right_the_wrong_and_flags_the_altered_one(capsys):
    report = graded(capsys, SPHERE)
    assert report["task"] == "The sphere by hand" and report["possible"] == 3
    assert scores(report) == {"Aiko Tanaka": (3, 3), "Ben Okafor": (1, 3), "佐藤 健": (1, 3), "鈴木 花": (2, 3)}
    by_student = {s["student"]: s for s in report["submissions"]}
    ben = by_student["Ben Okafor"]
    assert ben["altered"] is True and ben["altered_why"] == texts.TASK_CHANGED  # x0 edited to 1 after the hand-in
    assert not any(s["altered"] for name, s in by_student.items() if name != "Ben Okafor")
    sato = by_student["佐藤 健"]
    assert sato["handed_in"] == "2026-12-04T10:09:00+09:00" and sato["readable"] and sato["error"] == ""
    assert [(q["id"], q["answer"], q["right"], q["expected"]) for q in sato["questions"]] == [
        ("q1", "6", False, "12"), ("q2", "3", False, "6"), ("q3", "45", True, "45")]  # forgot the factor 2
    assert sato["questions"][0]["prompt"] == "What is ∂y/∂x0?"
    assert {q["points"] for q in by_student["Aiko Tanaka"]["questions"]} == {1}


def test_the_build_finds_a_graph_that_agrees_at_the_given_point_only(capsys):
    report = graded(capsys, BUILD)
    assert scores(report) == {"Aiko Tanaka": (5, 5), "Ben Okafor": (0, 5), "佐藤 健": (0, 5), "鈴木 花": (0, 5)}
    ben = next(s for s in report["submissions"] if s["student"] == "Ben Okafor")
    assert "the value is right but ∂y/∂x0" in ben["questions"][0]["message"]  # (checked at the task's own values first)
    task = load_graph(ASSIGNMENTS / BUILD / "task.graph")
    assert task.assignment.task.hides("formula") and len(task.edges) == 0
    assert cli.main(["run", str(submissions(BUILD)[1]), "--json"]) == 0  # Ben's x0·x1·x − x gives 20 at (2, 3, 4)
    assert json.loads(capsys.readouterr().out)["nodes"][-1]["value"] == 20.0


def test_the_neuron_gradients_take_three_significant_digits(capsys):
    report = graded(capsys, NEURON)
    assert scores(report) == {"Aiko Tanaka": (4, 4), "Ben Okafor": (1, 4), "Maria Santos": (4, 4), "佐藤 健": (1, 4),
                              "鈴木 花": (3, 4)}
    ben = next(s for s in report["submissions"] if s["student"] == "Ben Okafor")
    assert [q["right"] for q in ben["questions"]] == [False, False, False, True]  # 0.39 is not 0.393; 0.73 is 0.731


def test_every_sample_opens_and_is_what_the_script_writes(tmp_path):
    spec = importlib.util.spec_from_file_location("make_assignment_examples",
                                                  ROOT / "scripts" / "make_assignment_examples.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    for name, make_task, students in (script.SPHERE, script.BUILD, script.NEURON):
        script.write(tmp_path / name, make_task, students)
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.graph"))
    assert written == sorted(p.relative_to(ASSIGNMENTS) for p in ASSIGNMENTS.rglob("*.graph"))
    for path in written:
        assert (tmp_path / path).read_bytes() == (ASSIGNMENTS / path).read_bytes(), path
        graph = load_graph(ASSIGNMENTS / path)
        assert graph.assignment is not None
        assert (graph.assignment.handed_in is None) == (path.name == "task.graph")
    sphere = load_graph(ASSIGNMENTS / SPHERE / "task.graph").assignment.task
    assert sphere.locked and sphere.hidden == {"gradients", "chain_rule"}


def test_main_py_grade_runs_from_the_command_line(tmp_path):
    """Through the real entry point, as a teacher types it."""
    folder = ASSIGNMENTS / SPHERE
    done = subprocess.run([sys.executable, "main.py", "grade", *map(str, submissions(SPHERE)), "--against",
                           str(folder / "task.graph"), "--html", str(tmp_path / "r.html")],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "The sphere by hand (3 points)"
    ben = next(line for line in lines if line.startswith("Ben Okafor"))
    assert ben.split()[-5:] == ["1/3", "✗", "✓", "✗", "ALTERED"]
    assert any(texts.TASK_CHANGED in line for line in lines)
    assert "q2 What is ∂y/∂x1? Answered 3; the right answer is 6." in done.stdout
    assert str(tmp_path / "r.html") in done.stderr and (tmp_path / "r.html").is_file()


# against a formula ------------------------------------------------------------------------------------
def _tangent_and_sphere(folder: Path) -> list[Path]:
    """12·x0 − 36 + 6·x1 − 9 agrees with x0² + x1² at (6, 3), values and gradients."""
    tangent, right = folder / "tangent.graph", folder / "right.graph"
    save_graph(build_graph("12*x0 - 36 + 6*x1 - 9", {"x0": 6, "x1": 3}), tangent)
    save_graph(build_graph("x0**2 + x1**2", {"x0": 6, "x1": 3}), right)
    return [tangent, right]


def test_against_a_formula_the_tangent_scores_0_and_the_sphere_5(capsys, tmp_path):
    code, out, err = grade_cli(capsys, *_tangent_and_sphere(tmp_path), *SPHERE_FORMULA, "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["task"] == "x0**2 + x1**2" and report["possible"] == 5
    assert scores(report) == {"tangent": (0, 5), "right": (5, 5)}
    assert not any(s["altered"] for s in report["submissions"])


def _two_ends(path: Path) -> Path:
    """The sphere with a second end: Neg(x0) beside y."""
    graph = build_graph("x0**2 + x1**2", {"x0": 6, "x1": 3})
    x0 = next(n for n in graph.nodes.values() if n.label == "x0").id
    graph.connect(x0, "y", graph.add_node("Neg", position=(400, 300)).id, "a")
    graph.give_names()
    save_graph(graph, path)
    return path


def test_a_graph_with_two_ends_is_graded_at_its_named_output(capsys, tmp_path):
    both = _two_ends(tmp_path / "two-ends.graph")
    code, out, _ = grade_cli(capsys, both, *SPHERE_FORMULA, "--json", "--output", "y")
    assert code == 0 and scores(json.loads(out)) == {"two-ends": (5, 5)}
    code, out, _ = grade_cli(capsys, both, *SPHERE_FORMULA, "--json")  # which end? not said: not right
    verdict = json.loads(out)["submissions"][0]["questions"][0]
    assert code == 0 and verdict["right"] is False and verdict["message"].startswith("Which node is the answer?")
    # against a task, the question names its output
    task = build_graph("x0**2 + x1**2", {"x0": 6, "x1": 3})
    task.assignment = Assignment(Task("Build the sphere", questions=(
        Question(id="q1", ask="build", formula="x0**2 + x1**2", output="y", points=2.0),)))
    save_graph(task, tmp_path / "task.graph")
    code, out, _ = grade_cli(capsys, both, "--against", tmp_path / "task.graph", "--json")
    submission = json.loads(out)["submissions"][0]
    assert code == 0 and (submission["score"], submission["possible"]) == (2, 2)
    assert submission["altered"] and submission["altered_why"] == texts.TASK_REMOVED  # (the file has no task)


# what cannot be read ----------------------------------------------------------------------------------
def test_an_unreadable_submission_is_reported_and_the_others_are_graded(capsys, tmp_path):
    (tmp_path / "not-json.graph").write_text("this is no graph", encoding="utf-8")
    (tmp_path / "a-folder.graph").mkdir()
    files = [tmp_path / "not-json.graph", *_tangent_and_sphere(tmp_path), tmp_path / "a-folder.graph",
             tmp_path / "missing.graph"]
    code, out, err = grade_cli(capsys, *files, *SPHERE_FORMULA, "--json")
    assert code == 2
    report = json.loads(out)
    assert [s["readable"] for s in report["submissions"]] == [False, True, True, False, False]
    assert scores(report)["right"] == (5, 5)
    assert all(s["error"] and s["score"] == 0 and s["questions"] == [] for s in report["submissions"]
               if not s["readable"])
    assert "3 files could not be read" in err and "missing.graph" in err
    code, out, _ = grade_cli(capsys, *files, *SPHERE_FORMULA)
    assert code == 2 and out.count("UNREADABLE") == 3 and "cannot be read: " in out


def test_a_file_the_grader_fails_on_is_that_file_s_error(capsys, tmp_path, monkeypatch):
    from nodeeditor.classroom import grading

    real = grading.grade_one

    def failing(path, reference):
        if Path(path).name == "tangent.graph":
            raise ZeroDivisionError("a case no one foresaw")
        return real(path, reference)

    monkeypatch.setattr(grading, "grade_one", failing)
    code, out, _ = grade_cli(capsys, *_tangent_and_sphere(tmp_path), *SPHERE_FORMULA, "--json")
    report = json.loads(out)
    assert code == 2 and "ZeroDivisionError" in report["submissions"][0]["error"]
    assert scores(report)["right"] == (5, 5)


@pytest.mark.parametrize("args, said", [
    (["--against", "t.graph", "--expect", "x"], "not allowed with"),
    ([], "one of the arguments --against --expect is required"),
    (["--against", "TASK", "--at", "x0=1"], "--at goes with --expect"),
    (["--against", "TASK", "--output", "y"], "--output goes with --expect"),
    (["--expect", "x0**2 +"], "error:"),
    (["--expect", "x0**2", "--at", "z=1"], "has no input called z"),
    (["--expect", "x0**2", "--at", "x0=[1,2]"], "give one number"),
    (["--expect", "x0**2", "--at", "6"], "expected NAME=NUMBER"),
    (["--expect", "x0**2", "--points", "-1"], "above 0"),
])
def test_usage_errors_and_an_unusable_formula_exit_2(capsys, tmp_path, args, said):
    task = ASSIGNMENTS / SPHERE / "task.graph"
    args = [str(task) if a == "TASK" else a for a in args]
    try:
        code = cli.main(["grade", str(submissions(SPHERE)[0]), *args])
    except SystemExit as exc:  # argparse's own errors
        code = exc.code
    assert code == 2
    assert said in capsys.readouterr().err


def test_a_file_that_is_no_task_cannot_be_graded_against(capsys, tmp_path):
    plain = tmp_path / "plain.graph"
    save_graph(build_graph("x0 + x1"), plain)
    code, out, err = grade_cli(capsys, *submissions(SPHERE), "--against", plain)
    assert code == 2 and out == "" and "has no task" in err


def test_a_formula_that_starts_with_a_minus_sign_is_a_formula(capsys, tmp_path):
    save_graph(build_graph("-x0", {"x0": 2}), tmp_path / "neg.graph")
    code, out, _ = grade_cli(capsys, tmp_path / "neg.graph", "--expect", "-x0", "--json")
    assert code == 0 and scores(json.loads(out)) == {"neg": (1, 1)}


# the CSV and the page ---------------------------------------------------------------------------------
def _class(tmp_path: Path) -> tuple[list, object]:
    """The sphere's class, with a student whose name would be markup and a file that
    cannot be read."""
    folder = ASSIGNMENTS / SPHERE
    graph = load_graph(submissions(SPHERE)[0])
    graph.assignment = graph.assignment.with_changes(handed_in=HandedIn(
        '<b>Tom</b> & "Jerry"', "2026-12-04T10:20:00+09:00", task_checksum(graph_to_document(graph))))
    (tmp_path / "tom.graph").write_text(dumps_document(graph_to_document(graph)), encoding="utf-8")
    (tmp_path / "broken.graph").write_text("{", encoding="utf-8")
    reference = reference_from_task(folder / "task.graph")
    return grade([*submissions(SPHERE), tmp_path / "tom.graph", tmp_path / "broken.graph"], reference), reference


def test_the_csv_has_a_row_per_student_and_question_and_opens_with_the_csv_module(tmp_path, capsys):
    graded_class, reference = _class(tmp_path)
    text = as_csv(graded_class, reference)
    assert text.startswith("\ufeff") and "\r\n" in text
    (tmp_path / "r.csv").write_bytes(text.encode("utf-8"))
    with open(tmp_path / "r.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["student", "file", "question", "prompt", "answer", "right", "points", "possible",
                             "expected", "altered", "message"]
    assert len(rows) == 5 * 3 + 1  # five students, three questions; the broken file's row
    sato = [r for r in rows if r["student"] == "佐藤 健"]
    assert [(r["question"], r["answer"], r["right"], r["expected"]) for r in sato] == [
        ("q1", "6", "false", "12"), ("q2", "3", "false", "6"), ("q3", "45", "true", "45")]
    assert {r["altered"] for r in rows if r["student"] == "Ben Okafor"} == {texts.TASK_CHANGED}
    broken = rows[-1]
    assert broken["file"] == "broken.graph" and broken["question"] == "" and "JSON" in broken["message"]
    assert {r["student"] for r in rows if "Tom" in r["student"]} == {'<b>Tom</b> & "Jerry"'}
    # written by main.py grade --csv, said on stderr
    code, _, err = grade_cli(capsys, *submissions(SPHERE), "--against", ASSIGNMENTS / SPHERE / "task.graph",
                             "--csv", tmp_path / "out.csv")
    assert code == 0 and "out.csv" in err
    with open(tmp_path / "out.csv", encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.reader(handle))) == 1 + 4 * 3


def test_a_cell_that_would_be_a_spreadsheet_formula_stays_text(tmp_path):
    """A name such as =HYPERLINK(...) in a student's file is text in the spreadsheet; a
    negative number stays a number."""
    graded_class, reference = _class(tmp_path)
    graded_class[0].student = '=HYPERLINK("http://example.invalid")'
    graded_class[1].verdicts[0] = replace(graded_class[1].verdicts[0], answer="-2")
    rows = list(csv.reader(io.StringIO(as_csv(graded_class, reference).lstrip("\ufeff"))))
    assert rows[1][0] == "'" + '=HYPERLINK("http://example.invalid")'
    assert rows[4][4] == "-2"
    assert all(not cell.startswith(("=", "+", "@")) for row in rows for cell in row)


def test_the_page_is_self_contained_escapes_every_name_and_shows_the_common_mistake(tmp_path, capsys):
    graded_class, reference = _class(tmp_path)
    page = as_html(graded_class, reference)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert "<title>Results: The sphere by hand</title>" in page
    assert "http" not in page and "<script" not in page.lower() and "src=" not in page
    for student in ("Aiko Tanaka", "Ben Okafor", "佐藤 健", "鈴木 花"):
        assert page.count(student) >= 2, student  # in the scores and above the student's answers
    assert "<b>Tom</b>" not in page and html.escape('<b>Tom</b> & "Jerry"') in page
    assert "Most common wrong answer: 3, given by 2 students." in page  # q2: 佐藤 and 鈴木 forgot the 2
    assert "ALTERED" in page and "UNREADABLE" in page
    assert "✓" in page and "✗" in page and 'class="wrong"' in page and 'class="right"' in page
    code, _, err = grade_cli(capsys, *submissions(SPHERE), "--against", ASSIGNMENTS / SPHERE / "task.graph",
                             "--html", tmp_path / "page.html")
    assert code == 0 and "page.html" in err
    assert "Most common wrong answer: 3" in (tmp_path / "page.html").read_text(encoding="utf-8")


def test_the_page_names_the_common_mistake_of_a_build(capsys):
    reference = reference_from_task(ASSIGNMENTS / BUILD / "task.graph")
    page = as_html(grade(submissions(BUILD), reference), reference)
    assert "Most common mistake (2 students): At " in page  # 佐藤 and 鈴木 built x0 + x1·x


def test_answers_that_mean_the_same_number_are_one_wrong_answer():
    graph = Graph()
    graph.add_node("Variable", {"name": "x", "value": np.array(2.0)})
    graph.assignment = Assignment(Task("t", questions=(Question(id="q1", ask="value", node="x"),)))
    reference = Reference(graph.assignment.task, RightAnswers(graph))
    given = [Submission(f"s{i}.graph", verdicts=check_assignment(graph, graph.assignment.with_answer("q1", text)))
             for i, text in enumerate(["3", "3.0", " 3 ", "4", "2", ""])]
    [entry] = class_questions(given, reference)
    assert (entry.right, entry.count, entry.unanswered) == (1, 6, 1)
    assert most_common_wrong(entry) == (["3"], 3)
    assert "1 of 6 right" in as_html(given, reference) and "1 student gave no answer." in as_html(given, reference)
    report = as_json(given, reference)
    assert report["possible"] == 1 and [s["score"] for s in report["submissions"]] == [0, 0, 0, 0, 1, 0]
    assert as_text([], reference).endswith(texts.NO_FILES)
