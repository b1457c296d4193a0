#!/usr/bin/env bash
# The SHA-256 of the single file, then one over every file of the one-folder build (names
# and contents): what make dist-check compares between two builds of one commit.
set -euo pipefail
cd "$(dirname "$0")/../dist"
sha256sum BackpropStudio | cut -d' ' -f1 | sed 's/$/  single file/'
find BackpropStudio-folder -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum \
  | cut -d' ' -f1 | sed 's/$/  one-folder build/'
