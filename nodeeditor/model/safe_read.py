"""Reading a file the student chose, or one the program keeps, without ever hanging or
filling the memory: regular files only (a device such as /dev/zero, a pipe or a socket is
refused before anything is read; opening never waits for a pipe's writer), and at most a
limit plus one byte is read, whatever size the file claims. No Qt."""
from __future__ import annotations

import os
import stat
from pathlib import Path


class NotRegularFile(OSError):
    """A device, a pipe, a socket or a folder where a file was expected."""


class TooLarge(OSError):
    """A file larger than the limit it is read with."""


def read_regular(path: str | os.PathLike, limit: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them: NotRegularFile,
    TooLarge, or the OSError of the system (no such file, no permission)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(Path(path), flags)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(str(path))
        if not stat.S_ISREG(mode):
            raise NotRegularFile(f"{path} is not a regular file (a device, a pipe or a socket)")
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise TooLarge(f"{path} is larger than {limit:,} bytes")
    return data
