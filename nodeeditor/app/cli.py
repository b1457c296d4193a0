"""The headless commands: ``run`` a .graph and print its values and gradients,
``new`` to write a .graph from a formula, ``seed`` for the lesson's examples, ``grade``
handed-in files (its work is in grade_command)."""
from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from engine.gc_tuning import tune_gc_for_graphs
from nodeeditor.app import texts
from nodeeditor.app.progress import Progress
from nodeeditor.app.version import __version__
from nodeeditor.compiler import BackwardError, Compiler
from nodeeditor.model import Graph, GraphFileError, ValueFormatError, format_full, parse_value_text, save_graph
from nodeeditor.model.expression import ExpressionError, build_graph
from nodeeditor.model.network import ACTIVATIONS, NetworkError, NetworkSpec, build_network, parse_sizes
from nodeeditor.model.values import shape_text
from nodeeditor.plural import plural
from nodeeditor.session import Session

EXIT_OK, EXIT_GRAPH_ERRORS, EXIT_BAD_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors exit 2, as documented
        self.print_usage(sys.stderr)
        print(texts.USAGE_ERROR.format(program=self.prog, message=message), file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


def _joined(argv: list[str]) -> list[str]:
    """``--expr -x`` as ``--expr=-x`` (and ``--expect``): argparse would take a formula
    that starts with a minus sign for an option."""
    joined: list[str] = []
    for arg in argv:
        if joined and joined[-1] in ("--expr", "--expect") and arg.startswith("-"):
            joined[-1] = f"{joined[-1]}={arg}"
        else:
            joined.append(arg)
    return joined


def program_name() -> str:
    """What the student typed to start us: ``backprop-studio`` (pip, pipx),
    ``BackpropStudio`` (a build) or ``python main.py`` (from the source)."""
    name = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else ""
    if name == "main.py":
        return "python main.py"
    if name.lower().startswith("backpropstudio"):
        return name.removesuffix(".exe")
    return "backprop-studio"


def build_parser() -> argparse.ArgumentParser:
    prog = program_name()
    parser = _Parser(
        prog=prog,
        description=texts.DESCRIPTION.format(version=__version__, program=prog),
        epilog=texts.EPILOG,
    )
    parser.add_argument("--version", action="version", version=texts.VERSION.format(version=__version__))
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    run = sub.add_parser("run", help=texts.RUN_HELP, description=texts.RUN_DESCRIPTION)
    run.add_argument("file", help=texts.FILE_HELP)
    run.add_argument("--json", action="store_true", help=texts.JSON_HELP)
    run.add_argument("--output", metavar="NODE", help=texts.OUTPUT_HELP)
    run.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help=texts.RUN_SET_HELP)
    new = sub.add_parser("new", help=texts.NEW_HELP, description=texts.NEW_DESCRIPTION)
    what = new.add_mutually_exclusive_group(required=True)
    what.add_argument("--expr", help=texts.EXPR_HELP)
    what.add_argument("--network", metavar="SIZES", help=texts.NETWORK_HELP)
    new.add_argument("--activation", default="sigmoid", help=texts.ACTIVATION_HELP)
    new.add_argument("--matrix", action="store_true", help=texts.MATRIX_HELP)
    new.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help=texts.SET_HELP)
    new.add_argument("-o", "--out", required=True, help=texts.OUT_HELP)
    sub.add_parser("seed", help=texts.SEED_HELP)
    explain = sub.add_parser("explain", help=texts.EXPLAIN_HELP, description=texts.EXPLAIN_DESCRIPTION)
    explain.add_argument("file", help=texts.FILE_HELP)
    explain.add_argument("--wrt", required=True, metavar="NAME", help=texts.WRT_HELP)
    explain.add_argument("--output", metavar="NODE", help=texts.EXPLAIN_OUTPUT_HELP)
    explain.add_argument("--latex", action="store_true", help=texts.LATEX_HELP)
    frames = sub.add_parser("frames", help=texts.FRAMES_HELP, description=texts.FRAMES_DESCRIPTION)
    frames.add_argument("file", help=texts.FILE_HELP)
    frames.add_argument("--out", required=True, metavar="FOLDER", help=texts.FOLDER_HELP)
    frames.add_argument("--slides", action="store_true", help=texts.SLIDES_HELP)
    frames.add_argument("--mp4", action="store_true", help=texts.MP4_HELP)
    grading = sub.add_parser("grade", help=texts.GRADE_HELP, description=texts.GRADE_DESCRIPTION)
    grading.add_argument("submissions", nargs="+", metavar="SUBMISSION", help=texts.SUBMISSIONS_HELP)
    against = grading.add_mutually_exclusive_group(required=True)
    against.add_argument("--against", metavar="TASK", help=texts.AGAINST_HELP)
    against.add_argument("--expect", metavar="FORMULA", help=texts.EXPECT_HELP)
    grading.add_argument("--at", action="append", default=[], metavar="NAME=VALUE,...", help=texts.AT_HELP)
    grading.add_argument("--points", type=float, metavar="N", help=texts.POINTS_HELP)
    grading.add_argument("--output", metavar="NAME", help=texts.GRADE_OUTPUT_HELP)
    grading.add_argument("--json", action="store_true", help=texts.GRADE_JSON_HELP)
    grading.add_argument("--csv", metavar="OUT", help=texts.CSV_HELP)
    grading.add_argument("--html", metavar="OUT", help=texts.HTML_HELP)
    return parser


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(_joined(argv))
    tune_gc_for_graphs()  # as the window does: the collector would walk a big graph again and again
    if args.command == "run":
        return run(args.file, args.output, args.json, args.set)
    if args.command == "new" and args.network is not None:
        return new_network(args.network, args.activation, args.matrix, args.out)
    if args.command == "new":
        return new(args.expr, args.set, args.out)
    if args.command == "explain":
        return explain(args.file, args.wrt, args.output, args.latex)
    if args.command == "frames":
        return frames(args.file, args.out, args.slides, args.mp4)
    if args.command == "grade":
        return grade(args.submissions, args.against, args.expect, args.at, args.points, args.output, args.json,
                     args.csv, args.html)
    from engine.seed_examples import run_seed_examples

    run_seed_examples()
    return EXIT_OK


