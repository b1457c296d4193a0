"""The open document: a graph, its compiler, the undo history and the file it came from.

One loop, no back and forth: a command changes the model, the model tells the session,
the session tells its compiler (which marks what is dirty), and when the command is done
the session re-evaluates and tells its listeners which nodes have new numbers. Nothing
else changes the graph: it is guarded (model.Guard), and a change that is not one of the
session's commands raises GraphLocked.
"""
from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from nodeeditor.classroom.checking import Verdict, check_assignment
from nodeeditor.compiler import BackwardCancelled, BackwardError, Compiler
from nodeeditor.lessons.study import GradientCheckRow, check_cost, gradient_check
from nodeeditor.model import Edge, Graph, GraphEvent, Guard, kind_of, load_graph, save_graph
from nodeeditor.model.catalog import CALL, INPUT
from nodeeditor.model.events import GraphReplaced, NodeMoved
from nodeeditor.model.expression import build_graph
from nodeeditor.model.graphfile import copy_graph, disk_stamp, graph_from_document, graph_to_document
from nodeeditor.model.network import NetworkSpec, build_network
from nodeeditor.model.task import Assignment, HandedIn, Task, password_opens, task_checksum
from nodeeditor.plural import plural
from nodeeditor.session import texts
from nodeeditor.session.clipboard import copy_text, paste_plan
from nodeeditor.session.commands import (
    AddNodes,
    Command,
    Connect,
    Disconnect,
    MoveNodes,
    Place,
    RemoveNodes,
    ReplaceGraph,
    SetGraphField,
    SetParam,
    SetValues,
)
from nodeeditor.session.descent import DescentRun
from nodeeditor.session.history import History
from nodeeditor.session.locks import Hidden, Locked, refusal
from nodeeditor.session.long_work import LongWork, Runner, run_here
from nodeeditor.session.make_function import FunctionRefused, check_body_edit, make_function
from nodeeditor.session.studies import Studies

ResultsListener = Callable[[set[str]], None]
StateListener = Callable[[], None]
ReplacedListener = Callable[[], None]
#: An edit leaving more nodes than this to recompute is long work (see run_long).
LONG_EVALUATION = 5_000
#: Backward on a graph of more nodes than this is long work.
LONG_BACKWARD = 5_000
#: A gradient check of more node computations than this is long work.
LONG_CHECK = 300_000
#: The values Randomize draws from: small whole numbers a student can work with by hand.
READABLE_VALUES = np.array([-4, -3, -2, -1, 1, 2, 3, 4], dtype=np.float64)
#: Where a new node's top-left corner sits relative to the point it is dropped at.
DROP_OFFSET = (84.0, 14.0)


def hand_in_name(title: str, student: str, when: datetime) -> str:
    """``sphere-Aiko_Tanaka-20261206-1015.graph``: the file, the student, the time (any
    script, Japanese too, kept; what a file name cannot hold becomes _)."""
    stem = Path(title).stem or "assignment"
    name = re.sub(r"[\\/:*?\"<>|\s]+", "_", student.strip()).strip("._") or "student"
    return f"{stem}-{name}-{when.strftime('%Y%m%d-%H%M%S')}.graph"


class Busy(RuntimeError):
    """A change was asked for while a long computation of the graph is under way."""


class NameTaken(ValueError):
    """A name another node has already: one name per node, so that every panel, the code
    and the command line can tell them apart."""


