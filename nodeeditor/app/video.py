"""An MP4 of numbered PNG frames, made by ffmpeg when the system has it (slide programs
play MP4 everywhere; the program does not carry a video encoder of its own)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from nodeeditor.app import texts

#: How long ffmpeg may take before it is given up (a few dozen frames take seconds).
TIMEOUT_S = 120
FPS = 30


class VideoError(OSError):
    """ffmpeg is missing or failed; the message says which, in a sentence."""


def ffmpeg() -> str | None:
    """Where ffmpeg is, or None."""
    return shutil.which("ffmpeg")


def write_mp4(first_frame: Path, count: int, seconds_per_frame: float, path: Path) -> Path:
    """``count`` frames named like ``first_frame`` (backward-000.png, backward-001.png, …)
    as an H.264 MP4 at ``path``, each shown ``seconds_per_frame``; the last one twice as
    long. Raises VideoError."""
    program = ffmpeg()
    if program is None:
        raise VideoError(texts.NO_FFMPEG)
    pattern = first_frame.with_name(first_frame.name.replace("000", "%03d"))
    frames_shown = round((count + 1) * seconds_per_frame * FPS)  # (the last frame held one more turn)
    hold = f"tpad=stop_mode=clone:stop_duration={seconds_per_frame:g}"
    even = "scale=trunc(iw/2)*2:trunc(ih/2)*2"  # H.264 wants even sides
    command = [program, "-y", "-loglevel", "error", "-framerate", f"1/{seconds_per_frame:g}", "-i", str(pattern),
               "-vf", f"{hold},{even}", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-r", str(FPS),
               "-frames:v", str(frames_shown), str(path)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise VideoError(texts.FFMPEG_FAILED.format(reason=exc)) from exc
    if done.returncode != 0 or not path.is_file():
        reason = (done.stderr.strip().splitlines() or [texts.EXIT_CODE.format(code=done.returncode)])[-1]
        raise VideoError(texts.FFMPEG_FAILED.format(reason=reason))
    return path
