"""What a change of the graph tells its listeners: one small class per kind of change.

A listener receives each event once, after the change is made, and matches on its class
(``match event: case NodesAdded(nodes=ids): ...``). Many nodes and wires added or
removed together (a paste, a delete, its undo) are one event, not one per node: a
listener's cost per event counted more than all else when a delete of 20,000 nodes was
undone.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class Edge(NamedTuple):
    """A wire from an output port to an input port, each named (node id, port). A named
    tuple: hashed and compared in C, which matters when an undo puts back 20,000 wires."""

    src: str
    src_port: str
    dst: str
    dst_port: str


class GraphEvent:
    """Something about the graph changed. ``rewires``: which node reads which may have
    changed (the order nodes are computed in, the output when none was chosen)."""

    __slots__ = ()
    rewires = False


@dataclass(frozen=True, slots=True)
class NodesAdded(GraphEvent):
    """``nodes`` were added, then ``edges`` among them and the nodes already there."""

    nodes: tuple[str, ...]
    edges: tuple[Edge, ...] = ()
    rewires = True


@dataclass(frozen=True, slots=True)
class NodesRemoved(GraphEvent):
    """``edges`` were removed, then ``nodes`` (with every wire that touched them)."""

    nodes: tuple[str, ...]
    edges: tuple[Edge, ...] = ()
    rewires = True


@dataclass(frozen=True, slots=True)
class WireAdded(GraphEvent):
    edge: Edge
    rewires = True


@dataclass(frozen=True, slots=True)
class WireRemoved(GraphEvent):
    edge: Edge
    rewires = True


@dataclass(frozen=True, slots=True)
class NodeChanged(GraphEvent):
    """A parameter of the node changed (its value, its name, Pow's exponent...), or what
    its function made of nodes computes. ``renamed``: only its name changed, which changes
    no number (the values and gradients on show stay)."""

    node_id: str
    renamed: bool = False


@dataclass(frozen=True, slots=True)
class NodeMoved(GraphEvent):
    """The node has another place on the canvas: nothing it computes changed."""

    node_id: str


@dataclass(frozen=True, slots=True)
class FieldChanged(GraphEvent):
    """One of the graph's own fields changed: the output, the learning rate, the description."""

    name: str


@dataclass(frozen=True, slots=True)
class FunctionsChanged(GraphEvent):
    """The function made of nodes called ``name`` was added or removed."""

    name: str


@dataclass(frozen=True, slots=True)
class GraphReplaced(GraphEvent):
    """Every node, wire and field is another one now: New, Open, a formula, a restore."""

    rewires = True
