/**
 * Every IAM resource of one active project (platform-spec §6.3-§6.5): the project group and its
 * attachments, the project's customer-managed policies, and the project roles with theirs, as
 * the catalogue lays them out (catalog/policies/project-iam.ts).
 */
import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import { IamGroup } from "@cdktf/provider-aws/lib/iam-group";
import { IamGroupPolicyAttachment } from "@cdktf/provider-aws/lib/iam-group-policy-attachment";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import type { ProjectRoleKind } from "../../catalog/names";
import { toTerraformPolicyJson } from "../../catalog/policies/policy-document";
import type { ProjectIam } from "../../catalog/policies/project-iam";
import { SageMakerRole, type ManagedPolicyRef } from "./project-roles";

export interface ProjectIdentityProps {
  /** The project's group, policies and roles: names, documents and attachments (`projectIam`). */
  readonly iam: ProjectIam;
  /** IAM path of the group and the policies (roles stay at "/"). */
  readonly iamPath: string;
  /** Tags of the roles (§0.3); the specialised roles add `Purpose`. */
  readonly roleTags: Record<string, string>;
}

export class ProjectIdentity extends Construct {
  readonly group: IamGroup;
  readonly groupName: string;
  readonly policies: ReadonlyMap<string, IamPolicy>;
  readonly roles: ReadonlyMap<ProjectRoleKind, SageMakerRole>;
  /** The ExecutionRole, for what must wait until it exists (bucket policies naming it, §6.6). */
  readonly executionRole: ITerraformDependable;

  constructor(scope: Construct, id: string, props: ProjectIdentityProps) {
    super(scope, id);
    const { iam } = props;
    this.groupName = iam.groupName;
    this.group = new IamGroup(this, "Group", { name: this.groupName, path: props.iamPath });

    const policies = new Map<string, IamPolicy>();
    for (const policy of iam.policies)
      policies.set(
        policy.suffix,
        new IamPolicy(this, `policy-${policy.suffix}`, {
          name: policy.name,
          path: props.iamPath,
          description: policy.description,
          policy: toTerraformPolicyJson(policy.document),
        }),
      );
    this.policies = policies;

    // ARNs are computed from names (deterministic, §2); `dependsOn` orders an attachment after
    // the policy when this stack creates it.
    const local = (ref: ManagedPolicyRef): ManagedPolicyRef => {
      const policy = policies.get(ref.key);
      return policy ? { ...ref, policy } : ref;
    };
    for (const ref of iam.groupAttachments.map(local))
      new IamGroupPolicyAttachment(this, `group-attach-${ref.key}`, {
        group: this.group.name,
        policyArn: ref.policyArn,
        dependsOn: ref.policy ? [ref.policy] : undefined,
      });

    const roles = new Map<ProjectRoleKind, SageMakerRole>();
    for (const role of iam.roles)
      roles.set(
        role.kind,
        new SageMakerRole(this, `role-${role.kind}`, {
          roleName: role.roleName,
          description: role.description,
          tags: role.kind === "Execution" ? props.roleTags : { ...props.roleTags, Purpose: role.kind },
          managedPolicies: role.attachments.map(local),
        }),
      );
    this.roles = roles;
    this.executionRole = roles.get("Execution")!.role;
  }
}