def _opened(path: str) -> Session | None:
    """A session with ``path`` open, or None after saying on stderr why it cannot be."""
    session = Session()
    return session if _loaded(session.load, path) else None


def _loaded(load: Callable[[str], object], path: str) -> bool:
    """``load(path)`` (a session's or a window document's); False after saying why not."""
    try:
        load(path)
    except GraphFileError as exc:
        print(texts.FILE_PROBLEM.format(path=path, reason=exc), file=sys.stderr)
        return False
    return True


def run(path: str, output: str | None, as_json: bool, assignments: list[str] = ()) -> int:
    with Progress() as progress:
        progress.stage(texts.READING.format(path=path))
        session = _opened(path)
        if session is None or not _set_values(session, assignments):
            return EXIT_BAD_INPUT
        graph, compiler = session.graph, session.compiler
        backward_error = None
        root = None
        progress.stage(texts.BACKWARD_THROUGH.format(count=len(graph.nodes)))
        try:
            root = compiler.backward(resolve_node(graph, output) if output else None)
        except BackwardError as exc:
            backward_error = str(exc)
        errors = compiler.errors()
        progress.stage(texts.WRITING_REPORT)
        text = report_json(report(graph, compiler, root, backward_error)) if as_json else table(graph, compiler, path, root)
    print(text)
    for node_id, message in sorted(errors.items()):
        print(texts.NODE_ERROR.format(node=describe_node(graph, node_id), message=message), file=sys.stderr)
    if backward_error:
        print(texts.ERROR.format(message=backward_error), file=sys.stderr)
    return EXIT_GRAPH_ERRORS if errors or backward_error else EXIT_OK


def explain(path: str, wrt: str, output: str | None, as_latex: bool) -> int:
    """The chain rule for ``wrt`` (a name, or one element of an array: W1[0,1]): path by
    path for single numbers, in matrix form where arrays flow."""
    from nodeeditor.lessons import chain_rule, matrix_form

    session = _opened(path)
    if session is None:
        return EXIT_BAD_INPUT
    graph, compiler = session.graph, session.compiler
    name, element = _element(wrt)
    try:
        node = resolve_node(graph, name)
        root = resolve_node(graph, output) if output else None
        written = chain_rule.written_out(graph, compiler, node, root, element)
        text = chain_rule.as_latex(written) if as_latex else chain_rule.as_text(written)
    except (BackwardError, chain_rule.ChainRuleError, matrix_form.MatrixFormError) as exc:
        print(texts.ERROR.format(message=exc), file=sys.stderr)
        return EXIT_GRAPH_ERRORS
    print(text)
    return EXIT_OK


def _element(wrt: str) -> tuple[str, tuple[int, ...] | None]:
    """``W1[0,1]`` as ("W1", (0, 1)); a plain name as (name, None)."""
    import re

    match = re.fullmatch(r"\s*(\w+)\s*\[\s*(\d+(?:\s*,\s*\d+)*)\s*\]\s*", wrt)
    if match is None:
        return wrt.strip(), None
    return match.group(1), tuple(int(i) for i in match.group(2).split(","))


