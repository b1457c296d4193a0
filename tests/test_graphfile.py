"""The .graph file: round trips, atomic saves, and a clear message for every bad file."""
import contextlib
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nodeeditor.app.resources import example_paths
from nodeeditor.model import GraphFileError, dumps_graph, load_graph, parse_graph, save_graph
from nodeeditor.model.graphfile import graph_to_document
from tests.helpers import sphere_graph

EXAMPLES = example_paths()


def test_the_examples_come_in_lesson_order():
    assert [p.stem for p in EXAMPLES] == ["1-add", "2-mul", "3-add-and-mul", "4-sphere", "5-matyas",
                                          "6-goldstein-price", "7-rosenbrock", "8-sigmoid-neuron",
                                          "9-neuron-from-parts", "10-sin-taylor", "11-newton",
                                          "12-linear-regression", "13-xor"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_open_then_save_gives_the_same_bytes(path, tmp_path):
    graph = load_graph(path)
    out = tmp_path / "copy.graph"
    save_graph(graph, out)
    assert out.read_bytes() == path.read_bytes()


def test_round_trip_keeps_everything(tmp_path):
    g = sphere_graph()
    g.move_node("p1", (12.5, -3.25))
    g.description = "Homework 1"
    g.output = "y"
    g.give_names()
    save_graph(g, tmp_path / "a.graph")
    back = load_graph(tmp_path / "a.graph")
    assert graph_to_document(back) == graph_to_document(g)
    assert back.nodes["p1"].position == (12.5, -3.25) and back.output == "y"


def test_save_is_atomic_and_leaves_no_temporary_files(tmp_path, monkeypatch):
    target = tmp_path / "work.graph"
    save_graph(sphere_graph(), target)
    before = target.read_bytes()

    def crash(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        save_graph(sphere_graph(), target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["work.graph"]


def good_document():
    return json.loads(dumps_graph(sphere_graph()))


def mutate(change):
    doc = good_document()
    change(doc)
    return json.dumps(doc)


BAD_FILES = {
    "not json": ("{nodes: [", "not valid JSON"),
    "not an object": ("[1, 2]", "expected a JSON object"),
    "wrong format": (mutate(lambda d: d.update(format="other")), "not a Backprop Studio graph"),
    "newer version": (mutate(lambda d: d.update(version=7)), "newer Backprop Studio (format version 7)"),
    "version text": (mutate(lambda d: d.update(version="1")), "version: expected a whole number"),
    "unknown kind": (mutate(lambda d: d["nodes"][2].update(kind="Sinh")), "nodes[2].kind: unknown node kind"),
    "dangling wire": (mutate(lambda d: d["edges"][0].update({"from": ["n99", "y"]})),
                      "edges[0].from: there is no node with id 'n99'"),
    "duplicate id": (mutate(lambda d: d["nodes"][1].update(id="p0")), "is used by two nodes"),
    "cycle": (mutate(lambda d: d["edges"].append({"from": ["y", "y"], "to": ["x0", "a"]})), "no input"),
    "real cycle": (mutate(lambda d: (d["nodes"].append({"id": "n", "kind": "Neg", "position": [0, 0]}),
                                     d["edges"].append({"from": ["y", "y"], "to": ["n", "a"]}),
                                     d["edges"].__setitem__(0, {"from": ["n", "y"], "to": ["p0", "a"]}))),
                   "loop"),
    "wrong value type": (mutate(lambda d: d["nodes"][3].update(value="six")),
                         "nodes[3].value: expected a number or a nested list of numbers"),
    "ragged value": (mutate(lambda d: d["nodes"][3].update(value=[1, [2]])), "nodes[3].value"),
    "nan": (mutate(lambda d: d["nodes"][3].update(value=1.0)).replace("1.0", "NaN", 1), "NaN"),
    "huge array": (mutate(lambda d: d["nodes"][3].update(value=[0.0] * 1_000_001)), "too many"),
    "missing field": (mutate(lambda d: d["nodes"][0].pop("position")), "nodes[0]: the field 'position' is missing"),
    "extra field": (mutate(lambda d: d.update(color="red")), "color: unknown field"),
    "two wires into one input": (mutate(lambda d: d["edges"].append({"from": ["x1", "y"], "to": ["p0", "a"]})),
                                 "has two wires"),
    "deep nesting": ("[" * 100_000 + "]" * 100_000, ""),
    "pow without c": (mutate(lambda d: d["nodes"][0].pop("c")), "the field 'c' is missing"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_every_bad_file_gets_its_message(name):
    text, expected = BAD_FILES[name]
    with pytest.raises(GraphFileError) as info:
        parse_graph(text)
    assert expected in str(info.value)


def test_unreadable_files(tmp_path):
    with pytest.raises(GraphFileError, match="no file"):
        load_graph(tmp_path / "missing.graph")
    with pytest.raises(GraphFileError, match="folder"):
        load_graph(tmp_path)
    binary = tmp_path / "b.graph"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(GraphFileError, match="not UTF-8|not valid JSON"):
        load_graph(binary)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.recursive(st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=5),
                    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=6), kids, max_size=4),
                    max_leaves=30))
def test_fuzz_random_json_only_raises_load_errors(document):
    with contextlib.suppress(GraphFileError):
        parse_graph(json.dumps(document))


SPHERE_TEXT = Path(EXAMPLES[3]).read_text() if EXAMPLES else ""


@settings(max_examples=300, deadline=None)
@given(st.integers(0, max(len(SPHERE_TEXT) - 1, 0)), st.integers(1, 8), st.text(max_size=6))
def test_fuzz_mutated_good_file_only_raises_load_errors(position, length, insert):
    text = SPHERE_TEXT[:position] + insert + SPHERE_TEXT[position + length:]
    with contextlib.suppress(GraphFileError):
        parse_graph(text)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_fuzz_mutated_document_values(data):
    doc = good_document()
    node = data.draw(st.sampled_from(doc["nodes"]))
    key = data.draw(st.sampled_from(["id", "kind", "position", "name", "value", "c", "extra"]))
    node[key] = data.draw(st.none() | st.booleans() | st.floats() | st.text(max_size=4)
                          | st.lists(st.floats() | st.integers(), max_size=3))
    with contextlib.suppress(GraphFileError):
        parse_graph(json.dumps(doc))
