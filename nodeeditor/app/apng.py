"""An animated PNG (APNG) made of PNG frames of one size: browsers, slides and chat
programs play it; programs that do not know APNG show its first frame. Written by hand
(the format is PNG's chunks plus three more), so nothing beyond the standard library.
"""
from __future__ import annotations

import struct
import zlib
from pathlib import Path

SIGNATURE = b"\x89PNG\r\n\x1a\n"


class APNGError(ValueError):
    """The frames cannot make one animation (not PNG, or not all of one size)."""


def chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """A PNG's chunks as (type, data) pairs."""
    if not data.startswith(SIGNATURE):
        raise APNGError("not a PNG file")
    found, at = [], len(SIGNATURE)
    while at + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        found.append((kind, data[at + 8:at + 8 + length]))
        at += 12 + length
    return found


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def write_apng(frames: list[bytes], path: Path, delay_ms: int = 1200, last_delay_ms: int = 3000) -> None:
    """Write the PNG files' bytes ``frames`` as one animation that loops for ever, each
    frame shown ``delay_ms`` (the last one longer, so the result can be read)."""
    if not frames:
        raise APNGError("no frames")
    parsed = [chunks(frame) for frame in frames]
    header = next(body for kind, body in parsed[0] if kind == b"IHDR")
    width, height = struct.unpack(">II", header[:8])
    out = [SIGNATURE, _chunk(b"IHDR", header), _chunk(b"acTL", struct.pack(">II", len(frames), 0))]
    sequence = 0
    for index, frame in enumerate(parsed):
        if next(body for kind, body in frame if kind == b"IHDR") != header:
            raise APNGError(f"frame {index + 1} differs in size or colour type from the first")
        delay = last_delay_ms if index == len(parsed) - 1 else delay_ms
        control = struct.pack(">IIIIIHHBB", sequence, width, height, 0, 0, delay, 1000, 0, 0)
        out.append(_chunk(b"fcTL", control))
        sequence += 1
        for kind, body in frame:
            if kind == b"IDAT":
                if index == 0:
                    out.append(_chunk(b"IDAT", body))
                else:
                    out.append(_chunk(b"fdAT", struct.pack(">I", sequence) + body))
                    sequence += 1
    out.append(_chunk(b"IEND", b""))
    Path(path).write_bytes(b"".join(out))
