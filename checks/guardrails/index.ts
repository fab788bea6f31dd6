/**
 * The guardrail rule pack (cdk-nag style): platform invariants checked on every workspace's
 * synthesized Terraform JSON. They catch regressions in this repository's code (the org file is
 * validated by the loader); `synthesize` refuses to write output with an unsuppressed finding.
 * One pure rule per file under `rules/`; IDs are stable (suppressions and docs name them).
 */
import type { Finding, GuardrailRule, TerraformJson } from "./terraform-json";
import { SUPPRESSIONS, type Suppression } from "./suppressions";
import { s3PublicAccessBlock } from "./rules/s3-public-access-block";
import { s3Versioning } from "./rules/s3-versioning";
import { s3Encryption } from "./rules/s3-encryption";
import { s3DeletionProtection } from "./rules/s3-deletion-protection";
import { s3SecureTransport } from "./rules/s3-secure-transport";
import { iamRolePath } from "./rules/iam-role-path";
import { iamUserBoundary } from "./rules/iam-user-boundary";
import { iamUserGrants } from "./rules/iam-user-grants";
import { iamUserCredentials } from "./rules/iam-user-credentials";
import { iamPolicyDocuments } from "./rules/iam-policy-documents";
import { sgExplicitEgress } from "./rules/sg-explicit-egress";
import { registryProtection } from "./rules/registry-protection";
import { tagsManagedBy } from "./rules/tags-managed-by";
import { studioOwnerPrivate } from "./rules/studio-owner-private";
import { studioDomainAccess } from "./rules/studio-domain-access";
import { studioLifecycleConfig } from "./rules/studio-lifecycle-config";
import { providerAccount } from "./rules/provider-account";

export type { Finding, GuardrailRule, TerraformJson } from "./terraform-json";
export type { Suppression } from "./suppressions";

/** Every rule, in ID order. docs/guardrails.md describes each one (a test keeps them in step). */
export const RULES: readonly GuardrailRule[] = [
  s3PublicAccessBlock, //   SMP-S3-1  public access block, all four flags
  s3Versioning, //          SMP-S3-2  versioning Enabled
  s3Encryption, //          SMP-S3-3  default encryption AES256 / aws:kms
  s3DeletionProtection, //  SMP-S3-4  prevent_destroy xor force_destroy (purge)
  s3SecureTransport, //     SMP-S3-5  bucket policies deny insecure transport
  iamRolePath, //           SMP-IAM-1 roles at path "/"
  iamUserBoundary, //       SMP-IAM-2 team users bounded; users force_destroy
  iamUserGrants, //         SMP-IAM-3 no user policy attachments; inline user policies deny only
  iamUserCredentials, //    SMP-IAM-4 login profiles PGP + reset; no access keys
  iamPolicyDocuments, //    SMP-IAM-5 policy documents valid, 2012-10-17, ≤ 6,144
  sgExplicitEgress, //      SMP-SG-1  no inline SG rules; explicit egress
  registryProtection, //    SMP-REG-1 ECR / model groups protected unless purged; scan on push
  tagsManagedBy, //         SMP-TAG-1 §0.3 tags
  studioOwnerPrivate, //    SMP-SM-1  profile Owner = IAM user; spaces Private
  studioDomainAccess, //    SMP-SM-2  domain IAM + VpcOnly
  studioLifecycleConfig, // SMP-SM-3  lifecycle config default in the allowed list
  providerAccount, //       SMP-PRV-1 provider pinned to the account
];

/** The rule ID for findings about the suppression list itself. */
export const SUPPRESSION_RULE = "SMP-SUPPRESSION";

/** Every finding of every rule in one workspace (unsuppressed). */
export function workspaceFindings(
  workspace: string,
  stack: TerraformJson,
  rules: readonly GuardrailRule[] = RULES,
): Finding[] {
  return rules.flatMap((rule) => rule.check(workspace, stack));
}

/**
 * Findings of all workspaces after suppressions, plus one finding per suppression that is
 * malformed (unknown rule, empty reason) or matches nothing. Run it over the complete output:
 * on a subset, suppressions for the other workspaces would count as unused.
 */
export function runGuardrails(
  stacks: Readonly<Record<string, TerraformJson>>,
  rules: readonly GuardrailRule[] = RULES,
  suppressions: readonly Suppression[] = SUPPRESSIONS,
): Finding[] {
  const found: Record<string, Finding[]> = {};
  for (const workspace of Object.keys(stacks))
    found[workspace] = workspaceFindings(workspace, stacks[workspace], rules);
  return suppressFindings(found, rules, suppressions);
}

/**
 * `runGuardrails` on findings already made per workspace (by synthesis workers, each on the
 * workspaces it rendered): the suppressions apply to the complete output.
 */
export function suppressFindings(
  findings: Readonly<Record<string, readonly Finding[]>>,
  rules: readonly GuardrailRule[] = RULES,
  suppressions: readonly Suppression[] = SUPPRESSIONS,
): Finding[] {
  const key = (rule: string, workspace: string, address: string) => `${rule} ${workspace} ${address}`;
  const waived = new Map<string, Suppression>();
  const out: Finding[] = [];
  const ids = new Set(rules.map((r) => r.id));
  for (const s of suppressions) {
    const bad = (message: string) =>
      out.push({
        rule: SUPPRESSION_RULE,
        workspace: s.workspace,
        address: s.address,
        message: `${s.rule}: ${message}`,
      });
    if (!ids.has(s.rule)) bad("unknown rule ID in checks/guardrails/suppressions.ts");
    else if (!s.reason?.trim()) bad("suppression without a reason in checks/guardrails/suppressions.ts");
    else if (waived.has(key(s.rule, s.workspace, s.address))) bad("duplicate suppression");
    else waived.set(key(s.rule, s.workspace, s.address), s);
  }
  const used = new Set<string>();
  for (const workspace of Object.keys(findings).sort())
    for (const f of findings[workspace]) {
      const k = key(f.rule, f.workspace, f.address);
      if (waived.has(k)) used.add(k);
      else out.push(f);
    }
  for (const [k, s] of waived)
    if (!used.has(k))
      out.push({
        rule: SUPPRESSION_RULE,
        workspace: s.workspace,
        address: s.address,
        message: `${s.rule}: unused suppression (no such finding any more): remove it from checks/guardrails/suppressions.ts`,
      });
  return out;
}

export function formatFinding(f: Finding): string {
  return `${f.rule} ${f.workspace} ${f.address}: ${f.message}`;
}
