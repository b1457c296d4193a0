"""Where bundled files live, the same way when run from source and when frozen."""
from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The resources/ folder: beside the code, or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def example_paths() -> list[Path]:
    """The example graphs in lesson order: by the number their file names start with."""
    return sorted(resource_path("examples").glob("*.graph"), key=_lesson_order)


def _lesson_order(path: Path) -> tuple[int, str]:
    number = path.name.split("-", 1)[0]
    return (int(number) if number.isdigit() else 1_000_000, path.name)
