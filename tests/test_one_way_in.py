"""One way in: the session is the only way to change a document's graph, and the imports
point one way (view -> session -> lessons -> compiler -> model, compiler -> engine).
Each rule is checked over every module or every method found, so the next one added is
covered without editing these tests."""
from __future__ import annotations

import ast
import inspect
from pathlib import Path

import numpy as np
import pytest

from nodeeditor.model import Edge, Graph, GraphLocked, load_graph
from nodeeditor.session import Session
from tests.conftest import ROOT

PACKAGE = ROOT / "nodeeditor"
SPHERE = ROOT / "resources" / "examples" / "4-sphere.graph"


def _mutators() -> set[str]:
    """Graph's methods that change it: each asks its guard first (``self._changing()``)."""
    return {name for name, member in vars(Graph).items()
            if inspect.isfunction(member) and "self._changing()" in inspect.getsource(member)}


#: Graph's public methods that only read it (and the two that set who may change it).
QUERIES = {"subscribe", "unsubscribe", "guard_with", "node", "node_called", "input_edges", "output_edges", "sinks",
           "downstream", "upstream", "topological_order", "reading_order", "output_node", "names", "name_taken", "new_id",
           "unique_name", "check_connection", "has_cycle", "calls", "release_functions"}


def test_every_public_method_of_a_graph_reads_it_or_asks_its_guard():
    public = {name for name, member in vars(Graph).items() if inspect.isfunction(member) and not name.startswith("_")}
    unknown = public - QUERIES - _mutators()
    assert not unknown, f"Graph methods neither listed as queries nor guarded by self._changing(): {unknown}"
    assert {"add_node", "connect", "set_param", "move_node", "remove_many", "replace_with"} <= _mutators()


def _named(graph: Graph, name: str) -> str:
    return next(n.id for n in graph.nodes.values() if n.label == name)


#: A call of each change on the sphere's graph (x0 is the Variable x0's id).
SAMPLE_CALLS = {
    "add_node": lambda g, x: g.add_node("Neg"), "remove_node": lambda g, x: g.remove_node(x),
    "add_many": lambda g, x: g.add_many([{"id": "z", "kind": "Neg", "params": {}, "position": (0, 0)}]),
    "remove_many": lambda g, x: g.remove_many([x]), "set_param": lambda g, x: g.set_param(x, "value", np.array(5.0)),
    "set_field": lambda g, x: g.set_field("learning_rate", 0.5), "move_node": lambda g, x: g.move_node(x, (1, 2)),
    "connect": lambda g, x: g.connect(x, "y", _named(g, "y"), "a"), "disconnect": lambda g, x: g.disconnect(g.edges[0]),
    "clear": lambda g, x: g.clear(), "replace_with": lambda g, x: g.replace_with(Graph()),
    "name_output": lambda g, x: g.name_output("z"), "give_names": lambda g, x: g.give_names(),
    "add_function": lambda g, x: g.add_function(None), "remove_function": lambda g, x: g.remove_function("f"),
}


@pytest.mark.parametrize("name", sorted(_mutators()))
def test_a_change_behind_the_sessions_back_is_refused_and_changes_nothing(name):
    assert name in SAMPLE_CALLS, f"give the new change {name} a sample call here"
    session = Session()
    session.load(SPHERE)
    before = (session.graph.edges, {n: dict(v.params) for n, v in session.graph.nodes.items()})
    x0 = _named(session.graph, "x0")
    with pytest.raises(GraphLocked, match="through its session"):
        SAMPLE_CALLS[name](session.graph, x0)
    assert (session.graph.edges, {n: dict(v.params) for n, v in session.graph.nodes.items()}) == before
    if name not in {"add_function", "remove_function"}:  # (their samples are refused by the guard alone)
        free = load_graph(SPHERE)
        SAMPLE_CALLS[name](free, _named(free, "x0"))  # the same call on a graph no session owns is taken


