"""The class's results, from the graded submissions: a table for the terminal, JSON for a
grading script, CSV for a spreadsheet and one HTML page for the teacher to show.

Each form takes the same two things, the submissions ``grade`` returned and the reference
they were graded against, and returns text; writing it anywhere is the caller's. The CSV
is written here rather than by the csv module, which the frozen builds leave out: RFC 4180
quoting, CRLF line ends and a byte-order mark, so that Excel opens Japanese names as they
are. The HTML page is self-contained (its style inline, no script, nothing fetched), every
text from a file escaped.
"""
from __future__ import annotations

import html
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from nodeeditor.classroom import texts
from nodeeditor.classroom.checking import Verdict, read_answer
from nodeeditor.classroom.grading import Reference, Submission
from nodeeditor.model import ValueFormatError, format_full
from nodeeditor.model.task import Question
from nodeeditor.plural import plural

#: The CSV's columns (names for a program, as the JSON's keys are).
CSV_COLUMNS = ("student", "file", "question", "prompt", "answer", "right", "points", "possible", "expected",
               "altered", "message")
#: A spreadsheet takes a cell that starts with one of these for a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def points_text(points: float) -> str:
    """3.0 as 3, 2.5 as 2.5."""
    return f"{points:g}"


def _number(points: float) -> float | int:
    return int(points) if float(points).is_integer() else points


def prompts(reference: Reference) -> dict[str, str]:
    """What each question asks, as the student reads it."""
    output = reference.answers.graph.output_name if reference.answers is not None else "y"
    return {q.id: q.prompt(output) for q in reference.task.questions}


def score_text(submission: Submission, reference: Reference) -> str:
    possible = submission.possible if submission.readable else reference.task.total_points
    return texts.SCORE.format(earned=points_text(submission.earned), possible=points_text(possible))


def title(reference: Reference) -> str:
    total = reference.task.total_points
    return plural(1 if total == 1 else 2, texts.REPORT_TITLE_ONE, texts.REPORT_TITLE_MANY).format(
        task=reference.task.title, points=points_text(total))


