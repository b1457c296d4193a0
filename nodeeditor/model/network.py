"""A fully connected network built from its layer sizes (Graph → New Network…, and
``main.py new --network 2-2-1``), ready for the descent lab.

Two forms of one network, which give the same numbers:

- **scalar**: every weight a named Variable (``w1_12``: layer 1, from input 1 to neuron 2)
  and every neuron a node, a use of a function made of nodes ``Neuron2`` (its inputs,
  their weights and a bias in; the activation of their weighted sum out). Each value is a
  vector holding every sample at once, so the whole data set goes through in one pass.
- **matrix**: per layer a weight matrix ``W1``, a bias ``b1`` and a use of ``Linear``
  (``x @ W + b``), then the activation; the samples are the rows of ``X``.

The data: every 0/1 combination of the inputs, and as target their parity (XOR for two
inputs); the last layer is one neuron, and the loss the mean squared error against it. The weights start from a seeded
random draw, so the same sizes and seed always give the same network.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import numpy as np

from nodeeditor.model import texts
from nodeeditor.model.catalog import CALL, INPUT
from nodeeditor.model.functions import FunctionDef
from nodeeditor.model.graph import Graph
from nodeeditor.model.layout import apply_layout

#: The activations offered, by their kind; the output layer's own (ReLU would die there).
ACTIVATIONS = {"Sigmoid": "Sigmoid", "Tanh": "Tanh", "ReLU": "ReLU"}
OUTPUT_ACTIVATION = {"Sigmoid": "Sigmoid", "Tanh": None, "ReLU": None}
#: Networks with more neurons than this are built in matrix form unless asked otherwise.
SCALAR_LARGEST = 12
MOST_LAYERS = 6
MOST_WIDTH = 64
MOST_INPUTS = 8  # (2**8 = 256 samples of every 0/1 combination)
#: A learning rate the descent lab trains with, per activation, without diverging (checked
#: for 2-2-1, 2-4-1, 3-5-1 and 2-3-3-1 in both forms: tests/test_networks.py)
LEARNING_RATES = {"Sigmoid": 2.0, "Tanh": 0.1, "ReLU": 0.1}


class NetworkError(ValueError):
    """The sizes or the activation cannot make a network; the message says why."""


@dataclass(frozen=True)
class NetworkSpec:
    sizes: tuple[int, ...]
    activation: str = "Sigmoid"
    matrix: bool | None = None  # None: scalar when small, matrix when big
    seed: int = 0

    @property
    def as_matrices(self) -> bool:
        return self.matrix if self.matrix is not None else sum(self.sizes[1:]) > SCALAR_LARGEST


def parse_sizes(text: str) -> tuple[int, ...]:
    """``"2-2-1"`` (or ``2, 2, 1`` or ``2 2 1``) as layer sizes; NetworkError says what is wrong."""
    parts = re.split(r"\s*[-,]\s*|\s+", text.strip())
    if any(not p for p in parts):  # "2--1", "2-": a size left out
        raise NetworkError(texts.NETWORK_NOT_SIZES.format(text=text))
    if not all(p.isdigit() for p in parts):
        raise NetworkError(texts.NETWORK_NOT_SIZES.format(text=text))
    return check_sizes(tuple(int(p) for p in parts))


def check_sizes(sizes: tuple[int, ...]) -> tuple[int, ...]:
    """``sizes`` if a network can be built of them; NetworkError says why not."""
    if len(sizes) < 2:
        raise NetworkError(texts.NETWORK_TWO_LAYERS.format(text="-".join(map(str, sizes))))
    if len(sizes) > MOST_LAYERS:
        raise NetworkError(texts.NETWORK_TOO_DEEP.format(most=MOST_LAYERS))
    if min(sizes) < 1 or max(sizes) > MOST_WIDTH:
        raise NetworkError(texts.NETWORK_WIDTHS.format(most=MOST_WIDTH))
    if sizes[0] > MOST_INPUTS:
        raise NetworkError(texts.NETWORK_INPUTS.format(most=MOST_INPUTS))
    if sizes[-1] != 1:
        raise NetworkError(texts.NETWORK_ONE_OUTPUT.format(last=sizes[-1]))
    return sizes


def data(n_inputs: int) -> tuple[np.ndarray, np.ndarray]:
    """Every 0/1 combination of the inputs (one per row) and its parity (one column)."""
    rows = np.array(list(itertools.product((0.0, 1.0), repeat=n_inputs)))
    return rows, (rows.sum(axis=1) % 2).reshape(-1, 1)


def initial_weights(spec: NetworkSpec) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each layer's (W, b): W of shape (inputs, neurons) drawn with the spec's seed (a
    spread of 1/√inputs, so sigmoids start in their steep part), b zero."""
    rng = np.random.default_rng(spec.seed)
    layers = []
    for n_in, n_out in itertools.pairwise(spec.sizes):
        weights = np.round(rng.normal(0.0, 1.0 / np.sqrt(n_in), (n_in, n_out)) * 4, 2)
        layers.append((weights, np.zeros(n_out)))
    return layers


def build_network(spec: NetworkSpec) -> Graph:
    """The network of ``spec`` as a graph whose output is the loss."""
    if spec.activation not in ACTIVATIONS:
        raise NetworkError(texts.NETWORK_ACTIVATION.format(name=spec.activation, names=", ".join(ACTIVATIONS)))
    check_sizes(spec.sizes)  # the same limits as typed sizes
    graph = _matrix_form(spec) if spec.as_matrices else _scalar_form(spec)
    graph.learning_rate = LEARNING_RATES[spec.activation]
    graph.description = texts.NETWORK_DESCRIPTION.format(sizes="-".join(map(str, spec.sizes)),
                                                         activation=spec.activation)
    apply_layout(graph)
    graph.give_names()
    return graph


