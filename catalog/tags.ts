/**
 * Platform tags (platform-spec §0.3): which resources carry them, and the one definition of
 * `ManagedBy`. Each workspace's tags aspect (modules/tags.ts) adds `ManagedBy` to every resource
 * of a tagged type, so no construct writes it; the other §0.3 tags (Team, Project, Owner, Name,
 * ...) describe the one resource and stay with it.
 */

/**
 * Resource types the platform tags. IAM groups, policies and attachments, S3 objects and bucket
 * settings, security-group rules, ECR lifecycle policies and event targets are untagged by design
 * (§0.3): they belong to a tagged resource.
 */
export const TAGGED_RESOURCE_TYPES: ReadonlySet<string> = new Set([
  "aws_cloudtrail",
  "aws_cloudwatch_event_rule",
  "aws_cloudwatch_log_group",
  "aws_cloudwatch_metric_alarm",
  "aws_ecr_repository",
  "aws_iam_role",
  "aws_iam_user",
  "aws_s3_bucket",
  "aws_sagemaker_domain",
  "aws_sagemaker_model_package_group",
  "aws_sagemaker_space",
  "aws_sagemaker_studio_lifecycle_config",
  "aws_sagemaker_user_profile",
  "aws_security_group",
  "aws_sns_topic",
  "aws_vpc_endpoint",
]);

/** What a workspace manages, as §0.3 tells the two `ManagedBy` values apart. */
export type ManagedFamily = "identity-and-data" | "infrastructure";

/**
 * `ManagedBy` (§0.3): `{company}-sagemaker` on the platform's identities, data and Studio homes
 * (foundation, team and domain-team workspaces); `{tagPrefix}` (by default the same value) on
 * the network, the domain and the registry. The spec itself uses both forms.
 */
export function managedBy(p: { readonly company: string; readonly tagPrefix: string }, family: ManagedFamily): string {
  return family === "identity-and-data" ? `${p.company}-sagemaker` : p.tagPrefix;
}
