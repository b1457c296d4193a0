#!/usr/bin/env bash
# A pip install as a student makes one: build the wheel, install it into a fresh venv
# (as pipx does), then, from a folder that is not the checkout, run --version, --help,
# `run` on the sphere (45, 12, 6 in the JSON) and --selftest (the window, offscreen).
#   bash scripts/pip-check.sh [PYTHON]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${1:-python3}
WORK=$ROOT/build/pip-check
rm -rf "$WORK" && mkdir -p "$WORK/elsewhere"
"$PYTHON" -m pip wheel -q --no-deps "$ROOT" -w "$WORK/wheel" 2>&1 | grep -v -i "warn" || true
"$PYTHON" -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install -q "$WORK"/wheel/backprop_studio-*.whl
BIN=$WORK/venv/bin/backprop-studio
expected=$("$PYTHON" -c "import runpy; print(runpy.run_path('$ROOT/nodeeditor/version.py')['__version__'])")
cd "$WORK/elsewhere"  # not the checkout: resources must come from the installed package
cp "$ROOT/resources/examples/4-sphere.graph" .
version=$("$BIN" --version)
echo "$version"
[ "$version" = "Backprop Studio $expected" ] || { echo "pip-check: --version printed '$version'" >&2; exit 1; }
"$BIN" --help | head -1 | grep -q "^usage: backprop-studio " || { echo "pip-check: --help does not say backprop-studio" >&2; exit 1; }
"$BIN" run 4-sphere.graph --json > run.json
"$WORK/venv/bin/python" - run.json <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
nodes = {n.get("name") or n["id"]: n for n in report["nodes"]}
root = next(n for n in report["nodes"] if n["id"] == report["output"])
assert (root["value"], nodes["x0"]["grad"], nodes["x1"]["grad"]) == (45.0, 12.0, 6.0), report
print("run 4-sphere.graph --json: 45, 12, 6")
PY
QT_QPA_PLATFORM=offscreen "$BIN" --selftest
echo "pip-check: the installed backprop-studio works from $(pwd)"
