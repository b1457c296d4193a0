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
from dataclasses import dataclass, field

import numpy as np

from nodeeditor.compiler import BackwardError, Compiler
from nodeeditor.lessons import texts
from nodeeditor.lessons.derivatives import local_partials
from nodeeditor.lessons.matrix_form import MatrixForm, matrix_form
from nodeeditor.lessons.matrix_form import latex as matrix_latex
from nodeeditor.lessons.matrix_form import plain_text as matrix_text
from nodeeditor.model.captions import sum_text
from nodeeditor.model.graph import Graph
from nodeeditor.model.rules import latex_name, write
from nodeeditor.plural import plural

#: More paths than this are folded by the node's direct uses.
MAX_PATHS = 64


class ChainRuleError(ValueError):
    """No derivation can be written for this node; the message says why."""


class ArraysOnThePath(ChainRuleError):
    """Arrays flow between the node and the output: the matrix form (matrix_form.py) is
    how the chain rule is written for them."""


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
    #: each local factor's rule, by (node, port): in the graph's names, then in numbers, as
    #: plain text and as LaTeX (a function made of nodes has none: see LocalRule.inside)
    rules: dict[tuple[str, str], LocalRule] = field(default_factory=dict)

    def local_factors(self) -> list[Factor]:
        """Every distinct local factor of the terms, in the order they first appear."""
        seen: dict[tuple[str, str, bool], Factor] = {}
        for term in self.terms:
            for f in term.factors:
                seen.setdefault((f.top, f.port, f.upstream), f)
        return list(seen.values())


@dataclass(frozen=True)
class LocalRule:
    """A gate's local rule: ∂node/∂input = 2·x0 (``symbols``) = 2·6 (``numbers``)."""

    symbols: str
    numbers: str
    latex_symbols: str
    latex_numbers: str
    #: the function made of nodes whose derivative is worked out inside it (no rule then)
    inside: str = ""


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
        raise ChainRuleError(texts.DOES_NOT_REACH.format(wrt=names[wrt], out=names[root]))
    between = graph.upstream(root) & graph.downstream([wrt])
    for node_id in graph.topological_order():  # (the first one met: the same every time)
        value = compiler.results[node_id].value
        if node_id in between and (value is None or np.size(value) != 1):
            raise ArraysOnThePath(texts.ARRAY_ON_THE_PATH.format(name=names[node_id], shape=np.shape(value)))
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
    derivation = Derivation(root, wrt, names, terms, counts[wrt], folded, total, _grad(compiler, wrt), used_twice)
    for f in derivation.local_factors():
        if not f.upstream:
            derivation.rules[(f.top, f.port)] = local_rule(graph, compiler, f.top, f.port, names)
    return derivation


def local_rule(graph: Graph, compiler: Compiler, node_id: str, port: str, names: dict[str, str]) -> LocalRule:
    """The rule of ``node_id``'s kind for ``port``, in the graph's names and in its numbers
    (a function made of nodes has none: its derivative is worked out inside it)."""
    node = graph.nodes[node_id]
    spec = node.spec
    if not spec.rules:
        return LocalRule("", "", "", "", inside=spec.title)
    rule = spec.rules[spec.inputs.index(port)]
    wires = graph.input_edges(node_id)
    results = compiler.results
    symbols = {p: names[wires[p].src] for p in spec.inputs} | {"y": names[node_id]}
    values = {p: results[wires[p].src].value for p in spec.inputs} | {"y": results[node_id].value}
    constants = {p.name: float(node.params[p.name]) for p in spec.params
                 if isinstance(node.params[p.name], (int, float)) and not isinstance(node.params[p.name], bool)}
    constants["N"] = float(np.size(values[port]))
    return LocalRule(write(rule, names=symbols, constants=constants, number=number),
                     write(rule, values=values, constants=constants, number=number),
                     write(rule, names=symbols, constants=constants, latex=True, number=number),
                     write(rule, values=values, constants=constants, latex=True, number=number))


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


def term_numbers(term: Term) -> str:
    many = len(term.factors) > 1
    return "·".join(f"({number(f.value)})" if many and f.value < 0 else number(f.value)
                    for f in term.factors) or "1"


def rule_text(d: Derivation, f: Factor) -> str:
    """One local factor with its rule: ``∂pow1/∂x0 = 2·x0 = 2·6 = 12``."""
    value = number(f.value)
    if f.upstream:
        return texts.UPSTREAM_FACTOR.format(factor=factor_text(d, f), value=value, node=d.names[f.top])
    rule = d.rules.get((f.top, f.port))
    if rule is None:
        return texts.WORKED_OUT_IN_THE_FUNCTION.format(factor=factor_text(d, f), value=value)
    if rule.inside:
        return texts.WORKED_OUT_INSIDE.format(factor=factor_text(d, f), value=value, function=rule.inside)
    steps = [rule.symbols] + [t for t in (rule.numbers, value) if t != rule.symbols]
    steps = [t for i, t in enumerate(steps) if i == 0 or t != steps[i - 1]]
    return f"{factor_text(d, f)} = {' = '.join(steps)}"


def plain_text(d: Derivation) -> str:
    """The derivation as lines of text (what ``main.py explain`` prints)."""
    head = f"∂{d.names[d.output]}/∂{d.names[d.wrt]}"
    if d.output == d.wrt:
        return f"{head} = 1\n\n{summary(d)}"
    pad = " " * len(head)
    lines = [f"{head} = " + " + ".join(_symbols(d, t) for t in d.terms),
             f"{pad} = " + sum_text([term_numbers(t) for t in d.terms]),
             f"{pad} = {number(d.total)}", "", texts.LOCAL_RULES]
    lines += [f"  {rule_text(d, f)}" for f in d.local_factors()]
    lines += ["", summary(d)]
    return "\n".join(lines)


