"""Backprop Studio: ``python main.py [FILE.graph]`` opens the editor; ``--help`` for more."""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Entry point of the program and of the frozen executable."""
    argv = list(sys.argv[1:] if argv is None else argv)
    from nodeeditor.cli import COMMANDS
    from nodeeditor.cli import main as cli_main

    if argv and (argv[0] in COMMANDS or argv[0].startswith("-")):
        return cli_main(argv)
    if len(argv) > 1 or (argv and not _looks_like_graph(argv[0])):
        return cli_main(argv)  # argparse explains the usage error
    from nodeeditor.view.app import run_gui

    return run_gui(argv[0] if argv else None)


def _looks_like_graph(arg: str) -> bool:
    from pathlib import Path

    return arg.endswith(".graph") or Path(arg).is_file()


if __name__ == "__main__":
    sys.exit(main())
