/**
 * Every IAM name, document and attachment of one active project (platform-spec §6.3-§6.5), as
 * data: the project group and its attachments in the §6.3 order, the project's customer-managed
 * policies, and the roles with theirs in the §6.4 order. modules/identity/project-identity.ts
 * creates exactly this; the construct knows neither the naming rules nor the policy catalogue.
 */
import { PLATFORM_POLICY_NAMES, type ProjectRoleKind } from "../names";
import type { PolicyDocument } from "./policy-document";
import {
  PROJECT_POLICY_DESCRIPTIONS,
  projectPolicyDocuments,
  type ProjectPolicyProps,
  type ProjectPolicySuffix,
} from "./project-policies";
import { projectRoleAttachments, type PolicyAttachmentRef, type RoleFeatures } from "./role-attachments";

export interface ProjectIamProps extends ProjectPolicyProps {
  /** Which of the Training, Processing and Inference roles exist (`features` of the org file). */
  readonly features: RoleFeatures;
}

/** One customer-managed policy of the project. */
export interface ProjectPolicy {
  /** Stable key: names the construct and the attachments that refer to it. */
  readonly suffix: ProjectPolicySuffix;
  readonly name: string;
  /** Computed from the name (deterministic, §2): attachments need no reference to read it. */
  readonly arn: string;
  readonly description: string;
  readonly document: PolicyDocument;
}

/** One project role and its managed policies, in attachment order. */
export interface ProjectRole {
  readonly kind: ProjectRoleKind;
  readonly roleName: string;
  readonly description: string;
  readonly attachments: readonly PolicyAttachmentRef[];
}

export interface ProjectIam {
  readonly groupName: string;
  readonly policies: readonly ProjectPolicy[];
  /** The group's managed policies in the §6.3 order; `key` is a policy suffix when the project owns it. */
  readonly groupAttachments: readonly PolicyAttachmentRef[];
  /** The roles that exist (Training, Processing and Inference only when their feature is on). */
  readonly roles: readonly ProjectRole[];
}

/** §6.3 attachment order of the project group; the whitelist closes the direct CreateApp path (§6.5). */
const GROUP_POLICIES = ["Access", "DenyAdmin", "S3Access", "PassRole", "InstanceWhitelist"] as const;

const ROLE_DESCRIPTIONS: Record<ProjectRoleKind, string> = {
  Execution: "Studio sessions",
  Training: "training and tuning jobs",
  Processing: "processing jobs",
  Inference: "models, endpoints and batch transform",
};

/** The project's IAM, from the policy inputs and the role features. */
export function projectIam(p: ProjectIamProps): ProjectIam {
  const { names } = p;
  const label = `${p.team}/${p.project}`;
  const docs = projectPolicyDocuments(p);
  const policies = (Object.entries(docs) as [ProjectPolicySuffix, PolicyDocument][]).map(([suffix, document]) => {
    const name = names.projectPolicy(p.teamFullName, p.project, suffix);
    const description = `${label} ${PROJECT_POLICY_DESCRIPTIONS[suffix]}`;
    return { suffix, name, arn: names.policyArn(name), description, document };
  });
  const owned = new Map(policies.map((policy) => [policy.suffix as string, policy]));
  const groupAttachments = GROUP_POLICIES.flatMap((key): PolicyAttachmentRef[] => {
    if (key === "DenyAdmin") return [{ key, policyArn: names.policyArn(PLATFORM_POLICY_NAMES.sharedDenyAdmin) }];
    const policy = owned.get(key);
    return policy ? [{ key, policyArn: policy.arn }] : [];
  });
  const attachments = projectRoleAttachments({
    names,
    teamFullName: p.teamFullName,
    project: p.project,
    features: p.features,
  });
  const roles = [...attachments].map(([kind, refs]) => ({
    kind,
    roleName: names.projectRole(p.teamFullName, p.project, kind),
    description: `${label}: ${ROLE_DESCRIPTIONS[kind]}`,
    attachments: refs,
  }));
  return { groupName: names.projectGroup(p.team, p.project), policies, groupAttachments, roles };
}
