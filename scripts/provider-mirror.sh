#!/usr/bin/env bash
# Fills a filesystem mirror with the pinned AWS provider (hashicorp/aws 5.100.0) for the offline
# Terraform tests, on machines that can reach the registry (CI runners). Usage: provider-mirror.sh <dir>
set -euo pipefail
dir="${1:?usage: provider-mirror.sh <mirror dir>}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/main.tf" <<'HCL'
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}
HCL
(cd "$work" && terraform providers mirror -platform=linux_amd64 "$dir")
