#!/usr/bin/env bash
# What a package index and a student would get from `pip`: the sdist, and the wheel built
# from it, each checked (what the sdist must carry, check-wheel-contents, twine check
# --strict, both commands in the wheel); then `pipx install .` as the README tells students,
# and from a folder that is not the checkout: --version, --help, `run` on the sphere (45, 12,
# 6 in the JSON), --selftest (the window, offscreen), the windowed command, the About box's
# licences.
#   bash scripts/pip-check.sh [PYTHON]     PYTHON: a venv's python with the `release` extra
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${1:-python3}
TOOLS=$(dirname "$PYTHON")
WORK=$ROOT/build/pip-check
rm -rf "$WORK" && mkdir -p "$WORK/elsewhere"
fail() { echo "pip-check: $*" >&2; exit 1; }
expected=$("$PYTHON" -c "import runpy; print(runpy.run_path('$ROOT/nodeeditor/app/version.py')['__version__'])")

# setuptools keeps build/lib between builds and would pack files that are no longer wanted
rm -rf "$ROOT/build/lib" "$ROOT"/build/bdist.*
"$PYTHON" -m build --outdir "$WORK/dist" "$ROOT" > "$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log" >&2; fail "build failed"; }
sdist=$WORK/dist/backprop_studio-$expected.tar.gz
wheel=$WORK/dist/backprop_studio-$expected-py3-none-any.whl
tar -tzf "$sdist" > "$WORK/sdist.txt"
for member in Makefile build.spec CHANGELOG.md LICENSE scripts/release.py scripts/windows/make.sh \
              scripts/windows/build-under-wine.sh launcher/onefile.py resources/icons/app.ico; do
  grep -qx "backprop_studio-$expected/$member" "$WORK/sdist.txt" || fail "the sdist lacks $member"
done
"$TOOLS/check-wheel-contents" "$wheel"
"$TOOLS/twine" check --strict "$sdist" "$wheel"
"$PYTHON" - "$wheel" <<'PY'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
entry_points = zipfile.ZipFile(sys.argv[1]).read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
assert "[console_scripts]\nbackprop-studio = nodeeditor.app.entry:main" in entry_points, entry_points
assert "[gui_scripts]\nbackprop-studio-gui = nodeeditor.app.entry:main" in entry_points, entry_points
licences = [n for n in names if n.rsplit("/", 1)[-1].startswith("LICENSE")]
assert licences == [next(n for n in names if n.endswith(".dist-info/licenses/LICENSE"))], licences
print(f"wheel: {len(names)} files, the MIT licence once, both commands")
PY

# pipx: its own environment, so our top-level `nodeeditor` and `engine` meet no other
# project's packages of the same names (PyPI has an unrelated `nodeeditor`).
export PIPX_HOME=$WORK/pipx PIPX_BIN_DIR=$WORK/bin PIPX_MAN_DIR=$WORK/man
(cd "$ROOT" && "$TOOLS/pipx" install --quiet .) > "$WORK/pipx.log" 2>&1 || { tail -30 "$WORK/pipx.log" >&2; fail "pipx install . failed"; }
BIN=$WORK/bin/backprop-studio
[ -x "$WORK/bin/backprop-studio-gui" ] || fail "pipx installed no backprop-studio-gui"
cd "$WORK/elsewhere"  # not the checkout: resources must come from the installed package
cp "$ROOT/resources/examples/4-sphere.graph" .
version=$("$BIN" --version)
echo "$version (pipx install .)"
[ "$version" = "Backprop Studio $expected" ] || fail "--version printed '$version'"
[ "$("$WORK/bin/backprop-studio-gui" --version)" = "$version" ] || fail "backprop-studio-gui is not the same program"
"$BIN" --help | head -1 | grep -q "^usage: backprop-studio " || fail "--help does not say backprop-studio"
"$BIN" run 4-sphere.graph --json > run.json
"$PIPX_HOME/venvs/backprop-studio/bin/python" - run.json <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
nodes = {n.get("name") or n["id"]: n for n in report["nodes"]}
root = next(n for n in report["nodes"] if n["id"] == report["output"])
assert (root["value"], nodes["x0"]["grad"], nodes["x1"]["grad"]) == (45.0, 12.0, 6.0), report
print("run 4-sphere.graph --json: 45, 12, 6")
from nodeeditor.view.window.about import licence_files
names = [p.name for p in licence_files()]
assert names[:2] == ["LICENSE", "THIRD_PARTY_NOTICES.txt"] and "Qt-third-party.txt" in names, names
print(f"About lists {len(names)} licences, the MIT one from the .dist-info")
PY
QT_QPA_PLATFORM=offscreen "$BIN" --selftest
echo "pip-check: the sdist and wheel pass their checks; pipx install . works from $(pwd)"
