#!/usr/bin/env bash
# Plans every synthesized workspace in apply order into plans/<workspace>.json (saved cloud plans
# with the Terraform Cloud backend). Downstream plans read upstream outputs as last applied.
set -euo pipefail
mkdir -p plans
for ws in $(node dist/scripts/workspace-order.js); do
  echo "::group::plan $ws"
  (cd "cdktf.out/stacks/$ws" &&
    terraform init -input=false >/dev/null &&
    bash ../../../scripts/ci/ensure-state.sh &&
    terraform plan -input=false -out=tfplan &&
    terraform show -json tfplan > "../../../plans/$ws.json")
  echo "::endgroup::"
done
