"""The undo fuzzer: random edits through the session (nodes, wires, values, names, pastes,
formulas, Make Function, edits inside a function's body, gradient descent), a snapshot of
the document after each; then every step undone and redone, and after each the document
must equal its snapshot. Used by tests/test_undo_fuzz.py (a fixed seed) and `make fuzz`
(random seeds):

    python tests/undo_fuzz.py [--steps 500] [--runs 20] [--seed N]
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nodeeditor.model import ConnectionRefused, Edge, graph_to_document  # noqa: E402
from nodeeditor.model.expression import ExpressionError  # noqa: E402
from nodeeditor.session import Session  # noqa: E402
from nodeeditor.session.make_function import FunctionRefused  # noqa: E402
from nodeeditor.session.session import NameTaken  # noqa: E402

KINDS = ["Variable", "Constant", "Add", "Sub", "Mul", "Div", "Pow", "Neg", "Exp", "Sin", "Tanh", "Sigmoid"]
FORMULAS = ["x0**2 + x1**2", "(x0 + x1) * x", "sigmoid(w*x + b)", "tanh(x) * y - x", "x * x", "exp(a) / (1 + b)"]
REFUSALS = (ConnectionRefused, FunctionRefused, ExpressionError, NameTaken, KeyError, ValueError)


def snapshot(session: Session) -> str:
    return json.dumps(graph_to_document(session.graph), sort_keys=True, default=str)


def random_edit(session: Session, rng: random.Random) -> str:
    """One random edit (or a refused one, which changes nothing); what it was."""
    graph = session.graph
    ids = list(graph.nodes)
    choice = rng.randrange(12)
    if choice == 0 or not ids:
        session.add_node(rng.choice(KINDS), (rng.uniform(-400, 400), rng.uniform(-300, 300)))
        return "add"
    if choice == 1:
        session.delete(rng.sample(ids, k=min(len(ids), rng.randint(1, 3))))
        return "delete"
    if choice == 2:
        src, dst = rng.choice(ids), rng.choice(ids)
        ports = graph.nodes[dst].spec.inputs
        if ports:
            session.connect(Edge(src, "y", dst, rng.choice(ports)))
        return "connect"
    if choice == 3 and graph.edges:
        session.disconnect(rng.choice(graph.edges))
        return "disconnect"
    if choice == 4:
        variables = [n for n in ids if graph.nodes[n].kind in ("Variable", "Constant")]
        if variables:
            session.set_param(rng.choice(variables), "value", np.array(round(rng.uniform(-3, 3), 2)))
        return "value"
    if choice == 5:
        node = rng.choice(ids)
        session.set_param(node, graph.nodes[node].spec.name_param, rng.choice(["h", "z", "loss2", "w9", ""]))
        return "name"
    if choice == 6:
        session.build_formula(rng.choice(FORMULAS))
        return "formula"
    if choice == 7:
        session.paste(session.copy(rng.sample(ids, k=min(len(ids), rng.randint(1, 4)))),
                      at=(rng.uniform(-300, 300), rng.uniform(-300, 300)))
        return "paste"
    if choice == 8:
        operations = [n for n in ids if not graph.nodes[n].spec.is_input]
        if operations:
            session.make_function(rng.sample(operations, k=min(len(operations), rng.randint(1, 3))),
                                  f"F{rng.randrange(1000)}")
        return "make function"
    if choice == 9 and graph.functions:
        body = rng.choice(list(graph.functions.values())).body
        inside = [n for n in body.nodes if body.nodes[n].kind in ("Constant", "Pow")]
        if inside:
            node = rng.choice(inside)
            name = "value" if body.nodes[node].kind == "Constant" else "c"
            session.set_param(node, name, np.array(2.5) if name == "value" else 3.0, body)
        else:
            session.add_node("Exp", (0.0, 0.0), graph=body)
        return "edit inside a function"
    if choice == 10:
        try:
            run = session.start_descent(0.01, rng.randint(1, 4))
        except ValueError:
            return "descent refused"
        while run.step() is not None:
            pass
        return "descent"
    moves = {n: (graph.nodes[n].position, (rng.uniform(-500, 500), rng.uniform(-500, 500))) for n in ids[:3]}
    session.move(moves)
    return "move"


def run(steps: int, seed: int) -> list[str]:
    """``steps`` random edits from an empty document, then undo all and redo all; the
    mismatches and errors found (an empty list when undo never lies)."""
    rng = random.Random(seed)
    session = Session()
    seen = {0: snapshot(session)}
    problems = []
    for _ in range(steps):
        try:
            what = random_edit(session, rng)
        except REFUSALS:
            what = "refused"
        except Exception as exc:  # noqa: BLE001 - what the fuzzer is for
            problems.append(f"seed {seed}: an edit raised {type(exc).__name__}: {exc}")
            break
        seen[session.history.index] = snapshot(session)
    top = session.history.index
    try:
        while session.history.can_undo():
            session.undo()
            if snapshot(session) != seen.get(session.history.index, snapshot(session)):
                problems.append(f"seed {seed}: after undoing to step {session.history.index} the document is not "
                                f"what it was (last edit: {what})")
        while session.history.index < top:
            session.redo()
            if snapshot(session) != seen[session.history.index]:
                problems.append(f"seed {seed}: after redoing to step {session.history.index} the document differs")
    except Exception as exc:  # noqa: BLE001
        problems.append(f"seed {seed}: undo or redo raised {type(exc).__name__}: {exc}")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description="Random edits, then undo all and redo all, compared at each step.")
    parser.add_argument("--steps", type=int, default=500)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=random.randrange(1_000_000))
    parser.add_argument("--seconds", type=float, default=0.0,
                        help="keep starting runs until this much processor time is spent (after --runs)")
    args = parser.parse_args()
    found = []
    runs = 0
    while runs < args.runs or time.process_time() < args.seconds:
        found += run(args.steps, args.seed + runs)
        runs += 1
    print(f"undo fuzz: {runs} runs of {args.steps} edits from seed {args.seed}: {len(found)} mismatches")
    for line in found:
        print("PROBLEM", line)
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
