"""What backward needs kept: each Function recorded while the graph is computed holds on to
its inputs (the book's step 17 keeps outputs by weak reference only), so that backward can
use them. Under ``no_grad`` nothing is recorded and nothing is kept (step 18)."""
from __future__ import annotations

from dataclasses import dataclass

from nodeeditor.compiler import Compiler
from nodeeditor.lessons import texts
from nodeeditor.lessons.study import fresh_values
from nodeeditor.model.graph import Graph


@dataclass(frozen=True)
class Kept:
    node_id: str
    #: the engine Function that computed the node
    function: str
    #: whose values it holds for backward: node labels, or "a number" written into the code
    holds: tuple[str, ...]
    #: how many numbers those values have together
    numbers: int


def kept_for_backward(graph: Graph, compiler: Compiler, names: dict[str, str] | None = None) -> list[Kept]:
    """For each node a Function computed, what that Function keeps for backward (the
    values named by ``names``, node id -> name, else by the nodes' labels)."""
    compiler.evaluate()
    label_of = {}
    for node_id, node in graph.nodes.items():
        var = compiler.variable(node_id)
        if var is not None:
            label_of[id(var)] = names[node_id] if names else node.label
    kept = []
    for node_id in graph.reading_order():
        var = compiler.variable(node_id)
        creator = getattr(var, "creator", None)
        if creator is None or not hasattr(creator, "inputs"):
            continue
        holds = tuple(label_of.get(id(x), texts.A_NUMBER) for x in creator.inputs)
        kept.append(Kept(node_id, type(creator).__name__, holds, sum(int(x.data.size) for x in creator.inputs)))
    return kept


def kept_under_no_grad(graph: Graph, root: str) -> int:
    """Numbers kept for backward when the same values are computed under no_grad: the
    Functions that recorded anything, counted for real (none)."""
    values = fresh_values(graph, root)
    return sum(sum(int(x.data.size) for x in v.creator.inputs) for v in values.values() if v.creator is not None)
