"""Tag a version and publish it as a GitHub release: the two steps after `make release`.

    python scripts/publish_release.py tag [--dry-run]
        Tags the current commit v<version> (nodeeditor/app/version.py), once CHANGELOG.md has a
        dated section for that version and the work tree is clean. Pushing the tag
        (`git push origin v<version>`) starts the workflow that builds and publishes.

    python scripts/publish_release.py publish --tag v<version> [--dry-run]
        In the workflow, for a pushed tag: checks dist/release/ holds every file under its
        release name, writes SHA256SUMS anew over them, writes the changelog's section as
        dist/release-notes.md and creates the release with `gh release create`.

With --dry-run each says what it would do and does everything else (the checks, the
notes, SHA256SUMS); a dry run reports what is missing instead of failing on it.
"""
from __future__ import annotations

import argparse
import re
import shlex
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from release import RELEASE, ROOT, release_names, version, write_sums  # noqa: E402

CHANGELOG = ROOT / "CHANGELOG.md"
NOTES = ROOT / "dist" / "release-notes.md"


class ReleaseError(Exception):
    """Why a version cannot be tagged or published."""


def changelog_section(text: str, wanted: str) -> tuple[str, str]:
    """The date and the body of ``wanted``'s section of a Keep a Changelog file."""
    heading = re.compile(r"^## \[(?P<version>[^\]]+)\](?: - (?P<date>\d{4}-\d{2}-\d{2}))?\s*$", re.MULTILINE)
    found = list(heading.finditer(text))
    for index, match in enumerate(found):
        if match["version"] != wanted:
            continue
        end = found[index + 1].start() if index + 1 < len(found) else len(text)
        body = re.split(r"^\[[^\]]+\]: ", text[match.end():end], maxsplit=1, flags=re.MULTILINE)[0].strip()
        if not match["date"]:
            raise ReleaseError(f"CHANGELOG.md: the section of {wanted} has no date (## [{wanted}] - YYYY-MM-DD)")
        if not body:
            raise ReleaseError(f"CHANGELOG.md: the section of {wanted} says nothing")
        return match["date"], body
    raise ReleaseError(f"CHANGELOG.md has no section for {wanted} (## [{wanted}] - YYYY-MM-DD)")


def release_notes(wanted: str) -> str:
    date, body = changelog_section(CHANGELOG.read_text(encoding="utf-8"), wanted)
    return (f"{body}\n\nReleased {date}. Which file to download, and how to open it the first time "
            f"(Windows SmartScreen, macOS Gatekeeper): see the README's \"For students\".\n")


def shown(path: Path) -> str:
    """``path`` relative to the checkout when it is inside it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()


def tag(dry_run: bool) -> list[str]:
    """Tag HEAD v<version>; what stands in the way, for a dry run to report."""
    name = f"v{version()}"
    changelog_section(CHANGELOG.read_text(encoding="utf-8"), version())
    blockers = []
    if git("status", "--porcelain", "--untracked-files=no"):
        blockers.append("the work tree has uncommitted changes")
    if git("tag", "--list", name):
        blockers.append(f"{name} exists already (at {git('rev-list', '-n', '1', name)[:12]}): raise the version first")
    commit = f"{git('rev-parse', 'HEAD')[:12]} ({git('log', '-1', '--format=%s')[:60]})"
    if dry_run:
        print(f"dry run: would tag {name} at {commit}" + "".join(f"\n  but {b}" for b in blockers))
        return blockers
    if blockers:
        raise ReleaseError("; ".join(blockers))
    git("tag", "--annotate", name, "--message", f"Backprop Studio {version()}")
    print(f"tagged {name} at {commit}; now: git push origin {name}")
    return []


def publish(tag_name: str, dry_run: bool) -> list[str]:
    """Create the GitHub release of ``tag_name`` from dist/release/; what is missing, for a dry run."""
    if tag_name != f"v{version()}":
        raise ReleaseError(f"the tag {tag_name} is not the version nodeeditor/app/version.py holds (v{version()})")
    NOTES.parent.mkdir(parents=True, exist_ok=True)
    NOTES.write_text(release_notes(version()), encoding="utf-8")
    RELEASE.mkdir(parents=True, exist_ok=True)
    write_sums(RELEASE)
    files = [RELEASE / name for name in release_names(version())]
    missing = [p.name for p in files if not p.is_file()]
    command = ["gh", "release", "create", tag_name, "--verify-tag", "--title", f"Backprop Studio {version()}",
               "--notes-file", shown(NOTES), *map(shown, files)]
    if dry_run:
        print(f"dry run: notes in {shown(NOTES)}, sums in {shown(RELEASE / 'SHA256SUMS')}")
        print("dry run: would run " + shlex.join(command))
        for name in missing:
            print(f"  but {name} is missing (built by another system's job)")
        return missing
    if missing:
        raise ReleaseError(f"dist/release/ lacks {', '.join(missing)}")
    subprocess.run(command, cwd=ROOT, check=True)
    return []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    steps = parser.add_subparsers(dest="step", required=True)
    tagging = steps.add_parser("tag", help="tag the current commit v<version>")
    tagging.add_argument("--dry-run", action="store_true")
    publishing = steps.add_parser("publish", help="create the GitHub release of a pushed tag")
    publishing.add_argument("--tag", default=None, help="the pushed tag (default: v<version>)")
    publishing.add_argument("--dry-run", action="store_true")
    args = parser.parse_args()
    try:
        if args.step == "tag":
            tag(args.dry_run)
        else:
            publish(args.tag or f"v{version()}", args.dry_run)
    except ReleaseError as error:
        print(f"publish_release: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
