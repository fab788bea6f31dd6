/**
 * The four project roles (platform-spec §6.4): which managed policies each one carries, and the
 * construct that creates a role with its attachments.
 */
import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { PLATFORM_POLICY_NAMES, type Names, type ProjectRoleKind } from "../../org/names";
import { sagemakerTrustPolicy } from "./trust";

/** One managed-policy attachment; `key` is stable and names the construct (never a position). */
export interface ManagedPolicyRef {
  readonly key: string;
  readonly policyArn: string;
  /**
   * The policy resource when it is created in the same stack, so the attachment waits for it.
   * @default undefined (policy of another workspace, applied earlier)
   */
  readonly policy?: ITerraformDependable;
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

/** AWS-managed Canvas policies (§3.1); the last one lives under `service-role/`. */
export const CANVAS_POLICIES = [
  "AmazonSageMakerCanvasFullAccess",
  "AmazonSageMakerCanvasAIServicesAccess",
  "AmazonSageMakerCanvasDataPrepFullAccess",
  "service-role/AmazonSageMakerCanvasDirectDeployAccess",
] as const;

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
export function projectRoleAttachments(p: ProjectRoleAttachmentProps): Map<ProjectRoleKind, ManagedPolicyRef[]> {
  const { names } = p;
  const aws = (name: string): ManagedPolicyRef => ({
    key: name.replace(/^service-role\//, ""),
    policyArn: names.awsManagedPolicyArn(name),
  });
  const platform = (name: string): ManagedPolicyRef => ({ key: name, policyArn: names.policyArn(name) });
  const project = (suffix: string): ManagedPolicyRef => ({
    key: suffix,
    policyArn: names.policyArn(names.projectPolicy(p.teamFullName, p.project, suffix)),
  });
  const denyAdmin = platform(PLATFORM_POLICY_NAMES.sharedDenyAdmin);

  const roles = new Map<ProjectRoleKind, ManagedPolicyRef[]>();
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

export interface SageMakerRoleProps {
  readonly roleName: string;
  readonly description: string;
  readonly tags: Record<string, string>;
  /** Managed policies to attach, keyed by a stable key. */
  readonly managedPolicies: readonly ManagedPolicyRef[];
}

/**
 * A role SageMaker assumes (trust §8.0) at path "/", with one attachment resource per managed
 * policy. Attachments are separate resources (not the deprecated `managed_policy_arns`), so
 * adding or removing one policy touches only that attachment.
 */
export class SageMakerRole extends Construct {
  readonly role: IamRole;
  readonly roleName: string;
  readonly roleArn: string;
  /** Managed policies attached to the role (the IAM quota counts them). */
  readonly policyCount: number;

  constructor(scope: Construct, id: string, props: SageMakerRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, "Role", {
      name: props.roleName,
      // Path "/": Studio fails to assume a path-prefixed role ("unable to assume the role", §6.4).
      path: "/",
      description: props.description,
      assumeRolePolicy: JSON.stringify(sagemakerTrustPolicy()),
      tags: props.tags,
    });
    this.roleName = props.roleName;
    this.policyCount = props.managedPolicies.length;
    this.roleArn = this.role.arn;
    for (const ref of props.managedPolicies)
      new IamRolePolicyAttachment(this, `attach-${ref.key}`, {
        role: this.role.name,
        policyArn: ref.policyArn,
        dependsOn: ref.policy ? [ref.policy] : undefined,
      });
  }
}
