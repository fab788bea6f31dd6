#!/usr/bin/env bash
# The destroy approvals of a pull request (docs/plan-guard.md): the names on `Allow-Destroy:` lines
# of its description count only while the `allow-destroy` label is set. Reads BODY and LABELLED
# from the environment (never pasted into a script); writes `names=…` to $GITHUB_OUTPUT.
set -euo pipefail
names=""
if [ "${LABELLED:-false}" = "true" ]; then
  names=$(printf '%s\n' "${BODY:-}" | sed -n 's/^[Aa]llow-[Dd]estroy:[[:space:]]*//p' | tr ',\r' '  ' | xargs)
fi
echo "approved: ${names:-none}"
echo "names=$names" >> "${GITHUB_OUTPUT:-/dev/stdout}"
