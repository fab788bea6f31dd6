/**
 * The platform customer-managed policy documents (platform-spec §8.1-§8.7), the admin MFA
 * hardening policy (§3.3) and the admins' publishing policy (§14.5), kept as templates in the
 * spec's shape (`platform/<PolicyName>.json`, rendered by render-policy.ts). Pure functions of the
 * platform values, so the org loader can measure them against the 6,144-character quota before
 * anything is synthesized.
 *
 * `${aws:username}`, `${sagemaker:DomainId}` and `${sagemaker:UserProfileName}` are IAM policy
 * variables: they stay literal here and are escaped only when serialized for Terraform
 * (toTerraformPolicyJson).
 */
import type { PLATFORM_POLICY_NAMES as POLICY_NAMES, Names } from "../names";
import type { PolicyDocument } from "./policy-document";
import { domainDefaultDenyPolicy } from "./scope-policies";
import { policyTemplate, renderPolicy, type PolicyTemplate } from "./render-policy";

import studioBaseAccess from "./platform/SageMaker-Studio-Base-Access.json";
import readOnlyAccess from "./platform/SageMaker-ReadOnly-Access.json";
import userBoundary from "./platform/SageMaker-User-Boundary.json";
import userSelfService from "./platform/SageMaker-User-SelfService.json";
import studioAppPermissions from "./platform/SageMaker-StudioAppPermissions.json";
import mlflowAppAccess from "./platform/SageMaker-MLflowAppAccess.json";
import sharedDenyAdmin from "./platform/SageMaker-Shared-DenyAdmin.json";
import requireMfa from "./platform/SageMaker-Platform-RequireMFA.json";
import adminPublish from "./platform/SageMaker-Admin-Publish.json";

export type PlatformPolicyKey = keyof typeof POLICY_NAMES;

/** The platform policies kept as templates (`domainDefaultDeny` is built with the role scopes, §14.4). */
export const PLATFORM_POLICY_TEMPLATES: Readonly<
  Record<Exclude<PlatformPolicyKey, "domainDefaultDeny">, PolicyTemplate>
> = {
  studioBaseAccess: policyTemplate(studioBaseAccess),
  readOnlyAccess: policyTemplate(readOnlyAccess),
  userBoundary: policyTemplate(userBoundary),
  userSelfService: policyTemplate(userSelfService),
  studioAppPermissions: policyTemplate(studioAppPermissions),
  mlflowAppAccess: policyTemplate(mlflowAppAccess),
  sharedDenyAdmin: policyTemplate(sharedDenyAdmin),
  requireMfa: policyTemplate(requireMfa),
  adminPublish: policyTemplate(adminPublish),
};

/** Every platform policy document, keyed like PLATFORM_POLICY_NAMES. */
export function platformPolicyDocuments(names: Names): Record<PlatformPolicyKey, PolicyDocument> {
  const { accountId: account, region, company, iamPath } = names.p;
  const values = { account, region, company, iamPath };
  const out = { domainDefaultDeny: domainDefaultDenyPolicy(names) } as Record<PlatformPolicyKey, PolicyDocument>;
  for (const [key, template] of Object.entries(PLATFORM_POLICY_TEMPLATES))
    out[key as PlatformPolicyKey] = renderPolicy(template, values);
  return out;
}

/** Descriptions shown in the IAM console (free text; not part of the §8 contract). */
export const PLATFORM_POLICY_DESCRIPTIONS: Record<PlatformPolicyKey, string> = {
  ...(Object.fromEntries(Object.entries(PLATFORM_POLICY_TEMPLATES).map(([key, t]) => [key, t.description])) as Record<
    Exclude<PlatformPolicyKey, "domainDefaultDeny">,
    string
  >),
  domainDefaultDeny:
    "Keeps the domain default role from acting as a deputy: no workloads, presigning, PassRole or data",
};
