"""Backprop Studio: run ``python main.py`` for the editor, ``--help`` for the commands."""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Entry point of the program and of the frozen executable."""
    from engine.seed_examples import run_seed_examples

    run_seed_examples()
    return 0


if __name__ == "__main__":
    sys.exit(main())
