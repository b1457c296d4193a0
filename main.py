"""Backprop Studio: ``python main.py [FILE.graph]`` opens the editor; ``--help`` for more."""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Entry point of the program and of the frozen executable."""
    argv = list(sys.argv[1:] if argv is None else argv)
    from nodeeditor.cli import COMMANDS
    from nodeeditor.cli import main as cli_main

    if not argv or argv[0] in COMMANDS or argv[0] in ("-h", "--help"):
        return cli_main(argv or ["seed"])
    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
