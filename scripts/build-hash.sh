#!/usr/bin/env bash
# The SHA-256 of the single file, then one over every file of the one-folder build (names
# and contents): what make dist-check (and scripts/windows/make.sh dist-check) compare
# between two builds of one commit.
#   bash scripts/build-hash.sh [DIST]     DIST: the folder PyInstaller wrote to (dist)
set -euo pipefail
cd "$(dirname "$0")/.."
cd "${1:-dist}"
single=BackpropStudio
[ -f BackpropStudio.exe ] && single=BackpropStudio.exe
sha256sum "$single" | cut -d' ' -f1 | sed 's/$/  single file/'
find BackpropStudio-folder -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum \
  | cut -d' ' -f1 | sed 's/$/  one-folder build/'
