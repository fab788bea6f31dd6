#!/usr/bin/env bash
# After merge: for each workspace in apply order, plan (saved cloud plan), run the destroy guard on
# that plan (workspace-qualified approvals allowed: --partial), delete the apps of the spaces and
# profiles it destroys, then apply exactly that plan. Stops at the first failure.
set -euo pipefail
mkdir -p plans
for ws in $(node dist/scripts/workspace-order.js); do
  echo "::group::$ws"
  dir="cdktf.out/stacks/$ws"
  (cd "$dir" && terraform init -input=false >/dev/null && bash ../../../scripts/ci/ensure-state.sh &&
    terraform plan -input=false -out=tfplan &&
    terraform show -json tfplan > "../../../plans/$ws.json")
  node dist/scripts/plan-guard.js "plans/$ws.json" --partial
  node dist/scripts/pre-destroy.js "plans/$ws.json" --execute
  (cd "$dir" && terraform apply -input=false tfplan)
  echo "::endgroup::"
done
