"""Write resources/licenses/Qt-third-party.txt: the third-party code compiled into the Qt
libraries the builds carry (PCRE2, HarfBuzz, zlib, libpng, double-conversion, ...), each
with its copyright and licence text, read from Qt's own qt_attribution.json files.

    python scripts/make_qt_notices.py QTBASE_SOURCE.tar.xz

QTBASE_SOURCE is qtbase's source tarball of the Qt version PySide6 bundles, or the nearest
one to hand: Debian's `apt-get source --download-only qt6-base` gives
qt6-base_<version>+dfsg.orig.tar.xz. Run it again when PySide6 moves to another Qt minor
version; tests/test_licences.py checks that the file names the Qt version that is bundled.
"""
from __future__ import annotations

import argparse
import json
import re
import tarfile
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "licenses" / "Qt-third-party.txt"

#: Attributions of code in Qt parts the builds leave out (build.spec: UNUSED_QT) or that
#: never reach a program: Android, WebAssembly, Wayland, Qt Network, Qt Test, the JPEG
#: plugin and build-system files.
LEFT_OUT = {
    "android-native-style", "android-gradle-wrapper", "dejayvu", "psl-data", "libpsl", "libjpeg",
    "catch2", "cycle", "linuxperf", "valgrind", "extra-cmake-modules", "kwin",
}
LEFT_OUT_FOLDERS = ("/wayland/", "/testlib/", "/cmake/")

TITLE = "Qt {version}: third-party code inside the Qt libraries"
HEADER = """{title}
{rule}

Qt itself is under the LGPL-3.0 (see THIRD_PARTY_NOTICES.txt). The Qt libraries the
builds carry (Qt Core, Qt Gui, Qt Widgets, Qt Svg, Qt DBus and the platform plugins)
contain the following code by others, each under its own licence. This list and the
texts below are read from the qt_attribution.json files of qtbase {version}'s sources
(only Qt parts the builds leave out are skipped: Android, WebAssembly, Wayland, Qt
Network, Qt Test, the JPEG plugin).

"""


def attributions(archive: tarfile.TarFile) -> list[tuple[PurePosixPath, dict]]:
    """Every attribution entry with the folder of the file that holds it."""
    found = []
    for member in archive.getmembers():
        path = PurePosixPath(member.name)
        if path.name != "qt_attribution.json" or any(f in f"/{member.name}" for f in LEFT_OUT_FOLDERS):
            continue
        data = json.loads(archive.extractfile(member).read().decode("utf-8"), strict=False)
        for entry in data if isinstance(data, list) else [data]:
            if entry.get("Id") not in LEFT_OUT:
                found.append((path.parent, entry))
    return sorted(found, key=lambda item: item[1]["Name"].lower())


def read_text(archive: tarfile.TarFile, path: PurePosixPath) -> str | None:
    parts: list[str] = []
    for part in path.parts:  # resolve "..": tar member names are plain
        if part == "..":
            parts.pop()
        else:
            parts.append(part)
    try:
        member = archive.extractfile("/".join(parts))
    except KeyError:
        return None
    return member.read().decode("utf-8", errors="replace").strip() if member else None


def licence_files(entry: dict) -> list[str]:
    files = entry.get("LicenseFiles") or entry.get("LicenseFile") or []
    return [files] if isinstance(files, str) else list(files)


def spdx_ids(expression: str) -> list[str]:
    return [t for t in re.split(r"[\s()]+", expression) if t and t not in ("AND", "OR", "WITH")]


def render(archive: tarfile.TarFile, top: PurePosixPath, version: str) -> str:
    title = TITLE.format(version=version)
    out = [HEADER.format(title=title, rule="=" * len(title), version=version)]
    needed: set[str] = set()
    shown: dict[str, str] = {}  # a licence text already written -> the component it was written for
    for folder, entry in attributions(archive):
        out.append(f"{entry['Name']}" + (f" {entry['Version']}" if entry.get("Version") else ""))
        out.append("-" * len(out[-1]))
        out.append(f"Used in Qt: {' '.join(entry.get('QtUsage', '').split())}")
        out.append(f"Licence:    {entry.get('LicenseId') or entry.get('License')}")
        copyright_lines = entry.get("Copyright", "")
        copyright_lines = copyright_lines if isinstance(copyright_lines, str) else "\n".join(copyright_lines)
        if copyright_lines.strip():
            out.append("Copyright:  " + "\n            ".join(copyright_lines.strip().splitlines()))
        texts = [t for t in (read_text(archive, folder / name) for name in licence_files(entry)) if t]
        for text in texts:
            out.extend(["", f"(the same licence text as for {shown[text]}, above)" if text in shown else text])
            shown.setdefault(text, entry["Name"])
        if not texts:
            needed.update(spdx_ids(entry.get("LicenseId", "")))
            out.append(f"(licence text: {entry.get('LicenseId')}, at the end of this file)")
        out.append("\n")
    out.append("Licence texts named above\n=========================\n")
    for spdx in sorted(needed):
        text = read_text(archive, top / "LICENSES" / f"{spdx}.txt")
        if text is None:
            raise SystemExit(f"no licence text for {spdx} in {top}/LICENSES")
        out.extend([spdx, "-" * len(spdx), text, "\n"])
    return "\n".join(out).rstrip() + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="qtbase's source tarball (.tar.xz, .tar.gz)")
    args = parser.parse_args()
    with tarfile.open(args.source) as archive:
        top = PurePosixPath(archive.next().name.split("/")[0])
        match = re.search(r"(\d+\.\d+\.\d+)", top.name)
        version = match.group(1) if match else top.name
        OUT.write_text(render(archive, top, version), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size:,} bytes) from qtbase {version}")


if __name__ == "__main__":
    main()
