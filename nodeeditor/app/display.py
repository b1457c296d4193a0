"""Whether there is a display to open the window on (no Qt).

On Linux, Qt started without a display aborts with "From 6.5.0, xcb-cursor0 or
libxcb-cursor0 is needed to load the Qt xcb platform plugin ... Reinstalling the
application may fix this problem", which sends the student looking for a library they
already have. So the editor looks first and says it plainly.
"""
from __future__ import annotations

from collections.abc import Mapping

from nodeeditor.app.texts import NO_DISPLAY


def lacks_display(environ: Mapping[str, str], platform: str) -> bool:
    """True on Linux and the BSDs when neither X11 nor Wayland is there and no Qt platform
    (such as offscreen) was chosen. Windows and macOS always have one."""
    if platform in ("win32", "cygwin", "darwin") or environ.get("QT_QPA_PLATFORM"):
        return False
    return not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY")


def no_display_message(program: str) -> str:
    return NO_DISPLAY.format(program=program)
