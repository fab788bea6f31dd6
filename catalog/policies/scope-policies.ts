/**
 * Scope denies (platform-spec §14): each principal that can act on workload resources is denied
 * everything outside its own projects with `NotResource`, whatever an allow grants (ours or the
 * AWS-managed `AmazonSageMakerFullAccess` / Canvas policies). The statements below serve:
 * - the project roles: `SageMaker-{TeamPascal}-{ProjectPascal}-RoleScope` (SageMaker part) and
 *   `…-DenyCrossProject` (data part), both on all four roles;
 * - the team users: `SageMaker-{TeamPascal}-User-{UserPascal}-Scope`, `…-Scope2`, … (packed,
 *   from the user's active memberships; a user without projects is denied every workload resource);
 * - `SageMaker-DomainDefault-Deny` on the domain default role, which owns no project at all.
 *
 * Pure functions of plain values: the loader measures them against the 6,144-character quota
 * with the YAML location of the user or project (org/rules/identity.ts).
 */
import { LIMITS, type Names } from "../names";
import { policyDocument, policySize, type PolicyDocument, type PolicyStatement } from "./policy-document";

/** One project a principal belongs to. */
export interface OwnProject {
  /** Short team id (`rc`). */
  readonly team: string;
  readonly project: string;
}

/** SageMaker actions a principal may only perform on its own projects' resources (§14.3). */
export const SCOPED_SAGEMAKER_ACTIONS = [
  "sagemaker:Create*",
  "sagemaker:Describe*",
  "sagemaker:Stop*",
  "sagemaker:Delete*",
  "sagemaker:Update*",
  "sagemaker:InvokeEndpoint*",
  "sagemaker:AddTags",
  "sagemaker:DeleteTags",
  "sagemaker:PutModelPackageGroupPolicy",
  "sagemaker:DeleteModelPackageGroupPolicy",
  "sagemaker:GetRecord",
  "sagemaker:PutRecord",
  "sagemaker:DeleteRecord",
  "sagemaker:BatchGetRecord",
  "sagemaker:StartPipelineExecution",
  "sagemaker:RetryPipelineExecution",
  "sagemaker:SendPipelineExecutionStep*",
];

/**
 * Studio object types outside every project scope: ownership of these is enforced by the tag
 * guards (§14.1), the presign scope (§14.2) and the Studio ownership conditions, not by names.
 */
export const STUDIO_RESOURCE_TYPES = [
  "domain",
  "user-profile",
  "space",
  "app",
  "mlflow-app",
  "studio-lifecycle-config",
  "image",
  "image-version",
];

/**
 * Resource types of a project's workloads, named `{team}-{project}-*` (§14.3). Listed one by one:
 * IAM accepts no wildcard in the resource-type segment of an ARN (a pattern `{any type}/{prefix}` matches nothing).
 */
export const WORKLOAD_RESOURCE_TYPES = [
  "automl-job",
  "compilation-job",
  "data-quality-job-definition",
  "endpoint",
  "endpoint-config",
  "experiment",
  "experiment-trial",
  "experiment-trial-component",
  "feature-group",
  "hyper-parameter-tuning-job",
  "inference-component",
  "inference-recommendations-job",
  "model",
  "model-bias-job-definition",
  "model-explainability-job-definition",
  "model-quality-job-definition",
  "monitoring-schedule",
  "pipeline",
  "processing-job",
  "training-job",
  "transform-job",
];

/** Every type a scope names per project: the workloads plus the model registry. */
const SCOPED_TYPES = [...WORKLOAD_RESOURCE_TYPES, "model-package-group", "model-package"];

/**
 * At most this many policies carry a user's SageMaker scope: its NotResource list grows with
 * every project of the user (23 patterns each), and a managed policy holds 6,144 characters.
 */
export const USER_SCOPE_PARTS = 3;

/** Tags that decide ownership and isolation: nobody they guard may add, change or remove them. */
export const GUARD_TAG_KEYS = ["Owner", "Team", "Project"];

/**
 * Workload creates that must carry a `Project` tag of an own project (§14.3). Experiments,
 * trials and trial components are left out: the SageMaker SDK creates them without tags (the
 * name scope still binds them); model packages inherit their group's tags.
 */
