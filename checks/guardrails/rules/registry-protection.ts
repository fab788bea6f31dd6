import {
  block,
  isObject,
  preventDestroy,
  reporter,
  resourcesOf,
  type Finding,
  type GuardrailRule,
  type TerraformJson,
} from "../terraform-json";

const ID = "SMP-REG-1";

/** `team-project` names of the projects the workspace declares purge-armed (retention guard output). */
function purgeArmed(stack: TerraformJson): Set<string> {
  const value = stack.output?.retained_projects?.value;
  const out = new Set<string>();
  if (isObject(value))
    for (const [key, protection] of Object.entries(value))
      if (protection === "purge-armed") out.add(key.replace("/", "-"));
  return out;
}

/**
 * SMP-REG-1: images and model versions outlive a YAML edit. A repository is protected unless its
 * purge is armed (force_delete); a model package group has no such argument, so a lifted
 * protection must match a project the workspace publishes as purge-armed in `retained_projects`
 * (the retention guard's contract). Scan on push keeps vulnerability findings current.
 */
export const registryProtection: GuardrailRule = {
  id: ID,
  description:
    "ECR repositories and model package groups have prevent_destroy unless purged (force_delete / purge-armed); ECR scans on push",
  spec: "§7.1, §7.2, §10",
  check(workspace, stack) {
    const report = reporter(ID, workspace);
    const out: Finding[] = [];
    for (const [name, repo] of resourcesOf(stack, "aws_ecr_repository")) {
      const address = `aws_ecr_repository.${name}`;
      const protectedRepo = preventDestroy(repo);
      const purge = repo.force_delete === true;
      if (protectedRepo && purge) out.push(report(address, "has force_delete = true together with prevent_destroy"));
      if (!protectedRepo && !purge)
        out.push(
          report(address, "has neither lifecycle.prevent_destroy nor force_delete (purge): images are unprotected"),
        );
      if (block(repo.image_scanning_configuration).scan_on_push !== true)
        out.push(report(address, "does not set image_scanning_configuration.scan_on_push = true"));
    }
    const armed = purgeArmed(stack);
    for (const [name, group] of resourcesOf(stack, "aws_sagemaker_model_package_group"))
      if (!preventDestroy(group) && !armed.has(String(group.model_package_group_name)))
        out.push(
          report(
            `aws_sagemaker_model_package_group.${name}`,
            "has no lifecycle.prevent_destroy and its project is not purge-armed in the retained_projects output",
          ),
        );
    return out;
  },
};
