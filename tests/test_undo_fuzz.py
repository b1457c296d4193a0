"""Undo never lies: the issue's case by hand, then the undo fuzzer (tests/undo_fuzz.py) with
fixed seeds; `make fuzz` runs it with random ones."""
from __future__ import annotations

import numpy as np

from nodeeditor.session import Session
from tests import undo_fuzz


def test_an_edit_inside_a_function_is_undone_after_a_formula_is_undone():
    session = Session()
    session.build_formula("sigmoid(w * x + b) + 1")
    graph = session.graph
    call = session.make_function([n for n, d in graph.nodes.items() if d.kind in ("Sigmoid", "Add")][:2], "Neuron")
    body = graph.functions["Neuron"].body
    before = undo_fuzz.snapshot(session)
    constant = session.add_node("Constant", (0.0, 0.0), graph=body)
    session.set_param(constant, "value", np.array(7.0), body)
    edited = undo_fuzz.snapshot(session)
    session.build_formula("x * x")
    session.undo()  # the graph comes back, its function body made anew from the file form
    assert undo_fuzz.snapshot(session) == edited
    session.undo()  # ...and the edit inside it is undone there
    session.undo()
    assert undo_fuzz.snapshot(session) == before and call in session.graph.nodes
    for _ in range(3):
        session.redo()
    assert undo_fuzz.snapshot(session) != before


def test_random_edits_undo_and_redo_to_exactly_what_was_there():
    problems = []
    for seed in (20261206, 7, 42):
        problems += undo_fuzz.run(250, seed)
    assert problems == []
