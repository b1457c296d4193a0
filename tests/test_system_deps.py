"""scripts/system-deps.sh never waits for a password and says what to run when it cannot
install; it skips cleanly on macOS. Driven with stand-in commands on PATH."""
from __future__ import annotations

import os
import subprocess

from tests.conftest import POSIX_ONLY, ROOT

SCRIPT = ROOT / "scripts" / "system-deps.sh"
pytestmark = POSIX_ONLY  # a bash script for Linux and macOS


def run_with(tmp_path, commands: dict[str, str]):
    """Run the script with ``commands`` (name -> shell body) in front of PATH; uname says
    Linux unless ``commands`` says otherwise, so the tests run the same on macOS."""
    commands = {"uname": "echo Linux", **commands}
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    for name, body in commands.items():
        path = bin_dir / name
        path.write_text(f"#!/bin/sh\n{body}\n")
        path.chmod(0o755)
    env = dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}")
    return subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, env=env, timeout=30)


def test_a_user_without_password_free_sudo_gets_the_command_instead_of_a_prompt(tmp_path):
    out = run_with(tmp_path, {
        "ldconfig": "exit 0",                        # no library found
        "id": 'echo 1000',                           # not root
        "sudo": 'if [ "$1" = "-n" ]; then exit 1; fi; echo "PROMPTED" >&2; exit 1',
        "apt-get": 'echo "apt-get ran" >&2; exit 1',
    })
    assert out.returncode == 1
    assert "PROMPTED" not in out.stderr and "apt-get ran" not in out.stderr
    assert "sudo apt-get update && sudo apt-get install -y libegl1 libgl1" in out.stderr


def test_nothing_to_do_when_every_library_is_there(tmp_path):
    listing = "\\n".join(f"\\t{lib} (libc6,x86-64) => /usr/lib/{lib}" for lib in
                         ["libEGL.so.1", "libGL.so.1", "libxkbcommon.so.0", "libfontconfig.so.1", "libdbus-1.so.3",
                          "libglib-2.0.so.0", "libfreetype.so.6", "libxcb-cursor.so.0", "libxcb-icccm.so.4",
                          "libxcb-keysyms.so.1", "libxcb-image.so.0", "libxcb-render-util.so.0", "libxcb-xkb.so.1",
                          "libxkbcommon-x11.so.0", "libxcb-randr.so.0", "libxcb-shape.so.0"])
    out = run_with(tmp_path, {"ldconfig": f'printf "{listing}\\n"', "apt-get": "exit 1"})
    assert out.returncode == 0 and out.stdout == "" and out.stderr == ""


def test_macos_is_skipped_cleanly(tmp_path):
    out = run_with(tmp_path, {"uname": "echo Darwin"})
    assert out.returncode == 0 and "nothing to install on Darwin" in out.stdout


def test_no_bash_4_features_so_macos_bash_3_2_can_run_it():
    text = SCRIPT.read_text()
    for feature in ("declare -A", "mapfile", "readarray", ",,}", "^^}", "|&", "coproc"):
        assert feature not in text, feature
