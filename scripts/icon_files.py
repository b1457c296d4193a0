"""Windows .ico and macOS .icns files made of PNG images, written and read back.

Qt writes an .ico or .icns with a single image; Windows wants 16 to 256 px in one .ico
(the taskbar, Explorer's views, the desktop at 100 to 200 % scale) and macOS an .icns with
every size from 16 to 1024 px (512 at twice the pixels). Both formats can hold PNG
images as they are: an .ico since Windows Vista, an .icns since OS X 10.7.
"""
from __future__ import annotations

import struct

ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: the .icns element types of PNG images and their pixel sizes ("@2x" ones included)
ICNS_TYPES = {"icp4": 16, "icp5": 32, "icp6": 64, "ic07": 128, "ic08": 256, "ic09": 512,
              "ic10": 1024, "ic11": 32, "ic12": 64, "ic13": 256, "ic14": 512}
#: the sizes of the freedesktop hicolor theme's apps/ folders that desktops look in
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header chunk."""
    if png[:8] != PNG_SIGNATURE or png[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    return struct.unpack(">II", png[16:24])


def write_ico(pngs: dict[int, bytes]) -> bytes:
    """An .ico holding each PNG (by its pixel size), smallest first."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, images = b"", b""
    for size in sizes:
        png = pngs[size]
        # width and height are one byte each: 0 stands for 256
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png), offset)
        images += png
        offset += len(png)
    return header + entries + images


def read_ico(data: bytes) -> list[tuple[int, int, tuple[int, int]]]:
    """Each image's (width, height) from the directory, with the PNG's own size."""
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    if (reserved, kind) != (0, 1):
        raise ValueError("not an .ico file")
    found = []
    for index in range(count):
        width, height, _, _, _, _, length, offset = struct.unpack("<BBBBHHII", data[6 + 16 * index:22 + 16 * index])
        found.append((width or 256, height or 256, png_size(data[offset:offset + length])))
    return found


def write_icns(pngs: dict[int, bytes]) -> bytes:
    """An .icns holding, for each element type, the PNG of its pixel size."""
    body = b"".join(kind.encode("ascii") + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
                    for kind, size in ICNS_TYPES.items())
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def read_icns(data: bytes) -> dict[str, tuple[int, int]]:
    """Each element type with the size of its PNG."""
    if data[:4] != b"icns" or struct.unpack(">I", data[4:8])[0] != len(data):
        raise ValueError("not an .icns file")
    found, offset = {}, 8
    while offset < len(data):
        kind, length = data[offset:offset + 4].decode("ascii"), struct.unpack(">I", data[offset + 4:offset + 8])[0]
        found[kind] = png_size(data[offset + 8:offset + length])
        offset += length
    return found