def frames(path: str, out: str, slides: bool = False, mp4: bool = False) -> int:
    """Draws with Qt, on the offscreen platform unless told otherwise: no display needed."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from nodeeditor.view.canvas.scene import GraphScene
    from nodeeditor.view.window.document import Document
    from nodeeditor.view.window.frames import export_backward_frames

    app = QApplication.instance() or QApplication([sys.argv[0]])
    document = Document()
    if not _loaded(document.load, path):
        return EXIT_BAD_INPUT
    scene = GraphScene(document)
    try:
        written = export_backward_frames(scene, document, Path(out), slides, mp4)
    except BackwardError as exc:
        print(texts.ERROR.format(message=exc), file=sys.stderr)
        return EXIT_GRAPH_ERRORS
    except OSError as exc:
        print(texts.CANNOT_WRITE_INTO.format(folder=out, reason=exc.strerror or exc), file=sys.stderr)
        return EXIT_BAD_INPUT
    animations = ", ".join(path.name for path in written.animations)
    print(texts.WROTE_FRAMES.format(count=len(written.frames), animations=animations, folder=out))
    if written.problem:
        print(texts.NOT_MADE.format(reason=written.problem), file=sys.stderr)
    del app
    return EXIT_OK


def grade(paths: list[str], against: str | None, expect: str | None, at: list[str] = (), points: float | None = None,
          output: str | None = None, as_json: bool = False, csv_out: str | None = None,
          html_out: str | None = None) -> int:
    """``grade``: each file against the task (``against``) or the formula (``expect``,
    checked first at the point ``at``: ``x0=6,x1=3``, the option may be repeated)."""
    from nodeeditor.app import grade_command

    if against is not None:
        for option, given in (("--at", bool(at)), ("--points", points is not None), ("--output", output is not None)):
            if given:
                print(texts.EXPECT_ONLY.format(option=option), file=sys.stderr)
                return EXIT_BAD_INPUT
        reference = grade_command.task_reference(against)
    else:
        values = _parse_at(at)
        reference = None if values is None else grade_command.formula_reference(expect, values, points, output)
    if reference is None:
        return EXIT_BAD_INPUT
    return grade_command.grade(paths, reference, as_json, csv_out, html_out)


def _parse_at(items: list[str]) -> dict[str, np.ndarray] | None:
    """``--at x0=6,x1=3`` (repeated or not) as values by name; None after saying why not."""
    import re

    values: dict[str, np.ndarray] = {}
    for item in items:
        for part in re.split(r",(?=\s*[^\W\d]\w*\s*=)", item):
            name, equals, text = part.partition("=")
            if not equals or not name.strip():
                print(texts.AT_NOT_NAMED.format(item=part), file=sys.stderr)
                return None
            try:
                values[name.strip()] = parse_value_text(text)
            except ValueFormatError as exc:
                print(texts.BAD_AT.format(item=part, reason=exc), file=sys.stderr)
                return None
    return values


def _parse_sets(assignments: list[str]) -> dict[str, np.ndarray] | None:
    """``NAME=VALUE`` items as values by name; None (said on stderr) for one that is not."""
    values = {}
    for item in assignments:
        name, _, text = item.partition("=")
        try:
            values[name.strip()] = parse_value_text(text)
        except ValueFormatError as exc:
            print(texts.BAD_SET.format(item=item, reason=exc), file=sys.stderr)
            return None
    return values


def _set_values(session: Session, assignments: list[str]) -> bool:
    """``run --set x0=2``: the named Variables or Constants take these values first."""
    values = _parse_sets(assignments)
    if values is None:
        return False
    graph = session.graph
    for name, value in values.items():
        try:
            node_id = resolve_node(graph, name)
        except BackwardError as exc:
            print(texts.ERROR.format(message=exc), file=sys.stderr)
            return False
        if graph.nodes[node_id].kind not in ("Variable", "Constant"):
            print(texts.NOT_SETTABLE.format(name=name, kind=graph.nodes[node_id].spec.title), file=sys.stderr)
            return False
        session.set_param(node_id, "value", value)
    return True


def new(expr: str, assignments: list[str], out: str) -> int:
    values = _parse_sets(assignments)
    if values is None:
        return EXIT_BAD_INPUT
    try:
        graph = build_graph(expr, values)
    except ExpressionError as exc:
        pointer = exc.pointer(expr)
        message = (texts.FORMULA_ERROR if pointer else texts.ERROR).format(message=exc.message, pointer=pointer)
        print(message, file=sys.stderr)
        return EXIT_BAD_INPUT
    count = len(graph.nodes)
    return _write(graph, out, plural(count, texts.WROTE_ONE_NODE, texts.WROTE_NODES).format(path=out, count=count))


def _write(graph: Graph, out: str, said: str) -> int:
    """Save what ``new`` built and say so (``said``), or say why it could not be saved."""
    try:
        save_graph(graph, out)
    except OSError as exc:
        print(texts.CANNOT_WRITE.format(path=out, reason=exc.strerror or exc), file=sys.stderr)
        return EXIT_BAD_INPUT
    print(said)
    return EXIT_OK


def new_network(sizes: str, activation: str, matrix: bool, out: str) -> int:
    """``new --network 2-2-1``: the network Graph → New Network… builds, as a file."""
    names = {name.lower(): name for name in ACTIVATIONS}
    try:
        spec = NetworkSpec(parse_sizes(sizes), names.get(activation.lower(), activation), matrix=matrix or None)
        graph = build_network(spec)
    except NetworkError as exc:
        print(texts.ERROR.format(message=exc), file=sys.stderr)
        return EXIT_BAD_INPUT
    return _write(graph, out, texts.WROTE_NETWORK.format(path=out, count=len(graph.nodes), rate=graph.learning_rate))


def resolve_node(graph: Graph, key: str) -> str:
    """A node from the name the canvas shows (x0, pow1, the output y) or its id (n2)."""
    node_id = graph.node_called(key)
    if node_id is not None:
        return node_id
    raise BackwardError(texts.NO_NODE_CALLED.format(name=key, out=graph.output_name))


def describe_node(graph: Graph, node_id: str) -> str:
    """``y (Add n5)``: the node's name, its kind and its id."""
    return texts.NODE.format(name=graph.names()[node_id], kind=graph.nodes[node_id].kind, id=node_id)


