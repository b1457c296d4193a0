"""The chain rule written out: ∂y/∂node as the sum, over every path from the node to the
output, of the product of the local derivatives along it; first in symbols with the
graph's names, then in numbers, then the result (which is what Backward gave).

    ∂y/∂x = ∂y/∂mul1·∂mul1/∂x[a] + ∂y/∂mul1·∂mul1/∂x[b]
          = 1·3 + 1·3
          = 6

Paths can be exponentially many; past MAX_PATHS the derivation folds them by the node's
direct uses, ∂y/∂x = Σ ∂y/∂u·∂u/∂x with ∂y/∂u from Backward: exactly how reverse mode
avoids listing paths. Rendered as plain text, as LaTeX (a document pdflatex compiles)
and as HTML for the panel.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from nodeeditor.compiler import BackwardError, Compiler
from nodeeditor.derivatives import local_partials
from nodeeditor.model.graph import Graph

#: More paths than this are folded by the node's direct uses.
MAX_PATHS = 64


class ChainRuleError(ValueError):
    """No derivation can be written for this node; the message says why."""


@dataclass(frozen=True)
class Factor:
    """∂top/∂bottom through the input ``port`` of ``top`` (the local derivative), or,
    when ``upstream`` is set, ∂output/∂top as Backward computed it."""

    top: str
    bottom: str
    port: str
    value: float
    upstream: bool = False


@dataclass(frozen=True)
class Term:
    factors: tuple[Factor, ...]

    @property
    def value(self) -> float:
        return float(np.prod([f.value for f in self.factors])) if self.factors else 1.0


@dataclass(frozen=True)
class Derivation:
    output: str
    wrt: str
    names: dict[str, str]
    terms: tuple[Term, ...]
    #: how many paths lead from ``wrt`` to the output
    paths: int
    #: True: the terms are the node's direct uses, not every path
    folded: bool
    total: float
    #: what Backward gave for ∂output/∂wrt (equal to ``total`` up to rounding)
    backward: float
    #: which input ports of a node the same source feeds twice (those factors say [port])
    ambiguous: frozenset[tuple[str, str]]


def derive(graph: Graph, compiler: Compiler, wrt: str, root: str | None = None) -> Derivation:
    """The derivation of ∂root/∂wrt (root: the graph's output). ChainRuleError when the
    node does not reach the output or the values are not single numbers."""
    try:
        target = root or compiler.default_output()
        root = compiler.backward(target) if compiler.gradient_root != target else target
    except BackwardError as exc:
        raise ChainRuleError(str(exc)) from None
    names = display_names(graph, root)
    if wrt not in graph.upstream(root):
        raise ChainRuleError(f"{names[wrt]} does not reach the output {names[root]}: ∂{names[root]}/∂{names[wrt]} = 0.")
    between = graph.upstream(root) & graph.downstream([wrt])
    for node_id in between:
        value = compiler.results[node_id].value
        if value is None or np.size(value) != 1:
            raise ChainRuleError("The chain rule is written out for graphs of single numbers; "
                                 f"{names[node_id]} holds an array of shape {np.shape(value)}.")
    partials = {n: local_partials(graph, compiler, n) for n in between if n != wrt}
    counts = _path_counts(graph, root, wrt, between)
    # A local factor names its port when its two ends alone do not say which wire it is:
    # the same source feeds the node twice (x·x), or it is the output's own input ∂y/∂x
    # beside other paths (it would read as the whole derivative).
    used_twice = frozenset((e.dst, e.dst_port) for n in between for e in graph.output_edges(n)
                           if sum(1 for f in graph.output_edges(n) if f.dst == e.dst) > 1
                           or (e.dst == root and n == wrt and counts[wrt] > 1))
    if counts[wrt] <= MAX_PATHS:
        terms = tuple(Term(path) for path in _paths(graph, root, wrt, between, partials))
        folded = False
    else:
        terms = tuple(Term((Factor(root, e.dst, "", _grad(compiler, e.dst), upstream=True),
                            Factor(e.dst, wrt, e.dst_port, partials[e.dst][e.dst_port])))
                      for e in sorted(graph.output_edges(wrt)) if e.dst in between)
        folded = True
    total = float(sum(t.value for t in terms))
    return Derivation(root, wrt, names, terms, counts[wrt], folded, total, _grad(compiler, wrt), used_twice)


def _grad(compiler: Compiler, node_id: str) -> float:
    return float(np.sum(compiler.results[node_id].grad))


def display_names(graph: Graph, root: str) -> dict[str, str]:
    """Every node's one name, as the canvas shows it (x0, pow1, the output y); ``root``,
    where Backward starts, by the output's name when it is the output, else its own."""
    return graph.names()


def _path_counts(graph: Graph, root: str, wrt: str, between: set[str]) -> dict[str, int]:
    """Paths from each node of ``between`` to the root (a wire used twice counts twice)."""
    counts: dict[str, int] = {root: 1}
    for node_id in reversed(graph.topological_order()):
        if node_id in between and node_id != root:
            counts[node_id] = sum(counts.get(e.dst, 0) for e in graph.output_edges(node_id) if e.dst in between)
    return counts


def _paths(graph: Graph, root: str, wrt: str, between: set[str], partials: dict) -> list[tuple[Factor, ...]]:
    """Every path from root down to wrt, as the factors ∂a/∂b along it (root first)."""
    found: list[tuple[Factor, ...]] = []

    def walk(node_id: str, factors: tuple[Factor, ...]) -> None:
        if node_id == wrt:
            found.append(factors)
            return
        wires = graph.input_edges(node_id)
        for port in graph.nodes[node_id].spec.inputs:
            source = wires[port].src
            if source in between:
                walk(source, (*factors, Factor(node_id, source, port, partials[node_id][port])))

    walk(root, ())
    return found


# rendering -----------------------------------------------------------------------------
def number(value: float) -> str:
    return f"{value:.6g}".replace("-", "−")


def factor_text(d: Derivation, f: Factor) -> str:
    port = f"[{f.port}]" if (f.top, f.port) in d.ambiguous and not f.upstream else ""
    top = d.output if f.upstream else f.top
    return f"∂{d.names[top]}/∂{d.names[f.bottom]}{port}"


def _symbols(d: Derivation, term: Term) -> str:
    return "·".join(factor_text(d, f) for f in term.factors) or "1"


def _numbers(term: Term) -> str:
    many = len(term.factors) > 1
    return "·".join(f"({number(f.value)})" if many and f.value < 0 else number(f.value)
                    for f in term.factors) or "1"


def plain_text(d: Derivation) -> str:
    """The derivation as lines of text (what ``main.py explain`` prints)."""
    head = f"∂{d.names[d.output]}/∂{d.names[d.wrt]}"
    pad = " " * len(head)
    lines = [f"{head} = " + " + ".join(_symbols(d, t) for t in d.terms),
             f"{pad} = " + " + ".join(_numbers(t) for t in d.terms),
             f"{pad} = {number(d.total)}", ""]
    lines.append(summary(d))
    return "\n".join(lines)


def summary(d: Derivation) -> str:
    out, wrt = d.names[d.output], d.names[d.wrt]
    paths = f"{d.paths} path{'s' if d.paths != 1 else ''} lead{'s' if d.paths == 1 else ''} from {wrt} to {out}"
    if d.folded:
        paths += (f"; too many to list, so they are grouped by where {wrt} is used: each "
                  f"∂{out}/∂(use) is Backward's gradient, which already sums the paths beyond it")
    return f"{paths}. Backward gave ∂{out}/∂{wrt} = {number(d.backward)}."


def _latex_name(name: str) -> str:
    match = re.fullmatch(r"([A-Za-z])(\d+)", name)
    if match:
        return f"{match.group(1)}_{{{match.group(2)}}}"
    if re.fullmatch(r"[A-Za-z]", name):
        return name
    return r"\mathrm{" + name.replace("_", r"\_") + "}"


def _latex_factor(d: Derivation, f: Factor) -> str:
    top = d.output if f.upstream else f.top
    text = rf"\frac{{\partial {_latex_name(d.names[top])}}}{{\partial {_latex_name(d.names[f.bottom])}}}"
    if (f.top, f.port) in d.ambiguous and not f.upstream:
        text += rf"\Big|_{{\mathrm{{{f.port}}}}}"
    return text


def _latex_number(value: float) -> str:
    text = f"{value:.6g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = rf"{mantissa} \times 10^{{{int(exponent)}}}"
    return f"({text})" if text.startswith("-") else text


def latex(d: Derivation) -> str:
    """A LaTeX document of the derivation, one path per line when there are several."""
    head = rf"\frac{{\partial {_latex_name(d.names[d.output])}}}{{\partial {_latex_name(d.names[d.wrt])}}}"
    symbols = [r"\,".join(_latex_factor(d, f) for f in t.factors) or "1" for t in d.terms]
    numbers = [r" \cdot ".join(_latex_number(f.value) for f in t.factors) or "1" for t in d.terms]
    rows = [f"{head} &= {symbols[0]}"] + [f"&\\quad + {s}" for s in symbols[1:]]
    rows += [f"&= {' + '.join(numbers)}", f"&= {_latex_number(d.total)}"]
    words = summary(d).replace("∂", r"$\partial$").replace("−", "-")
    return "\n".join([
        r"\documentclass{article}",
        r"\usepackage{amsmath}",
        r"\usepackage[utf8]{inputenc}",
        r"\begin{document}",
        r"\begin{align*}",
        " \\\\\n".join(rows),
        r"\end{align*}",
        words.replace("_", r"\_"),
        r"\end{document}",
        "",
    ])
