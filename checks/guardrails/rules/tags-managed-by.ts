import { nonEmptyString, reporter, resourcesOf, tagsOf, type Finding, type GuardrailRule } from "../terraform-json";

const ID = "SMP-TAG-1";

/**
 * Tag keys platform-spec §0.3 requires per resource type. Buckets other than project and shared
 * buckets (the §9 audit buckets) exist, so buckets are held to `ManagedBy` only.
 */
export const REQUIRED_TAGS: Readonly<Record<string, readonly string[]>> = {
  aws_s3_bucket: ["ManagedBy"],
  aws_iam_role: ["ManagedBy", "Company"],
  aws_iam_user: ["ManagedBy", "Company", "Owner"],
  aws_security_group: ["ManagedBy", "Name"],
  aws_vpc_endpoint: ["ManagedBy", "Name"],
  aws_sagemaker_domain: ["ManagedBy", "Name", "Environment"],
  aws_sagemaker_studio_lifecycle_config: ["ManagedBy", "Environment"],
  aws_sagemaker_user_profile: ["ManagedBy", "Team", "Project", "Owner", "Environment"],
  aws_sagemaker_space: ["ManagedBy", "Team", "Project", "Owner", "SpaceType", "Environment"],
  aws_ecr_repository: ["ManagedBy", "Phase"],
  aws_sagemaker_model_package_group: ["ManagedBy", "Team", "Project", "Phase"],
};

/**
 * SMP-TAG-1: `ManagedBy` tells an operator in the console that a change belongs in the org file,
 * and cost and access reviews key on Team/Project/Owner. Any other resource that is tagged at all
 * carries `ManagedBy` too; IAM groups and policies are untagged by design (§0.3).
 */
export const tagsManagedBy: GuardrailRule = {
  id: ID,
  description:
    "data-bearing and identity resources carry the §0.3 tags (at least ManagedBy); an IAM user's Owner is its name",
  spec: "§0.3",
  check(workspace, stack) {
    const report = reporter(ID, workspace);
    const out: Finding[] = [];
    for (const type of Object.keys(stack.resource ?? {})) {
      const required = REQUIRED_TAGS[type];
      for (const [name, body] of resourcesOf(stack, type)) {
        const tags = tagsOf(body);
        if (!required && !tags) continue;
        const missing = (required ?? ["ManagedBy"]).filter((k) => !nonEmptyString(tags?.[k]));
        if (missing.length)
          out.push(report(`${type}.${name}`, `has no ${missing.join(", ")} tag${missing.length > 1 ? "s" : ""}`));
        if (type === "aws_iam_user" && tags?.Owner !== undefined && tags.Owner !== body.name)
          out.push(
            report(
              `${type}.${name}`,
              `has Owner tag ${JSON.stringify(tags.Owner)}, expected the user name ${JSON.stringify(body.name)}`,
            ),
          );
      }
    }
    return out;
  },
};
