"""Guess the gradient: the student predicts each node's gradient before seeing it.

A round runs Backward but shows nothing of it; ``check`` compares a typed guess with
Backward's number, within a rounding tolerance, and a wrong guess gets a hint in the
terms of the gate that sends the gradient back (read from the catalog's description):
"Add passes the gradient unchanged to both inputs", "a value used twice gets the sum".
Nodes are asked in the order Backward visits them, the output first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from nodeeditor.compiler import Compiler
from nodeeditor.lessons import texts
from nodeeditor.lessons.chain_rule import display_names
from nodeeditor.model.graph import Graph
from nodeeditor.model.values import ValueFormatError, format_array, parse_value_text

#: A guess within this much of the gradient (relative, or absolute near zero) is right:
#: 0.333 for 1/3, 12.0 for 12.
RELATIVE_TOLERANCE = 5e-3
ABSOLUTE_TOLERANCE = 5e-3


@dataclass(frozen=True)
class Verdict:
    node_id: str
    right: bool
    #: what was wrong with the text itself (not a number), else ""
    problem: str = ""
    hint: str = ""


@dataclass
class GuessRound:
    """One round on a graph: what to guess, the attempts so far, what is solved."""

    graph: Graph
    compiler: Compiler
    root: str = ""
    order: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    attempts: dict[str, int] = field(default_factory=dict)
    solved: set[str] = field(default_factory=set)

    @classmethod
    def start(cls, graph: Graph, compiler: Compiler) -> GuessRound:
        """Backward runs (its numbers hidden by the caller); BackwardError if it cannot."""
        root = compiler.backward()
        needed = graph.upstream(root)
        order = [n for n in reversed(compiler.order()) if n in needed and graph.nodes[n].kind != "Constant"]
        return cls(graph, compiler, root, order, display_names(graph, root))

    @property
    def total_attempts(self) -> int:
        return sum(self.attempts.values())

    @property
    def finished(self) -> bool:
        return self.solved >= set(self.order)

    def expected(self, node_id: str) -> np.ndarray:
        return np.asarray(self.compiler.results[node_id].grad)

    def check(self, node_id: str, text: str) -> Verdict:
        """Judge the guess ``text`` (a number, a fraction such as 1/3, or an array)."""
        try:
            guess = parse_guess(text)
        except ValueError as exc:
            return Verdict(node_id, False, problem=str(exc))
        expected = self.expected(node_id)
        self.attempts[node_id] = self.attempts.get(node_id, 0) + 1
        try:
            right = bool(np.allclose(np.broadcast_to(guess, expected.shape), expected,
                                     rtol=RELATIVE_TOLERANCE, atol=ABSOLUTE_TOLERANCE))
        except ValueError:
            return Verdict(node_id, False, problem=texts.SHAPE_OF_THE_VALUE.format(shape=expected.shape))
        if right:
            self.solved.add(node_id)
            return Verdict(node_id, True)
        return Verdict(node_id, False, hint=self.hint(node_id))

    def hint(self, node_id: str) -> str:
        """Where this node's gradient comes from, in the gate's own words."""
        name = self.names[node_id]
        if node_id == self.root:
            return texts.OUTPUT_HINT.format(name=name)
        uses = [e for e in sorted(self.graph.output_edges(node_id)) if e.dst in self.graph.upstream(self.root)]
        out = self.names[self.root]
        parts = []
        for edge in uses:
            user = self.graph.nodes[edge.dst]
            upstream = format_array(self.compiler.results[edge.dst].grad)
            parts.append(texts.USE_HINT.format(user=self.names[edge.dst], kind=user.spec.title, port=edge.dst_port,
                                               out=out, gradient=upstream,
                                               rule=gate_rule(user.spec.title, user.spec.description)))
        if len(uses) > 1:
            return " ".join([texts.USED_TIMES.format(name=name, count=len(uses)), *parts])
        return parts[0] if parts else texts.UNUSED_HINT.format(name=name)


def gate_rule(title: str, description: str) -> str:
    """The backward sentence of a kind's description: "Add passes the gradient unchanged…"."""
    match = re.search(r"(Backward|backward|Its derivative)[^.]*(\.|$)", description)
    if not match:
        return description
    rule = match.group(0)
    if rule.startswith("Backward: "):
        return texts.GATE_RULE_AFTER_COLON.format(title=title, rule=rule[len("Backward: "):])
    if rule.startswith(("Backward ", "backward ")):
        return texts.GATE_RULE.format(title=title, rule=rule[len("Backward "):])
    return rule


def parse_guess(text: str) -> np.ndarray:
    """A number (12, -0.5, 1e-3), a fraction (1/3, -2/5) or an array ([1, 2])."""
    text = text.strip().replace("−", "-")
    if not text:
        raise ValueError(texts.TYPE_A_GUESS)
    match = re.fullmatch(r"([-+]?\d+(?:\.\d*)?)\s*/\s*([-+]?\d+(?:\.\d*)?)", text)
    if match:
        denominator = float(match.group(2))
        if denominator == 0:
            raise ValueError(texts.FRACTION_BY_ZERO)
        return np.array(float(match.group(1)) / denominator)
    try:
        return np.asarray(parse_value_text(text), dtype=np.float64)
    except ValueFormatError:
        raise ValueError(texts.NOT_A_GUESS.format(text=text)) from None
