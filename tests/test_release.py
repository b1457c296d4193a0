"""The release path: the changelog's section of a version becomes the release notes, the
tag is v<version>, and publishing refuses a release that lacks a file or names another
version (scripts/publish_release.py, scripts/release.py)."""
from __future__ import annotations

import re
import subprocess

import pytest

from nodeeditor.app.version import __version__
from scripts import publish_release
from scripts.publish_release import ReleaseError, changelog_section
from scripts.release import release_names
from tests.conftest import ROOT

CHANGELOG = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
SAMPLE = """# Changelog

## [Unreleased]

## [1.1.0] - 2026-12-24
### Added
- Snow.

## [1.0.0] - 2026-01-01
### Added
- Everything.

[1.1.0]: https://example.org/v1.1.0
"""


def test_a_section_runs_to_the_next_version_and_leaves_the_links_out():
    assert changelog_section(SAMPLE, "1.1.0") == ("2026-12-24", "### Added\n- Snow.")
    assert changelog_section(SAMPLE, "1.0.0") == ("2026-01-01", "### Added\n- Everything.")


@pytest.mark.parametrize("version, reason", [("2.0.0", "no section"), ("Unreleased", "no date")])
def test_a_version_without_a_dated_section_cannot_be_released(version, reason):
    with pytest.raises(ReleaseError, match=reason):
        changelog_section(SAMPLE, version)


def test_the_changelog_has_a_dated_section_for_every_version_from_0_1_0_to_this_one():
    versions = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$", CHANGELOG, re.MULTILINE)
    assert versions[0] == __version__ and versions[-1] == "0.1.0"
    assert versions == sorted(versions, key=lambda v: tuple(map(int, v.split("."))), reverse=True)
    assert all(changelog_section(CHANGELOG, v)[1].startswith("### ") for v in versions)
    assert CHANGELOG.index("## [Unreleased]") < CHANGELOG.index(f"## [{__version__}]")


@pytest.fixture
def release_folder(tmp_path, monkeypatch):
    folder = tmp_path / "release"
    folder.mkdir()
    monkeypatch.setattr(publish_release, "RELEASE", folder)
    monkeypatch.setattr(publish_release, "NOTES", tmp_path / "notes.md")
    for name in release_names(__version__)[:-1]:
        (folder / name).write_bytes(name.encode())
    return folder


def test_publishing_writes_the_sums_and_the_notes_of_this_version(release_folder, capsys):
    assert publish_release.publish(f"v{__version__}", dry_run=True) == []
    sums = (release_folder / "SHA256SUMS").read_text().splitlines()
    assert [line.split("  ")[1] for line in sums] == sorted(release_names(__version__)[:-1])
    notes = publish_release.NOTES.read_text()
    assert notes.startswith(changelog_section(CHANGELOG, __version__)[1]) and "SmartScreen" in notes
    assert f"would run gh release create v{__version__} --verify-tag" in capsys.readouterr().out


def test_publishing_refuses_a_missing_file_and_another_version(release_folder):
    (release_folder / f"BackpropStudio-{__version__}-macos-arm64.zip").unlink()
    assert publish_release.publish(f"v{__version__}", dry_run=True) == [f"BackpropStudio-{__version__}-macos-arm64.zip"]
    with pytest.raises(ReleaseError, match="lacks BackpropStudio-.*-macos-arm64.zip"):
        publish_release.publish(f"v{__version__}", dry_run=False)
    with pytest.raises(ReleaseError, match="is not the version"):
        publish_release.publish("v0.0.1", dry_run=True)


def test_tagging_tags_the_version_once(tmp_path, monkeypatch, capsys):
    for key, value in {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                       "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}.items():
        monkeypatch.setenv(key, value)
    (tmp_path / "CHANGELOG.md").write_text(SAMPLE)
    for command in (["init", "-q"], ["add", "CHANGELOG.md"], ["commit", "-q", "-m", "first"]):
        subprocess.run(["git", *command], cwd=tmp_path, check=True)
    monkeypatch.setattr(publish_release, "ROOT", tmp_path)
    monkeypatch.setattr(publish_release, "CHANGELOG", tmp_path / "CHANGELOG.md")
    monkeypatch.setattr(publish_release, "version", lambda: "1.1.0")
    assert publish_release.tag(dry_run=True) == []
    assert "would tag v1.1.0 at" in capsys.readouterr().out
    assert subprocess.run(["git", "tag"], cwd=tmp_path, capture_output=True, text=True).stdout == ""
    publish_release.tag(dry_run=False)
    message = subprocess.run(["git", "tag", "-n1", "v1.1.0"], cwd=tmp_path, capture_output=True, text=True).stdout
    assert "Backprop Studio 1.1.0" in message
    with pytest.raises(ReleaseError, match="v1.1.0 exists already"):
        publish_release.tag(dry_run=False)
