"""The single-file BackpropStudio: unpack the app once into the user's cache, then start it.

PyInstaller's own one-file mode unpacks 140 MB (Qt, ICU, numpy's OpenBLAS) into a temporary
folder on every start and deletes it on exit, which costs about 0.7 s each time. This
launcher is a small one-file program that carries the one-folder build as two compressed
archives. The first start unpacks them, side by side, into a folder named after their
hash in the user's cache; later starts find that folder and run the app from it directly.
A new version has a new hash, so it unpacks afresh; a copy of another version is removed
once nobody has started it for a week (it may still be running).

On Linux the archives are an ELF section of the executable (``bpspayload``, placed before
PyInstaller's own ``pydata``), so PyInstaller's loader neither copies them out on every
start nor has to search past them; elsewhere they are a data file that the loader unpacks
with the launcher.

Standard library only: it is frozen on its own, without Qt or numpy.
"""
from __future__ import annotations

import contextlib
import gzip
import io
import os
import shutil
import struct
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from pathlib import Path
from typing import BinaryIO

APP_NAME = "BackpropStudio"
PAYLOAD = "payload.bin"  # the archive parts, one after another (see pack)
MANIFEST = "payload.txt"  # the version key, the parts' sizes, the folders
SECTION = "bpspayload"
COMPLETE = ".complete"  # written last inside an unpacked copy: the copy is whole
UNPACKING = ".unpacking-"
STALE_AFTER = 24 * 3600  # an unpacking folder this old was left by a crash
UNUSED_AFTER = 7 * 24 * 3600  # a copy of another version not started for this long goes


