"""The fuzz suite's quick profile (tests/fuzz.py; `make fuzz` runs the long one): hostile
files, mutations of the examples and hostile formulas through the real entry point, in a
worker capped at 1 GB; every case ends in an allowed exit code, with a message and no
traceback, and none hangs (the worker stops a case at three times the time limit; `make fuzz`
reports the slowest and any case over the limit). Then every file the loader accepts opens in the window."""
from __future__ import annotations

import sys

import pytest

from tests import fuzz
from tests.gui_helpers import open_window

QUICK_MUTATIONS = 300
# The worker caps its memory with RLIMIT_AS and its time with SIGALRM: Linux enforces both,
# macOS does not cap the address space, Windows has neither.
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the fuzz worker's limits need Linux")


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    files = {**fuzz.hostile_files(), **fuzz.mutations(QUICK_MUTATIONS, seed=20261202)}
    return files, fuzz.run_cases(files, fuzz.HOSTILE_FORMULAS, folder)


def test_no_case_crashes_hangs_or_shows_a_traceback(cases):
    _files, results = cases
    assert len(results) == len(fuzz.hostile_files()) + QUICK_MUTATIONS + len(fuzz.HOSTILE_FORMULAS)
    assert fuzz.problems(results) == []


def test_every_hostile_file_gets_a_message(cases):
    files, results = cases
    by_name = {r["name"]: r for r in results}
    for name in fuzz.hostile_files():
        result = by_name[name]
        if result["code"] == 2:
            assert result["message"] and result["message"][0].strip(), name


def test_hostile_formulas_that_could_run_code_are_refused(cases):
    _files, results = cases
    by_name = {r["name"]: r for r in results}
    for formula in ("__import__('os').system('true')", "().__class__", "(lambda: 1)()", "f'{x}'", "x.__class__",
                    "open('x')", "sum(x, axis=__import__('os'))"):
        assert by_name[f"formula {formula[:40]!r}"]["code"] == 2, formula


def test_every_file_the_loader_accepts_opens_in_the_window(cases, qtbot, tmp_path):
    files, results = cases
    accepted = [r["name"] for r in results if r["code"] in (0, 1) and r["name"] in files]
    assert accepted
    with open_window(qtbot, tmp_path) as window:
        for name in accepted:
            path = tmp_path / "accepted.graph"
            path.write_bytes(files[name])
            assert window.files.open_path(path, ask=False), name
            window.editing.backward()  # a graph with errors says so in the status bar
            window.canvas.fit()
            window.grab()  # painted without an exception


def test_no_table_crashes_load_from_csv_or_gives_a_value_that_is_not_one(tmp_path):
    import numpy as np

    from nodeeditor.model.values import read_csv

    outcomes = fuzz.check_csv_cases(fuzz.csv_cases(300, seed=20261206), tmp_path)
    assert outcomes["problems"] == [] and outcomes["refused"] > 10 and outcomes["read"] > 10
    assert np.isfinite(read_csv(fuzz.write_case(tmp_path, b"1,2\n3,4\n"))).all()


def test_every_tampered_recovery_folder_is_read_without_an_error(tmp_path):
    found = fuzz.check_recovery_cases(fuzz.recovery_cases(), tmp_path)
    assert found["problems"] == [] and found["offered"] >= 4
