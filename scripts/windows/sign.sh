#!/usr/bin/env bash
# Sign the Windows programs with a code-signing certificate from the CI's secrets, when the
# repository has one; otherwise say so and leave them unsigned (SmartScreen then warns on
# the first start: the README says how to run them anyway). Runs in Git Bash on GitHub's
# windows-2022 runner, with signtool from its Windows SDK.
#
#   bash scripts/windows/sign.sh dist
#
# Secrets: WINDOWS_CERTIFICATE (the .pfx, base64) and WINDOWS_CERTIFICATE_PASSWORD.
set -euo pipefail
dist=$1
if [ -z "${WINDOWS_CERTIFICATE:-}" ]; then
  echo "sign: no WINDOWS_CERTIFICATE secret: the programs stay unsigned"
  exit 0
fi
signtool=$(find "/c/Program Files (x86)/Windows Kits/10/bin" -path "*/x64/signtool.exe" 2>/dev/null | sort -V | tail -1)
[ -n "$signtool" ] || { echo "sign: signtool.exe not found in the Windows SDK" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%s' "$WINDOWS_CERTIFICATE" | base64 --decode > "$work/certificate.pfx"
for program in "$dist/BackpropStudio.exe" "$dist/BackpropStudio-folder/BackpropStudio.exe"; do
  "$signtool" sign /f "$(cygpath -w "$work/certificate.pfx")" /p "${WINDOWS_CERTIFICATE_PASSWORD:-}" \
    /fd sha256 /tr http://timestamp.digicert.com /td sha256 /d "Backprop Studio" "$(cygpath -w "$program")"
  "$signtool" verify /pa "$(cygpath -w "$program")"
done
echo "sign: both programs are signed"
