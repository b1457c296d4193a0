"""The kind checks can fail: a made-up Softplus, complete, passes them; lacking its
formula spelling, its elementwise flag, the engine Function it records or its local
rule, it fails each with a sentence that names what is missing."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

import engine
from engine.function import apply
from nodeeditor.model import catalog
from nodeeditor.model.catalog import FUNCTIONS, NodeKind
from tests.kind_checks import problems


class Softplus(engine.UnaryFunction):
    """log(1 + eˣ), whose derivative is the sigmoid."""

    def forward(self, x):
        return np.logaddexp(0.0, x)

    def backward(self, gy):
        (x,) = self.operands()
        return gy * apply(engine.Sigmoid(), x)


SOFTPLUS = catalog._named(NodeKind(
    name="Softplus", title="Softplus", symbol="sp", group=FUNCTIONS, inputs=("a",),
    compute=lambda inputs, params: Softplus()(inputs[0]),
    description="log(1 + eᵃ). Backward sends g × σ(a).", color="#455a64",
    forward="Softplus: softplus({a}) = {y}", backward="Softplus: {a_from} gets g × σ(a) = {ga}",
    code="F.softplus({a})", formula="softplus", elementwise=True, rules=("1 / (1 + exp(-a))",), records=Softplus,
))


@pytest.fixture
def in_catalog(monkeypatch):
    """Put a kind into the catalog for one test, as if it had been written there."""
    def put(kind: NodeKind) -> NodeKind:
        monkeypatch.setitem(catalog.KINDS, kind.name, kind)
        if kind.formula:
            monkeypatch.setitem(catalog._FORMULA, kind.formula, kind)
        return kind
    return put


def test_a_complete_kind_passes(in_catalog):
    assert problems(in_catalog(SOFTPLUS)) == []


@pytest.mark.parametrize(("missing", "said"), [
    ({"formula": ""}, "no formula spelling"),
    ({"elementwise": False}, "elementwise=False, but it works number by number"),
    ({"records": None}, "no kind records the engine's Softplus"),
    ({"rules": ()}, "0 local rules for 1 inputs"),
])
def test_a_kind_lacking_a_piece_fails_naming_it(in_catalog, missing, said):
    found = problems(in_catalog(replace(SOFTPLUS, **missing)))
    assert len(found) == 1 and said in found[0], found


def test_a_kind_claiming_to_be_elementwise_when_it_is_not_fails(in_catalog):
    total = replace(SOFTPLUS, name="SoftplusSum", formula="softplus_sum",
                    compute=lambda inputs, params: engine.sum(Softplus()(inputs[0])), records=None)
    found = problems(in_catalog(total))
    assert any("elementwise=True, but it does not work number by number" in f for f in found), found