class Session:
    """Everything a document is, without Qt; the window is a thin adapter over it."""

    def __init__(self) -> None:
        self.graph = Graph()
        self.compiler = Compiler(self.graph, follow=False)
        self._guard = Guard()
        self.history = History()
        self.path: Path | None = None
        #: the title while there is no file yet
        self.untitled = "Untitled.graph"
        #: (modification time, size) of the file when it was opened or saved: another
        #: program's change shows as a difference (see changed_on_disk)
        self.disk_stamp: tuple[int, int] | None = None
        self.descent: DescentRun | None = None
        self._results_listeners: list[ResultsListener] = []
        self._state_listeners: list[StateListener] = []
        self._replaced_listeners: list[ReplacedListener] = []
        self._replaced = False
        self._depth = 0
        self._pending = False
        self._had_gradients = False
        #: Runs long work (LongWork): here by default; the window's runner puts it on a
        #: thread behind a progress dialog with Cancel.
        self.run_long: Runner = run_here
        #: True while long work runs: nothing may change the graph meanwhile
        self.busy = False
        self._keep_gradients = False
        #: the learning panels' computations, each with a compiler of its own
        self.studies = Studies(self)
        #: the teacher edits the assignment: no lock holds, nothing is hidden (see locks.py)
        self.teacher_mode = False
        #: a Guess round runs: no gradient may be shown until it ends
        self.guessing = False
        self.graph.subscribe(self._on_graph_event)
        self.graph.guard_with(self._guard)
        self.history.subscribe(self._state_changed)

    # listening -----------------------------------------------------------------
    def on_results(self, listener: ResultsListener) -> None:
        """``listener(node_ids)`` after those nodes got new numbers (values or gradients)."""
        self._results_listeners.append(listener)

    def on_state(self, listener: StateListener) -> None:
        """``listener()`` after the history, the file name or the saved state changed."""
        self._state_listeners.append(listener)

    def on_replaced(self, listener: ReplacedListener) -> None:
        """``listener()`` once the whole document was replaced and computed: New, Open, a
        formula, a restore, the undo or redo of a formula. Whatever a panel kept of the
        previous document is of another graph now."""
        self._replaced_listeners.append(listener)

    def _state_changed(self) -> None:
        for listener in list(self._state_listeners):
            listener()

    def _on_graph_event(self, event: GraphEvent) -> None:
        if self.busy:
            raise RuntimeError("the graph changed while it was being computed")
        self.compiler.graph_changed(event)
        if isinstance(event, NodeMoved):
            return
        if isinstance(event, GraphReplaced):
            self._replaced = True
        self._pending = True
        if self._depth == 0:
            self._settle()

    @contextmanager
    def _batch(self) -> Iterator[None]:
        """Change the graph (the only way: see model.Guard), and evaluate once, after the
        whole change, instead of once per model event."""
        self._depth += 1
        try:
            with self._guard.opened():
                yield
        finally:
            self._depth -= 1
            if self._depth == 0 and self._pending:
                self._settle()

    def _settle(self) -> None:
        self._pending = False
        # (a graph smaller than that cannot have that much to compute: no need to count)
        if len(self.graph.nodes) > LONG_EVALUATION and self.compiler.pending() > LONG_EVALUATION:
            cancel = threading.Event()
            changed = self._long(LongWork(texts.COMPUTING, lambda: self.compiler.evaluate(cancel),
                                          progress=lambda: self.compiler.progress, cancel=cancel.set,
                                          afterwards=self._stopped_text))
        else:
            changed = self.compiler.evaluate()
        if self._replaced or (self._had_gradients and self.compiler.gradient_root is None):
            changed = set(self.graph.nodes)  # (a replaced graph: every node, computed here or adopted)
        self._announce(changed)
        if self._replaced:
            self._replaced = False
            self.keep_gradients = False  # every document starts clearing old gradients
            for listener in list(self._replaced_listeners):
                listener()

    def _stopped_text(self) -> str:
        stopped = self.compiler.stopped
        if not stopped:
            return ""
        return plural(stopped, texts.NOT_COMPUTED_ONE, texts.NOT_COMPUTED).format(count=stopped)

    def _long(self, work: LongWork) -> Any:
        """Run ``work`` with the runner, the graph held still meanwhile."""
        self.busy = True
        try:
            return self.run_long(work)
        finally:
            self.busy = False

    def _announce(self, node_ids: set[str] | None = None) -> None:
        self._had_gradients = self.compiler.gradient_root is not None
        ids = set(self.graph.nodes) if node_ids is None else node_ids
        for listener in list(self._results_listeners):
            listener(ids)

    # state ---------------------------------------------------------------------
    @property
    def keep_gradients(self) -> bool:
        """Backward adds to the Variables' old gradients instead of clearing them first
        (the lesson of the book's cleargrad: what happens without it). Every new
        document starts with it off."""
        return self._keep_gradients

    @keep_gradients.setter
    def keep_gradients(self, on: bool) -> None:
        if on != self._keep_gradients:
            self._keep_gradients = on
            self._state_changed()

    @property
    def modified(self) -> bool:
        return not self.history.is_clean()

    @property
    def title(self) -> str:
        return self.path.name if self.path else self.untitled

    def take(self, graph: Graph, title: str) -> None:
        """Start this (empty, new) document with ``graph``, not yet saved anywhere, called
        ``title`` until it is: the graph of a gradient opened in a window of its own."""
        self.stop_descent()
        self.path, self.disk_stamp, self.untitled = None, None, title
        with self._batch():
            self.graph.replace_with(graph)
        self.history.clear()

    # commands ------------------------------------------------------------------
    def push(self, command: Command) -> None:
        """Do ``command`` as the next step of the history (a running descent stops first,
        unless this is one of its own steps). Locked (nothing changes) when an
        assignment's lock forbids it."""
        self._refuse_while_busy()
        why = refusal(command, self.graph, self.teacher_mode)
        if why:
            raise Locked(why)
        if self.descent is not None and getattr(command, "run", None) is not self.descent:
            self.stop_descent()
        with self._batch():
            self.history.push(command)

    def undo(self) -> None:
        """Undo the last command; a gradient descent still running stops first, and
        its steps so far are undone as one."""
        self._refuse_while_busy()
        self.stop_descent()
        with self._batch():
            self.history.undo()

    def withdraw(self) -> None:
        """Undo the last command for good: it cannot be redone."""
        self._refuse_while_busy()
        with self._batch():
            self.history.withdraw()

    def redo(self) -> None:
        self._refuse_while_busy()
        self.stop_descent()
        with self._batch():
            self.history.redo()

    def _refuse_while_busy(self) -> None:
        if self.busy:
            raise Busy("the graph is still being computed")

    # editing operations --------------------------------------------------------
    # Each operation works on the graph, or on ``graph`` when given: the body of a function
    # made of nodes, opened in its tab (one history for both). Its command finds that body
    # by the function's name each time it runs (see commands.Place).
    def place(self, graph: Graph | None = None) -> Place:
        """Where an edit of ``graph`` (None: the graph) goes, as a command should hold it."""
        if graph is None or graph is self.graph:
            return Place(self.graph)
        for name, function in self.graph.functions.items():
            if function.body is graph:
                return Place(self.graph, name)
        raise ValueError("that graph is neither this document's nor one of its functions' bodies")

    def connect(self, edge: Edge, detached: Edge | None = None, graph: Graph | None = None) -> None:
        """Wire ``edge`` (after taking ``detached`` off, when a wire's end was dragged to
        another input). ConnectionRefused, with the reason in words, when it cannot be."""
        where = self.place(graph)
        where().check_connection(edge.src, edge.src_port, edge.dst, edge.dst_port)
        self.push(Connect(where, edge, detached=detached))

    def disconnect(self, edge: Edge, graph: Graph | None = None) -> None:
        self.push(Disconnect(self.place(graph), edge))

    def move(self, moves: dict[str, tuple[tuple[float, float], tuple[float, float]]], graph: Graph | None = None
             ) -> None:
        """Nodes dragged from their old positions to new ones, as one step of the history."""
        if moves:
            self.push(MoveNodes(self.place(graph), moves))
    def add_node(self, kind: str, at: tuple[float, float], params: dict | None = None,
                 graph: Graph | None = None) -> str:
        """Add a node of ``kind`` where the student points (``at``), nudged clear of the
        nodes there; a Variable gets an unused name."""
        graph = graph if graph is not None else self.graph
        check_body_edit(graph, self.graph, [kind])
        spec = kind_of(kind) if kind != CALL else graph.functions[(params or {})["function"]].kind
        merged = dict(spec.defaults)
        if kind == "Variable":
            merged.update(name=graph.unique_name("x"), value=np.array(1.0))
        merged.update(params or {})
        if not merged.get(spec.name_param):
            merged[spec.name_param] = graph.unique_name(spec.name_base, numbered=True)
        node_id = graph.new_id()
        position = (at[0] - DROP_OFFSET[0], at[1] - DROP_OFFSET[1])
        dx, dy = graph.places.free_offset([position])
        position = (position[0] + dx, position[1] + dy)
        title = merged["function"] if kind == CALL else spec.title
        self.push(AddNodes(self.place(graph), [{"id": node_id, "kind": kind, "params": merged, "position": position}],
                           [], texts.NEW_NODE.format(kind=title, name=merged[spec.name_param])))
        return node_id

    def delete(self, node_ids: list[str], graph: Graph | None = None) -> None:
        graph = graph if graph is not None else self.graph
        if graph is not self.graph and any(graph.nodes[n].kind == INPUT for n in node_ids):
            raise FunctionRefused(texts.INPUT_STAYS)
        if node_ids:
            self.push(RemoveNodes(self.place(graph), node_ids))

    def copy(self, node_ids: list[str], graph: Graph | None = None) -> str:
        """The nodes and the wires among them as clipboard text (.graph JSON)."""
        return copy_text(graph if graph is not None else self.graph, node_ids)

    def paste(self, text: str, at: tuple[float, float] | None = None, graph: Graph | None = None) -> list[str]:
        """Add what ``text`` holds, its top left where the student points (``at``; else a
        little right of and below where it was copied from), nudged clear of the nodes
        there; nodes whose names are taken get free ones (x0 → x0_2, add1 → add3). Raises
        GraphFileError when the text holds no nodes."""
        graph = graph if graph is not None else self.graph
        nodes, edges = paste_plan(graph, text, (0.0, 0.0))
        if nodes:
            left = min(n["position"][0] for n in nodes)
            top = min(n["position"][1] for n in nodes)
            corner = (at[0] - DROP_OFFSET[0], at[1] - DROP_OFFSET[1]) if at is not None else (left + 40, top + 40)
            shift = (corner[0] - left, corner[1] - top)
            moved = [(n["position"][0] + shift[0], n["position"][1] + shift[1]) for n in nodes]
            nudge = graph.places.free_offset(moved)
            for node, (x, y) in zip(nodes, moved):
                node["position"] = (x + nudge[0], y + nudge[1])
        check_body_edit(graph, self.graph, [n["kind"] for n in nodes])
        text = plural(len(nodes), texts.PASTE_ONE_NODE, texts.PASTE_NODES).format(count=len(nodes))
        self.push(AddNodes(self.place(graph), nodes, edges, text))
        return [n["id"] for n in nodes]

    def make_function(self, node_ids: list[str], name: str) -> str:
        """Collapse the nodes into one Call of a new function ``name``; its id.
        FunctionRefused (nothing changes) says why a selection cannot be collapsed."""
        command, call_id = make_function(self.graph, node_ids, name)
        self.push(command)
        return call_id

    def set_param(self, node_id: str, name: str, value: object, graph: Graph | None = None) -> None:
        """Change a parameter of a node of the graph, or of ``graph`` (a function's body).
        A node's name must be its own: NameTaken when another node has it."""
        graph = graph if graph is not None else self.graph
        node = graph.nodes[node_id]
        if name == node.spec.name_param:
            if not value:  # no name: one is given (every node has one)
                value = graph.unique_name(node.spec.name_base, numbered=True)
            if graph.name_taken(str(value), node_id):
                raise NameTaken(texts.NAME_TAKEN.format(name=value))
        self.push(SetParam(self.place(graph), node_id, name, value))

    def randomize(self, node_ids: list[str] | None = None, seed: int | None = None) -> list[str]:
        """New values for the Variables among ``node_ids`` (all of them when None or when
        none is a Variable), whole numbers from −4 to 4 without 0, easy to work with by
        hand, in each Variable's shape: one undoable step. The Variables changed."""
        graph = self.graph
        chosen = [n for n in (node_ids or []) if n in graph.nodes and graph.nodes[n].kind == "Variable"]
        chosen = chosen or [n for n in graph.reading_order() if graph.nodes[n].kind == "Variable"]
        if not chosen:
            return []
        rng = np.random.default_rng(seed)
        old = {n: graph.nodes[n].params["value"] for n in chosen}
        new = {n: rng.choice(READABLE_VALUES, size=np.shape(old[n])).astype(np.float64) for n in chosen}
        text = plural(len(chosen), texts.RANDOMIZE_ONE, texts.RANDOMIZE).format(count=len(chosen),
                                                                               name=graph.nodes[chosen[0]].label)
        self.push(SetValues(graph, old, new, text))
        return chosen

    def set_output(self, node_id: str) -> None:
        """Make ``node_id`` the node Backward differentiates."""
        if node_id != self.graph.output:
            name = self.graph.nodes[node_id].label
            self.push(SetGraphField(self.graph, "output", node_id, texts.SET_OUTPUT.format(name=name)))

    def build_formula(self, text: str) -> Graph:
        """Replace the graph by the one ``text`` describes, keeping the values of Variables
        that keep their names. Raises ExpressionError, and then nothing changes."""
        if self.hides("formula"):
            raise Hidden(texts.HIDDEN_FORMULA)
        values = {n.params["name"]: n.params["value"] for n in self.graph.nodes.values() if n.kind == "Variable"}
        graph = build_graph(text, values)  # a new graph: its output is y (f when y is a Variable)
        if self.graph.assignment is not None:  # (the lock refuses it if anything is locked)
            graph.assignment = self.graph.assignment
        self.push(ReplaceGraph(self.graph, graph, texts.BUILD.format(formula=text)))
        return graph

    def build_network(self, spec: NetworkSpec) -> Graph:
        """A new, untitled document holding the network ``spec`` describes (so Save never
        writes it over the file open before; the window asks to save that first). Building
        is its one step: Ctrl+Z leaves an empty canvas. NetworkError, and nothing changes,
        for sizes or an activation it cannot build."""
        graph = build_network(spec)
        sizes = "-".join(str(s) for s in spec.sizes)
        self.new()
        self.untitled = f"network-{sizes}.graph"
        self.push(ReplaceGraph(self.graph, graph, texts.BUILD_NETWORK.format(sizes=sizes)))
        return graph

    # an assignment (model/task.py, locks.py, classroom/) ---------------------------------
    @property
    def assignment(self) -> Assignment | None:
        return self.graph.assignment

    def hides(self, feature: str) -> bool:
        """Whether ``feature`` (model.task.FEATURES) is hidden now: by the assignment,
        outside teacher mode, and the gradients also while a Guess round runs."""
        return (feature == "gradients" and self.guessing) or self.task_hides(feature)

    def task_hides(self, feature: str) -> bool:
        """Whether the assignment (outside teacher mode) switches ``feature`` off, a Guess
        round aside."""
        assignment = self.graph.assignment
        return assignment is not None and not self.teacher_mode and assignment.task.hides(feature)

    @property
    def gradients_hidden(self) -> bool:
        """No gradient may be shown anywhere (Backward, the check, studies, panels)."""
        return self.hides("gradients")

    def _refuse_hidden_gradients(self) -> None:
        if self.guessing:
            raise BackwardError(texts.GUESSING_HIDES)
        if self.hides("gradients"):
            raise BackwardError(texts.HIDDEN_GRADIENTS)

    def new_assignment(self) -> None:
        """A new, untitled assignment made of the graph open now (or an empty one), in
        teacher mode: the teacher writes its task, locks nodes and saves it as a file of
        its own (the open file is never written over)."""
        base = copy_graph(self.graph)
        stem = Path(self.title).stem if base.nodes else ""
        title = re.sub(r"^\d+[-_ ]", "", stem).replace("-", " ").replace("_", " ").strip()
        base.assignment = Assignment(Task(title=title[:1].upper() + title[1:] or texts.NEW_ASSIGNMENT_TITLE))
        base.description = ""  # (an example's lesson may give the answers away: the task says what to do)
        with contextlib.suppress(BackwardError):  # the output is pinned: a student's new nodes do not move it
            base.output = base.output or Compiler(base, follow=False).default_output()
        self.new()
        self.untitled = f"{base.assignment.task.title} task.graph"  # (no dash: grade's *-*.graph finds hand-ins)
        self.teacher_mode = True
        self.push(ReplaceGraph(self.graph, base, texts.NEW_ASSIGNMENT_TITLE))
        self.history.clear()  # (an assignment from the start: Undo does not take its task away)

    def enter_teacher_mode(self, password: str = "") -> None:
        """Teacher mode: the locks do not hold and the task can be edited. Locked when the
        assignment has a teacher's password and ``password`` is not it."""
        assignment = self.graph.assignment
        if assignment is not None and not password_opens(assignment.task, password):
            raise Locked(texts.WRONG_PASSWORD)
        self.teacher_mode = True
        self._state_changed()

    def leave_teacher_mode(self) -> None:
        self.teacher_mode = False
        self._state_changed()

    def set_task(self, task: Task) -> None:
        """The teacher's edit of the task (one undoable step); Locked outside teacher mode."""
        assignment = self.graph.assignment or Assignment(task)
        if assignment.task != task or self.graph.assignment is None:
            self.push(SetGraphField(self.graph, "assignment", assignment.with_changes(task=task), texts.EDIT_TASK))

    def lock(self, node_ids: list[str], locked: bool = True) -> None:
        """Lock (or unlock) these nodes of the task: teacher mode only."""
        assignment = self.graph.assignment
        if assignment is None or not node_ids:
            return
        task = assignment.task
        changed = task.locked | set(node_ids) if locked else task.locked - set(node_ids)
        names = ", ".join(self.graph.nodes[n].label for n in node_ids[:3])
        text = (texts.LOCK_NODES if locked else texts.UNLOCK_NODES).format(names=names)
        if changed != task.locked:
            self.push(SetGraphField(self.graph, "assignment",
                                    assignment.with_changes(task=task.with_changes(locked=frozenset(changed))), text))

    def answer(self, question_id: str, text: str) -> None:
        """The student's answer to a question (saved with the file; one undoable step)."""
        assignment = self.graph.assignment
        if assignment is None or assignment.answers.get(question_id, "") == text.strip():
            return
        prompt = assignment.task.question(question_id).prompt(self.graph.output_name)
        self.push(SetGraphField(self.graph, "assignment", assignment.with_answer(question_id, text.strip()),
                                texts.ANSWER.format(question=prompt)))

    def check_my_work(self) -> list[Verdict]:
        """Check my work: a verdict on each question (on a copy: nothing here changes)."""
        assignment = self.graph.assignment
        return [] if assignment is None else check_assignment(self.graph, assignment)

    def hand_in(self, student: str, folder: str | Path, when: datetime) -> Path:
        """Save a copy named with ``student`` and the time into ``folder``, with the task's
        checksum, so the grader can tell the task was not changed. The open document
        stays as it is (its file and its unsaved changes). OSError when it cannot be written."""
        document = graph_to_document(self.graph)
        copy = graph_from_document(document)
        assignment = copy.assignment
        if assignment is None:
            raise RuntimeError("hand_in needs an assignment")
        checksum = task_checksum(document)
        copy.assignment = assignment.with_changes(
            handed_in=HandedIn(student.strip(), when.isoformat(timespec="seconds"), checksum))
        target = Path(folder) / hand_in_name(self.title, student, when)
        save_graph(copy, target)
        return target

    # gradients -----------------------------------------------------------------
    def output(self) -> str:
        """The node Backward differentiates; BackwardError says why there is none."""
        return self.compiler.default_output()

    def backward(self) -> str:
        """Gradients of the output with respect to everything upstream (added to the old
        ones when ``keep_gradients``). The selection has no say: Backward always
        differentiates the output. A big graph's engine part is long work; Cancel raises
        BackwardCancelled. BackwardError while the gradients are hidden (a Guess round,
        an assignment that asks for them by hand)."""
        self._refuse_hidden_gradients()
        if len(self.graph.nodes) <= LONG_BACKWARD:
            root = self.compiler.backward(keep=self.keep_gradients)
        else:
            shown = self.compiler.gradient_root is not None
            job = self.compiler.backward_job(keep=self.keep_gradients)
            if shown:
                self._announce()  # the old gradients are gone already
            self._long(LongWork(texts.BACKWARD_RUNNING, job.run, progress=lambda: (job.done, job.size),
                                cancel=job.cancel.set))
            root = self.compiler.finish_backward(job)
        self._announce()
        return root

    def check_gradients(self) -> list[GradientCheckRow]:
        """Backward, as the button does it, then each Variable's gradient beside its
        central-difference estimate. A big graph's check is long work; Cancel raises
        BackwardCancelled (the gradients of the Backward stay)."""
        root = self.backward()
        if check_cost(self.graph, root) <= LONG_CHECK:
            return gradient_check(self.graph, self.compiler, root, run_backward=False)
        cancel = threading.Event()
        done = [0, 1]

        def progress(count: int, total: int) -> None:
            done[:] = [count, total]

        def check() -> None:
            if cancel.is_set():
                raise BackwardCancelled("cancelled")

        return self._long(LongWork(texts.CHECKING,
                                   lambda: gradient_check(self.graph, self.compiler, root, progress, check,
                                                          run_backward=False),
                                   progress=lambda: tuple(done), cancel=cancel.set))

    def clear_gradients(self) -> None:
        self.compiler.clear_gradients()
        self._announce()

    def compute_now(self) -> None:
        """Compute what a stopped computation left without a value."""
        self.compiler.resume()
        self._settle()

    # gradient descent ----------------------------------------------------------
    def start_descent(self, learning_rate: float, steps: int) -> DescentRun:
        """A run whose steps are commands merged into one; BackwardError if there is no output
        or while the gradients are hidden (each step follows them)."""
        self._refuse_hidden_gradients()
        self.stop_descent()
        self.descent = DescentRun(self, learning_rate, steps)
        return self.descent

    def stop_descent(self) -> None:
        run, self.descent = self.descent, None
        if run is not None:
            run.stop()

    # files -----------------------------------------------------------------------
    def load(self, path: str | Path, graph: Graph | None = None, computed: Compiler | None = None) -> None:
        """Open a file (or take ``graph``, read from it already by a background thread,
        and the values ``computed`` for it there); on GraphFileError nothing here changes."""
        graph = graph if graph is not None else load_graph(path)
        self.stop_descent()
        self.teacher_mode = False
        self.path = Path(path)  # (the listeners of the new graph see its name)
        self.disk_stamp = disk_stamp(self.path)
        with self._batch():
            self.graph.replace_with(graph)
            if computed is not None:
                self.compiler.adopt(computed)
        self.history.clear()

    def restore(self, graph: Graph, original: Path | None) -> None:
        """Take a recovered graph as unsaved work on ``original`` (Save writes there)."""
        self.stop_descent()
        self.teacher_mode = False
        self.path = original
        self.disk_stamp = disk_stamp(original) if original else None
        with self._batch():
            self.graph.replace_with(graph)
        self.history.clear()
        self.history.forget_clean()

    def new(self) -> None:
        self.stop_descent()
        self.teacher_mode = False
        self.path, self.disk_stamp, self.untitled = None, None, "Untitled.graph"
        with self._batch():
            self.graph.clear()
        self.history.clear()

    def keep_mine(self) -> None:
        """The student keeps their version of a file another program changed: that change
        is not asked about again (saving writes theirs over it)."""
        self.disk_stamp = disk_stamp(self.path) if self.path is not None else None

    def changed_on_disk(self) -> bool:
        """Whether another program changed or removed the file since it was opened or saved."""
        return self.path is not None and self.disk_stamp is not None and disk_stamp(self.path) != self.disk_stamp

    def save(self, path: str | Path | None = None) -> None:
        """Save to ``path`` or the current file. OSError (a read-only folder, a full disk) or
        ValueError (text that cannot be encoded): nothing changes, the work stays unsaved."""
        target = Path(path) if path else self.path
        if target is None:
            raise ValueError("no file name yet")
        save_graph(self.graph, target)
        self.path = target
        self.disk_stamp = disk_stamp(target)
        self.history.set_clean()

    def forget_path(self) -> None:
        """An example keeps its name but not its place: Save asks where to put the
        student's copy (the example itself is never written over)."""
        if self.path is not None:
            self.untitled = self.path.name
        self.path = None
        self.history.set_clean()


__all__ = ["BackwardError", "Busy", "Hidden", "Locked", "NameTaken", "Session"]
