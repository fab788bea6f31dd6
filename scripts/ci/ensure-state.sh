#!/usr/bin/env bash
# Gives a brand-new workspace an empty state, once, so that its first plan can read its own last
# apply (the data guards: foundation, registry, domain and each team's domain-<id> do). Run in an
# initialised workspace directory. A workspace that has a state is left alone; `state pull` must
# succeed, and Terraform refuses to push over any existing state of another lineage anyway.
set -euo pipefail
current=$(terraform state pull)
if [ -z "$current" ]; then
  empty=$(mktemp)
  printf '{"version":4,"terraform_version":"1.11.4","serial":0,"lineage":"%s","outputs":{},"resources":[]}\n' \
    "$(cat /proc/sys/kernel/random/uuid)" >"$empty"
  terraform state push "$empty"
  rm -f "$empty"
  echo "ensure-state: $(basename "$PWD") had no state; pushed an empty one"
fi