export const TAGGED_CREATE_ACTIONS = [
  "sagemaker:Create*Job",
  "sagemaker:Create*JobDefinition",
  "sagemaker:CreateAutoMLJobV2",
  "sagemaker:CreateEndpoint*",
  "sagemaker:CreateFeatureGroup",
  "sagemaker:CreateInferenceComponent",
  "sagemaker:CreateModel",
  "sagemaker:CreateModelPackageGroup",
  "sagemaker:CreateMonitoringSchedule",
  "sagemaker:CreatePipeline",
];

/**
 * Creates that must name private subnets. `CreateTransformJob` is not here although §14.3 lists
 * it: AWS has no `sagemaker:VpcSubnets` key for it (a transform job runs in its model's VPC), so
 * a `Null` deny would refuse every transform job (docs/decisions.md).
 */
export const VPC_REQUIRED_ACTIONS = [
  "sagemaker:CreateHyperParameterTuningJob",
  "sagemaker:CreateModel",
  "sagemaker:CreateProcessingJob",
  "sagemaker:CreateTrainingJob",
];

/** Job and endpoint creates bound by the jobs whitelist (§14.7). */
export const JOB_INSTANCE_ACTIONS = [
  "sagemaker:CreateEndpointConfig",
  "sagemaker:CreateHyperParameterTuningJob",
  "sagemaker:CreateProcessingJob",
  "sagemaker:CreateTrainingJob",
  "sagemaker:CreateTransformJob",
];

/** Account-wide services reachable through the managed policies that no platform principal needs. */
const DENIED_EVERYWHERE = [
  "athena:StartQueryExecution",
  "cloudwatch:DeleteAlarms",
  "cloudwatch:PutMetricAlarm",
  "cognito-idp:*",
  "ec2:CreateVpcEndpoint",
  "ec2:ModifyVpcEndpoint",
  "glue:CreateJob",
  "glue:DeleteJob",
  "glue:StartJobRun",
  "glue:UpdateJob",
  "lambda:InvokeFunction",
  "logs:DeleteLogGroup",
  "logs:DeleteLogStream",
  "logs:PutResourcePolicy",
  "servicecatalog:ProvisionProduct",
  "sns:Publish",
  "sns:Subscribe",
  "states:StartExecution",
];

const S3_WRITES = ["s3:DeleteObject", "s3:PutBucketCors", "s3:PutObject", "s3:PutObjectAcl"];
const S3_READS = ["s3:GetObject", "s3:ListBucket"];
const ECR_READS = [
  "ecr:BatchCheckLayerAvailability",
  "ecr:BatchGetImage",
  "ecr:DescribeImages",
  "ecr:GetDownloadUrlForLayer",
  "ecr:ListImages",
];
const ECR_WRITES = [
  "ecr:BatchDeleteImage",
  "ecr:CompleteLayerUpload",
  "ecr:CreateRepository",
  "ecr:DeleteRepository",
  "ecr:DeleteRepositoryPolicy",
  "ecr:InitiateLayerUpload",
  "ecr:PutImage",
  "ecr:SetRepositoryPolicy",
  "ecr:UploadLayerPart",
];
const LOG_READS_WRITES = ["logs:FilterLogEvents", "logs:GetLogEvents", "logs:PutLogEvents", "logs:StartQuery"];
const SECRET_ACTIONS = [
  "secretsmanager:CreateSecret",
  "secretsmanager:DescribeSecret",
  "secretsmanager:GetSecretValue",
  "secretsmanager:PutResourcePolicy",
];

