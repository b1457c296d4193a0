"""What a pip install and every build carry: the packages, the resources, the version,
the licences; and the About box that shows them."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import tomllib
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from nodeeditor.app import cli
from nodeeditor.app.resources import PACKAGE, resources_dir
from nodeeditor.app.version import __version__
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
    assert PYPROJECT["project"]["scripts"] == {"backprop-studio": "nodeeditor.app.entry:main"}


def test_the_version_is_written_once_and_shown_by_version():
    assert PYPROJECT["project"]["dynamic"] == ["version"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "nodeeditor.app.version.__version__"}
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
    assert len(list((resources_dir() / "examples").glob("*.graph"))) == 13


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
    from nodeeditor.view.window.about import AboutDialog

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
    checker = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))  # .exe on Windows
    assert checker, "check-jsonschema is not installed beside this Python"
    out = subprocess.run([checker, "--builtin-schema", "vendor.github-workflows", str(workflow)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr


def workflow() -> dict:
    from ruamel.yaml import YAML

    return YAML(typ="safe").load((ROOT / ".github" / "workflows" / "build.yml").read_text(encoding="utf-8"))


def run_lines(job: dict) -> list[str]:
    return [step["run"].strip() for step in job["steps"] if "run" in step]


#: the first major version of each action that runs on node24 (node20 goes in September 2026)
NODE24 = {"actions/checkout": 5, "actions/setup-python": 6, "actions/upload-artifact": 6, "actions/download-artifact": 7}


def test_the_workflow_tests_then_builds_and_checks_on_every_system():
    jobs = workflow()["jobs"]
    assert jobs["linux"]["runs-on"] == "ubuntu-22.04" and jobs["windows"]["runs-on"] == "windows-2022"
    assert jobs["macos"]["strategy"]["matrix"]["runner"] == ["macos-15", "macos-15-intel"]  # arm64 and Intel
    for name, test, check in [("linux", "make test", "make dist-check"),
                              ("windows", "bash scripts/windows/make.sh test", "bash scripts/windows/make.sh dist-check"),
                              ("macos", "make test", "bash scripts/macos/check-app.sh")]:
        runs = run_lines(jobs[name])
        assert runs.index(test) < runs.index(check), name  # the tests first, then the builds' checks
        assert all(len(run.splitlines()) <= 2 for run in runs), f"{name}: steps belong in scripts, not in the YAML"
        setup = next(s["with"] for s in jobs[name]["steps"] if s.get("uses", "").startswith("actions/setup-python"))
        assert setup["cache"] == "pip", name
    windows = "\n".join(run_lines(jobs["windows"]))
    assert "SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)" in windows and "PYTHONHASHSEED=0" in windows
    assert "bash scripts/macos/sign-app.sh dist/BackpropStudio.app" in run_lines(jobs["macos"])


def test_every_action_is_on_a_node24_major_version():
    uses = [step["uses"] for job in workflow()["jobs"].values() for step in job["steps"] if "uses" in step]
    assert {u.split("@")[0] for u in uses} == set(NODE24)
    for action in uses:
        name, version = action.split("@")
        assert int(version.lstrip("v").split(".")[0]) >= NODE24[name], action


def test_a_tag_publishes_once_every_system_has_passed():
    workflow_file = workflow()
    assert workflow_file["on"]["push"]["tags"] == ["v*"]
    release = workflow_file["jobs"]["release"]
    assert release["if"] == "startsWith(github.ref, 'refs/tags/v')"
    assert release["needs"] == ["linux", "windows", "macos"] and release["permissions"] == {"contents": "write"}
    assert run_lines(release) == ['python scripts/publish_release.py publish --tag "$GITHUB_REF_NAME"']
    uploads = [step["with"] for job in workflow_file["jobs"].values() for step in job["steps"]
               if step.get("uses", "").startswith("actions/upload-artifact")]
    assert len(uploads) == 3 and all("!dist/release/SHA256SUMS" in u["path"] for u in uploads)


def test_the_package_says_who_made_it_where_it_lives_and_has_a_windowed_command():
    project = PYPROJECT["project"]
    assert project["authors"] and {"Homepage", "Download", "Changelog", "Issues"} <= set(project["urls"])
    assert "Intended Audience :: Education" in project["classifiers"]
    assert project["gui-scripts"] == {"backprop-studio-gui": "nodeeditor.app.entry:main"}
    assert "LICENSE.txt" in PYPROJECT["tool"]["setuptools"]["exclude-package-data"]["backprop_studio_resources.licenses"]
    manifest = (ROOT / "MANIFEST.in").read_text(encoding="utf-8")
    for needed in ("Makefile", "build.spec", "graft scripts", "graft launcher"):
        assert needed in manifest, needed


def excluded_from_builds() -> list[str]:
    """The modules build.spec leaves out of the frozen builds, read off the spec itself."""
    import ast
    tree = ast.parse((ROOT / "build.spec").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "EXCLUDED_MODULES" for t in node.targets):
            return [ast.literal_eval(e) for e in node.value.elts]
    raise AssertionError("build.spec has no EXCLUDED_MODULES list")


def test_every_module_of_the_program_loads_without_what_the_frozen_builds_leave_out():
    """A module the builds exclude but the program needs at load time breaks the frozen
    program on start (importlib.metadata needs csv and email: About imported it at the top).
    The child hides the excluded modules as the build does, then loads every module and
    opens About; optional imports (shutil's bz2 and lzma) may fail quietly, as frozen."""
    excluded = excluded_from_builds()
    assert "csv" in excluded and "email" in excluded
    script = (
        "import os, sys, pkgutil, importlib, importlib.abc\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        f"EXCLUDED = {excluded!r}\n"
        "class Hide(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if any(name == e or name.startswith(e + '.') for e in EXCLUDED):\n"
        "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
        "for e in EXCLUDED:\n"
        "    for m in [m for m in sys.modules if m == e or m.startswith(e + '.')]:\n"
        "        del sys.modules[m]\n"
        "sys.meta_path.insert(0, Hide())\n"
        "import engine, nodeeditor\n"
        "for top in (engine, nodeeditor):\n"
        "    for m in pkgutil.walk_packages(top.__path__, top.__name__ + '.'):\n"
        "        if not m.name.endswith('__main__'):\n"
        "            importlib.import_module(m.name)\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from nodeeditor.view.window.about import AboutDialog\n"
        "AboutDialog()\n"
        "print('loaded')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "loaded", done.stderr[-2000:]
