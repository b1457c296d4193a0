"""The newest GLIBC (and GLIBCXX, CXXABI, GCC) symbol versions the ELF files of a build need.

A Linux build starts only where the system's C library is at least as new as the newest
GLIBC_x.y any bundled file asks for (Ubuntu 22.04 has 2.35). This reads each file's
version needs (its .gnu.version_r section) directly, standard library only, prints the
newest per library with the file that needs it, and fails above the limits:

    python scripts/elf_versions.py dist/BackpropStudio-folder dist/BackpropStudio \\
        --max GLIBC=2.35 --max GLIBCXX=3.4.30
"""
from __future__ import annotations

import argparse
import struct
import sys
from pathlib import Path

SHT_GNU_VERNEED = 0x6FFFFFFE
TAGS = ("GLIBC", "GLIBCXX", "CXXABI", "GCC")
Version = tuple[int, ...]


def version_needs(path: Path) -> set[str]:
    """The symbol versions (``GLIBC_2.34``, ...) a 64-bit little-endian ELF file needs."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return set()
    (table,) = struct.unpack_from("<Q", data, 0x28)
    entry_size, count = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, table + i * entry_size) for i in range(count)]
    needs = set()
    for _name, kind, _flags, _addr, offset, _size, link, info, _align, _entsize in sections:
        if kind != SHT_GNU_VERNEED or link >= count:
            continue
        strings = sections[link][4]
        entry = offset
        for _ in range(info):  # sh_info holds the number of Verneed entries
            _version, aux_count, _file, aux, following = struct.unpack_from("<HHIII", data, entry)
            position = entry + aux
            for _ in range(aux_count):
                _hash, _flags2, _other, name, next_aux = struct.unpack_from("<IHHII", data, position)
                end = data.index(b"\0", strings + name)
                needs.add(data[strings + name:end].decode("ascii", "replace"))
                position += next_aux
            entry += following
    return needs


def parse(text: str) -> Version:
    return tuple(int(part) for part in text.split("."))


def newest(paths: list[Path]) -> dict[str, tuple[Version, Path]]:
    """For each tag, the newest version any ELF file under ``paths`` needs, and that file."""
    found: dict[str, tuple[Version, Path]] = {}
    files = [f for p in paths for f in ([p] if p.is_file() else sorted(p.rglob("*")))
             if f.is_file() and not f.is_symlink()]
    for file in files:
        for need in version_needs(file):
            tag, _, number = need.partition("_")
            if tag in TAGS and number and number[0].isdigit():
                version = parse(number)
                if tag not in found or version > found[tag][0]:
                    found[tag] = (version, file)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--max", action="append", default=[], metavar="TAG=VERSION",
                        help="fail when a file needs a newer version, e.g. GLIBC=2.35")
    args = parser.parse_args(argv)
    limits = {tag: parse(value) for tag, _, value in (item.partition("=") for item in args.max)}
    found = newest(args.paths)
    failed = False
    for tag in TAGS:
        if tag not in found:
            continue
        version, file = found[tag]
        limit = limits.get(tag)
        verdict = "" if limit is None else f" (limit {'.'.join(map(str, limit))})"
        if limit is not None and version > limit:
            verdict += ": TOO NEW"
            failed = True
        print(f"newest {tag} needed: {'.'.join(map(str, version))}, by {file}{verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
