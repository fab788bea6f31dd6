import {
  block,
  nonEmptyString,
  reporter,
  resourcesOf,
  strings,
  type Finding,
  type GuardrailRule,
  type JsonObject,
} from "../terraform-json";

const ID = "SMP-SM-3";

/** Why `settings` (a user-settings block) breaks §5.5, or undefined. */
function problem(settings: JsonObject): string | undefined {
  const lab = block(settings.jupyter_lab_app_settings);
  const arn = block(lab.default_resource_spec).lifecycle_config_arn;
  const allowed = strings(lab.lifecycle_config_arns);
  if (!nonEmptyString(arn)) return "has no jupyter_lab_app_settings.default_resource_spec.lifecycle_config_arn";
  if (!allowed.includes(arn)) return "has a default lifecycle config that is not in lifecycle_config_arns";
  return undefined;
}

/**
 * SMP-SM-3: the provider cannot send "no lifecycle config", so an emptied setting silently
 * inherits the domain default (download allowed or not) and shows a permanent diff; a default
 * config missing from the allowed list makes the app launch fail.
 */
export const studioLifecycleConfig: GuardrailRule = {
  id: ID,
  description:
    "the domain and every user profile set a default JupyterLab lifecycle config that is also in lifecycle_config_arns",
  spec: "§5.1, §5.5, §11.10",
  check(workspace, stack) {
    const report = reporter(ID, workspace);
    const out: Finding[] = [];
    for (const [name, domain] of resourcesOf(stack, "aws_sagemaker_domain")) {
      const p = problem(block(domain.default_user_settings));
      if (p) out.push(report(`aws_sagemaker_domain.${name}`, `default_user_settings ${p}`));
      // Shared-space defaults may be left to inherit; a default set there must still be allowed.
      const space = block(domain.default_space_settings);
      const spaceDefault = block(block(space.jupyter_lab_app_settings).default_resource_spec).lifecycle_config_arn;
      const q = problem(space);
      if (q && spaceDefault !== undefined)
        out.push(report(`aws_sagemaker_domain.${name}`, `default_space_settings ${q}`));
    }
    for (const [name, profile] of resourcesOf(stack, "aws_sagemaker_user_profile")) {
      const p = problem(block(profile.user_settings));
      if (p) out.push(report(`aws_sagemaker_user_profile.${name}`, `user_settings ${p}`));
    }
    return out;
  },
};
