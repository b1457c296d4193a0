#!/usr/bin/env bash
# The .venv that `make` installs into: made when missing, made again when broken.
#   bash scripts/make-venv.sh PYTHON VENV      check PYTHON can make a venv, then make VENV
#   bash scripts/make-venv.sh --healthy VENV   exit 0 when VENV's python runs and has pip
# A .venv is broken when its python no longer runs (the Python it was made from has been
# removed or upgraded) or when it has no pip: on Debian and Ubuntu, `python3 -m venv`
# without the pythonX.Y-venv package stops half-way and leaves such a .venv behind, and
# every later `make` then failed with "No module named pip". Nothing is left half-made
# here: a venv that does not come out whole is removed again, and the message says which
# package to install. Runs under macOS's bash 3.2 too.
set -u

healthy() {
  "$1/bin/python" -c "import pip" >/dev/null 2>&1
}

if [ "${1:-}" = "--healthy" ]; then
  healthy "${2:?usage: make-venv.sh --healthy VENV}"
  exit
fi
PYTHON=${1:?usage: make-venv.sh PYTHON VENV}
VENV=${2:?usage: make-venv.sh PYTHON VENV}

if [ -e "$VENV" ] || [ -L "$VENV" ]; then
  healthy "$VENV" && exit 0
  echo "make-venv: $VENV is broken (its python does not run, or it has no pip), so it is made again."
  rm -rf "$VENV"
fi

if ! command -v "$PYTHON" >/dev/null 2>&1; then
  cat >&2 <<EOF
make-venv: there is no $PYTHON on this computer. Backprop Studio needs Python 3.10 or newer.
    Debian or Ubuntu:  sudo apt install python3 python3-venv
    Fedora:            sudo dnf install python3
    macOS, Windows:    the installer from python.org
Or name the one you have:  make PYTHON=/path/to/python3
EOF
  exit 1
fi

# One start of PYTHON says its version and whether it can make a venv with pip in it
# (Debian and Ubuntu keep ensurepip, and the pip it installs, in pythonX.Y-venv).
probe=$("$PYTHON" -c '
import sys
print("%d.%d" % sys.version_info[:2])
try:
    import ensurepip, venv
except ImportError:
    print("no-venv")
' 2>/dev/null)
version=$(printf '%s\n' "$probe" | head -n 1)
major=${version%%.*}
minor=${version#*.}
case "$major.$minor" in
  [0-9]*.[0-9]*) ;;
  *) echo "make-venv: $PYTHON did not say which version of Python it is; is it a Python?" >&2; exit 1 ;;
esac
if [ "$major" -lt 3 ] || { [ "$major" -eq 3 ] && [ "$minor" -lt 10 ]; }; then
  cat >&2 <<EOF
make-venv: $PYTHON is Python $version, and Backprop Studio needs Python 3.10 or newer.
Install a newer one, then name it:  make PYTHON=python3.12
EOF
  exit 1
fi

venv_advice() {
  cat >&2 <<EOF
On Debian or Ubuntu, the part of Python that makes virtual environments is the package
python$version-venv. Install it, then run make again:
    sudo apt install python$version-venv
Elsewhere it comes with Python; reinstalling Python $version should bring it back.
EOF
}

if printf '%s\n' "$probe" | grep -qx "no-venv"; then
  echo "make-venv: $PYTHON (Python $version) cannot make the virtual environment $VENV: its venv module or ensurepip is missing." >&2
  venv_advice
  exit 1
fi

if "$PYTHON" -m venv "$VENV" && healthy "$VENV"; then
  exit 0
fi
rm -rf "$VENV"
echo "make-venv: $PYTHON -m venv could not make $VENV with pip in it (see above), so nothing was left half-made." >&2
venv_advice
exit 1