def summary(d: Derivation) -> str:
    out, wrt = d.names[d.output], d.names[d.wrt]
    if d.output == d.wrt:
        return texts.OUTPUT_ITSELF.format(wrt=wrt, out=out)
    template = texts.PATHS_GROUPED if d.folded else plural(d.paths, texts.ONE_PATH, texts.PATHS)
    return template.format(count=d.paths, wrt=wrt, out=out, value=number(d.backward))


def _latex_fraction(top: str, bottom: str) -> str:
    return rf"\frac{{\partial {latex_name(top)}}}{{\partial {latex_name(bottom)}}}"


def _latex_factor(d: Derivation, f: Factor) -> str:
    """∂top/∂bottom; where the same node feeds two inputs of one gate, the textbook's
    derivative with respect to that input, evaluated at it: ∂mul1/∂a |_(a = x)."""
    top = d.output if f.upstream else f.top
    if (f.top, f.port) in d.ambiguous and not f.upstream:
        return (rf"\left.{_latex_fraction(d.names[top], f.port)}\right|_{{{f.port} = "
                rf"{latex_name(d.names[f.bottom])}}}")
    return _latex_fraction(d.names[top], d.names[f.bottom])


def _latex_number(value: float, bracketed: bool = False) -> str:
    """A number for LaTeX; in brackets only where it is a negative factor of a product."""
    text = f"{value:.6g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = rf"{mantissa} \times 10^{{{int(exponent)}}}"
    return f"({text})" if bracketed and text.startswith("-") else text


def _latex_rule(d: Derivation, f: Factor) -> str:
    """A local factor's row: its rule in names, then in numbers, then its value."""
    value = _latex_number(f.value)
    rule = d.rules.get((f.top, f.port))
    if f.upstream or rule is None or rule.inside:
        return f"{_latex_factor(d, f)} &= {value}"
    steps = [rule.latex_symbols] + [t for t in (rule.latex_numbers, value) if t != rule.latex_symbols]
    steps = [t for i, t in enumerate(steps) if i == 0 or t != steps[i - 1]]
    return f"{_latex_factor(d, f)} &= {' = '.join(steps)}"


def _latex_text(text: str) -> str:
    """A sentence of plain text for LaTeX: its ∂a/∂b as mathematics, its symbols escaped."""
    parts = re.split(r"∂(\w+)/∂(\w+)( = -?\d+(?:\.\d+)?(?:e[-+]?\d+)?)?", text.replace("−", "-"))
    out = []
    for i, part in enumerate(parts):
        if i % 4 == 0:  # words between the derivatives
            out.append(part.replace("_", r"\_"))
        elif i % 4 == 1:  # a derivative (its top here, its bottom next), and the number it equals
            out.append(f"${_latex_fraction(part, parts[i + 1])}{parts[i + 2] or ''}$")
    return "".join(out)


def latex(d: Derivation) -> str:
    """A LaTeX document of the derivation, one path per line when there are several, then
    each local derivative as its gate's rule, then the closing sentence as LaTeX text."""
    head = _latex_fraction(d.names[d.output], d.names[d.wrt])
    symbols = [r"\,".join(_latex_factor(d, f) for f in t.factors) or "1" for t in d.terms]
    numbers = [r" \cdot ".join(_latex_number(f.value, len(t.factors) > 1) for f in t.factors) or "1"
               for t in d.terms]
    numbers = [f"({n})" if i and n.startswith("-") else n for i, n in enumerate(numbers)]
    if d.output == d.wrt:
        rows = [f"{head} &= 1"]
    else:
        rows = [f"{head} &= {symbols[0]}"] + [f"&\\quad + {s}" for s in symbols[1:]]
        rows += [f"&= {' + '.join(numbers)}", f"&= {_latex_number(d.total)}"]
    rules = [_latex_rule(d, f) for f in d.local_factors()]
    parts = [r"\documentclass{article}", r"\usepackage{amsmath}", r"\usepackage[utf8]{inputenc}",
             r"\begin{document}", r"\begin{align*}", " \\\\\n".join(rows), r"\end{align*}"]
    if rules and d.output != d.wrt:
        parts += [_latex_text(texts.LOCAL_RULES_SENTENCE), r"\begin{align*}", " \\\\\n".join(rules),
                  r"\end{align*}"]
    parts += [_latex_text(summary(d)), r"\end{document}", ""]
    return "\n".join(parts)


# either form ------------------------------------------------------------------------------
def written_out(graph: Graph, compiler: Compiler, wrt: str, root: str | None = None,
                element: tuple[int, ...] | None = None) -> Derivation | MatrixForm:
    """The chain rule for ``wrt``: path by path where single numbers flow, in matrix form
    where arrays do (or one element of an array is asked for). ChainRuleError or
    MatrixFormError say why there is none."""
    if element is None:
        try:
            return derive(graph, compiler, wrt, root)
        except ArraysOnThePath:
            pass
    return matrix_form(graph, compiler, wrt, root, element)


def as_text(written: Derivation | MatrixForm) -> str:
    return plain_text(written) if isinstance(written, Derivation) else matrix_text(written)


def as_latex(written: Derivation | MatrixForm) -> str:
    return latex(written) if isinstance(written, Derivation) else matrix_latex(written)
