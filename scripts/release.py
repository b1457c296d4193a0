"""Name the builds as they are handed out, in dist/release/, with their SHA-256 sums:

    BackpropStudio-<version>-linux-x86_64          the single file
    BackpropStudio-<version>-linux-x86_64.zip      the one-folder build
    BackpropStudio-<version>-windows-x86_64.exe    the single file
    BackpropStudio-<version>-windows-x86_64.zip    the one-folder build
    BackpropStudio-<version>-macos-arm64.zip       the app, for Apple silicon
    BackpropStudio-<version>-macos-x86_64.zip      the app, for Intel Macs

    python scripts/release.py --system linux --builds dist
    python scripts/release.py --system windows --builds dist/windows
    python scripts/release.py --sums-only        SHA256SUMS anew over dist/release/

The zips are reproducible like the builds: entries sorted, every time the commit's
(SOURCE_DATE_EPOCH), permissions and links kept. scripts/publish_release.py publishes them.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import platform
import runpy
import shutil
import stat
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RELEASE = ROOT / "dist" / "release"
NAME = "BackpropStudio"


def version() -> str:
    return runpy.run_path(str(ROOT / "nodeeditor" / "app" / "version.py"))["__version__"]


def machine() -> str:
    arch = platform.machine().lower()
    return {"amd64": "x86_64", "x64": "x86_64", "aarch64": "arm64"}.get(arch, arch)


def zip_time() -> tuple[int, int, int, int, int, int]:
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "946684800"))
    return time.gmtime(max(epoch, 315532800))[:6]  # zip cannot hold dates before 1980


def zip_folder(folder: Path, target: Path, inside: str) -> None:
    """``folder`` as ``target`` (a zip whose top folder is ``inside``), the same bytes every time."""
    when = zip_time()
    paths = sorted(p for p in folder.rglob("*"))
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in paths:
            name = f"{inside}/{path.relative_to(folder).as_posix()}"
            mode = path.lstat().st_mode
            if path.is_symlink():
                info = zipfile.ZipInfo(name, when)
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
                archive.writestr(info, os.readlink(path))
            elif path.is_dir():
                info = zipfile.ZipInfo(name + "/", when)
                info.external_attr = (stat.S_IFDIR | 0o755) << 16 | 0x10
                archive.writestr(info, b"")
            else:
                info = zipfile.ZipInfo(name, when)
                info.external_attr = (stat.S_IFREG | (mode & 0o777)) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes(), compresslevel=9)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def release_names(version: str) -> list[str]:
    """Every file a release holds, SHA256SUMS last."""
    stem = f"{NAME}-{version}"
    return [f"{stem}-linux-x86_64", f"{stem}-linux-x86_64.zip", f"{stem}-windows-x86_64.exe",
            f"{stem}-windows-x86_64.zip", f"{stem}-macos-arm64.zip", f"{stem}-macos-x86_64.zip", "SHA256SUMS"]


def write_sums(folder: Path = RELEASE) -> Path:
    """SHA256SUMS over every file in ``folder`` but pictures, in the form `sha256sum -c` reads."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.name != "SHA256SUMS" and p.suffix != ".png")
    target = folder / "SHA256SUMS"
    target.write_text("".join(f"{sha256(p)}  {p.name}\n" for p in files), encoding="utf-8")
    return target


def release(system: str, builds: Path) -> list[Path]:
    """Copy or zip the builds of ``system`` found in ``builds`` into dist/release/."""
    RELEASE.mkdir(parents=True, exist_ok=True)
    stem = f"{NAME}-{version()}-{system}-{machine()}"
    made = []
    if system == "macos":
        app = builds / f"{NAME}.app"
        zip_folder(app, RELEASE / f"{stem}.zip", app.name)
        made.append(RELEASE / f"{stem}.zip")
    else:
        single = builds / (f"{NAME}.exe" if system == "windows" else NAME)
        target = RELEASE / (f"{stem}.exe" if system == "windows" else stem)
        shutil.copyfile(single, target)
        target.chmod(0o755)
        zip_folder(builds / f"{NAME}-folder", RELEASE / f"{stem}.zip", stem)
        made += [target, RELEASE / f"{stem}.zip"]
    write_sums()
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--system", choices=("linux", "windows", "macos"))
    parser.add_argument("--builds", type=Path, help="the folder PyInstaller wrote the builds to")
    parser.add_argument("--sums-only", action="store_true", help="only write SHA256SUMS anew")
    args = parser.parse_args()
    if args.sums_only:
        print(write_sums().relative_to(ROOT))
        return
    if not (args.system and args.builds):
        parser.error("--system and --builds are needed (or --sums-only)")
    for path in release(args.system, args.builds):
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size / 2**20:.1f} MB")


if __name__ == "__main__":
    sys.exit(main())
