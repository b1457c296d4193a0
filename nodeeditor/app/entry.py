"""The program's entry point: the editor, or a command (run, new, seed, --selftest, --help,
--version). ``main.py``, ``python -m nodeeditor``, the ``backprop-studio`` command of a pip
install and the frozen builds all start here."""
from __future__ import annotations

import sys

EXIT_INTERRUPTED = 130
EXIT_UNEXPECTED = 3
#: this computer lacks what Qt needs: a system library, or a display for the window
EXIT_MISSING_SYSTEM = 4
#: options that only print something: they start nothing that could crash, so they
#: write no log (not even an empty crash.log)
ONLY_PRINTING = ("--version", "--help", "-h")
#: the headless commands of cli.py, named here so that starting the editor need not
#: import cli (and numpy with it) before its window is on the screen
COMMANDS = ("run", "new", "seed", "explain", "frames", "grade")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the program and of the frozen executable. No traceback reaches the
    user: a closed pipe ends quietly, Ctrl+C says so (exit 130), and anything unexpected
    becomes one line naming the log that holds the details (exit 3). A system library
    that Qt needs and this computer lacks is named, with its package (exit 4)."""
    try:
        return _main(argv)
    except BrokenPipeError:  # `... --json | head`: the reader has all it wanted
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        from nodeeditor.app.texts import INTERRUPTED

        print(INTERRUPTED, file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # noqa: BLE001 - the last net: one line, the details in the log
        from nodeeditor.app.logs import log_exception

        missing = _missing_libraries(error)
        if missing:
            from nodeeditor.app.system_libraries import explain

            log_exception(error, "system libraries missing: " + " ".join(missing))
            print(explain(missing, _program()), file=sys.stderr)
            return EXIT_MISSING_SYSTEM
        from nodeeditor.app.texts import UNEXPECTED

        where = log_exception(error, "unexpected error")
        print(UNEXPECTED.format(kind=type(error).__name__, message=str(error)[:200], log=where), file=sys.stderr)
        return EXIT_UNEXPECTED


def _silence_stdout() -> None:
    """Point stdout at nothing, so that flushing it at exit raises no second error."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _missing_libraries(error: Exception) -> list[str]:
    """The system libraries this computer lacks, when ``error`` is the loader's failing to
    load one (checked all at once); else nothing."""
    from nodeeditor.app.system_libraries import is_library_error, missing_libraries

    return missing_libraries(str(error)) if is_library_error(error) else []


def _program() -> str:
    """How the student started us, to show them a command (``python main.py``...)."""
    from nodeeditor.app.cli import program_name

    return program_name()


def _main(argv: list[str] | None) -> int:
    import os

    from nodeeditor.app.display import lacks_display, no_display_message
    from nodeeditor.app.logs import catch_hard_crashes

    argv = list(sys.argv[1:] if argv is None else argv)
    headless = bool(argv) and (argv[0] in COMMANDS or argv[0].startswith("-") or len(argv) > 1
                               or not _looks_like_graph(argv[0]))
    if not headless and lacks_display(os.environ, sys.platform):
        print(no_display_message(_program()), file=sys.stderr)  # before Qt, whose abort misleads
        return EXIT_MISSING_SYSTEM
    if not any(arg in ONLY_PRINTING for arg in argv):
        catch_hard_crashes()
    if headless:
        _console_for_output()
        if argv == ["--selftest"]:
            from nodeeditor.app.selftest import run_selftest

            return run_selftest()
        from nodeeditor.app.cli import main as cli_main

        return cli_main(argv)  # a command, --help, or a usage error argparse explains
    from nodeeditor.view.window.app import run_gui

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

