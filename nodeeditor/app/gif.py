"""An animated GIF, which every slide program plays (PowerPoint, Keynote, Google Slides,
LibreOffice Impress), written by hand: the format is a header, one colour table, and per
frame a delay and the pixels LZW-compressed. No Qt and nothing beyond numpy, so the
frozen build carries no image library for it.

Frames are given as indices into one shared palette of at most 256 colours. After the
first, a frame stores only the rectangle in which it differs from the one before: a
backward step changes a few labels, so a twenty-step animation of a 1920×1080 slide is a
few hundred kilobytes, not twenty full pictures.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nodeeditor.app import texts


class GIFError(ValueError):
    """The frames cannot make one GIF (no frames, sizes that differ, too many colours)."""


@dataclass(frozen=True)
class IndexedFrame:
    """One picture: ``pixels`` (height × width, uint8) indexing the shared palette."""

    pixels: np.ndarray


def write_gif(path: str | Path, frames: list[IndexedFrame], palette: list[tuple[int, int, int]],
              delay_ms: int = 1500, last_delay_ms: int | None = None) -> int:
    """Write ``frames`` as a GIF that loops forever, each shown ``delay_ms`` (the last
    ``last_delay_ms``, so a slide rests on the result); the bytes written."""
    data = gif_bytes(frames, palette, delay_ms, last_delay_ms)
    Path(path).write_bytes(data)
    return len(data)


def gif_bytes(frames: list[IndexedFrame], palette: list[tuple[int, int, int]], delay_ms: int = 1500,
              last_delay_ms: int | None = None) -> bytes:
    if not frames:
        raise GIFError(texts.GIF_NO_FRAMES)
    height, width = frames[0].pixels.shape
    if any(f.pixels.shape != (height, width) for f in frames):
        raise GIFError(texts.GIF_SIZES_DIFFER)
    if not 1 <= len(palette) <= 256:
        raise GIFError(texts.GIF_COLOURS)
    bits = max(1, (len(palette) - 1).bit_length())  # the colour table holds 2**bits entries
    table = bytearray()
    for r, g, b in palette:
        table += bytes((r, g, b))
    table += bytes(3 * ((1 << bits) - len(palette)))
    out = bytearray(b"GIF89a")
    out += struct.pack("<HHBBB", width, height, 0x80 | ((bits - 1) << 4) | (bits - 1), 0, 0)
    out += table
    out += b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"  # loop forever
    previous = None
    for index, frame in enumerate(frames):
        last = index == len(frames) - 1
        delay = last_delay_ms if last and last_delay_ms is not None else delay_ms
        left, top, right, bottom = _changed(previous, frame.pixels)
        part = frame.pixels[top:bottom, left:right]
        # graphic control: leave the frame in place (disposal 1), its delay in 1/100 s
        out += struct.pack("<BBBBHBB", 0x21, 0xF9, 4, 1 << 2, max(2, round(delay / 10)), 0, 0)
        out += struct.pack("<BHHHHB", 0x2C, left, top, right - left, bottom - top, 0)
        code_size = max(2, bits)
        out.append(code_size)
        compressed = lzw(part.tobytes(), code_size)
        for at in range(0, len(compressed), 255):
            block = compressed[at:at + 255]
            out.append(len(block))
            out += block
        out.append(0)
        previous = frame.pixels
    out.append(0x3B)
    return bytes(out)


def _changed(previous: np.ndarray | None, pixels: np.ndarray) -> tuple[int, int, int, int]:
    """The rectangle (left, top, right, bottom) where ``pixels`` differs from the frame
    before; the whole frame for the first, one pixel when nothing changed."""
    height, width = pixels.shape
    if previous is None:
        return 0, 0, width, height
    rows = np.flatnonzero((previous != pixels).any(axis=1))
    if rows.size == 0:
        return 0, 0, 1, 1
    columns = np.flatnonzero((previous[rows[0]:rows[-1] + 1] != pixels[rows[0]:rows[-1] + 1]).any(axis=0))
    return int(columns[0]), int(rows[0]), int(columns[-1]) + 1, int(rows[-1]) + 1


def lzw(data: bytes, code_size: int) -> bytes:
    """GIF's variable-length LZW of ``data`` (indices below 2**code_size), least
    significant bit first, starting with a clear code and ending with the end code."""
    clear, end = 1 << code_size, (1 << code_size) + 1
    out = bytearray()
    buffer = bits_held = 0
    width = code_size + 1

    def emit(code: int) -> None:
        nonlocal buffer, bits_held
        buffer |= code << bits_held
        bits_held += width
        while bits_held >= 8:
            out.append(buffer & 0xFF)
            buffer >>= 8
            bits_held -= 8

    emit(clear)
    codes: dict[int, int] = {}  # (prefix code << 8 | next index) -> code
    next_code = end + 1
    prefix = -1
    for byte in data:
        if prefix < 0:
            prefix = byte
            continue
        key = prefix << 8 | byte
        code = codes.get(key)
        if code is not None:
            prefix = code
            continue
        emit(prefix)
        if next_code < 4096:
            codes[key] = next_code
            next_code += 1
            if next_code > (1 << width) and width < 12:
                width += 1
        else:  # the table is full: start afresh
            emit(clear)
            codes.clear()
            next_code = end + 1
            width = code_size + 1
        prefix = byte
    if prefix >= 0:
        emit(prefix)
        # the reader adds an entry after this last code too, and may widen before the end
        if next_code >= (1 << width) and width < 12:
            width += 1
    emit(end)
    if bits_held:
        out.append(buffer & 0xFF)
    return bytes(out)


def quantize(pictures: list[np.ndarray], most: int = 256) -> tuple[list[tuple[int, int, int]], list[IndexedFrame]]:
    """One palette for all ``pictures`` (height × width × 3, uint8) and each as indices
    into it. A diagram has few colours: the most frequent ``most`` (counted on a sample
    of every frame) are kept exactly (flat fills, text, wires), and every other colour
    (the soft edges of antialiased text) takes the nearest of those. A frame after the
    first is mapped only where it differs from the one before."""
    packed = [(p[..., 0].astype(np.uint32) << 16) | (p[..., 1].astype(np.uint32) << 8) | p[..., 2] for p in pictures]
    step = max(1, sum(q.size for q in packed) // 2_000_000)
    colours, counts = np.unique(np.concatenate([q.ravel()[::step] for q in packed]), return_counts=True)
    kept = np.sort(colours[np.argsort(counts, kind="stable")[::-1][:most]])
    rgb = _channels(kept)
    frames: list[IndexedFrame] = []
    for k, q in enumerate(packed):
        if k == 0:
            frames.append(IndexedFrame(_nearest(q, kept, rgb)))
            continue
        left, top, right, bottom = _changed(packed[k - 1], q)
        pixels = frames[-1].pixels.copy()
        pixels[top:bottom, left:right] = _nearest(q[top:bottom, left:right], kept, rgb)
        frames.append(IndexedFrame(pixels))
    return [(int(r), int(g), int(b)) for r, g, b in rgb], frames


def _channels(packed: np.ndarray) -> np.ndarray:
    return np.stack([(packed >> 16) & 0xFF, (packed >> 8) & 0xFF, packed & 0xFF], axis=1).astype(np.int32)


def _nearest(q: np.ndarray, kept: np.ndarray, rgb: np.ndarray) -> np.ndarray:
    """Each packed colour of ``q`` as the index of the same or the nearest kept colour."""
    flat = q.ravel()
    index = np.searchsorted(kept, flat).clip(0, len(kept) - 1)
    missing = kept[index] != flat
    if missing.any():
        others, where = np.unique(flat[missing], return_inverse=True)
        other_rgb = _channels(others)
        nearest = np.empty(len(others), dtype=np.intp)
        for at in range(0, len(others), 4096):  # (distances in blocks: bounded memory)
            block = other_rgb[at:at + 4096]
            nearest[at:at + 4096] = ((block[:, None, :] - rgb[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
        index[missing] = nearest[where]
    return index.astype(np.uint8).reshape(q.shape)
