/**
 * The project policy documents (platform-spec §8.10-§8.22) and the per-user PassRole scope.
 * §8.10-§8.21 are templates in the spec's shape (`project/<suffix>.json`, with their deviations
 * from §8 as data); the role scope (§14.3) and the instance whitelist (§8.22/§14.7) are lists
 * computed from the org and stay code (scope-policies.ts). Pure functions of plain values: the
 * workspace renders them, and the org loader measures them against the 6,144-character quota with
 * the YAML location of the project (org/rules/identity.ts).
 *
 * The templates use the spec's naming placeholders (`{company}-sm-{team}-{project}`,
 * `SageMaker-{TeamPascal}-{ProjectPascal}-…`, `space-{team}-{projectShort}-*`); a test renders
 * them and checks that they name exactly what catalog/names.ts names (§11.4).
 */
import { pascal, short, type Names } from "../names";
import { policyDocument, type PolicyDocument } from "./policy-document";
import { policyTemplate, renderPolicy, type PolicyTemplate, type PolicyValues } from "./render-policy";
import {
  dataScopeStatements,
  downloadPinningStatement,
  instanceWhitelistStatements,
  roleScopePolicy,
  type DownloadPinning,
  type InstanceWhitelist,
} from "./scope-policies";
import access from "./project/Access.json";
import s3Access from "./project/S3Access.json";
import passRole from "./project/PassRole.json";
import executionPolicy from "./project/ExecutionPolicy.json";
import executionJobPolicy from "./project/ExecutionJobPolicy.json";
import trainingPolicy from "./project/TrainingPolicy.json";
import trainingOpsPolicy from "./project/TrainingOpsPolicy.json";
import processingPolicy from "./project/ProcessingPolicy.json";
import processingOpsPolicy from "./project/ProcessingOpsPolicy.json";
import inferencePolicy from "./project/InferencePolicy.json";
import inferenceOpsPolicy from "./project/InferenceOpsPolicy.json";
import denyCrossProject from "./project/DenyCrossProject.json";

export type ProjectPolicySuffix =
  | "Access"
  | "S3Access"
  | "PassRole"
  | "ExecutionPolicy"
  | "ExecutionJobPolicy"
  | "TrainingPolicy"
  | "TrainingOpsPolicy"
  | "ProcessingPolicy"
  | "ProcessingOpsPolicy"
  | "InferencePolicy"
  | "InferenceOpsPolicy"
  | "DenyCrossProject"
  | "InstanceWhitelist"
  | "RoleScope";

export interface ProjectPolicyProps {
  readonly names: Names;
  /** Short team id (`rc`). */
  readonly team: string;
  /** Team full name (`risk-control`), source of `{TeamPascal}` in role names. */
  readonly teamFullName: string;
  /** Project name (`fraud-detection`). */
  readonly project: string;
  /** Every configured private subnet id: models may only be created there (§8.20). */
  readonly privateSubnetIds: readonly string[];
  /** Security groups a model may use: the Studio SG and the inference SG (§8.20). */
  readonly modelSecurityGroupIds: readonly string[];
  /**
   * Allowed Studio app and job/endpoint instance types (§6.5, §14.7).
   * @default undefined: unrestricted, no InstanceWhitelist policy and no whitelist in the role scope
   */
  readonly whitelist?: InstanceWhitelist;
  /**
   * The buckets' SSE-KMS key (§14.5): the project's group and roles may use it through S3 only.
   * @default undefined: SSE-S3, no KMS statement
   */
  readonly bucketKmsKeyArn?: string;
  /**
   * The allow-download lifecycle config and the project's profiles entitled to it (§14.9).
   * @default undefined: no pinning
   */
  readonly downloadPinning?: DownloadPinning;
}

/** §8.10-§8.21 in the spec's shape (`project/<suffix>.json`), in the §0.2 order. */
export const PROJECT_POLICY_TEMPLATES: Readonly<Record<TemplatedSuffix, PolicyTemplate>> = {
  Access: policyTemplate(access),
  S3Access: policyTemplate(s3Access),
  PassRole: policyTemplate(passRole),
  ExecutionPolicy: policyTemplate(executionPolicy),
  ExecutionJobPolicy: policyTemplate(executionJobPolicy),
  TrainingPolicy: policyTemplate(trainingPolicy),
  TrainingOpsPolicy: policyTemplate(trainingOpsPolicy),
  ProcessingPolicy: policyTemplate(processingPolicy),
  ProcessingOpsPolicy: policyTemplate(processingOpsPolicy),
  InferencePolicy: policyTemplate(inferencePolicy),
  InferenceOpsPolicy: policyTemplate(inferenceOpsPolicy),
  DenyCrossProject: policyTemplate(denyCrossProject),
};

