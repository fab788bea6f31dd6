/**
 * Every IAM resource of one active project (platform-spec §6.3-§6.5): the project group and its
 * attachments, the project's customer-managed policies, and the project roles with theirs.
 */
import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import { IamGroup } from "@cdktf/provider-aws/lib/iam-group";
import { IamGroupPolicyAttachment } from "@cdktf/provider-aws/lib/iam-group-policy-attachment";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { PLATFORM_POLICY_NAMES, type ProjectRoleKind } from "../../catalog/names";
import { toTerraformPolicyJson } from "../../catalog/policies/policy-document";
import {
  PROJECT_POLICY_DESCRIPTIONS,
  projectPolicyDocuments,
  type ProjectPolicyProps,
  type ProjectPolicySuffix,
} from "../../catalog/policies/project-policies";
import { SageMakerRole, type ManagedPolicyRef } from "./project-roles";
import { projectRoleAttachments, type RoleFeatures } from "../../catalog/policies/role-attachments";

/** The policy inputs (team, project, subnets, model SGs, whitelist) plus what the constructs need. */
export interface ProjectIdentityProps extends ProjectPolicyProps {
  /** IAM path of the group and the policies (roles stay at "/"). */
  readonly iamPath: string;
  /** Which of the Training, Processing and Inference roles exist (`features` of the org file). */
  readonly features: RoleFeatures;
  /** Tags of the roles (§0.3); the specialised roles add `Purpose`. */
  readonly roleTags: Record<string, string>;
}

/** §6.3 attachment order of the project group; the whitelist closes the direct CreateApp path (§6.5). */
const GROUP_POLICIES = ["Access", "DenyAdmin", "S3Access", "PassRole", "InstanceWhitelist"] as const;

const ROLE_DESCRIPTIONS: Record<ProjectRoleKind, string> = {
  Execution: "Studio sessions",
  Training: "training and tuning jobs",
  Processing: "processing jobs",
  Inference: "models, endpoints and batch transform",
};

export class ProjectIdentity extends Construct {
  readonly group: IamGroup;
  readonly groupName: string;
  readonly policies: ReadonlyMap<ProjectPolicySuffix, IamPolicy>;
  readonly roles: ReadonlyMap<ProjectRoleKind, SageMakerRole>;
  /** The ExecutionRole, for what must wait until it exists (bucket policies naming it, §6.6). */
  readonly executionRole: ITerraformDependable;

  constructor(scope: Construct, id: string, props: ProjectIdentityProps) {
    super(scope, id);
    const { names } = props;
    this.groupName = names.projectGroup(props.team, props.project);
    this.group = new IamGroup(this, "Group", { name: this.groupName, path: props.iamPath });

    const docs = projectPolicyDocuments(props);
    const policies = new Map<ProjectPolicySuffix, IamPolicy>();
    for (const [suffix, document] of Object.entries(docs) as [
      ProjectPolicySuffix,
      NonNullable<(typeof docs)[ProjectPolicySuffix]>,
    ][])
      policies.set(
        suffix,
        new IamPolicy(this, `policy-${suffix}`, {
          name: names.projectPolicy(props.teamFullName, props.project, suffix),
          path: props.iamPath,
          description: `${props.team}/${props.project} ${PROJECT_POLICY_DESCRIPTIONS[suffix]}`,
          policy: toTerraformPolicyJson(document),
        }),
      );
    this.policies = policies;

    // ARNs are computed from names (deterministic, §2); `dependsOn` orders the attachment after
    // the policy of this stack.
    for (const key of GROUP_POLICIES) {
      if (key === "DenyAdmin") {
        const policyArn = names.policyArn(PLATFORM_POLICY_NAMES.sharedDenyAdmin);
        new IamGroupPolicyAttachment(this, `group-attach-${key}`, { group: this.group.name, policyArn });
        continue;
      }
      const policy = policies.get(key);
      if (policy)
        new IamGroupPolicyAttachment(this, `group-attach-${key}`, {
          group: this.group.name,
          policyArn: names.policyArn(names.projectPolicy(props.teamFullName, props.project, key)),
          dependsOn: [policy],
        });
    }

    const local = (ref: ManagedPolicyRef): ManagedPolicyRef => {
      const policy = policies.get(ref.key as ProjectPolicySuffix);
      return policy ? { ...ref, policy } : ref;
    };
    const roles = new Map<ProjectRoleKind, SageMakerRole>();
    const attachments = projectRoleAttachments({
      names,
      teamFullName: props.teamFullName,
      project: props.project,
      features: props.features,
    });
    for (const [kind, refs] of attachments)
      roles.set(
        kind,
        new SageMakerRole(this, `role-${kind}`, {
          roleName: names.projectRole(props.teamFullName, props.project, kind),
          description: `${props.team}/${props.project}: ${ROLE_DESCRIPTIONS[kind]}`,
          tags: kind === "Execution" ? props.roleTags : { ...props.roleTags, Purpose: kind },
          managedPolicies: refs.map(local),
        }),
      );
    this.roles = roles;
    this.executionRole = roles.get("Execution")!.role;
  }
}
