/**
 * The construct that creates a project role (platform-spec §6.4) with its attachments; which
 * managed policies each role carries is the catalogue's (catalog/policies/role-attachments.ts).
 */
import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { sagemakerTrustPolicy } from "../../catalog/policies/trust";
import type { PolicyAttachmentRef } from "../../catalog/policies/role-attachments";

/** One managed-policy attachment, with the policy resource when this stack creates it. */
export interface ManagedPolicyRef extends PolicyAttachmentRef {
  /**
   * The policy resource when it is created in the same stack, so the attachment waits for it.
   * @default undefined (policy of another workspace, applied earlier)
   */
  readonly policy?: ITerraformDependable;
}

export interface SageMakerRoleProps {
  /** IAM role name, e.g. `SageMaker-RiskControl-FraudDetection-ExecutionRole`. */
  readonly roleName: string;
  /** Console description of the role. */
  readonly description: string;
  /** Tags of the role (`Team`, `Project`, `ManagedBy`, `Company`). */
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
