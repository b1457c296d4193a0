"""Turns the model into engine calls: values, errors and, after backward, gradients.

The compiler follows the graph's changes (told by its session, or on its own). A change marks the node it touched (and so
everything downstream) dirty; ``evaluate`` recomputes only those, in topological order.
Errors are results on the node, never exceptions: a missing input, shapes that do not
broadcast, and numpy's floating-point problems (division by zero, overflow, invalid
values), which keep the inf or nan numpy produced as the node's value.
"""
from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from operator import is_
from types import MappingProxyType

import numpy as np

import engine
from nodeeditor import compiler_texts as texts
from nodeeditor.model.events import (
    GraphEvent,
    GraphReplaced,
    NodeChanged,
    NodeMoved,
    NodesAdded,
    NodesRemoved,
    WireAdded,
    WireRemoved,
)
from nodeeditor.model.functions import BodyError, run_body
from nodeeditor.model.graph import Graph
from nodeeditor.model.limits import TooLarge, check_result
from nodeeditor.plural import plural
from nodeeditor.shape_messages import broadcast_note, explain

FLOAT_PROBLEMS = {
    "divide by zero": texts.DIVISION_BY_ZERO,
    "overflow": texts.OVERFLOW,
    "invalid value": texts.INVALID_OPERATION,
}


@dataclass(frozen=True)
class NodeResult:
    """What the compiler knows of one node: an immutable value, replaced (never changed
    in place) when the node is recomputed, so a view may keep one without going stale.

    ``value`` is None only when the node could not be computed (``error`` says why); a
    value with an error is an inf or nan from a floating-point problem. ``grad`` is
    d(output of the backward root) / d(this node's output); ``input_grads`` maps each
    input port to the gradient that flowed back through its wire.
    """

    value: np.ndarray | None = None
    error: str | None = None
    grad: np.ndarray | None = None
    #: something worth knowing that is not an error: where broadcasting stretched an input
    note: str | None = None
    input_grads: Mapping[str, np.ndarray] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        if not isinstance(self.input_grads, MappingProxyType):
            object.__setattr__(self, "input_grads", MappingProxyType(dict(self.input_grads)))
        for array in (self.value, self.grad, *self.input_grads.values()):
            if array.__class__ is np.ndarray:
                array.setflags(write=False)

    def with_gradients(self, grad: np.ndarray | None, input_grads: Mapping[str, np.ndarray] | None = None
                       ) -> NodeResult:
        """This result with a backward's gradients (dataclasses.replace, without its
        look at every field: Backward makes one per node)."""
        return NodeResult(self.value, self.error, grad, self.note,
                          self.input_grads if input_grads is None else input_grads)

    def without_gradients(self) -> NodeResult:
        if self.grad is None and not self.input_grads:
            return self  # (immutable: nothing to take off, nothing to copy)
        return NodeResult(value=self.value, error=self.error, note=self.note)


@dataclass(frozen=True)
class StepRecord:
    """One node's turn in backward, in the engine's order (see engine.BackwardStep)."""

    node_id: str
    output_grad: np.ndarray
    input_grads: dict[str, np.ndarray]


#: What a node shows when the student stopped the computation before it was reached.
STOPPED = texts.STOPPED


class BackwardError(ValueError):
    """Backward cannot start; the message tells the student what to do."""


