"""The single file's launcher: unpack once into the cache, reuse, replace old versions."""
import os
import shutil
import subprocess
import sys
import tarfile

import pytest

from launcher import onefile

#: a file time long past (September 2001): older than any copy a week's rule keeps
LONG_AGO = 1_000_000_000.0

posix_only = pytest.mark.skipif(os.name != "posix", reason="symbolic links and exec bits are POSIX")


@pytest.fixture
def payload(tmp_path):
    """A tiny stand-in for the one-folder build, packed as build.spec packs the real one:
    an executable, libraries in nested folders, links to them, an empty folder."""
    app = tmp_path / "app"
    lib = app / "_internal" / "PySide6" / "Qt" / "lib"
    lib.mkdir(parents=True)
    (app / "_internal" / "empty").mkdir()
    exe = onefile.app_executable(app)
    exe.write_text("#!/bin/sh\necho started \"$@\"\n")
    exe.chmod(0o755)
    (app / "_internal" / "libdemo.so.1").write_bytes(b"\x7fELF demo")
    (lib / "libQt6Demo.so.6").write_bytes(b"\x7fELF qt" * 1000)
    if os.name == "posix":
        os.symlink("libdemo.so.1", app / "_internal" / "libdemo.so")
        os.symlink("PySide6/Qt/lib/libQt6Demo.so.6", app / "_internal" / "libQt6Demo.so.6")
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    onefile.pack(app, bundle / onefile.PAYLOAD, bundle / onefile.MANIFEST)
    return onefile.find_payload(bundle)


def with_key(payload, key):
    """The same archive under another version key."""
    return onefile.Payload(payload.path, payload.offset, key, payload.sizes, payload.folders)


def test_pack_splits_the_folder_into_two_parts_that_hold_everything(payload, tmp_path):
    assert len(payload.sizes) == 2 and all(size > 0 for size in payload.sizes)
    names = set()
    for index in range(2):
        with payload.open_part(index) as data, tarfile.open(fileobj=data, mode="r:gz") as archive:
            names |= set(archive.getnames())
    expected = {p.relative_to(tmp_path / "app").as_posix() for p in (tmp_path / "app").rglob("*")
                if not p.is_dir() or p.is_symlink()}
    assert names == expected
    assert "_internal/empty" in payload.folders and "_internal/PySide6/Qt/lib" in payload.folders


@posix_only
def test_first_start_unpacks_with_links_and_exec_bits_later_starts_reuse_it(payload, tmp_path, monkeypatch):
    root = tmp_path / "cache"
    folder = onefile.installed_copy(payload, root)
    assert folder == root / payload.key and (folder / onefile.COMPLETE).exists()
    assert os.access(onefile.app_executable(folder), os.X_OK)
    link = folder / "_internal" / "libdemo.so"
    assert link.is_symlink() and link.read_bytes() == b"\x7fELF demo"
    assert (folder / "_internal" / "libQt6Demo.so.6").read_bytes() == b"\x7fELF qt" * 1000
    assert (folder / "_internal" / "empty").is_dir()

    def must_not_unpack(*args):
        raise AssertionError("unpacked again")

    monkeypatch.setattr(onefile, "unpack", must_not_unpack)
    assert onefile.installed_copy(payload, root) == folder


def test_a_new_version_removes_old_copies_nobody_started_for_a_week(payload, tmp_path):
    root = tmp_path / "cache"
    forgotten = onefile.installed_copy(with_key(payload, "v1"), root)
    recent = onefile.installed_copy(with_key(payload, "v2"), root)  # perhaps still running
    eight_days_ago = LONG_AGO  # (any time more than a week back)
    os.utime(forgotten / onefile.COMPLETE, (eight_days_ago, eight_days_ago))
    unrelated = root / "notes"
    unrelated.mkdir()
    os.utime(unrelated, (eight_days_ago, eight_days_ago))
    busy = root / f"{onefile.UNPACKING}v4-123"  # another start unpacking right now
    busy.mkdir()
    stale = root / f"{onefile.UNPACKING}v0-99"  # left by a crash yesterday
    stale.mkdir()
    os.utime(stale, (eight_days_ago, eight_days_ago))
    new = onefile.installed_copy(with_key(payload, "v3"), root)
    assert (new / onefile.COMPLETE).exists()
    assert not forgotten.exists() and not stale.exists()
    assert recent.exists() and unrelated.exists() and busy.exists()


def test_each_start_marks_its_copy_as_used(payload, tmp_path, monkeypatch):
    _frozen_bundle(monkeypatch, payload)
    root = tmp_path / "cache"
    monkeypatch.setattr(onefile, "cache_root", lambda: root)
    folder = onefile.installed_copy(payload, root)
    os.utime(folder / onefile.COMPLETE, (LONG_AGO, LONG_AGO))
    monkeypatch.setattr(onefile, "start", lambda exe, args, env: 0)
    onefile.main()
    assert (folder / onefile.COMPLETE).stat().st_mtime > LONG_AGO + 365 * 24 * 3600  # marked as used now


def test_an_interrupted_copy_is_unpacked_again(payload, tmp_path):
    root = tmp_path / "cache"
    broken = root / "v1"
    (broken / "_internal").mkdir(parents=True)  # no completion mark
    folder = onefile.installed_copy(with_key(payload, "v1"), root)
    assert (folder / onefile.COMPLETE).exists() and onefile.app_executable(folder).exists()