# the scalar form ----------------------------------------------------------------------------
def _scalar_form(spec: NetworkSpec) -> Graph:
    graph = Graph()
    xs, targets = data(spec.sizes[0])
    wide = max(spec.sizes) >= 10  # w1_1_12 rather than w1_112
    previous = [graph.add_node("Constant", {"label": f"x{i + 1}", "value": xs[:, i]}).id
                for i in range(spec.sizes[0])]
    weights = initial_weights(spec)
    last = len(weights)
    for layer, (w, b) in enumerate(weights, start=1):
        kind = ACTIVATIONS[spec.activation] if layer < last else OUTPUT_ACTIVATION[spec.activation]
        neuron = _neuron_function(graph, len(previous), kind)
        current = []
        for j in range(w.shape[1]):
            call = graph.add_node(CALL, {"function": neuron.name, "label": f"h{layer}_{j + 1}" if layer < last
                                         else f"out{j + 1}"}).id
            ports = neuron.ports
            for i, source in enumerate(previous):
                name = f"w{layer}_{i + 1}_{j + 1}" if wide else f"w{layer}_{i + 1}{j + 1}"
                weight = graph.add_node("Variable", {"name": name, "value": np.array(w[i, j])}).id
                graph.connect(source, "y", call, ports[i])
                graph.connect(weight, "y", call, ports[len(previous) + i])
            bias = graph.add_node("Variable", {"name": f"b{layer}_{j + 1}", "value": np.array(b[j])}).id
            graph.connect(bias, "y", call, ports[-1])
            current.append(call)
        previous = current
    target = graph.add_node("Constant", {"label": "t", "value": targets[:, 0]}).id
    loss = graph.add_node("MeanSquaredError", {"label": "loss"}).id
    graph.connect(previous[0], "y", loss, "a")
    graph.connect(target, "y", loss, "b")
    graph.output = loss
    return graph


def _neuron_function(graph: Graph, fan_in: int, activation: str | None) -> FunctionDef:
    """``Neuron<n>`` (or ``Neuron<n>Linear`` without an activation): x1…xn, w1…wn and b in,
    activation(w1·x1 + … + wn·xn + b) out; made once per graph."""
    name = (texts.NEURON_FUNCTION if activation else texts.LINEAR_NEURON_FUNCTION).format(inputs=fan_in)
    if name in graph.functions:
        return graph.functions[name]
    body = Graph()
    xs = [body.add_node(INPUT, {"name": f"x{i + 1}"}).id for i in range(fan_in)]
    ws = [body.add_node(INPUT, {"name": f"w{i + 1}"}).id for i in range(fan_in)]
    b = body.add_node(INPUT, {"name": "b"}).id
    total = None
    for x, w in zip(xs, ws, strict=True):
        product = body.add_node("Mul").id
        body.connect(x, "y", product, "a")
        body.connect(w, "y", product, "b")
        if total is None:
            total = product
        else:
            added = body.add_node("Add").id
            body.connect(total, "y", added, "a")
            body.connect(product, "y", added, "b")
            total = added
    z = body.add_node("Add", {"label": "z"}).id
    body.connect(total, "y", z, "a")
    body.connect(b, "y", z, "b")
    end = z
    if activation:
        end = body.add_node(activation).id
        body.connect(z, "y", end, "a")
    body.output = end
    apply_layout(body)
    body.give_names()
    function = FunctionDef(name, body, [*xs, *ws, b])
    graph.add_function(function)
    return function


# the matrix form ----------------------------------------------------------------------------
def _matrix_form(spec: NetworkSpec) -> Graph:
    graph = Graph()
    xs, targets = data(spec.sizes[0])
    linear = _linear_function(graph)
    previous = graph.add_node("Constant", {"label": "X", "value": xs}).id
    weights = initial_weights(spec)
    last = len(weights)
    for layer, (w, b) in enumerate(weights, start=1):
        weight = graph.add_node("Variable", {"name": f"W{layer}", "value": w}).id
        bias = graph.add_node("Variable", {"name": f"b{layer}", "value": b}).id
        call = graph.add_node(CALL, {"function": linear.name, "label": f"z{layer}"}).id
        for port, source in zip(linear.ports, (previous, weight, bias), strict=True):
            graph.connect(source, "y", call, port)
        kind = ACTIVATIONS[spec.activation] if layer < last else OUTPUT_ACTIVATION[spec.activation]
        previous = call
        if kind:
            activated = graph.add_node(kind, {"label": f"h{layer}" if layer < last else "out"}).id
            graph.connect(call, "y", activated, "a")
            previous = activated
    target = graph.add_node("Constant", {"label": "T", "value": targets}).id
    loss = graph.add_node("MeanSquaredError", {"label": "loss"}).id
    graph.connect(previous, "y", loss, "a")
    graph.connect(target, "y", loss, "b")
    graph.output = loss
    return graph


def _linear_function(graph: Graph) -> FunctionDef:
    """``Linear``: x, W and b in, x @ W + b out."""
    body = Graph()
    x, w, b = (body.add_node(INPUT, {"name": name}).id for name in ("x", "W", "b"))
    product = body.add_node("MatMul").id
    body.connect(x, "y", product, "a")
    body.connect(w, "y", product, "b")
    z = body.add_node("Add", {"label": "z"}).id
    body.connect(product, "y", z, "a")
    body.connect(b, "y", z, "b")
    body.output = z
    apply_layout(body)
    body.give_names()
    function = FunctionDef("Linear", body, [x, w, b])
    graph.add_function(function)
    return function