class Compiler:
    """Keeps a node -> engine Variable map in step with a Graph."""

    def __init__(self, graph: Graph, follow: bool = True) -> None:
        """A compiler of ``graph``. ``follow``: it follows the graph's changes itself (a
        compiler of its own, for a script or a look at the graph); a session's compiler is
        told each change by the session instead (``graph_changed``), so that the order of
        who learns of a change first is written in one place."""
        self.graph = graph
        self.results: dict[str, NodeResult] = {}
        self.steps: list[StepRecord] = []
        self.gradient_root: str | None = None
        #: How many nodes have been computed (a value taken back by an undo is not), for
        #: tests and benchmarks.
        self.evaluations = 0
        #: Backward runs whose gradients the Variables hold added up (1: the last run's only)
        self.backward_runs = 0
        #: Counts the graph's changes: a backward run elsewhere is kept only if it is unchanged.
        self.generation = 0
        self._vars: dict[str, engine.Variable] = {}
        #: For each Call node: what each node inside its function shows at this call
        #: (values, and gradients after backward), by the body's node ids.
        self.inner: dict[str, dict[str, NodeResult]] = {}
        #: For each Call node: the backward steps inside its function, in the engine's order.
        self.inner_steps: dict[str, list[StepRecord]] = {}
        self._inner_vars: dict[str, dict[str, engine.Variable]] = {}
        self._dirty: set[str] = set(graph.nodes)
        #: how many numbers the nodes' values hold together (see model/limits.py)
        self._held = 0
        self._problems: list[str] = []
        #: (nodes done, nodes to do) of the evaluation under way
        self.progress = (0, 0)
        #: nodes a stopped evaluation left without a value: computed again at the next
        #: change or ``resume``, not by a view asking for a result
        self._held_back: set[str] = set()
        #: the parameters each node's Variable was computed with (see ``_reuse``)
        self._made_with: dict[str, tuple] = {}
        #: what deleted nodes had computed: (parameters, Variable, result), by node id.
        #: An undo that puts a node back with the same parameters and the very same input
        #: Variables takes its Variable again instead of computing it anew.
        self._removed: dict[str, tuple[tuple, engine.Variable, NodeResult]] = {}
        if follow:
            graph.subscribe(self.graph_changed)

    # following the model ------------------------------------------------
    def graph_changed(self, event: GraphEvent) -> None:
        """Take note of a change of the graph: what it made dirty is computed at the next
        ``evaluate``, and the last Backward's gradients are gone."""
        if isinstance(event, NodeMoved):
            return
        self.generation += 1
        if isinstance(event, NodeChanged) and event.renamed:
            return  # a new name changes no number: the values and gradients on show stay
        self.resume()
        self.clear_gradients()
        match event:
            case GraphReplaced():
                self.results.clear()
                self._vars.clear()
                self._held = 0
                self.inner.clear()
                self._inner_vars.clear()
                self._made_with.clear()
                self._removed.clear()
                self._dirty = set(self.graph.nodes)
            case NodesRemoved(nodes=nodes, edges=edges):
                for node_id in nodes:
                    self._forget(node_id)
                self._dirty.update(e.dst for e in edges if e.dst in self.graph.nodes)
            case NodesAdded(nodes=nodes, edges=edges):
                self._dirty.update(nodes)
                self._dirty.update(e.dst for e in edges)
            case WireAdded(edge=edge) | WireRemoved(edge=edge):
                self._dirty.add(edge.dst)
            case NodeChanged(node_id=node_id):
                self._dirty.add(node_id)

    def _forget(self, node_id: str) -> None:
        """A node was removed: keep what it computed for an undo that puts it back."""
        result = self.results.pop(node_id, None)
        gone = self._vars.pop(node_id, None)
        made_with = self._made_with.pop(node_id, None)
        if gone is not None:
            self._held -= gone.data.size
            if made_with is not None and result is not None:
                self._removed[node_id] = (made_with, gone, result.without_gradients())
        self.inner.pop(node_id, None)
        self._inner_vars.pop(node_id, None)
        self._dirty.discard(node_id)

    def detach(self) -> None:
        """Stop following the graph (a compiler made for one look at it, thrown away after)."""
        self.graph.unsubscribe(self.graph_changed)

    def adopt(self, other: Compiler) -> None:
        """Take the values ``other`` computed for a graph whose nodes this compiler's graph
        has just taken over (Graph.replace_with): a big file's evaluation done on the
        thread that read it is not done again."""
        self.results = other.results
        self._vars = other._vars
        self.inner, self._inner_vars = other.inner, other._inner_vars
        self._held = other._held
        self._dirty = set(other._dirty)
        self._held_back = set(other._held_back)
        self._made_with, self._removed = other._made_with, other._removed
        self.steps, self.inner_steps, self.gradient_root = [], {}, None

    def clear_gradients(self) -> None:
        """Forget the last backward: a stale gradient is never shown as current."""
        if self.gradient_root is None and not self.steps:
            return
        for node_id, result in self.results.items():
            if result.grad is not None or result.input_grads:
                self.results[node_id] = result.without_gradients()
        for call_id in self.inner_steps:
            self.inner[call_id] = {n: r.without_gradients() for n, r in self.inner[call_id].items()}
        self.inner_steps = {}
        self.steps = []
        self.gradient_root = None

    # forward --------------------------------------------------------------
    def pending(self) -> int:
        """How many nodes the next ``evaluate`` will recompute."""
        return len(self.graph.downstream(self._dirty)) if self._dirty else 0

    def evaluate(self, cancel: threading.Event | None = None) -> set[str]:
        """Recompute what changed since the last call; return the nodes recomputed (or,
        stopped by ``cancel``, given the error STOPPED, never an old value). ``progress``
        says how far it is, for a progress bar on another thread."""
        if not self._dirty:
            return set()
        affected = self.graph.downstream(self._dirty)
        self._dirty = set()
        order = self.graph.order.ordered(affected)
        total, done = len(affected), 0
        self.progress = (0, total)
        # One floating-point watch for the whole pass (entering np.errstate per node cost
        # a third of a 100,000-node evaluation); each node collects its own problems.
        with np.errstate(all="call", under="ignore", call=self._float_problem):
            for node_id in order:
                if cancel is not None and done % 64 == 0 and cancel.is_set():
                    self._stopped(order[done:])
                    break
                self.results[node_id] = self._evaluate_node(node_id)
                done += 1
                if done % 64 == 0:
                    self.progress = (done, total)
        self.progress = (done, total)
        return affected

    def _stopped(self, node_ids: list[str]) -> None:
        """The student stopped the computation: these nodes have no value until the next
        evaluation, which they are left waiting for."""
        for node_id in node_ids:
            old = self._vars.pop(node_id, None)
            if old is not None:
                self._held -= old.data.size
            self.inner.pop(node_id, None)
            self._inner_vars.pop(node_id, None)
            self.results[node_id] = NodeResult(error=STOPPED)
        self._held_back.update(node_ids)

    @property
    def stopped(self) -> int:
        """How many nodes a stopped computation left without a value."""
        return len(self._held_back)

    def resume(self) -> None:
        """Compute at the next ``evaluate`` what a stopped computation left out."""
        self._dirty |= self._held_back
        self._held_back = set()

    def _float_problem(self, kind: str, _flag: int) -> None:
        self._problems.append(kind)

    def _evaluate_node(self, node_id: str) -> NodeResult:
        old = self._vars.pop(node_id, None)
        if old is not None:
            self._held -= old.data.size
        self.inner.pop(node_id, None)
        self._inner_vars.pop(node_id, None)
        self._made_with.pop(node_id, None)
        node = self.graph.nodes[node_id]
        spec = node.spec
        wires = self.graph.input_edges(node_id)
        if len(wires) < len(spec.inputs):
            n = len(spec.inputs)
            template = plural(len(wires), texts.NEEDS_INPUTS_ONE_CONNECTED,
                              plural(n, texts.NEEDS_ONE_INPUT, texts.NEEDS_INPUTS))
            return NodeResult(error=template.format(title=spec.title, count=n, connected=len(wires)))
        inputs = []
        for port in spec.inputs:
            source = wires[port].src
            if source not in self._vars:
                label = self.graph.nodes[source].label
                return NodeResult(error=texts.WAITING.format(port=port, source=label))
            inputs.append(self._vars[source])
        made_with = (node.kind, *node.params.values())
        if self._removed and spec.function is None:
            reused = self._reuse(node_id, made_with, inputs)
            if reused is not None:
                return reused
        self.evaluations += 1
        problems = self._problems = []
        shapes = {port: tuple(v.shape) for port, v in zip(spec.inputs, inputs)}
        try:
            if spec.function is None:
                check_result(spec, list(shapes.values()), node.params, self._held)
                var = spec.compute(inputs, node.params)
            else:
                var, inside = run_body(spec.function, inputs)
                self._inner_vars[node_id] = inside
                self.inner[node_id] = {n: NodeResult(value=v.data) for n, v in inside.items()}
        except (BodyError, TooLarge) as exc:
            return NodeResult(error=str(exc))
        except ValueError as exc:
            return NodeResult(error=explain(spec, shapes, node.params, exc))
        self._vars[node_id] = var
        self._made_with[node_id] = made_with
        self._held += var.data.size
        error = "; ".join(dict.fromkeys(FLOAT_PROBLEMS.get(p, p) for p in problems)) if problems else None
        return NodeResult(value=var.data, error=error, note=broadcast_note(spec, shapes))

    def _reuse(self, node_id: str, made_with: tuple, inputs: list[engine.Variable]) -> NodeResult | None:
        """The removed node's own result when it is put back unchanged: the same kind,
        the same parameter objects and the very same input Variables (so the same numbers;
        an edit anywhere upstream made new ones). Else None, and it is computed again."""
        memo = self._removed.pop(node_id, None)
        if memo is None:
            return None
        before, var, result = memo
        made_from = var.creator.inputs if var.creator is not None else ()
        if not (len(before) == len(made_with) and all(map(is_, before, made_with))
                and len(made_from) == len(inputs) and all(map(is_, made_from, inputs))):
            return None
        self._vars[node_id] = var
        self._made_with[node_id] = made_with
        self._held += var.data.size
        return result

    def order(self) -> list[str]:
        """Every node after the nodes it reads."""
        return self.graph.topological_order()

    def variable(self, node_id: str) -> engine.Variable | None:
        """The engine Variable holding the node's output (None while it has no value)."""
        self.evaluate()
        return self._vars.get(node_id)

    def result(self, node_id: str) -> NodeResult:
        self.evaluate()
        return self.results[node_id]

    def has_errors(self) -> bool:
        self.evaluate()
        return any(r.error for r in self.results.values())

    def errors(self) -> dict[str, str]:
        self.evaluate()
        return {n: r.error for n, r in self.results.items() if r.error}

    # backward -------------------------------------------------------------
    def default_output(self) -> str:
        """The graph's chosen output, else its only sink; BackwardError when unclear."""
        graph = self.graph
        if graph.output in graph.nodes:
            return graph.output
        sinks = [n for n in graph.sinks() if not graph.nodes[n].spec.is_input]
        if not sinks:
            sinks = graph.sinks() if len(graph.nodes) == 1 else []
        if not sinks:
            raise BackwardError(texts.NOTHING_TO_DIFFERENTIATE)
        if len(sinks) > 1:
            names = ", ".join(graph.nodes[n].label for n in sorted(sinks))
            raise BackwardError(texts.SEVERAL_ENDS.format(count=len(sinks), names=names))
        return sinks[0]

    def backward(self, root: str | None = None, keep: bool = False) -> str:
        """Gradients of ``root`` (default: default_output) w.r.t. every node upstream.
        ``keep``: the Variables' old gradients are not cleared first, so the new ones are
        added to them, as ``y.backward()`` twice without ``x.cleargrad()`` does."""
        job = self.backward_job(root, keep)
        job.run()
        return job.finish()

    def backward_job(self, root: str | None = None, keep: bool = False) -> BackwardJob:
        """A backward prepared here (BackwardError when it cannot start), to run here or
        on another thread (BackwardJob.run touches engine Variables only) and to finish
        here again."""
        self.evaluate()
        wanted = root if root is not None else self.default_output()
        kept = {}
        if keep and self.gradient_root == wanted:
            kept = {n: r.grad for n, r in self.results.items()
                    if r.grad is not None and self.graph.nodes[n].kind == "Variable"}
        runs = self.backward_runs + 1 if kept else 1
        self.clear_gradients()
        root = wanted
        if root not in self.graph.nodes:
            raise BackwardError(texts.NO_SUCH_NODE.format(node=root))
        upstream = self.graph.upstream(root)
        broken = sorted(self.graph.nodes[n].label for n in upstream if n not in self._vars)
        if broken:
            raise BackwardError(texts.NEEDS_VALUES.format(root=self.graph.nodes[root].label, broken=", ".join(broken)))
        job = BackwardJob(self, root, upstream)
        job.kept, job.runs = kept, runs
        return job

    def finish_backward(self, job: BackwardJob) -> str:
        """Write a finished job's gradients into the results (on the compiler's thread)."""
        if job.generation != self.generation:
            raise BackwardError(texts.CHANGED_WHILE_RUNNING)
        steps = [self._call_step(r.node_id, job.inner_steps[r.node_id]) if r.node_id in job.inner_steps else r
                 for r in job.steps]
        self.inner_steps = job.inner_steps
        results = self.results
        for record in steps:
            results[record.node_id] = results[record.node_id].with_gradients(record.output_grad,
                                                                             record.input_grads)
        for node_id, g in zip(job.leaves, job.leaf_grads):
            old = job.kept.get(node_id)
            results[node_id] = results[node_id].with_gradients(g.data if old is None else old + g.data)
        self.backward_runs = job.runs
        root = job.root
        results[root] = results[root].with_gradients(np.ones_like(self._vars[root].data))
        self.steps = steps
        self.gradient_root = root
        return root

    def _call_step(self, call: str, inside: list[StepRecord]) -> StepRecord:
        """A Call node's own step, read off the steps inside its function: the gradient
        that reached the function's output, and what each Input sent back out. The
        nodes inside get their gradients too."""
        function = self.graph.nodes[call].spec.function
        output = function.output()
        shown = self.inner[call]
        sent: dict[str, np.ndarray] = {}
        arrived = None
        for record in inside:
            shown[record.node_id] = replace(shown[record.node_id], grad=record.output_grad,
                                            input_grads=record.input_grads if record.node_id not in function.inputs
                                            else {})
            if record.node_id == output:
                arrived = record.output_grad
            if record.node_id in function.inputs:
                sent[str(function.body.nodes[record.node_id].params["name"])] = record.input_grads["x"]
        body = function.body
        for node_id, node in body.nodes.items():
            if node.kind == "Constant":  # a leaf inside: the sum of what its wires brought back
                parts = [shown[e.dst].input_grads[e.dst_port] for e in body.output_edges(node_id)
                         if e.dst_port in shown[e.dst].input_grads]
                if parts:
                    shown[node_id] = replace(shown[node_id], grad=np.sum(parts, axis=0))
        value = self.results[call].value
        if arrived is None:
            arrived = np.ones_like(value)
        return StepRecord(call, arrived, sent)