def _direct_mutations(source: str, mutators: set[str]) -> list[str]:
    """Calls of a graph's changes on a graph or a body (``document.graph.connect(...)``,
    ``body.set_param(...)``) and writes into a node's parameters or place."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in mutators:
            receiver = node.func.value
            name = receiver.attr if isinstance(receiver, ast.Attribute) else getattr(receiver, "id", "")
            if name.endswith("graph") or name in {"body", "out", "scratch"}:
                found.append(f"line {node.lineno}: {ast.unparse(node.func)}()")
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AugAssign) else []
        for target in targets:
            if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Attribute) \
                    and target.value.attr == "params":
                found.append(f"line {node.lineno}: {ast.unparse(target)} = ...")
            if isinstance(target, ast.Attribute) and target.attr == "position":
                found.append(f"line {node.lineno}: {ast.unparse(target)} = ...")
    return sorted(found, key=lambda hit: int(hit.split(":")[0].removeprefix("line ")))


def test_the_view_never_changes_a_graph_itself():
    mutators = _mutators()
    found = {}
    for path in sorted((PACKAGE / "view").rglob("*.py")):
        hits = _direct_mutations(path.read_text(encoding="utf-8"), mutators)
        if hits:
            found[str(path.relative_to(ROOT))] = hits
    assert not found, f"the view changes the graph itself instead of asking the session: {found}"


def test_the_walk_finds_a_direct_change():
    bad = ("def f(self, tab):\n"
           "    self.document.graph.connect(a, 'y', b, 'a')\n"
           "    tab.body.set_param(n, 'value', 1)\n"
           "    node.params['value'] = 2\n"
           "    self.session.connect(edge)\n")
    assert [hit.split(":")[0] for hit in _direct_mutations(bad, _mutators())] == ["line 2", "line 3", "line 4"]


#: What every layer of nodeeditor may import: plural() picks one of two whole templates.
SHARED = {"nodeeditor.plural"}
#: Which packages each layer may import, besides itself and SHARED (the GUIDE's arrows).
MAY_IMPORT = {
    "engine": set(),
    "nodeeditor.model": {"engine", "nodeeditor.app.resources"},  # (where the schema file is)
    "nodeeditor.compiler": {"engine", "nodeeditor.model", "nodeeditor.shape_messages", "nodeeditor.compiler_texts"},
    "nodeeditor.shape_messages": {"nodeeditor.model", "nodeeditor.compiler_texts"},
    "nodeeditor.lessons": {"engine", "nodeeditor.model", "nodeeditor.compiler"},
    "nodeeditor.classroom": {"engine", "nodeeditor.model", "nodeeditor.compiler", "nodeeditor.lessons"},
    "nodeeditor.session": {"engine", "nodeeditor.model", "nodeeditor.compiler", "nodeeditor.lessons",
                           "nodeeditor.classroom"},
}


def _layer(module: str) -> str | None:
    return next((layer for layer in sorted(MAY_IMPORT, key=len, reverse=True)
                 if module == layer or module.startswith(layer + ".")), None)


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # ``from nodeeditor import compiler_texts`` imports the module nodeeditor.compiler_texts
            modules = {f"{node.module}.{alias.name}" for alias in node.names
                       if _is_module(f"{node.module}.{alias.name}")}
            names.update(modules or {node.module})
    return {n for n in names if n.split(".")[0] in {"engine", "nodeeditor"}}


def _is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def test_imports_point_one_way():
    wrong = []
    for path in sorted([*(ROOT / "engine").rglob("*.py"), *PACKAGE.rglob("*.py")]):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        layer = _layer(module)
        if layer is None:
            continue  # the view and the app may import any layer
        for imported in _imports(path):
            target = _layer(imported) or imported
            allowed = MAY_IMPORT[layer] | (SHARED if layer != "engine" else set())
            if target != layer and target not in allowed and imported not in allowed:
                wrong.append(f"{module} imports {imported}")
    assert not wrong, wrong


def test_building_a_graph_one_node_at_a_time_counts_no_whole_graph_work():
    """Each added node and wire touches a few nodes, not the whole graph: the work of the
    last hundred edits of a chain is the same at 200 nodes as at 2,000."""
    import cProfile
    import pstats

    def work_of_last_edits(size: int) -> int:
        session = Session()
        prev = session.add_node("Variable", (0, 0))
        for i in range(size):
            if i == size - 100:
                profile = cProfile.Profile()
                profile.enable()
            node = session.add_node("Sin", (200.0 * (i + 1), 0))
            session.connect(Edge(prev, "y", node, "a"))
            prev = node
        profile.disable()
        return sum(stats[1] for stats in pstats.Stats(profile).stats.values())  # calls made

    small, big = work_of_last_edits(200), work_of_last_edits(2_000)
    assert big < small * 1.1, (small, big)
