"""The chain rule for arrays, in matrix form, as the book writes Backward for them: from the
output down to the chosen node, one line per node, ∂L/∂(node) as the sum over its uses of
each use's vector-Jacobian product:

    ∂loss/∂loss = 1
    ∂loss/∂sig1 = 2·(sig1 − t)/N·∂loss/∂loss
    ∂loss/∂h1 = ∂loss/∂sig1 ⊙ sig1·(1 − sig1)
    ∂loss/∂W1 = xᵀ @ ∂loss/∂h1

with each one's shape and, when it is small, its numbers (which are Backward's). ⊙
multiplies element by element, @ is the matrix product, ᵀ transposes. Elementwise kinds
write their scalar rule (model/rules.py); the others their own (the catalog's
``matrix_rules``). No Qt."""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from nodeeditor.compiler import BackwardError, Compiler
from nodeeditor.lessons import texts
from nodeeditor.model.graph import Graph
from nodeeditor.model.rules import latex_name, write
from nodeeditor.model.values import format_array, shape_text

#: Numbers are shown beside a line when it holds at most this many.
SHOWN_NUMBERS = 12


class MatrixFormError(ValueError):
    """No matrix form can be written; the message says why."""


@dataclass(frozen=True)
class Line:
    """∂output/∂node = the sum of ``terms`` (plain text and LaTeX), of ``shape``, = ``value``."""

    node: str
    terms: tuple[str, ...]
    latex_terms: tuple[str, ...]
    shape: tuple[int, ...]
    value: np.ndarray | None


@dataclass(frozen=True)
class MatrixForm:
    output: str
    wrt: str
    names: dict[str, str]
    lines: tuple[Line, ...]
    #: one element of ``wrt`` asked about (--wrt W1[0,1]), and its gradient
    element: tuple[int, ...] | None = None


def matrix_form(graph: Graph, compiler: Compiler, wrt: str, root: str | None = None,
                element: tuple[int, ...] | None = None) -> MatrixForm:
    """∂root/∂wrt in matrix form (root: the graph's output). MatrixFormError when ``wrt``
    does not reach it or Backward cannot run."""
    try:
        target = root or compiler.default_output()
        root = compiler.backward(target) if compiler.gradient_root != target else target
    except BackwardError as exc:
        raise MatrixFormError(str(exc)) from None
    names = graph.names()
    if wrt not in graph.upstream(root):
        raise MatrixFormError(texts.NO_GRADIENT.format(wrt=names[wrt], out=names[root]))
    if element is not None:
        shape = np.shape(compiler.results[wrt].value)
        if len(element) != len(shape) or any(not 0 <= i < n for i, n in zip(element, shape)):
            raise MatrixFormError(texts.NO_ELEMENT.format(name=names[wrt], shape=shape_text(shape),
                                                          index=", ".join(map(str, element))))
    between = graph.upstream(root) & graph.downstream([wrt])
    order = [n for n in reversed(graph.topological_order()) if n in between]
    out = names[root]
    lines = []
    for node_id in order:
        value = compiler.results[node_id].grad
        shape = tuple(np.shape(compiler.results[node_id].value))
        if node_id == root:
            lines.append(Line(node_id, ("1",), ("1",), shape, value))
            continue
        uses = sorted((e for e in graph.output_edges(node_id) if e.dst in between), key=lambda e: (e.dst, e.dst_port))
        terms = [_use(graph, compiler, names, out, e.dst, e.dst_port, latex=False) for e in uses]
        latex_terms = [_use(graph, compiler, names, out, e.dst, e.dst_port, latex=True) for e in uses]
        lines.append(Line(node_id, tuple(terms), tuple(latex_terms), shape, value))
    return MatrixForm(root, wrt, names, tuple(lines), element)


def _delta(out: str, name: str, latex: bool) -> str:
    if latex:
        return rf"\frac{{\partial {latex_name(out)}}}{{\partial {latex_name(name)}}}"
    return f"∂{out}/∂{name}"


