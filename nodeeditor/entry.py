"""The program's entry point: the editor, or a command (run, new, seed, --selftest, --help,
--version). ``main.py``, ``python -m nodeeditor``, the ``backprop-studio`` command of a pip
install and the frozen builds all start here."""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Entry point of the program and of the frozen executable."""
    argv = list(sys.argv[1:] if argv is None else argv)
    from nodeeditor.cli import COMMANDS
    from nodeeditor.cli import main as cli_main

    headless = bool(argv) and (argv[0] in COMMANDS or argv[0].startswith("-") or len(argv) > 1
                               or not _looks_like_graph(argv[0]))
    if headless:
        _console_for_output()
        if argv == ["--selftest"]:
            from nodeeditor.selftest import run_selftest

            return run_selftest()
        return cli_main(argv)  # a command, --help, or a usage error argparse explains
    from nodeeditor.view.app import run_gui

    return run_gui(argv[0] if argv else None)


def _console_for_output() -> None:
    """A windowed Windows build starts without stdout; the commands print, so borrow
    the console they were started from (or print nowhere rather than crash)."""
    if sys.stdout is not None:
        return
    if sys.platform == "win32":
        import ctypes

        if ctypes.windll.kernel32.AttachConsole(-1):
            sys.stdout = open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
            sys.stderr = sys.stdout
            return
    import os

    sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115


def _looks_like_graph(arg: str) -> bool:
    from pathlib import Path

    return arg.endswith(".graph") or Path(arg).is_file()

