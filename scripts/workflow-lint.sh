#!/usr/bin/env bash
# Lint the GitHub workflows as GitHub would run them: actionlint, with shellcheck on every
# run: script; then shellcheck on the repository's shell scripts. actionlint skips shellcheck without a word when it finds none, so the venv's
# copy is named, and a canary workflow with an unquoted variable must be flagged: a lint
# that checks nothing fails here instead of passing.
#   bash scripts/workflow-lint.sh VENV_BIN
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.venv/bin}
[ -x "$bin/actionlint" ] && [ -x "$bin/shellcheck" ] \
  || { echo "workflow-lint: actionlint or shellcheck missing in $bin (pip install -e '.[release]')" >&2; exit 1; }
# shellcheck disable=SC2016 # the canary's $CANARY is for actionlint to see, not to expand
canary=$(printf 'on: push\njobs:\n  canary:\n    runs-on: ubuntu-22.04\n    steps:\n      - run: echo $CANARY\n' \
  | "$bin/actionlint" -shellcheck "$bin/shellcheck" - 2>&1 || true)
grep -q "SC2086" <<<"$canary" || { echo "workflow-lint: shellcheck did not run inside actionlint:" >&2; echo "$canary" >&2; exit 1; }
"$bin/actionlint" -shellcheck "$bin/shellcheck"
# The scripts those run: scripts/, the Linux install, CI's own
"$bin/shellcheck" scripts/*.sh scripts/*/*.sh resources/linux/install.sh .ci/run
echo "workflow-lint: actionlint $("$bin/actionlint" --version | head -1 | awk '{print $2}') and shellcheck found nothing in .github/workflows and the shell scripts"
