/**
 * The four project roles (platform-spec §6.4): which managed policies each one carries, in the
 * §6.4 order. Pure data: the org loader measures it (managed policies per role), the team
 * workspace creates the attachments (modules/identity/project-roles.ts).
 */
import { PLATFORM_POLICY_NAMES, type Names, type ProjectRoleKind } from "../names";
import { CANVAS_POLICIES } from "./aws-managed-policies";

/** One managed-policy attachment; `key` is stable and names the construct (never a position). */
export interface PolicyAttachmentRef {
  readonly key: string;
  readonly policyArn: string;
}

export interface RoleFeatures {
  readonly canvas: boolean;
  readonly mlflow: boolean;
  readonly trainingRole: boolean;
  readonly processingRole: boolean;
  readonly inferenceRole: boolean;
}

export interface ProjectRoleAttachmentProps {
  readonly names: Names;
  readonly teamFullName: string;
  readonly project: string;
  readonly features: RoleFeatures;
}

export const ROLE_FEATURE: Record<Exclude<ProjectRoleKind, "Execution">, keyof RoleFeatures> = {
  Training: "trainingRole",
  Processing: "processingRole",
  Inference: "inferenceRole",
};

/**
 * The roles a project gets (Training/Processing/Inference only when their feature flag is on)
 * and their managed policies in the §6.4 order. Pure: the org loader uses it for the
 * managed-policies-per-role quota, the team workspace to create the attachments.
 */
export function projectRoleAttachments(p: ProjectRoleAttachmentProps): Map<ProjectRoleKind, PolicyAttachmentRef[]> {
  const { names } = p;
  const aws = (name: string): PolicyAttachmentRef => ({
    key: name.replace(/^service-role\//, ""),
    policyArn: names.awsManagedPolicyArn(name),
  });
  const platform = (name: string): PolicyAttachmentRef => ({ key: name, policyArn: names.policyArn(name) });
  const project = (suffix: string): PolicyAttachmentRef => ({
    key: suffix,
    policyArn: names.policyArn(names.projectPolicy(p.teamFullName, p.project, suffix)),
  });
  const denyAdmin = platform(PLATFORM_POLICY_NAMES.sharedDenyAdmin);

  const roles = new Map<ProjectRoleKind, PolicyAttachmentRef[]>();
  roles.set("Execution", [
    aws("AmazonSageMakerFullAccess"),
    ...(p.features.canvas ? CANVAS_POLICIES.map(aws) : []),
    platform(PLATFORM_POLICY_NAMES.studioAppPermissions),
    ...(p.features.mlflow ? [platform(PLATFORM_POLICY_NAMES.mlflowAppAccess)] : []),
    denyAdmin,
    project("S3Access"),
    project("ExecutionPolicy"),
    project("ExecutionJobPolicy"),
    project("DenyCrossProject"),
    // The scope deny of §14.3; it also carries the project's instance whitelist (§14.7).
    project("RoleScope"),
  ]);
  for (const kind of ["Training", "Processing", "Inference"] as const)
    if (p.features[ROLE_FEATURE[kind]])
      roles.set(kind, [
        denyAdmin,
        project(`${kind}Policy`),
        project(`${kind}OpsPolicy`),
        project("DenyCrossProject"),
        project("RoleScope"),
      ]);
  return roles;
}
