"""Where bundled files live: the same lookup from a checkout, a pip or pipx install and a
frozen build."""
from __future__ import annotations

import importlib.resources
import sys
from functools import cache
from pathlib import Path

#: The resources/ folder's name as an installed package (pyproject.toml maps it), chosen
#: so that it cannot clash with another distribution's top-level ``resources``.
PACKAGE = "backprop_studio_resources"


@cache
def resources_dir() -> Path:
    """The resources/ folder: inside a PyInstaller bundle, else the installed package
    (``importlib.resources``; an editable install maps it to the checkout's folder),
    else the folder beside the code (a checkout run without installing)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    try:
        return Path(str(importlib.resources.files(PACKAGE)))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def example_paths() -> list[Path]:
    """The example graphs in lesson order: by the number their file names start with."""
    return sorted(resource_path("examples").glob("*.graph"), key=_lesson_order)


def _lesson_order(path: Path) -> tuple[int, str]:
    number = path.name.split("-", 1)[0]
    return (int(number) if number.isdigit() else 1_000_000, path.name)