class BackwardCancelled(BackwardError):
    """Backward was stopped on purpose (Cancel); nothing changed."""


class BackwardJob:
    """One backward: prepared by Compiler.backward_job, ``run`` (the engine's part, which
    reads only engine Variables and dictionaries made here, so it may run on another
    thread and be cancelled between two steps), then ``finish`` by the compiler."""

    def __init__(self, compiler: Compiler, root: str, upstream: set[str]) -> None:
        graph, variables = compiler.graph, compiler._vars
        self.compiler, self.root = compiler, root
        self.generation = compiler.generation
        self.size = len(upstream)
        self.output = variables[root]
        self.leaves = [n for n in upstream if variables[n].creator is None]
        self.leaf_variables = [variables[n] for n in self.leaves]
        self.node_of = {id(variables[n].creator): n for n in upstream if variables[n].creator is not None}
        self.ports = {n: graph.nodes[n].spec.inputs for n in upstream}
        self.inner_of: dict[int, tuple[str, str, tuple[str, ...]]] = {}
        for call in upstream:
            inside = compiler._inner_vars.get(call)
            if inside is None:
                continue
            body = graph.nodes[call].spec.function.body
            for body_id, v in inside.items():
                if v.creator is not None:
                    self.inner_of[id(v.creator)] = (call, body_id, body.nodes[body_id].spec.inputs or ("x",))
        self.cancel = threading.Event()
        self.done = 0  #: functions visited so far, for a progress display
        self.steps: list[StepRecord] = []
        self.inner_steps: dict[str, list[StepRecord]] = {}
        self.leaf_grads: list[engine.Variable] = []
        #: the Variables' gradients from the runs before, added to this one's (no cleargrad)
        self.kept: dict[str, np.ndarray] = {}
        self.runs = 1

    def run(self) -> None:
        """The engine's backward; BackwardCancelled when ``cancel`` is set meanwhile."""
        with np.errstate(all="ignore"):
            self.leaf_grads = engine.grad(self.output, self.leaf_variables, observer=self._observe)

    def finish(self) -> str:
        return self.compiler.finish_backward(self)

    def _observe(self, step: engine.BackwardStep) -> None:
        self.done += 1
        if self.cancel.is_set():
            raise BackwardCancelled(texts.CANCELLED)
        inside = self.inner_of.get(id(step.function))
        if inside is not None:
            call, body_id, ports = inside
            grads = {p: np.asarray(g) for p, g in zip(ports, step.input_grads)}
            if call not in self.inner_steps:
                self.inner_steps[call] = []
                self.steps.append(StepRecord(call, np.asarray(0.0), {}))  # filled in by finish
            self.inner_steps[call].append(StepRecord(body_id, np.asarray(step.output_grads[0]), grads))
            return
        node_id = self.node_of.get(id(step.function))
        if node_id is None:
            return  # inside a function within a function: shown when that one is opened
        grads = {p: np.asarray(g) for p, g in zip(self.ports[node_id], step.input_grads)}
        self.steps.append(StepRecord(node_id, np.asarray(step.output_grads[0]), grads))
