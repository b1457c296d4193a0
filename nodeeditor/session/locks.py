"""What an assignment forbids a student, decided where every change passes: the session.

A command that touches a node the teacher locked is refused with the reason (moving,
deleting, rewiring into it, editing it, giving it new values, collapsing it into a
function, replacing the whole graph), and so is a change of the task itself, unless
the document is in teacher mode. The canvas shows locked nodes as such, but it is this
rule, not the canvas, that keeps them: every path into the document goes through it.
"""
from __future__ import annotations

from nodeeditor.model import Graph
from nodeeditor.model.catalog import CALL
from nodeeditor.session import texts
from nodeeditor.session.commands import Command, SetGraphField


class Refused(ValueError):
    """The session will not do this in this document now; the message says why, for the student."""


class Locked(Refused):
    """The change touches what the teacher locked (or the task itself)."""


class Hidden(Refused):
    """The assignment hides this feature."""


def refusal(command: Command, graph: Graph, teacher_mode: bool) -> str | None:
    """Why ``command`` may not change ``graph`` (a document's main graph), or None."""
    assignment = graph.assignment
    if teacher_mode or (assignment is None and not _sets_assignment(command)):
        return None
    parts = getattr(command, "parts", None)
    if parts is not None:  # several commands done as one: each must be allowed
        return next((why for part in parts if (why := refusal(part, graph, teacher_mode))), None)
    if _sets_assignment(command):
        old, new = command.old, command.new
        return None if old is not None and new is not None and old.task == new.task else texts.TASK_TEACHERS_ONLY
    locked = assignment.task.locked
    if not locked:
        return None
    if command.place.function is not None:  # inside a function made of nodes: locked if a locked node calls it
        callers = sorted(n for n in locked if n in graph.nodes and graph.nodes[n].kind == CALL
                         and graph.nodes[n].params.get("function") == command.place.function)
        return (texts.LOCKED_FUNCTION.format(function=command.place.function, name=graph.nodes[callers[0]].label)
                if callers else None)
    touched = command.touches()
    hit = sorted(locked if touched is None else touched & locked)
    hit = [n for n in hit if n in graph.nodes]
    if not hit:
        return None
    return texts.LOCKED_NODE.format(name=graph.nodes[hit[0]].label)


def _sets_assignment(command: Command) -> bool:
    return isinstance(command, SetGraphField) and command.name == "assignment"