/** ARN builders of one account and region. */
function arns(names: Names) {
  const { region, accountId: account } = names.p;
  const sm = (rest: string) => `arn:aws:sagemaker:${region}:${account}:${rest}`;
  // In NotResource lists the region and account are wildcards: the lists grow with every project
  // of a user (6,144 characters per policy), and only the name decides whose resource it is.
  const anySm = (rest: string) => `arn:aws:sagemaker:*:*:${rest}`;
  return {
    account,
    sm,
    studio: STUDIO_RESOURCE_TYPES.map((t) => anySm(`${t}/*`)),
    /** A project's workload resources of `types`: `{type}/{team}-{project}-*`, its model group and packages. */
    project: (o: OwnProject, types: readonly string[] = SCOPED_TYPES) => {
      const group = names.modelPackageGroup(o.team, o.project);
      const prefix = names.resourcePrefix(o.team, o.project);
      return types.map((t) =>
        t === "model-package-group"
          ? anySm(`model-package-group/${group}`)
          : t === "model-package"
            ? anySm(`model-package/${group}/*`)
            : anySm(`${t}/${prefix}*`),
      );
    },
    /** Every resource of `types`, whoever owns it. */
    allOf: (types: readonly string[]) => types.map((t) => anySm(`${t}/*`)),
    secrets: (o: OwnProject) =>
      `arn:aws:secretsmanager:${region}:${account}:secret:AmazonSageMaker-${names.resourcePrefix(o.team, o.project)}*`,
    logs: (o: OwnProject) => {
      const group = (rest: string) => `arn:aws:logs:${region}:${account}:log-group:${rest}`;
      const prefix = names.resourcePrefix(o.team, o.project);
      // Job logs share one group per job kind: only the streams (named after the job) are the project's.
      return [group(`/aws/sagemaker/*:log-stream:${prefix}*`), group(`/aws/sagemaker/Endpoints/${prefix}*`)];
    },
    studioLogs: `arn:aws:logs:${region}:${account}:log-group:/aws/sagemaker/studio*`,
    ecrProject: (o: OwnProject) =>
      `arn:aws:ecr:${region}:${account}:repository/${names.projectRepository(o.team, o.project, "*")}`,
    ecrShared: `arn:aws:ecr:${region}:${account}:repository/${names.sharedRepository("*")}`,
    platformBuckets: [`arn:aws:s3:::${names.p.company}-sm-*`, `arn:aws:s3:::${names.p.company}-sm-*/*`],
  };
}

const inOwnAccount = (account: string) => ({ StringEquals: { "aws:ResourceAccount": account } });

/** Deny `Action` outside `NotResource`. */
function denyOutside(
  Sid: string,
  Action: string[],
  NotResource: string[],
  Condition?: PolicyStatement["Condition"],
): PolicyStatement {
  return { Sid, Effect: "Deny", Action, NotResource, ...(Condition ? { Condition } : {}) };
}

const sortedProjects = (own: readonly OwnProject[]) =>
  [...own].sort((x, y) => `${x.team}/${x.project}`.localeCompare(`${y.team}/${y.project}`));

/** A deny whose NotResource would be empty denies everywhere instead. */
function denyOutsideOrEverywhere(Sid: string, Action: string[], notResource: string[]): PolicyStatement {
  return notResource.length ? denyOutside(Sid, Action, notResource) : { Sid, Effect: "Deny", Action, Resource: "*" };
}

/**
 * Deny the scoped SageMaker actions on resources of `types` outside the own projects; resources
 * of the other scoped types are left to the statement that names them.
 */
function sageMakerNameScope(names: Names, own: readonly OwnProject[], types: readonly string[]): PolicyStatement {
  const a = arns(names);
  const others = SCOPED_TYPES.filter((t) => !types.includes(t));
  return denyOutside("DenySageMakerOutsideOwnProjects", SCOPED_SAGEMAKER_ACTIONS, [
    ...sortedProjects(own).flatMap((o) => a.project(o, types)),
    ...a.allOf(others),
    ...a.studio,
  ]);
}

/** SageMaker part of a scope: names, guard tags, VPC and Project tag on create (§14.1, §14.3). */
export function sageMakerScopeStatements(
  names: Names,
  own: readonly OwnProject[],
  types: readonly string[] = SCOPED_TYPES,
): PolicyStatement[] {
  const a = arns(names);
  const sorted = sortedProjects(own);
  const projectTags = [...new Set(sorted.map((o) => o.project))].sort();
  return [
    sageMakerNameScope(names, own, types),
    {
      Sid: "DenyGuardTagChanges",
      Effect: "Deny",
      Action: ["sagemaker:AddTags", "sagemaker:DeleteTags"],
      Resource: ["domain/*", "user-profile/*", "space/*", "app/*"].map(a.sm),
      Condition: { "ForAnyValue:StringEquals": { "aws:TagKeys": GUARD_TAG_KEYS } },
    },
    {
      Sid: "DenyJobsWithoutVpc",
      Effect: "Deny",
      Action: VPC_REQUIRED_ACTIONS,
      Resource: "*",
      Condition: { Null: { "sagemaker:VpcSubnets": "true" } },
    },
    {
      // A missing tag matches too: tag on create is required.
      Sid: "DenyCreatesNotTaggedWithOwnProject",
      Effect: "Deny",
      Action: TAGGED_CREATE_ACTIONS,
      Resource: "*",
      Condition: { StringNotEquals: { "aws:RequestTag/Project": projectTags.length ? projectTags : ["-"] } },
    },
  ];
}

