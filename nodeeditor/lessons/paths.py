"""Which nodes and wires to light up on the canvas, so the chain rule's paths are seen
where they run: every path from a node to the output while the Chain rule tab explains
∂y/∂x (the rest of the graph dimmed), one path alone with each local derivative beside
its wire while the student points at its term, and, while stepping through Backward, the
paths from the node at work to the output with the wires it is sending gradients down.

No Qt: the scene draws what this says."""
from __future__ import annotations

from dataclasses import dataclass, field

from nodeeditor.lessons.chain_rule import Derivation, Factor, Term, factor_text, number
from nodeeditor.model import Edge, Graph


@dataclass(frozen=True)
class Lit:
    """The nodes and wires to show; everything else is dimmed. ``labels``: text to show
    beside a wire (the local derivative it carries)."""

    nodes: frozenset[str]
    edges: frozenset[Edge]
    labels: dict[Edge, str] = field(default_factory=dict)


def derivation_paths(graph: Graph, d: Derivation) -> Lit:
    """Every path of the derivation: from ``d.wrt`` to ``d.output``."""
    nodes: set[str] = set()
    edges: set[Edge] = set()
    for term in d.terms:
        lit = term_path(graph, d, term)
        nodes |= lit.nodes
        edges |= lit.edges
    return Lit(frozenset(nodes), frozenset(edges))


def term_path(graph: Graph, d: Derivation, term: Term) -> Lit:
    """One term's path, each of its wires labelled with its local derivative
    (∂pow1/∂x0 = 12). A term folded by uses (∂y/∂use · ∂use/∂x) lights its use's whole
    group: every path from that use to the output."""
    nodes: set[str] = {d.wrt, d.output}
    edges: set[Edge] = set()
    labels: dict[Edge, str] = {}
    for f in term.factors:
        if f.upstream:
            group = _between(graph, f.bottom, d.output)
            nodes |= group
            edges |= {e for n in group for e in graph.output_edges(n) if e.dst in group}
            continue
        edge = _wire(graph, f)
        if edge is not None:
            nodes |= {f.top, f.bottom}
            edges.add(edge)
            labels[edge] = f"{factor_text(d, f)} = {number(f.value)}"
    return Lit(frozenset(nodes), frozenset(edges), labels)


def step_paths(graph: Graph, active: str, root: str) -> Lit:
    """While stepping through Backward: every path from the node at work to the output
    (what its gradient came along) and the wires into it (where it sends gradients)."""
    group = _between(graph, active, root)
    edges = {e for n in group for e in graph.output_edges(n) if e.dst in group}
    into = set(graph.input_edges(active).values())
    return Lit(frozenset(group | {e.src for e in into}), frozenset(edges | into))


def _between(graph: Graph, low: str, high: str) -> set[str]:
    """The nodes on some path from ``low`` up to ``high`` (both included)."""
    return graph.downstream([low]) & graph.upstream(high)


def _wire(graph: Graph, f: Factor) -> Edge | None:
    edge = graph.input_edges(f.top).get(f.port)
    return edge if edge is not None and edge.src == f.bottom else None
