#!/usr/bin/env bash
# `make test` and `make dist-check` for a real Windows, which has no make: the workflow's
# Windows job (GitHub's windows-2022) runs this in Git Bash. The same steps as the Makefile's.
#
#   bash scripts/windows/make.sh test         .venv with the test and build tools, ruff, pytest (Qt offscreen)
#   bash scripts/windows/make.sh dist-check   build twice and compare (reproducible), check the licence
#                                             notices, --selftest both builds, `run` the sphere
#
# Reproducible like the Linux builds: every file gets the commit's time (SOURCE_DATE_EPOCH)
# and PyInstaller runs with a fixed hash seed (PYTHONHASHSEED=0).
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-python}
# Windows sets OS=Windows_NT. Elsewhere (to try the script out on Linux) the venv and the
# programs have their POSIX names.
if [ "${OS:-}" = Windows_NT ]; then PY=.venv/Scripts/python.exe; EXE=.exe; else PY=.venv/bin/python; EXE=""; fi
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}
export SOURCE_DATE_EPOCH

venv() {
  [ -x "$PY" ] || "$PYTHON" -m venv .venv
  "$PY" -m pip install -q --upgrade pip
  "$PY" -m pip install -q -e ".[test,dist]"
}

run_tests() {
  venv
  "$PY" -m ruff check .
  QT_QPA_PLATFORM=offscreen "$PY" -m pytest
}

build() {
  PYTHONHASHSEED=0 "$PY" -m PyInstaller --noconfirm --clean --log-level WARN build.spec
}

# Runs a built program; its output must contain each of the words after `--`.
expect() {
  local words=() program=()
  while [ "$1" != "--" ]; do program+=("$1"); shift; done
  shift
  words=("$@")
  "${program[@]}" 2>&1 | tee build/last-run.txt
  for word in "${words[@]}"; do
    grep -q -- "$word" build/last-run.txt || { echo "make.sh: ${program[*]} did not print $word" >&2; exit 1; }
  done
}

dist_check() {
  venv
  mkdir -p build
  build
  bash scripts/build-hash.sh dist > build/first-build.sha256
  build
  bash scripts/build-hash.sh dist | diff build/first-build.sha256 - \
    || { echo "dist-check: two builds of one commit differ" >&2; exit 1; }
  echo "dist-check: two builds of this commit are identical: $(head -1 build/first-build.sha256)"
  "$PY" scripts/check_notices.py dist/BackpropStudio-folder
  export QT_QPA_PLATFORM=offscreen
  expect "dist/BackpropStudio-folder/BackpropStudio$EXE" --selftest -- "passed, 0 failed"
  # The single file unpacks into %LOCALAPPDATA% (XDG_CACHE_HOME elsewhere) on its first
  # start and reuses that copy after: a fresh cache folder, then both starts.
  local cache=$PWD/build/dist-check-cache
  rm -rf "$cache" && mkdir -p "$cache"
  if command -v cygpath >/dev/null; then LOCALAPPDATA=$(cygpath -w "$cache"); else LOCALAPPDATA=$cache; fi
  export LOCALAPPDATA XDG_CACHE_HOME=$cache
  expect "dist/BackpropStudio$EXE" --selftest -- "passed, 0 failed"
  expect "dist/BackpropStudio$EXE" --selftest -- "passed, 0 failed"
  expect "dist/BackpropStudio$EXE" run resources/examples/4-sphere.graph -- 45.0 12.0 6.0
}

case "${1:-}" in
  test) run_tests ;;
  dist-check) dist_check ;;
  *) echo "usage: bash scripts/windows/make.sh test|dist-check" >&2; exit 2 ;;
esac