/** The project policies built in code: their statements are lists computed from the org (§14.3, §14.7). */
type ComputedSuffix = "InstanceWhitelist" | "RoleScope";
type TemplatedSuffix = Exclude<ProjectPolicySuffix, ComputedSuffix>;

/** Descriptions shown in the IAM console (free text; not part of the §8 contract). */
export const PROJECT_POLICY_DESCRIPTIONS: Readonly<Record<ProjectPolicySuffix, string>> = {
  ...(Object.fromEntries(Object.entries(PROJECT_POLICY_TEMPLATES).map(([k, t]) => [k, t.description])) as Record<
    TemplatedSuffix,
    string
  >),
  InstanceWhitelist: "project group: allowed Studio app and job instance types",
  RoleScope: "all project roles: denied everything outside the project",
};

/** The placeholder values of one project's templates. */
function projectPolicyValues(p: ProjectPolicyProps): PolicyValues {
  const { names } = p;
  const { region, accountId: account, company } = names.p;
  return {
    account,
    region,
    company,
    team: p.team,
    TeamPascal: pascal(p.teamFullName),
    project: p.project,
    ProjectPascal: pascal(p.project),
    projectShort: short(p.project),
    bucketKmsKeyArn: p.bucketKmsKeyArn,
    // Sorted: reordering `network.privateSubnetIds` must change no policy.
    privateSubnetIds: [...p.privateSubnetIds].sort(),
    modelSecurityGroupIds: [...p.modelSecurityGroupIds],
    dataScope: dataScopeStatements(names, [{ team: p.team, project: p.project }]),
    downloadPinning: p.downloadPinning ? [downloadPinningStatement(p.downloadPinning)] : [],
  };
}

/** §8.22 as corrected by §14.7: Studio apps and jobs/endpoint configs on listed instance types only. */
export function instanceWhitelistPolicy(whitelist: InstanceWhitelist): PolicyDocument {
  return policyDocument(instanceWhitelistStatements(whitelist.apps, whitelist.jobs));
}

/**
 * Every policy document of one active project, in the §0.2 order. `InstanceWhitelist` is
 * present only when the project is restricted. Policies of a disabled specialised role are
 * still rendered (§1.2: "their policies exist regardless").
 */
export function projectPolicyDocuments(p: ProjectPolicyProps): Partial<Record<ProjectPolicySuffix, PolicyDocument>> {
  const values = projectPolicyValues(p);
  const docs: Partial<Record<ProjectPolicySuffix, PolicyDocument>> = {};
  for (const [suffix, template] of Object.entries(PROJECT_POLICY_TEMPLATES))
    docs[suffix as TemplatedSuffix] = renderPolicy(template, values);
  docs.RoleScope = roleScopePolicy(p);
  if (p.whitelist) docs.InstanceWhitelist = instanceWhitelistPolicy(p.whitelist);
  return docs;
}

export interface PassRoleScopeProps {
  readonly names: Names;
  readonly teamFullName: string;
  /** The user's active projects (any order; the document is sorted). */
  readonly projects: readonly string[];
}

/**
 * Per-user deny (replaces §8.12's per-group `DenyPassRoleToOtherProjects`): the user may pass
 * only roles of their own projects, never the domain default role (§14.4). Computed from all of
 * the user's memberships, so a member of two projects can pass the roles of both.
 */
export function passRoleScopePolicy(p: PassRoleScopeProps): PolicyDocument {
  const { names } = p;
  const patterns = [...p.projects]
    .sort()
    .map((project) =>
      names.roleArn(names.projectRole(p.teamFullName, project, "Execution").replace(/ExecutionRole$/, "*")),
    );
  return policyDocument([
    {
      Sid: "DenyPassRoleOutsideOwnProjects",
      Effect: "Deny",
      Action: "iam:PassRole",
      ...(patterns.length ? { NotResource: patterns } : { Resource: "*" }),
    },
  ]);
}
