"""The graph as plain data: no Qt here, so the CLI, tests and grading scripts share it."""
from nodeeditor.model.catalog import INPUTS, KINDS, NodeKind, kind_of
from nodeeditor.model.events import Edge, GraphEvent
from nodeeditor.model.graph import ConnectionRefused, Graph, GraphLocked, Guard, Node
from nodeeditor.model.graphfile import (
    GraphFileError,
    copy_graph,
    dumps_graph,
    graph_from_document,
    graph_to_document,
    load_graph,
    parse_graph,
    save_graph,
)
from nodeeditor.model.values import ValueFormatError, format_array, format_full, parse_value_text

__all__ = [
    "INPUTS", "KINDS", "ConnectionRefused", "Edge", "Graph", "GraphEvent",
    "GraphFileError", "GraphLocked", "Guard", "Node", "NodeKind", "ValueFormatError", "copy_graph", "dumps_graph",
    "format_array", "format_full", "graph_from_document", "graph_to_document", "kind_of", "load_graph",
    "parse_graph", "parse_value_text", "save_graph",
]
