"""Recovery files: the open graph written aside now and then, so that a crash, a kill or a
power cut loses at most a minute of work (no Qt).

Each running program writes ``recovery-<pid>.graph`` (the graph, as a .graph file) and
``recovery-<pid>.json`` (which file it was, when) into a folder beside its settings. A
clean exit removes them. At the next start, files whose program is no longer running are
offered for restoring; one that is running (another window) is left alone.
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from nodeeditor.model import Graph, GraphFileError, load_graph
from nodeeditor.model.graphfile import dumps_document, graph_to_document, save_text

PREFIX = "recovery-"


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
        for path in (self.graph_path, self.meta_path):
            path.unlink(missing_ok=True)


class RecoveryStore:
    """The recovery files of one window (``window``, 0 for the first) of one program
    (``pid``) in ``folder``."""

    def __init__(self, folder: Path, pid: int | None = None, window: int = 0) -> None:
        self.folder = folder
        self.pid = os.getpid() if pid is None else pid
        self.window = window

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
        save_text(dumps_document(document), self.graph_path)
        meta = {"pid": self.pid, "original": str(original) if original else None, "saved_at": time.time()}
        save_text(json.dumps(meta), self.graph_path.with_suffix(".json"))

    def clear(self) -> None:
        """This program's files, gone: the work is saved or was discarded on purpose."""
        for path in (self.graph_path, self.graph_path.with_suffix(".json")):
            path.unlink(missing_ok=True)

    def orphans(self) -> list[Recovery]:
        """Recovery files whose program is gone, newest first; unreadable ones are dropped."""
        found = []
        for meta_path in sorted(self.folder.glob(f"{PREFIX}*.json")):
            try:
                meta = json.loads(meta_path.read_text(encoding="utf-8"))
                pid = int(meta["pid"])
                original = Path(meta["original"]) if meta.get("original") else None
                saved_at = float(meta["saved_at"])
            except (OSError, ValueError, KeyError, TypeError):
                meta_path.unlink(missing_ok=True)
                continue
            graph_path = meta_path.with_suffix(".graph")
            if pid == self.pid or _running(pid) or not graph_path.is_file():
                continue
            found.append(Recovery(graph_path, original, saved_at))
        return sorted(found, key=lambda r: -r.saved_at)


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
    return True


__all__ = ["GraphFileError", "Recovery", "RecoveryStore"]
