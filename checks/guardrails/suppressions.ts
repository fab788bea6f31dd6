/**
 * The only place a guardrail finding can be waived. Each entry names one finding exactly (rule,
 * workspace, Terraform address) and says why the invariant does not apply there; the reviewer of
 * the pull request judges the reason. An entry that no longer matches a finding fails the
 * synthesis too, so waivers do not outlive the code they excused. See docs/guardrails.md.
 */
export interface Suppression {
  /** Rule ID, e.g. `SMP-S3-5`. */
  readonly rule: string;
  /** Workspace (stack) name, e.g. `team-rc`. */
  readonly workspace: string;
  /** Terraform address as printed in the finding, e.g. `aws_s3_bucket_policy.bucket-policy-fraud-detection`. */
  readonly address: string;
  /** Why the invariant does not apply here (required, not empty). */
  readonly reason: string;
}

export const SUPPRESSIONS: readonly Suppression[] = [];