/** Data part of a scope: S3, ECR, secrets, logs, and account-wide services (§14.3). */
export function dataScopeStatements(names: Names, own: readonly OwnProject[]): PolicyStatement[] {
  const a = arns(names);
  const sorted = sortedProjects(own);
  return [
    // Writes leave the platform's buckets never; the bucket policies then separate projects.
    denyOutside("DenyS3WritesOutsidePlatformBuckets", S3_WRITES, a.platformBuckets),
    // Reads and listings of this account's other buckets (`*sagemaker*` keys, objects tagged
    // `SageMaker=true`); other accounts' public buckets (JumpStart, sample data) stay readable.
    denyOutside("DenyS3ReadsOutsidePlatformBuckets", S3_READS, a.platformBuckets, inOwnAccount(a.account)),
    denyOutside(
      "DenyECRReadsOutsideOwnRepositories",
      ECR_READS,
      [...sorted.map(a.ecrProject), a.ecrShared],
      // Images of other accounts (AWS deep-learning containers, built-in algorithms) stay pullable.
      inOwnAccount(a.account),
    ),
    denyOutsideOrEverywhere("DenyECRWritesOutsideOwnRepositories", ECR_WRITES, sorted.map(a.ecrProject)),
    denyOutsideOrEverywhere("DenySecretsOutsideOwnProjects", SECRET_ACTIONS, sorted.map(a.secrets)),
    denyOutsideOrEverywhere("DenyLogsOutsideOwnProjects", LOG_READS_WRITES, [...sorted.flatMap(a.logs), a.studioLogs]),
    { Sid: "DenyAccountWideServices", Effect: "Deny", Action: DENIED_EVERYWHERE, Resource: "*" },
  ];
}

/** Deny app creation and job/endpoint creation on instance types outside the lists (§14.7). */
export function instanceWhitelistStatements(apps: readonly string[], jobs: readonly string[]): PolicyStatement[] {
  // sagemaker:InstanceTypes is multivalued: only ForAnyValue matches "some requested type is not listed".
  const same = apps.length === jobs.length && apps.every((t, i) => t === jobs[i]);
  if (same)
    return [
      {
        Sid: "DenyUnauthorizedInstanceTypes",
        Effect: "Deny",
        Action: ["sagemaker:CreateApp", ...JOB_INSTANCE_ACTIONS],
        Resource: "*",
        Condition: { "ForAnyValue:StringNotEquals": { "sagemaker:InstanceTypes": [...apps] } },
      },
    ];
  return [
    {
      Sid: "DenyUnauthorizedAppInstanceTypes",
      Effect: "Deny",
      Action: "sagemaker:CreateApp",
      Resource: "*",
      Condition: { "ForAnyValue:StringNotEquals": { "sagemaker:InstanceTypes": [...apps] } },
    },
    {
      Sid: "DenyUnauthorizedJobInstanceTypes",
      Effect: "Deny",
      Action: JOB_INSTANCE_ACTIONS,
      Resource: "*",
      Condition: { "ForAnyValue:StringNotEquals": { "sagemaker:InstanceTypes": [...jobs] } },
    },
  ];
}

export interface InstanceWhitelist {
  /** Studio app instance types. */
  readonly apps: readonly string[];
  /** Job and endpoint instance types. */
  readonly jobs: readonly string[];
}

export interface RoleScopeProps {
  readonly names: Names;
  readonly team: string;
  readonly teamFullName: string;
  readonly project: string;
  /**
   * The project's instance whitelist (§14.7).
   * @default undefined: unrestricted
   */
  readonly whitelist?: InstanceWhitelist;
}

export interface DownloadPinning {
  readonly allowDownloadConfigArn: string;
  /** User-profile names entitled to the config; empty: nobody. */
  readonly entitledProfiles: readonly string[];
}

/** §14.9: the allow-download config only on profiles entitled to it. */
export function downloadPinningStatement(p: DownloadPinning): PolicyStatement {
  return {
    Sid: "DenyAllowDownloadConfigOnOtherProfiles",
    Effect: "Deny",
    Action: ["sagemaker:CreateApp", "sagemaker:UpdateSpace", "sagemaker:UpdateUserProfile"],
    Resource: "*",
    Condition: {
      "ForAnyValue:ArnEquals": { "sagemaker:StudioLifecycleConfigArns": p.allowDownloadConfigArn },
      StringNotEquals: { "sagemaker:UserProfileName": p.entitledProfiles.length ? [...p.entitledProfiles] : ["-"] },
    },
  };
}

