"""The single-file BackpropStudio: unpack the app once into the user's cache, then start it.

PyInstaller's own one-file mode unpacks 140 MB (Qt, ICU, numpy's OpenBLAS) into a temporary
folder on every start and deletes it on exit, which costs about 0.7 s each time. This
launcher is a small one-file program that carries the one-folder build as a compressed
archive. The first start unpacks it into a folder named after the archive's hash in the
user's cache; later starts find that folder and run the app from it directly. A new version
has a new hash, so it unpacks afresh and the old folder is removed.

Standard library only: it is frozen on its own, without Qt or numpy.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

APP_NAME = "BackpropStudio"
PAYLOAD = "payload.tar.gz"
PAYLOAD_KEY = "payload.key"
COMPLETE = ".complete"  # written last inside an unpacked copy: the copy is whole
UNPACKING = ".unpacking-"
STALE_AFTER = 24 * 3600  # an unpacking folder this old was left by a crash


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


def unpack(payload: Path, destination: Path) -> None:
    """Extract the archive into ``destination`` (which must not exist yet), then mark it whole."""
    destination.mkdir(parents=True)
    with tarfile.open(payload, "r:gz") as archive:
        try:
            archive.extractall(destination, filter="data")
        except TypeError:  # a Python without extraction filters (before 3.11.4)
            archive.extractall(destination)  # noqa: S202 - our own archive, built by build.spec
    (destination / COMPLETE).write_text("", encoding="utf-8")


def installed_copy(payload: Path, key: str, root: Path) -> Path:
    """The folder holding this version, unpacked now if it is not there yet.

    Unpacks into a private folder and renames it into place, so that two starts at the
    same moment never see half a copy: the second rename fails and that start uses the
    first one's folder. Raises OSError when the cache cannot be written.
    """
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
    """Delete the copies of other versions, and unpacking folders a crash left behind.

    Best effort: a copy still running (on Windows, where open files cannot be deleted)
    stays until a later start.
    """
    now = time.time()
    for entry in root.iterdir():
        if entry.name == key or not entry.is_dir():
            continue
        if entry.name.startswith(UNPACKING):
            try:
                if now - entry.stat().st_mtime < STALE_AFTER:
                    continue  # perhaps another start is unpacking right now
            except OSError:
                continue
        elif not (entry / COMPLETE).exists():
            continue  # not ours
        shutil.rmtree(entry, ignore_errors=True)


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
    return subprocess.call(command, env=env)


def run_from_temporary_copy(payload: Path, arguments: list[str], env: dict[str, str]) -> int:
    """When the cache cannot be written: unpack for this run only, as PyInstaller would."""
    folder = Path(tempfile.mkdtemp(prefix=f"{APP_NAME}-"))
    try:
        unpack(payload, folder / "app")
        return subprocess.call([str(app_executable(folder / "app")), *arguments], env=env)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> int:
    bundle = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent))
    payload = bundle / PAYLOAD
    key = (bundle / PAYLOAD_KEY).read_text(encoding="utf-8").strip()
    arguments = sys.argv[1:]
    env = clean_environment(dict(os.environ))
    try:
        folder = installed_copy(payload, key, cache_root())
    except OSError:
        return run_from_temporary_copy(payload, arguments, env)
    try:
        return start(app_executable(folder), arguments, env)
    except OSError:  # the copy was damaged (files deleted by hand): unpack it again
        shutil.rmtree(folder, ignore_errors=True)
        return start(app_executable(installed_copy(payload, key, cache_root())), arguments, env)


if __name__ == "__main__":
    sys.exit(main())