# the terminal ------------------------------------------------------------------------------------------
def as_text(submissions: list[Submission], reference: Reference) -> str:
    """A row per file (student, file, score, a mark per question, ALTERED) and below it
    what the student needs to hear: why it is altered or unreadable, each wrong answer."""
    asked = prompts(reference)
    ids = [q.id for q in reference.task.questions]
    rows = [[texts.TABLE_STUDENT, texts.TABLE_FILE, texts.TABLE_SCORE, *ids, texts.TABLE_ALTERED]]
    notes: list[list[str]] = [[]]
    for submission in submissions:
        marks = {v.question.id: texts.MARK_RIGHT if v.right else texts.MARK_WRONG for v in submission.verdicts}
        flag = texts.UNREADABLE_FLAG if not submission.readable else texts.ALTERED_FLAG if submission.altered else ""
        rows.append([submission.student, Path(submission.path).name, score_text(submission, reference),
                     *(marks.get(i, texts.MARK_NONE) for i in ids), flag])
        notes.append(_notes(submission, asked))
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [title(reference), ""]
    for row, below in zip(rows, notes):
        lines.append("  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(row, widths)).rstrip())
        lines += below
    if not submissions:
        lines.append(texts.NO_FILES)
    return "\n".join(lines)


def _notes(submission: Submission, asked: dict[str, str]) -> list[str]:
    if not submission.readable:
        return [texts.LINE_UNREADABLE.format(error=submission.error)]
    lines = [texts.LINE_ALTERED.format(why=submission.altered)] if submission.altered else []
    for verdict in submission.verdicts:
        if not verdict.right:
            lines.append(_wrong_line(verdict, asked.get(verdict.question.id, "")))
    return lines


def _wrong_line(verdict: Verdict, prompt: str) -> str:
    question = verdict.question.id
    if verdict.question.typed and verdict.expected and verdict.answer.strip():
        template = texts.LINE_WRONG if verdict.message == texts.NOT_YET else texts.LINE_WRONG_WHY
        return template.format(question=question, prompt=prompt, answer=verdict.answer.strip(),
                               expected=verdict.expected, message=verdict.message)
    if verdict.question.typed and verdict.expected:
        return texts.LINE_UNANSWERED.format(question=question, prompt=prompt, message=verdict.message,
                                            expected=verdict.expected)
    return texts.LINE_MESSAGE.format(question=question, prompt=prompt, message=verdict.message)


def _width(text: str) -> int:
    """Columns a terminal gives ``text``: two for a wide character (佐藤)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# JSON --------------------------------------------------------------------------------------------------
def as_json(submissions: list[Submission], reference: Reference) -> dict[str, Any]:
    """The results as plain data (json.dumps it): the task's title, its points, and per
    file who, when, whether it was read and altered, its score and every question."""
    asked = prompts(reference)
    total = reference.task.total_points
    return {"task": reference.task.title, "possible": _number(total),
            "submissions": [_submission_json(s, asked, total) for s in submissions]}


def _submission_json(submission: Submission, asked: dict[str, str], total: float) -> dict[str, Any]:
    return {
        "file": submission.path, "student": submission.student, "handed_in": submission.handed_in_at,
        "readable": submission.readable, "error": submission.error, "altered": bool(submission.altered),
        "altered_why": submission.altered, "score": _number(submission.earned),
        "possible": _number(submission.possible if submission.readable else total),
        "questions": [{"id": v.question.id, "prompt": asked.get(v.question.id, ""), "answer": v.answer,
                       "right": v.right, "points": _number(v.points), "possible": _number(v.question.points),
                       "expected": v.expected, "message": v.message} for v in submission.verdicts],
    }


# CSV ---------------------------------------------------------------------------------------------------
def as_csv(submissions: list[Submission], reference: Reference) -> str:
    """One row per student and question (and one for a file that cannot be read, its
    error as the message); UTF-8 with a byte-order mark, RFC 4180 quoting, CRLF."""
    asked = prompts(reference)
    rows: list[tuple] = [CSV_COLUMNS]
    for s in submissions:
        name = Path(s.path).name
        if not s.readable:
            rows.append((s.student, name, "", "", "", "false", 0, _number(reference.task.total_points), "", "",
                         s.error))
        for v in s.verdicts:
            rows.append((s.student, name, v.question.id, asked.get(v.question.id, ""), v.answer,
                         "true" if v.right else "false", _number(v.points), _number(v.question.points), v.expected,
                         s.altered, v.message))
    return "\ufeff" + "".join(",".join(_csv_cell(c) for c in row) + "\r\n" for row in rows)


def _csv_cell(value: Any) -> str:
    text = str(value)
    if text.startswith(_FORMULA_START) and not isinstance(value, (int, float)) and not _is_number(text):
        text = "'" + text  # a name such as =HYPERLINK(...) stays text in a spreadsheet
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# HTML --------------------------------------------------------------------------------------------------
#: The page's style: large type for a projector, right in green and wrong in red (each
#: with its mark as well), one rule a line.
STYLE = (
    "body { font: 20px/1.5 system-ui, sans-serif; }",
    "body { margin: 1.5em auto; max-width: 60em; }",
    "body { padding: 0 1em; color: #111; background: #fff; }",
    "h1 { font-size: 1.8em; } h2 { font-size: 1.4em; margin-top: 1.5em; }",
    "table { border-collapse: collapse; margin: 0.5em 0; }",
    "th, td { border: 1px solid #888; padding: 0.25em 0.6em; }",
    "th, td { text-align: left; }",
    "th { background: #eee; }",
    "td.score { font-weight: bold; white-space: nowrap; }",
    ".right { background: #d7f5d7; color: #064d06; }",
    ".wrong { background: #fbd9d9; color: #7a0b0b; }",
    ".flag { background: #fff0c2; color: #5c3d00; font-weight: bold; }",
    "section { margin-bottom: 1.2em; } .file { color: #444; font-size: 0.9em; }",
    "@media print { body { font-size: 12pt; } }",
)


@dataclass
class _Asked:
    """One question over the class: how many were right, and the wrong answers."""

    question: Question
    prompt: str
    expected: str = ""
    right: int = 0
    count: int = 0
    unanswered: int = 0
    #: the wrong answers (one key for 3 and 3.0), by how many gave each
    wrong: Counter = field(default_factory=Counter)
    #: each wrong answer as the first student who gave it typed it
    shown: dict[str, str] = field(default_factory=dict)


def as_html(submissions: list[Submission], reference: Reference) -> str:
    """One page: the scores, per question how many got it right and the most common
    wrong answer (what to explain again), then each student's answers beside the right
    ones. Self-contained: nothing to fetch, no script."""
    e = html.escape
    heading = texts.PAGE_TITLE.format(task=reference.task.title)
    parts = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{e(heading)}</title>", "<style>", *STYLE, "</style>", "</head>", "<body>",
             f"<h1>{e(heading)}</h1>", f"<p>{e(_summary(submissions, reference))}</p>"]
    parts += _scores_table(submissions, reference)
    parts += _questions(submissions, reference)
    parts += _answers(submissions, reference)
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _summary(submissions: list[Submission], reference: Reference) -> str:
    count = len(submissions)
    return plural(count, texts.PAGE_SUMMARY_ONE, texts.PAGE_SUMMARY_MANY).format(
        count=count, altered=sum(bool(s.altered) for s in submissions),
        unreadable=sum(not s.readable for s in submissions), possible=points_text(reference.task.total_points))


def _scores_table(submissions: list[Submission], reference: Reference) -> list[str]:
    e = html.escape
    ids = [q.id for q in reference.task.questions]
    head = "".join(f"<th>{e(h)}</th>" for h in (texts.HEADING_STUDENT, texts.HEADING_FILE, texts.HEADING_SCORE,
                                                  *ids, texts.HEADING_ALTERED))
    lines = [f"<h2>{e(texts.SCORES_HEADING)}</h2>", "<table>", f"<thead><tr>{head}</tr></thead>", "<tbody>"]
    for s in submissions:
        verdicts = {v.question.id: v for v in s.verdicts}
        cells = [f"<td>{e(s.student)}</td>", f"<td>{e(Path(s.path).name)}</td>",
                 f'<td class="score">{e(score_text(s, reference))}</td>']
        for question_id in ids:
            verdict = verdicts.get(question_id)
            if verdict is None:
                cells.append(f"<td>{e(texts.MARK_NONE)}</td>")
            else:
                css, mark = ("right", texts.MARK_RIGHT) if verdict.right else ("wrong", texts.MARK_WRONG)
                cells.append(f'<td class="{css}">{e(mark)}</td>')
        flag = texts.UNREADABLE_FLAG if not s.readable else texts.ALTERED_FLAG if s.altered else ""
        cells.append(f'<td class="flag">{e(flag)}</td>' if flag else "<td></td>")
        lines.append(f"<tr>{''.join(cells)}</tr>")
    return [*lines, "</tbody>", "</table>"]


def class_questions(submissions: list[Submission], reference: Reference) -> list[_Asked]:
    """Per question: how many got it right, and the wrong answers by how many gave each
    (answers that mean the same number count as one: 3 and 3.0); for a graph to build,
    the messages of the wrong ones."""
    asked = prompts(reference)
    found = {q.id: _Asked(q, asked[q.id]) for q in reference.task.questions}
    for s in submissions:
        for v in s.verdicts:
            entry = found.get(v.question.id)
            if entry is None:
                continue
            entry.count += 1
            entry.expected = entry.expected or v.expected
            if v.right:
                entry.right += 1
                continue
            text = v.answer.strip() if v.question.typed else v.message
            if not text:
                entry.unanswered += 1
                continue
            key = _same_answer(text) if v.question.typed else text
            entry.wrong[key] += 1
            entry.shown.setdefault(key, text)
    return list(found.values())


def _same_answer(text: str) -> str:
    try:
        return format_full(np.asarray(read_answer(text), dtype=float))
    except (ValueFormatError, ValueError, TypeError):
        return text


def most_common_wrong(entry: _Asked) -> tuple[list[str], int]:
    """The wrong answers most students gave (several when as many gave each, in the
    order they were met), and how many gave each; ([], 0) when nobody was wrong."""
    if not entry.wrong:
        return [], 0
    count = max(entry.wrong.values())
    return [entry.shown[key] for key, n in entry.wrong.items() if n == count], count


def _questions(submissions: list[Submission], reference: Reference) -> list[str]:
    e = html.escape
    lines = [f"<h2>{e(texts.QUESTIONS_HEADING)}</h2>"]
    for entry in class_questions(submissions, reference):
        q = entry.question
        lines += ["<section>", f"<h3>{e(q.id)}: {e(entry.prompt)}</h3>"]
        said = (texts.RIGHT_COUNT.format(right=entry.right, count=entry.count, expected=entry.expected)
                if q.typed and entry.expected else texts.RIGHT_COUNT_BUILD.format(right=entry.right, count=entry.count))
        lines.append(f"<p>{e(said)}</p>")
        common, count = most_common_wrong(entry)
        if not common and not entry.unanswered:
            lines.append(f'<p class="right">{e(texts.MARK_RIGHT)} {e(texts.NOBODY_WRONG)}</p>')
        for said in _common_texts(q, common, count):
            lines.append(f'<p class="wrong">{e(texts.MARK_WRONG)} {e(said)}</p>')
        if entry.unanswered:
            said = plural(entry.unanswered, texts.UNANSWERED_ONE, texts.UNANSWERED_MANY).format(count=entry.unanswered)
            lines.append(f'<p class="wrong">{e(texts.MARK_WRONG)} {e(said)}</p>')
        lines.append("</section>")
    return lines


def _common_texts(question: Question, common: list[str], count: int) -> list[str]:
    """What the page says of the most common wrong answers (a build's: its mistakes)."""
    if not common:
        return []
    if not question.typed:
        template = plural(count, texts.COMMON_MISTAKE_ONE, texts.COMMON_MISTAKE_MANY)
        return [template.format(message=message, count=count) for message in common]
    if len(common) == 1:
        return [plural(count, texts.COMMON_WRONG_ONE, texts.COMMON_WRONG_MANY).format(answer=common[0], count=count)]
    return [plural(count, texts.COMMON_WRONGS_ONE, texts.COMMON_WRONGS_MANY).format(answers=", ".join(common),
                                                                                  count=count)]


def _answers(submissions: list[Submission], reference: Reference) -> list[str]:
    e = html.escape
    asked = prompts(reference)
    head = "".join(f"<th>{e(h)}</th>" for h in (texts.HEADING_QUESTION, texts.HEADING_ANSWER,
                                                  texts.HEADING_RIGHT_ANSWER, texts.HEADING_NOTE))
    lines = [f"<h2>{e(texts.ANSWERS_HEADING)}</h2>"]
    for s in submissions:
        name = Path(s.path).name
        where = (texts.STUDENT_FILE.format(file=name, time=s.handed_in_at) if s.handed_in_at
                 else texts.STUDENT_FILE_NOT_HANDED_IN.format(file=name))
        lines += ["<section>", f"<h3>{e(texts.STUDENT_HEADING.format(student=s.student, score=score_text(s, reference)))}"
                  "</h3>", f'<p class="file">{e(where)}</p>']
        if not s.readable:
            lines += [f'<p class="flag">{e(texts.UNREADABLE_NOTE.format(error=s.error))}</p>', "</section>"]
            continue
        if s.altered:
            lines.append(f'<p class="flag">{e(texts.ALTERED_NOTE.format(why=s.altered))}</p>')
        lines += ["<table>", f"<thead><tr>{head}</tr></thead>", "<tbody>"]
        for v in s.verdicts:
            css, mark = ("right", texts.MARK_RIGHT) if v.right else ("wrong", texts.MARK_WRONG)
            answer = v.answer.strip() or (texts.NO_ANSWER if v.question.typed else texts.BUILT_GRAPH)
            lines.append(f"<tr><td>{e(v.question.id)}: {e(asked.get(v.question.id, ''))}</td>"
                         f'<td class="{css}">{e(mark)} {e(answer)}</td><td>{e(v.expected)}</td>'
                         f"<td>{e(v.message)}</td></tr>")
        lines += ["</tbody>", "</table>", "</section>"]
    return lines