/** §14.3 role scope of one project, attached to all four of its roles (with §14.4 PassRole and §14.7). */
export function roleScopePolicy(p: RoleScopeProps): PolicyDocument {
  const { names } = p;
  const projectRoles = names
    .roleArn(names.projectRole(p.teamFullName, p.project, "Execution"))
    .replace(/ExecutionRole$/, "*");
  return policyDocument([
    ...sageMakerScopeStatements(names, [{ team: p.team, project: p.project }]),
    denyOutside("DenyPassRoleOutsideOwnProject", ["iam:PassRole"], [projectRoles]),
    ...(p.whitelist ? instanceWhitelistStatements(p.whitelist.apps, p.whitelist.jobs) : []),
  ]);
}

/**
 * §14.2: an ExecutionRole session (Studio) presigns only the profile it belongs to; the managed
 * policy allows presigning any profile.
 */
export function presignOwnProfileOnly(names: Names): PolicyStatement {
  return denyOutside(
    "DenyPresignOtherProfiles",
    ["sagemaker:CreatePresignedDomainUrl"],
    [arns(names).sm("user-profile/${sagemaker:DomainId}/${sagemaker:UserProfileName}")],
  );
}

/** §14.2: job, endpoint and domain default roles never presign. */
export const DENY_PRESIGN: PolicyStatement = {
  Sid: "DenyPresign",
  Effect: "Deny",
  Action: "sagemaker:CreatePresignedDomainUrl",
  Resource: "*",
};

export interface UserScopeProps {
  readonly names: Names;
  /** The user's active projects (any order; the document is sorted). */
  readonly projects: readonly OwnProject[];
  /**
   * The allow-download config and the user's profiles entitled to it (§14.9): a user may not put
   * it on a space or profile (`UpdateSpace` is granted on the project's spaces).
   * @default undefined: no pinning
   */
  readonly downloadPinning?: DownloadPinning;
}

/**
 * §14.3 user scope, packed into as few managed policies as fit 6,144 characters each: every
 * managed policy counts against the account's quota (1,500 by default), and most users are in
 * one or two projects (one policy). A user in more projects gets the SageMaker types split over
 * up to `USER_SCOPE_PARTS` policies (each part denies its types outside the own projects and
 * leaves the other parts' types to them), and the data part (S3, ECR, secrets, logs,
 * account-wide services) in the last one that has room, or in a policy of its own. Presigning
 * stays guarded by the boundary's Owner-tag rule (§14.1 makes the tag trustworthy).
 */
export function userScopePolicies(p: UserScopeProps): PolicyDocument[] {
  const data = dataScopeStatements(p.names, p.projects);
  const pinning = p.downloadPinning ? [downloadPinningStatement(p.downloadPinning)] : [];
  const fits = (statements: PolicyStatement[]) => policySize(policyDocument(statements)) <= LIMITS.managedPolicySize;
  let parts: PolicyStatement[][] = [];
  for (let k = 1; k <= USER_SCOPE_PARTS; k++) {
    const size = Math.ceil(SCOPED_TYPES.length / k);
    parts = Array.from({ length: k }, (_, i) => SCOPED_TYPES.slice(i * size, (i + 1) * size)).map((types, i) =>
      i === 0
        ? [...sageMakerScopeStatements(p.names, p.projects, types), ...pinning]
        : [sageMakerNameScope(p.names, p.projects, types)],
    );
    if (parts.every(fits)) break;
  }
  const last = parts[parts.length - 1];
  if (fits([...last, ...data])) parts[parts.length - 1] = [...last, ...data];
  else parts.push(data);
  return parts.map(policyDocument);
}

/** §14.4: the domain default role owns no project; it may not presign, pass roles or touch data. */
export function domainDefaultDenyPolicy(names: Names): PolicyDocument {
  return policyDocument([
    ...sageMakerScopeStatements(names, []),
    ...dataScopeStatements(names, []),
    {
      Sid: "DenyDeputyActions",
      Effect: "Deny",
      Action: ["iam:PassRole", "sagemaker:CreatePresignedDomainUrl", "s3:CreateBucket", "s3:ListBucket"],
      Resource: "*",
    },
    // Its (shared-space) Studio sessions may read the platform's shared assets and nothing else.
    denyOutside("DenyS3ReadsOutsideSharedAssets", ["s3:GetObject"], [`${names.bucketArn(names.sharedBucket)}/*`]),
  ]);
}