def _use(graph: Graph, compiler: Compiler, names: dict[str, str], out: str, node_id: str, port: str,
         latex: bool) -> str:
    """What ``node_id`` sends back through ``port``: its vector-Jacobian product, written
    with ∂out/∂(node) for the gradient that reached it."""
    node = graph.nodes[node_id]
    spec = node.spec
    wires = graph.input_edges(node_id)
    g = _delta(out, names[node_id], latex)
    source = wires[port].src
    source_shape = tuple(np.shape(compiler.results[source].value))
    if spec.matrix_rules:
        template = spec.matrix_rules[spec.inputs.index(port)]
        fields = {p: (latex_name(names[wires[p].src]) if latex else names[wires[p].src]) for p in spec.inputs}
        fields.update(g=g, shape=shape_text(source_shape), y=latex_name(names[node_id]) if latex else names[node_id])
        text = re.sub(r"\{(\w+)\}", lambda m: fields[m.group(1)], template)
        text = re.sub(r"/N\b", f"/{int(np.size(compiler.results[source].value))}", text)  # N: how many were averaged
        return _latex_matrix(text) if latex else text
    if not spec.rules:  # a function made of nodes: worked out inside it
        return (texts.THROUGH_LATEX if latex else texts.THROUGH).format(gradient=g, function=spec.title)
    rule = spec.rules[spec.inputs.index(port)]
    symbols = {p: names[wires[p].src] for p in spec.inputs} | {"y": names[node_id]}
    constants = {p.name: float(node.params[p.name]) for p in spec.params
                 if isinstance(node.params[p.name], (int, float)) and not isinstance(node.params[p.name], bool)}
    constants["N"] = float(np.size(compiler.results[source].value))
    local = write(rule, names=symbols, constants=constants, latex=latex)
    times = r" \odot " if latex else " ⊙ "
    text = g if local == "1" else (f"-{g}" if latex else f"−{g}") if local in ("-1", "−1") else \
        f"{g}{times}{_bracketed(local, latex)}"
    output_shape = tuple(np.shape(compiler.results[node_id].value))
    if output_shape != source_shape:  # broadcast: the copies' gradients are summed back
        return (rf"\operatorname{{sum\_to}}\left({text}, {shape_text(source_shape)}\right)" if latex
                else f"sum_to({text}, {shape_text(source_shape)})")
    return text


def _bracketed(text: str, latex: bool) -> str:
    simple = re.fullmatch(r"[\w{}\\^]+", text) is not None
    if simple:
        return text
    return rf"\left({text}\right)" if latex else f"({text})"


def _latex_matrix(text: str) -> str:
    """A matrix rule of the catalog, written for LaTeX."""
    for word in ("broadcast", "sum_to", "reshape"):
        text = text.replace(f"{word}(", rf"\operatorname{{{word.replace('_', chr(92) + '_')}}}(")
    return (text.replace("ᵀ", r"^\top").replace("⊙", r"\odot").replace("@", r"\,").replace("·", r" \cdot ")
            .replace("−", "-"))


# rendering ----------------------------------------------------------------------------------
def _numbers(line: Line) -> str:
    if line.value is None:
        return ""
    if np.size(line.value) <= SHOWN_NUMBERS:
        return f" = {format_array(line.value) if np.size(line.value) <= 4 else _all(line.value)}"
    return ""


def _all(value: np.ndarray) -> str:
    text = np.array2string(np.asarray(value), precision=4, separator=" ", max_line_width=10_000)
    return re.sub(r"\s+", " ", text).replace("-", "−")


def line_text(form: MatrixForm, line: Line) -> str:
    """One line: ``∂loss/∂W1 = xᵀ @ ∂loss/∂h1   (2, 3) = [[…]]``."""
    head = _delta(form.names[form.output], form.names[line.node], latex=False)
    return f"{head} = {' + '.join(line.terms)}    {shape_text(line.shape)}{_numbers(line)}"


def plain_text(form: MatrixForm) -> str:
    lines = [line_text(form, line) for line in form.lines]
    lines += ["", summary(form)]
    return "\n".join(lines)


def summary(form: MatrixForm) -> str:
    out, wrt = form.names[form.output], form.names[form.wrt]
    sentences = [texts.MATRIX_FORM.format(out=out, wrt=wrt)]
    if form.element is not None:
        grad = np.asarray(form.lines[-1].value)
        index = ", ".join(map(str, form.element))
        sentences.append(texts.ELEMENT_ASKED_FOR.format(out=out, wrt=wrt, index=index,
                                                        value=format_array(grad[form.element])))
    return " ".join(sentences)


def latex(form: MatrixForm) -> str:
    """A LaTeX document of the matrix form, one aligned line per node."""
    rows = []
    for line in form.lines:
        head = _delta(form.names[form.output], form.names[line.node], latex=True)
        rows.append(f"{head} &= {' + '.join(line.latex_terms)}")
    words = summary(form).replace("−", "-").replace("_", r"\_").replace("∂", r"$\partial$")
    for sign, command in (("⊙", r"$\odot$"), ("ᵀ", r"$^\top$"), ("@", r"$@$")):
        words = words.replace(sign, command)
    return "\n".join([r"\documentclass{article}", r"\usepackage{amsmath}", r"\usepackage[utf8]{inputenc}",
                      r"\begin{document}", r"\begin{align*}", " \\\\\n".join(rows), r"\end{align*}", words,
                      r"\end{document}", ""])
