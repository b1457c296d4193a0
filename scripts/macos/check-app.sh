#!/usr/bin/env bash
# The macOS builds checked as a student meets them, after scripts/macos/sign-app.sh: the
# app's signature, every bundled library named in the licence notices, --selftest in the
# app and in the one-folder build (Qt offscreen), and `run` on the sphere (45, 12, 6).
#   bash scripts/macos/check-app.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
app=dist/BackpropStudio.app
mkdir -p build
codesign --verify --deep --strict --verbose=2 "$app"
codesign --display --verbose=2 "$app" 2>&1 | grep -E "^(Identifier|Signature|Authority|TeamIdentifier)" || true
python3 scripts/check_notices.py dist/BackpropStudio-folder
export QT_QPA_PLATFORM=offscreen
"$app/Contents/MacOS/BackpropStudio" --selftest | tee build/selftest-app.txt
grep -q "passed, 0 failed" build/selftest-app.txt
dist/BackpropStudio-folder/BackpropStudio --selftest | tee build/selftest-folder.txt
grep -q "passed, 0 failed" build/selftest-folder.txt
"$app/Contents/MacOS/BackpropStudio" run resources/examples/4-sphere.graph | tee build/run.txt
for number in 45.0 12.0 6.0; do
  grep -q "$number" build/run.txt || { echo "check-app: run printed no $number" >&2; exit 1; }
done
echo "check-app: $app is signed and starts"