def cache_root() -> Path:
    """Where unpacked versions live: the platform's per-user cache folder."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / APP_NAME / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / APP_NAME
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / APP_NAME


def app_executable(folder: Path) -> Path:
    return folder / (APP_NAME + ".exe" if sys.platform == "win32" else APP_NAME)


class Payload:
    """The archive parts (``.tar.gz``, one after another) at ``offset`` in ``path``.

    ``key`` names this version; ``folders`` are the folders the parts unpack into, made
    before the parts are unpacked side by side.
    """

    def __init__(self, path: Path, offset: int, key: str, sizes: list[int], folders: list[str]) -> None:
        self.path, self.offset, self.key, self.sizes, self.folders = path, offset, key, sizes, folders

    def open_part(self, index: int) -> BinaryIO:
        with open(self.path, "rb") as file:
            file.seek(self.offset + sum(self.sizes[:index]))
            return io.BytesIO(file.read(self.sizes[index]))


def pack(folder: Path, payload: Path, manifest: Path, parts: int = 2) -> str:
    """Build side (build.spec): the folder's files and links as ``parts`` archives of about
    equal size, written one after another to ``payload``, and the manifest that describes
    them. Unpacking them side by side takes two thirds of the time on two cores (zlib lets
    go of the interpreter lock while it inflates). Returns the version key."""
    import hashlib

    entries, folders = [], []
    for top, subfolders, files in os.walk(folder):
        base = Path(top)
        for name in sorted(subfolders):
            path = base / name
            if path.is_symlink():
                entries.append(path)  # a link to a folder stays a link
            else:
                folders.append(path.relative_to(folder).as_posix())
        entries.extend(base / name for name in sorted(files))
    groups: list[tuple[list[int], list[Path]]] = [([0], []) for _ in range(parts)]
    for path in sorted(entries, key=lambda p: (-p.lstat().st_size, p.as_posix())):
        total, members = min(groups, key=lambda group: group[0][0])
        total[0] += path.lstat().st_size
        members.append(path)
    digest, sizes = hashlib.sha256(), []
    with open(payload, "wb") as out:
        for _total, members in groups:
            buffer = io.BytesIO()
            # The same bytes from every build of one commit: no gzip time stamp, entries
            # sorted, and each entry's time, owner and group fixed (see reproducible()).
            with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0) as zipped, \
                    tarfile.open(fileobj=zipped, mode="w", format=tarfile.PAX_FORMAT) as archive:
                for path in sorted(members):
                    archive.add(path, arcname=path.relative_to(folder).as_posix(), recursive=False,
                                filter=reproducible)
            data = buffer.getvalue()
            out.write(data)
            digest.update(data)
            sizes.append(len(data))
    key = digest.hexdigest()[:20]
    manifest.write_text("\n".join([key, " ".join(map(str, sizes)), *sorted(folders)]) + "\n", encoding="utf-8")
    return key


def build_time() -> int:
    """The time every archived file gets: SOURCE_DATE_EPOCH when set (the commit's time,
    in make dist), else 2000-01-01, never the time of the build."""
    try:
        return int(os.environ.get("SOURCE_DATE_EPOCH", ""))
    except ValueError:
        return 946684800


def reproducible(info: tarfile.TarInfo) -> tarfile.TarInfo:
    """A tar entry that does not depend on who built it or when."""
    info.mtime = build_time()
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.pax_headers = {}
    return info


def read_manifest(manifest: Path) -> tuple[str, list[int], list[str]]:
    """(key, part sizes, folders) as ``pack`` wrote them."""
    key, sizes, *folders = manifest.read_text(encoding="utf-8").splitlines()
    return key, [int(size) for size in sizes.split()], folders


def elf_section(path: Path, name: str) -> tuple[int, int] | None:
    """(offset, size) of the section ``name`` in a 64-bit little-endian ELF file, else None."""
    with open(path, "rb") as file:
        header = file.read(64)
        if len(header) < 64 or header[:4] != b"\x7fELF" or header[4] != 2 or header[5] != 1:
            return None
        (table_offset,) = struct.unpack_from("<Q", header, 0x28)
        entry_size, count, names_index = struct.unpack_from("<HHH", header, 0x3A)
        file.seek(table_offset)
        table = file.read(entry_size * count)
        sections = [struct.unpack_from("<IIQQQQ", table, i * entry_size) for i in range(count)]
        if not 0 <= names_index < count:
            return None
        file.seek(sections[names_index][4])
        names = file.read(sections[names_index][5])
    wanted = name.encode()
    for name_offset, _kind, _flags, _address, offset, size in sections:
        end = names.find(b"\0", name_offset)
        if names[name_offset:end] == wanted:
            return offset, size
    return None


def find_payload(bundle: Path) -> Payload:
    """The archive this launcher carries: beside it in the bundle, or in its own executable."""
    key, sizes, folders = read_manifest(bundle / MANIFEST)
    if (bundle / PAYLOAD).exists():
        return Payload(bundle / PAYLOAD, 0, key, sizes, folders)
    executable = Path(sys.executable)
    section = elf_section(executable, SECTION)
    if section is None or section[1] != sum(sizes):
        raise SystemExit(f"{executable} is damaged: the program it should unpack is missing.")
    return Payload(executable, section[0], key, sizes, folders)


def _extract(payload: Payload, index: int, destination: Path) -> None:
    with payload.open_part(index) as data, tarfile.open(fileobj=data, mode="r:gz") as archive:
        try:
            archive.extractall(destination, filter="data")
        except TypeError:  # a Python without extraction filters (before 3.11.4)
            archive.extractall(destination)  # noqa: S202 - our own archive, built by build.spec


def unpack(payload: Payload, destination: Path) -> None:
    """Extract the parts into ``destination`` (which must not exist yet), side by side, then
    mark the copy whole. The folders are made first, so the parts never race to make them."""
    destination.mkdir(parents=True)
    for folder in payload.folders:
        (destination / folder).mkdir(parents=True, exist_ok=True)
    errors: list[BaseException] = []

    def extract(index: int) -> None:
        try:
            _extract(payload, index, destination)
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread below
            errors.append(exc)

    helpers = [threading.Thread(target=extract, args=(i,)) for i in range(1, len(payload.sizes))]
    for helper in helpers:
        helper.start()
    extract(0)
    for helper in helpers:
        helper.join()
    if errors:
        raise errors[0]
    (destination / COMPLETE).write_text("", encoding="utf-8")


def installed_copy(payload: Payload, root: Path) -> Path:
    """The folder holding this version, unpacked now if it is not there yet.

    Unpacks into a private folder and renames it into place, so that two starts at the
    same moment never see half a copy: the second rename fails and that start uses the
    first one's folder. Raises OSError when the cache cannot be written.
    """
    key = payload.key
    final = root / key
    if (final / COMPLETE).exists():
        return final
    root.mkdir(parents=True, exist_ok=True)
    if final.exists():  # a copy without its mark: unpacking was interrupted
        shutil.rmtree(final, ignore_errors=True)
    private = root / f"{UNPACKING}{key}-{os.getpid()}"
    shutil.rmtree(private, ignore_errors=True)
    try:
        unpack(payload, private)
        os.rename(private, final)
    except OSError:
        shutil.rmtree(private, ignore_errors=True)
        if not (final / COMPLETE).exists():
            raise
    remove_other_versions(root, key)
    return final


def remove_other_versions(root: Path, key: str) -> None:
    """Delete the copies of other versions nobody started for a week, and unpacking
    folders a crash left behind.

    A copy started recently may still be running, and the app reads files from its folder
    while it runs (examples, plugins), so it is left alone. Each start marks its copy as
    used (see mark_used).
    """
    now = time.time()
    for entry in root.iterdir():
        if entry.name == key or not entry.is_dir():
            continue
        mark, age = (entry, STALE_AFTER) if entry.name.startswith(UNPACKING) else (entry / COMPLETE, UNUSED_AFTER)
        try:
            if now - mark.stat().st_mtime < age:
                continue  # in use, or another start is unpacking it right now
        except OSError:
            continue  # not ours: no mark
        shutil.rmtree(entry, ignore_errors=True)


def mark_used(folder: Path) -> None:
    """Note that this copy was started now, so that no other version removes it."""
    with contextlib.suppress(OSError):
        os.utime(folder / COMPLETE)


def clean_environment(environ: dict[str, str]) -> dict[str, str]:
    """The environment without what PyInstaller's one-file loader set for this launcher.

    The app is another frozen program: it must not inherit this launcher's library path
    (its temporary folder) or its loader variables.
    """
    env = {k: v for k, v in environ.items() if not k.startswith("_PYI_") and k != "_MEIPASS2"}
    original = env.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is not None:
        env["LD_LIBRARY_PATH"] = original
    else:
        env.pop("LD_LIBRARY_PATH", None)
    env["PYINSTALLER_RESET_ENVIRONMENT"] = "1"
    return env


def start(executable: Path, arguments: list[str], env: dict[str, str]) -> int:
    """Run the app. On Linux and macOS it replaces this process (nothing to wait for)."""
    command = [str(executable), *arguments]
    if os.name == "posix":
        os.execve(command[0], command, env)
    _share_the_console_we_were_started_from()
    return subprocess.call(command, env=env)


def _share_the_console_we_were_started_from() -> None:
    """Windows: the launcher is windowed, so it has no console even when started from one.
    Attaching to its parent's console lets the app, which inherits it, print the output of
    ``BackpropStudio run ...`` there (main.py's _console_for_output attaches the same way).
    Double-clicked, there is no such console and nothing happens."""
    if sys.platform == "win32" and sys.stdout is None:
        import ctypes

        ctypes.windll.kernel32.AttachConsole(-1)


def run_from_temporary_copy(payload: Payload, arguments: list[str], env: dict[str, str]) -> int:
    """When the cache cannot be written: unpack for this run only, as PyInstaller would."""
    folder = Path(tempfile.mkdtemp(prefix=f"{APP_NAME}-"))
    try:
        unpack(payload, folder / "app")
        return subprocess.call([str(app_executable(folder / "app")), *arguments], env=env)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> int:
    bundle = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent))
    payload = find_payload(bundle)
    arguments = sys.argv[1:]
    env = clean_environment(dict(os.environ))
    try:
        folder = installed_copy(payload, cache_root())
    except OSError:
        try:
            return run_from_temporary_copy(payload, arguments, env)
        except OSError as exc:  # no room anywhere, most likely
            print(f"{APP_NAME} could not unpack itself ({exc}). It needs about 140 MB of free "
                  f"space in {cache_root()} or in the temporary folder.", file=sys.stderr)
            return 1
    mark_used(folder)
    try:
        return start(app_executable(folder), arguments, env)
    except OSError:  # the copy was damaged (files deleted by hand): unpack it again
        shutil.rmtree(folder, ignore_errors=True)
        return start(app_executable(installed_copy(payload, cache_root())), arguments, env)


if __name__ == "__main__":
    sys.exit(main())
