"""The open document without Qt: a graph, its compiler and the undo history of plain
commands, with every editing operation. The CLI, the tests and the window share it."""
from nodeeditor.session.commands import (
    AddNodes,
    Command,
    Connect,
    Disconnect,
    MoveNodes,
    RemoveNodes,
    ReplaceGraph,
    SetGraphField,
    SetParam,
    SetValues,
)
from nodeeditor.session.history import History
from nodeeditor.session.session import Session

__all__ = [
    "AddNodes", "Command", "Connect", "Disconnect", "History", "MoveNodes", "RemoveNodes",
    "ReplaceGraph", "Session", "SetGraphField", "SetParam", "SetValues",
]
