"""``main.py grade``: handed-in files graded against the teacher's task or a formula, the
results printed as a table (or JSON) and written as CSV and an HTML page when asked.

Each file is graded on its own: one that cannot be read, or that the grader fails on, is
reported and the rest are graded. The grading and the reports are the classroom's
(nodeeditor.classroom); this module reads the options, says what went wrong and writes
the files.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

from nodeeditor.app import texts
from nodeeditor.app.cli import EXIT_BAD_INPUT, EXIT_OK
from nodeeditor.app.progress import Progress
from nodeeditor.classroom import grading, reports
from nodeeditor.classroom.grading import Reference, Submission
from nodeeditor.model.expression import ExpressionError, build_graph
from nodeeditor.model.graphfile import save_text
from nodeeditor.plural import plural


def task_reference(path: str) -> Reference | None:
    """The teacher's task to grade against, or None after saying why it cannot be."""
    try:
        return grading.reference_from_task(path)
    except grading.ReferenceError as exc:
        print(texts.ERROR.format(message=exc), file=sys.stderr)
        return None


def formula_reference(formula: str, at: dict[str, np.ndarray], points: float | None,
                      output: str | None) -> Reference | None:
    """A formula to grade builds against, checked first: it must read, ``at`` must give
    one number to inputs it has, and a right graph must earn something."""
    try:
        wanted = build_graph(formula)
    except ExpressionError as exc:
        pointer = exc.pointer(formula)
        print((texts.FORMULA_ERROR if pointer else texts.ERROR).format(message=exc.message, pointer=pointer),
              file=sys.stderr)
        return None
    inputs = {node.label for node in wanted.nodes.values() if node.kind == "Variable"}
    for name, value in at.items():
        if name not in inputs:
            print(texts.AT_NOT_AN_INPUT.format(name=name, formula=formula), file=sys.stderr)
            return None
        if np.size(value) != 1:
            print(texts.AT_NOT_A_NUMBER.format(name=name), file=sys.stderr)
            return None
    points = 1.0 if points is None else points
    if not (np.isfinite(points) and points > 0):
        print(texts.BAD_POINTS.format(points=points), file=sys.stderr)
        return None
    given = {name: float(np.asarray(value, dtype=float).reshape(())) for name, value in at.items()}
    return grading.reference_from_formula(formula, given, points, output or "")


def grade(paths: list[str], reference: Reference, as_json: bool = False, csv_out: str | None = None,
          html_out: str | None = None) -> int:
    """Grade every file, print the table (or JSON), write the CSV and the page asked for.
    Exit 0 when every file could be read (and every report written), else 2."""
    submissions: list[Submission] = []
    with Progress() as progress:
        for number, path in enumerate(paths, start=1):
            progress.stage(texts.GRADING.format(path=path, number=number, count=len(paths)))
            submissions.append(_graded(path, reference))
    if as_json:
        _say(json.dumps(reports.as_json(submissions, reference), indent=2))
    else:
        _say(reports.as_text(submissions, reference))
    written = all([_write(csv_out, reports.as_csv, submissions, reference, texts.WROTE_CSV),
                   _write(html_out, reports.as_html, submissions, reference, texts.WROTE_HTML)])
    unreadable = [s.path for s in submissions if not s.readable]
    if unreadable:
        count = len(unreadable)
        print(plural(count, texts.UNREADABLE_ONE, texts.UNREADABLE_MANY).format(count=count, paths=", ".join(unreadable)),
              file=sys.stderr)
    return EXIT_OK if written and not unreadable else EXIT_BAD_INPUT


def _graded(path: str, reference: Reference) -> Submission:
    """One file graded; a failure of the grader on it (a file no one foresaw) becomes
    that file's error, written to the log, and the next file is graded."""
    try:
        return grading.grade_one(path, reference)
    except Exception as error:  # noqa: BLE001 - one student's file never stops the class's grading
        from nodeeditor.app.logs import log_exception

        where = log_exception(error, f"grading {path}")
        message = texts.GRADER_FAILED.format(kind=type(error).__name__, message=str(error)[:200], log=where)
        return Submission(str(path), student=Path(path).stem, error=message)


def _write(out: str | None, make: Callable[[list[Submission], Reference], str], submissions: list[Submission],
           reference: Reference, said: str) -> bool:
    """Write one report to ``out`` (none asked: nothing to do) and say so on stderr."""
    if out is None:
        return True
    try:
        save_text(make(submissions, reference), out)
    except OSError as exc:
        print(texts.CANNOT_WRITE.format(path=out, reason=exc.strerror or exc), file=sys.stderr)
        return False
    print(said.format(path=out), file=sys.stderr)
    return True


def _say(text: str) -> None:
    """Print ``text``; on a console whose encoding lacks a character (a Japanese name on
    a Windows code page) that character is written as an escape rather than failing."""
    try:
        print(text)
    except UnicodeEncodeError:
        encoding = getattr(sys.stdout, "encoding", None) or "ascii"
        print(text.encode(encoding, "backslashreplace").decode(encoding))