def test_two_starts_at_once_share_one_copy(payload, tmp_path, monkeypatch):
    root = tmp_path / "cache"
    real_unpack = onefile.unpack

    def unpack_while_another_start_finishes_first(archive, destination):
        real_unpack(archive, root / "v1")  # the other start wins the race
        real_unpack(archive, destination)

    monkeypatch.setattr(onefile, "unpack", unpack_while_another_start_finishes_first)
    folder = onefile.installed_copy(with_key(payload, "v1"), root)
    assert folder == root / "v1" and (folder / onefile.COMPLETE).exists()
    assert [p.name for p in root.iterdir()] == ["v1"]  # our private copy is gone


def test_the_app_does_not_inherit_the_launchers_loader_settings():
    env = onefile.clean_environment({
        "HOME": "/home/student", "_PYI_APPLICATION_HOME_DIR": "/tmp/_MEI1", "_PYI_PARENT_PROCESS_LEVEL": "1",
        "LD_LIBRARY_PATH": "/tmp/_MEI1:/opt/lib", "LD_LIBRARY_PATH_ORIG": "/opt/lib",
    })
    assert env == {"HOME": "/home/student", "LD_LIBRARY_PATH": "/opt/lib", "PYINSTALLER_RESET_ENVIRONMENT": "1"}
    env = onefile.clean_environment({"LD_LIBRARY_PATH": "/tmp/_MEI1"})
    assert "LD_LIBRARY_PATH" not in env


def _frozen_bundle(monkeypatch, payload):
    monkeypatch.setattr(sys, "_MEIPASS", str(payload.path.parent), raising=False)
    monkeypatch.setattr(sys, "argv", ["BackpropStudio", "run", "sphere.graph"])


def test_main_starts_the_cached_app_with_the_arguments(payload, tmp_path, monkeypatch):
    _frozen_bundle(monkeypatch, payload)
    monkeypatch.setattr(onefile, "cache_root", lambda: tmp_path / "cache")
    started = []
    monkeypatch.setattr(onefile, "start", lambda exe, args, env: started.append((exe, args)) or 0)
    assert onefile.main() == 0
    assert started == [(onefile.app_executable(tmp_path / "cache" / payload.key), ["run", "sphere.graph"])]


def test_main_runs_from_a_temporary_copy_when_the_cache_cannot_be_written(payload, tmp_path, monkeypatch):
    _frozen_bundle(monkeypatch, payload)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would go")
    monkeypatch.setattr(onefile, "cache_root", lambda: blocked / "BackpropStudio")
    calls = []

    def fake_call(command, env):
        calls.append(command)
        assert os.path.exists(command[0])  # unpacked while it runs
        return 3

    monkeypatch.setattr(onefile.subprocess, "call", fake_call)
    assert onefile.main() == 3
    assert calls[0][1:] == ["run", "sphere.graph"]
    assert not os.path.exists(calls[0][0])  # and removed afterwards


def test_a_damaged_copy_is_unpacked_again_before_starting(payload, tmp_path, monkeypatch):
    _frozen_bundle(monkeypatch, payload)
    root = tmp_path / "cache"
    monkeypatch.setattr(onefile, "cache_root", lambda: root)
    folder = onefile.installed_copy(payload, root)
    onefile.app_executable(folder).unlink()  # files deleted by hand, mark left behind
    attempts = []

    def start(exe, args, env):
        attempts.append(exe.exists())
        if not exe.exists():
            raise FileNotFoundError(exe)
        return 0

    monkeypatch.setattr(onefile, "start", start)
    assert onefile.main() == 0
    assert attempts == [False, True]


def test_elf_section_is_none_for_a_file_that_is_not_elf(payload):
    assert onefile.elf_section(payload.path, onefile.SECTION) is None


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("objcopy") is None,
                    reason="the payload is an ELF section only in Linux builds (objcopy from binutils)")
def test_the_payload_is_found_in_the_executables_own_elf_section(payload, tmp_path, monkeypatch):
    launcher = tmp_path / "BackpropStudio-launcher"
    shutil.copy(os.path.realpath(sys.executable), launcher)  # any ELF program will do
    subprocess.run(["objcopy", f"--add-section={onefile.SECTION}={payload.path}", str(launcher)], check=True)
    offset, size = onefile.elf_section(launcher, onefile.SECTION)
    with open(launcher, "rb") as file:
        file.seek(offset)
        assert file.read(size) == payload.path.read_bytes()

    bundle = tmp_path / "unpacked-by-pyinstaller"  # the manifest, and no payload file
    bundle.mkdir()
    shutil.copy(payload.path.parent / onefile.MANIFEST, bundle)
    monkeypatch.setattr(sys, "executable", str(launcher))
    found = onefile.find_payload(bundle)
    assert (found.path, found.offset, found.key) == (launcher, offset, payload.key)
    folder = onefile.installed_copy(found, tmp_path / "cache")
    assert (folder / "_internal" / "libdemo.so.1").read_bytes() == b"\x7fELF demo"


def test_when_nothing_can_be_unpacked_the_launcher_says_why(payload, tmp_path, monkeypatch, capsys):
    _frozen_bundle(monkeypatch, payload)
    monkeypatch.setattr(onefile, "cache_root", lambda: tmp_path / "cache")

    def disk_full(archive, destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(onefile, "unpack", disk_full)
    assert onefile.main() == 1
    message = capsys.readouterr().err
    assert "could not unpack itself" in message and "No space left on device" in message
