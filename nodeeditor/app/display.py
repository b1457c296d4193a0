"""Whether there is a display to open the window on (no Qt).

On Linux, Qt started without a display aborts with "From 6.5.0, xcb-cursor0 or
libxcb-cursor0 is needed to load the Qt xcb platform plugin ... Reinstalling the
application may fix this problem", which sends the student looking for a library they
already have. So the editor looks first and says it plainly.
"""
from __future__ import annotations

from collections.abc import Mapping

NO_DISPLAY = """\
Backprop Studio cannot open its window: there is no display here (neither DISPLAY nor
WAYLAND_DISPLAY is set), as happens over ssh or on a server without a desktop.
Start it from a desktop session, or over ssh with X forwarding (ssh -X).
The commands need no display, for example:
    {program} run FILE.graph    prints every value and gradient of a graph
    {program} --help            lists them all"""


def lacks_display(environ: Mapping[str, str], platform: str) -> bool:
    """True on Linux and the BSDs when neither X11 nor Wayland is there and no Qt platform
    (such as offscreen) was chosen. Windows and macOS always have one."""
    if platform in ("win32", "cygwin", "darwin") or environ.get("QT_QPA_PLATFORM"):
        return False
    return not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY")


def no_display_message(program: str) -> str:
    return NO_DISPLAY.format(program=program)
