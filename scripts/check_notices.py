"""Fail when a one-folder build carries a shared library that its own third-party notices
do not name, or when the notices name a licence text the build lacks.

    python scripts/check_notices.py dist/BackpropStudio-folder [dist/windows/BackpropStudio-folder]

A shared library is an ELF, Mach-O or PE file (.so, .dylib, .dll, .pyd) under _internal/.
The notices are the build's own resources/licenses/THIRD_PARTY_NOTICES.txt: each
component's `Files:` line lists patterns relative to _internal/, where `*` matches within
one folder and a pattern ending in `/*` matches everything below that folder.
"""
from __future__ import annotations

import re
import sys
from fnmatch import fnmatchcase
from pathlib import Path

NOTICES = Path("resources") / "licenses" / "THIRD_PARTY_NOTICES.txt"
MAGIC = (b"\x7fELF", b"MZ", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"\xca\xfe\xba\xbe")
SUFFIXES = (".so", ".dylib", ".dll", ".pyd")


def shared_libraries(internal: Path) -> list[str]:
    """The shared libraries under ``internal``, as paths relative to it."""
    found = []
    for path in sorted(internal.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        named_like_one = path.suffix in SUFFIXES or ".so." in path.name
        if named_like_one or path.parent.name == "lib-dynload":
            with open(path, "rb") as file:
                if file.read(4).startswith(MAGIC):
                    found.append(path.relative_to(internal).as_posix())
    return found


def file_patterns(notices: str) -> list[str]:
    return [p.strip() for line in re.findall(r"^\s+Files:\s+(.+)$", notices, re.MULTILINE) for p in line.split(",")]


def licence_texts(notices: str) -> set[str]:
    """The licence files the notices refer to, such as LGPL-3.0.txt."""
    return set(re.findall(r"(?<![/\w.-])([\w.-]+\.txt)\b", notices))  # not the end of an address


def covers(pattern: str, path: str) -> bool:
    wanted, parts = pattern.split("/"), path.split("/")
    if wanted[-1] == "*" and len(parts) >= len(wanted):
        parts = parts[:len(wanted) - 1] + ["/".join(parts[len(wanted) - 1:])]
    return len(wanted) == len(parts) and all(fnmatchcase(p, w) for p, w in zip(parts, wanted))


def problems(folder: Path) -> tuple[list[str], int]:
    """What is wrong with ``folder``'s notices, and how many libraries were checked."""
    internal = folder / "_internal"
    notices_file = internal / NOTICES
    if not notices_file.is_file():
        return [f"{folder} has no {NOTICES}"], 0
    notices = notices_file.read_text(encoding="utf-8")
    patterns = file_patterns(notices)
    libraries = shared_libraries(internal)
    wrong = [f"{folder}: {library} is bundled but no 'Files:' pattern of {NOTICES.name} names it"
             for library in libraries if not any(covers(p, library) for p in patterns)]
    wrong += [f"{folder}: {NOTICES.name} refers to {text}, which the build lacks"
              for text in sorted(licence_texts(notices)) if not (notices_file.parent / text).is_file()]
    return wrong, len(libraries)


def main(folders: list[str]) -> int:
    failed = False
    for folder in map(Path, folders):
        wrong, count = problems(folder)
        for line in wrong:
            print(f"check_notices: {line}", file=sys.stderr)
        failed = failed or bool(wrong) or count == 0
        if count == 0:
            print(f"check_notices: {folder} holds no shared library: not a build?", file=sys.stderr)
        elif not wrong:
            print(f"check_notices: each of the {count} shared libraries in {folder} is named in its notices")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
