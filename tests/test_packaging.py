"""What a pip install and every build carry: the packages, the resources, the version,
the licences; and the About box that shows them."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import tomllib
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from nodeeditor import cli
from nodeeditor.resources import PACKAGE, resources_dir
from nodeeditor.version import __version__
from tests.conftest import ROOT
from tests.test_cli import cli as run_cli

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_package_of_the_code_and_every_resource_folder_is_installed():
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    code = {".".join(p.parent.relative_to(ROOT).parts) for top in ("engine", "nodeeditor")
            for p in (ROOT / top).rglob("__init__.py")}
    assert code <= listed, code - listed
    folders = {f"{PACKAGE}.{p.name}" for p in (ROOT / "resources").iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders <= listed, folders - listed
    assert PYPROJECT["tool"]["setuptools"]["package-dir"] == {PACKAGE: "resources"}
    assert PYPROJECT["project"]["scripts"] == {"backprop-studio": "nodeeditor.entry:main"}


def test_the_version_is_written_once_and_shown_by_version():
    assert PYPROJECT["project"]["dynamic"] == ["version"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "nodeeditor.version.__version__"}
    out = run_cli("--version")
    assert out.returncode == 0 and out.stdout.strip() == f"Backprop Studio {__version__}"


@pytest.mark.parametrize("argv0, prog", [("/venv/bin/backprop-studio", "backprop-studio"), ("main.py", "python main.py"),
                                         ("/opt/BackpropStudio", "BackpropStudio"),
                                         ("C:\\x\\BackpropStudio.exe", "BackpropStudio")])
def test_help_names_the_program_as_it_was_started(monkeypatch, argv0, prog):
    monkeypatch.setattr(sys, "argv", [argv0.replace("\\", "/")])
    assert cli.build_parser().format_usage().startswith(f"usage: {prog} ")


def test_resources_are_found_through_importlib_resources():
    assert (resources_dir() / "graph.schema.json").is_file()
    assert len(list((resources_dir() / "examples").glob("*.graph"))) == 12


def test_the_licences_are_all_there():
    folder = ROOT / "resources" / "licenses"
    assert (folder / "LICENSE.txt").read_text() == (ROOT / "LICENSE").read_text()
    notices = (folder / "THIRD_PARTY_NOTICES.txt").read_text(encoding="utf-8")
    for component in ("Python", "NumPy", "OpenBLAS", "Qt 6", "PySide6", "Shiboken6", "ICU", "PyInstaller bootloader"):
        assert component in notices, component
    for text in ("Python-LICENSE.txt", "numpy-LICENSE.txt", "LGPL-3.0.txt", "GPL-3.0.txt", "GPL-2.0.txt",
                 "ICU-LICENSE.txt", "Qt-third-party.txt", "Linux-system-libraries.txt"):
        assert text in notices and (folder / text).stat().st_size > 1000, text
    assert "OpenBLAS" in (folder / "numpy-LICENSE.txt").read_text(encoding="utf-8")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (folder / "LGPL-3.0.txt").read_text(encoding="utf-8")


def test_about_shows_the_version_and_every_licence(qtbot):
    from nodeeditor.view.about import AboutDialog

    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert f"Version {__version__}" in dialog.summary.text() and "NumPy" in dialog.summary.text()
    names = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert names[:2] == ["LICENSE", "THIRD_PARTY_NOTICES"] and "LGPL-3.0" in names
    row = names.index("LGPL-3.0")
    QTest.mouseClick(dialog.list.viewport(), Qt.LeftButton, pos=dialog.list.visualItemRect(dialog.list.item(row)).center())
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in dialog.text.toPlainText()


WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_github_workflows_are_valid(workflow):
    """The workflow cannot run here; at least it is valid YAML that fits GitHub's schema."""
    checker = Path(sys.executable).with_name("check-jsonschema")
    out = subprocess.run([str(checker), "--builtin-schema", "vendor.github-workflows", str(workflow)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr


def test_the_workflow_builds_selftests_and_uploads_on_every_system():
    text = (ROOT / ".github" / "workflows" / "build.yml").read_text(encoding="utf-8")
    for runner in ("ubuntu-22.04", "windows-2022", "macos-14"):
        assert f"runs-on: {runner}" in text
    assert text.count("--selftest") >= 4 and text.count("actions/upload-artifact") == 3
