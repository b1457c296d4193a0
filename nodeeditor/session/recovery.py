"""Recovery files: the open graph written aside now and then, so that a crash, a kill or a
power cut loses at most a minute of work (no Qt).

Each running program writes ``recovery-<pid>.json`` (which file it was, when), then
``recovery-<pid>.graph`` (the graph, as a .graph file) into one folder (the window says
which). A clean exit removes them. At the next start, graphs whose program is no longer
running are offered for restoring, also from folders older versions used; one that is
running (another window) is left alone.

The order leaves no moment when a kill loses the work: the graph is what counts, and a
graph whose metadata is missing or unreadable is still offered (as an untitled graph,
from the time the file was written).
"""
from __future__ import annotations

import json
import logging
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from nodeeditor.model import Graph, GraphFileError, load_graph
from nodeeditor.model.graphfile import dumps_document, graph_to_document, read_limited, save_text

PREFIX = "recovery-"
#: A recovery file's metadata is a few hundred bytes: a bigger one is not read.
META_LIMIT = 64 * 1024


@dataclass(frozen=True)
class Recovery:
    """A recovery file left by a program that is no longer running."""

    graph_path: Path
    original: Path | None
    saved_at: float

    @property
    def meta_path(self) -> Path:
        return self.graph_path.with_suffix(".json")

    def load(self) -> Graph:
        return load_graph(self.graph_path)

    def discard(self) -> None:
        _remove(self.graph_path, self.meta_path)


class RecoveryStore:
    """The recovery files of one window (``window``, 0 for the first) of one program
    (``pid``) in ``folder``."""

    def __init__(self, folder: Path, pid: int | None = None, window: int = 0, older: tuple[Path, ...] = ()) -> None:
        self.folder = folder
        self.pid = os.getpid() if pid is None else pid
        self.window = window
        #: folders where earlier versions kept recovery files: looked in, never written to
        self.older = tuple(f for f in older if f != folder)

    @property
    def graph_path(self) -> Path:
        suffix = f"-{self.window}" if self.window else ""
        return self.folder / f"{PREFIX}{self.pid}{suffix}.graph"

    def write(self, graph: Graph, original: Path | None) -> None:
        """Write the graph aside (atomically, like a save); OSError if the folder is not writable."""
        self.write_document(graph_to_document(graph), original)

    def write_document(self, document: dict, original: Path | None) -> None:
        """``write`` for a graph already turned into ``graph_to_document``'s form (taken
        on the window's thread; this part may run on another)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        meta = {"pid": self.pid, "original": str(original) if original else None, "saved_at": time.time()}
        save_text(json.dumps(meta), self.graph_path.with_suffix(".json"))
        save_text(dumps_document(document), self.graph_path)

    def clear(self) -> None:
        """This program's files, gone: the work is saved or was discarded on purpose.
        Never raises (a folder that is a file, say): closing must not fail on it."""
        _remove(self.graph_path, self.graph_path.with_suffix(".json"))

    def orphans(self) -> list[Recovery]:
        """Recovery graphs whose program is gone, newest first, from this folder and the
        older ones; metadata left without its graph (a kill before the graph's first
        write) is removed."""
        found = []
        for folder in (self.folder, *self.older):
            try:
                graphs = sorted(folder.glob(f"{PREFIX}*.graph"))
                metas = sorted(folder.glob(f"{PREFIX}*.json"))
            except OSError:
                continue
            for graph_path in graphs:
                if not _regular(graph_path):
                    continue  # a pipe or a link to a device: nothing to restore, and never to be read
                recovery = self._orphan(graph_path)
                if recovery is not None:
                    found.append(recovery)
            for meta_path in metas:
                if not meta_path.with_suffix(".graph").exists() and not _running(_pid_of(meta_path)):
                    _remove(meta_path)
        return sorted(found, key=lambda r: -r.saved_at)

    def _orphan(self, graph_path: Path) -> Recovery | None:
        """The recovery ``graph_path`` holds, if its program is gone (None: it is running)."""
        pid, original, saved_at = _pid_of(graph_path), None, None
        try:
            meta = json.loads(read_limited(graph_path.with_suffix(".json"), META_LIMIT).decode("utf-8"))
            pid = int(meta["pid"])
            original = Path(meta["original"]) if meta.get("original") else None
            saved_at = float(meta["saved_at"])
        except (OSError, ValueError, KeyError, TypeError, GraphFileError):
            pass  # the graph is what counts: offered as untitled, from the file's own time
        if pid == self.pid or _running(pid):
            return None
        if saved_at is None or saved_at != saved_at:
            try:
                saved_at = graph_path.stat().st_mtime
            except OSError:
                return None
        return Recovery(graph_path, original, saved_at)


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def _remove(*paths: Path) -> None:
    """Remove these files if they are there; what cannot be removed is left (and said in
    the log), never an error."""
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            logging.getLogger("backprop_studio").warning("could not remove %s: %s", path, exc)


def _pid_of(path: Path) -> int:
    """The program number in ``recovery-<pid>[-<window>].graph`` (0 if there is none)."""
    digits = path.stem[len(PREFIX):].split("-")[0]
    return int(digits) if digits.isdigit() else 0


def _running(pid: int) -> bool:
    """Whether a process ``pid`` exists (it may be another program that took the number:
    then the file waits for the next start, which is the safe side)."""
    if pid <= 0:
        return False
    if os.name == "nt":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if handle:
            ctypes.windll.kernel32.CloseHandle(handle)
            return True
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """Whether ``pid`` has ended and only waits to be reaped (Linux says so in /proc): a
    program killed a moment ago is no longer running, though its number still answers."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat_file:
            return stat_file.read().rsplit(b")", 1)[1].split()[0] == b"Z"
    except (OSError, IndexError):
        return False


__all__ = ["GraphFileError", "Recovery", "RecoveryStore"]