def table(graph: Graph, compiler: Compiler, path: str, root: str | None) -> str:
    names = graph.names()
    heading = (texts.TABLE_HEADING.format(path=path, name=names[root], kind=graph.nodes[root].kind, id=root) if root
               else texts.TABLE_NO_BACKWARD.format(path=path))
    rows = [texts.COLUMNS]
    for node_id in graph.reading_order():
        node = graph.nodes[node_id]
        result = compiler.results[node_id]
        extra = ", ".join(texts.SENT_BACK.format(port=p, gradient=_cell(g)) for p, g in result.input_grads.items())
        if result.error:
            extra = texts.CELL_ERROR.format(error=result.error)
        rows.append((names[node_id], node.kind, node_id, _cell(result.value), _cell(result.grad), extra))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = [heading, ""]
    for row in rows:
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[5])
    return "\n".join(line.rstrip() for line in lines)


#: An array of more numbers than this is shown in the table by its shape and first numbers.
TABLE_NUMBERS = 6


def _cell(value: np.ndarray | None) -> str:
    """A value for the table: every digit of a small one; a big array's shape and first
    numbers (--json gives all of them)."""
    if value is None or np.size(value) <= TABLE_NUMBERS:
        return format_full(value)
    first = ", ".join(repr(float(v)) for v in np.asarray(value).ravel()[:3])
    return texts.BIG_ARRAY.format(shape=shape_text(np.shape(value)), first=first)


def report(graph: Graph, compiler: Compiler, root: str | None, backward_error: str | None) -> dict:
    nodes = []
    names = graph.names()
    for node_id in graph.reading_order():
        node = graph.nodes[node_id]
        result = compiler.results[node_id]
        nodes.append({"id": node_id, "name": names[node_id], "kind": node.kind, "value": _json(result.value),
                      "grad": _json(result.grad), "input_grads": {p: _json(g) for p, g in result.input_grads.items()},
                      "error": result.error})
    return {"output": root, "backward_error": backward_error, "errors": compiler.errors(), "nodes": nodes}


def report_json(data: dict) -> str:
    """The report as JSON, one node per line: as readable as an indented dump, and
    written by json's fast encoder (an indented dump of 100,000 nodes takes seconds)."""
    nodes = data["nodes"]
    head = {key: value for key, value in data.items() if key != "nodes"}
    lines = [json.dumps(node) for node in nodes]
    body = ",\n    ".join(lines)
    text = json.dumps(head, indent=2)
    return text[:-2] + f',\n  "nodes": [\n    {body}\n  ]\n}}' if nodes else json.dumps(data, indent=2)


def _json(array: np.ndarray | None) -> Any:
    """Numbers and nested lists; inf and nan as the strings "inf", "-inf", "nan"."""
    if array is None:
        return None
    value = np.asarray(array).tolist()
    return _finite(value)


def _finite(value: Any) -> Any:
    if isinstance(value, list):
        return [_finite(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value
