/**
 * The project policy documents (platform-spec §8.10-§8.22) and the per-user PassRole scope.
 * Pure functions of plain values: the workspace renders them, and the org loader measures them
 * against the 6,144-character quota with the YAML location of the project (org/rules/identity.ts).
 *
 * Every name and pattern comes from catalog/names.ts, so profile/space names, ECR repository names,
 * bucket names and role names can never disagree with the patterns here (§11.4).
 *
 * Deliberate deviations from the §8 text (docs/decisions.md, "Team identity"):
 * - The PassRole denies use `NotResource` instead of `ArnNotLike aws:ResourceArn`: IAM has no
 *   global `aws:ResourceArn` key, and a negated operator on a missing key matches, so the §8
 *   form would deny passing every role, the project's own included.
 * - The project group's `DenyPassRoleToOtherProjects` moves to one deny per user computed from
 *   all the user's memberships (passRoleScopePolicy): one deny per project group would combine
 *   into "deny everything" for a member of two projects (§8.12 known effect).
 * - InferenceOps also allows the inference security group (§8.20 SHOULD).
 */
import type { Names } from "../names";
import { denyOutside, policyDocument, type PolicyDocument, type PolicyStatement } from "./policy-document";
import {
  DENY_PRESIGN,
  dataScopeStatements,
  downloadPinningStatement,
  instanceWhitelistStatements,
  presignOwnProfileOnly,
  roleScopePolicy,
  type DownloadPinning,
  type InstanceWhitelist,
} from "./scope-policies";

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

const S3_READ_WRITE = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "s3:GetBucketLocation"];
const S3_READ_PREFIXES = ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:GetBucketLocation"];
const ECR_PULL = ["ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "ecr:BatchCheckLayerAvailability"];
const ECR_READ = [...ECR_PULL, "ecr:DescribeRepositories", "ecr:ListImages"];
const VPC_ENI = [
  "ec2:CreateNetworkInterface",
  "ec2:CreateNetworkInterfacePermission",
  "ec2:DeleteNetworkInterface",
  "ec2:DeleteNetworkInterfacePermission",
  "ec2:DescribeNetworkInterfaces",
  "ec2:DescribeVpcs",
  "ec2:DescribeDhcpOptions",
  "ec2:DescribeSubnets",
  "ec2:DescribeSecurityGroups",
];

/** Values every project document is built from. */
function context(p: ProjectPolicyProps) {
  const { names } = p;
  const { region, accountId: account } = names.p;
  const prefix = names.resourcePrefix(p.team, p.project); // `{team}-{project}-`
  const bucket = names.bucketArn(names.projectBucket(p.team, p.project));
  const shared = names.bucketArn(names.sharedBucket);
  const roleArn = (kind: "Execution" | "Training" | "Processing" | "Inference") =>
    names.roleArn(names.projectRole(p.teamFullName, p.project, kind));
  return {
    names,
    region,
    account,
    prefix,
    bucket,
    /** `arn:aws:sagemaker:{region}:{account}:{type}/{team}-{project}-*` */
    sm: (type: string) => `arn:aws:sagemaker:${region}:${account}:${type}/${prefix}*`,
    smArn: (rest: string) => `arn:aws:sagemaker:${region}:${account}:${rest}`,
    logGroup: (rest: string) => `arn:aws:logs:${region}:${account}:log-group:${rest}`,
    ecr: (repository: string) => `arn:aws:ecr:${region}:${account}:repository/${repository}`,
    projectRepos: `arn:aws:ecr:${region}:${account}:repository/${names.projectRepository(p.team, p.project, "*")}`,
    sharedRepos: `arn:aws:ecr:${region}:${account}:repository/${names.sharedRepository("*")}`,
    sharedResources: [shared, `${shared}/*`],
    /** The project's job log streams (one log group per job kind, streams named after the job) and endpoint groups. */
    projectLogs: [
      `arn:aws:logs:${region}:${account}:log-group:/aws/sagemaker/*:log-stream:${prefix}*`,
      `arn:aws:logs:${region}:${account}:log-group:/aws/sagemaker/Endpoints/${prefix}*`,
    ],
    bucketKms: p.bucketKmsKeyArn,
    modelGroup: `arn:aws:sagemaker:${region}:${account}:model-package-group/${names.modelPackageGroup(p.team, p.project)}`,
    modelPackages: `arn:aws:sagemaker:${region}:${account}:model-package/${names.modelPackageGroup(p.team, p.project)}/*`,
    roleArn,
    /** `arn:aws:iam::{account}:role/SageMaker-{TeamPascal}-{ProjectPascal}-*` */
    projectRolesPattern: names.roleArn(
      names.projectRole(p.teamFullName, p.project, "Execution").replace(/ExecutionRole$/, "*"),
    ),
  };
}

type Ctx = ReturnType<typeof context>;

const passToSageMaker = { StringEquals: { "iam:PassedToService": "sagemaker.amazonaws.com" } };

function sharedAssetsReadOnly(c: Ctx): PolicyStatement {
  return {
    Sid: "AllowSharedAssetsReadOnly",
    Effect: "Allow",
    Action: ["s3:GetObject", "s3:ListBucket"],
    Resource: c.sharedResources,
  };
}

/** §14.5: the buckets' SSE-KMS key, through S3 only; nothing when the buckets use SSE-S3. */
function bucketKms(c: Ctx): PolicyStatement[] {
  if (!c.bucketKms) return [];
  return [
    {
      Sid: "AllowBucketKmsViaS3",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey"],
      Resource: c.bucketKms,
      Condition: { StringEquals: { "kms:ViaService": `s3.${c.region}.amazonaws.com` } },
    },
  ];
}

/** Job logs: create the stream and write it; the role scope denies every other project's streams. */
function jobLogs(c: Ctx, groups: string[]): PolicyStatement {
  return {
    Sid: "AllowCloudWatchLogs",
    Effect: "Allow",
    Action: [
      "logs:CreateLogGroup",
      "logs:CreateLogStream",
      "logs:PutLogEvents",
      "logs:DescribeLogStreams",
      "logs:GetLogEvents",
    ],
    // `…/TrainingJobs/*` (§8.15) matches nothing: the group is `/aws/sagemaker/TrainingJobs`
    // and the stream `{job-name}/algo-1-…` (§14.8).
    Resource: groups.flatMap((g) => [c.logGroup(g), c.logGroup(`${g}:log-stream:${c.prefix}*`)]),
  };
}

/** ECR and ENI statements common to the three specialised base policies (§8.15/§8.17/§8.19). */
function workloadCommon(c: Ctx): PolicyStatement[] {
  return [
    { Sid: "AllowECRPullProject", Effect: "Allow", Action: ECR_READ, Resource: c.projectRepos },
    { Sid: "AllowECRPullShared", Effect: "Allow", Action: ECR_READ, Resource: c.sharedRepos },
    { Sid: "AllowECRAuth", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
    { Sid: "AllowECRPullAWSImages", Effect: "Allow", Action: ECR_PULL, Resource: "*" },
    { Sid: "AllowVPCNetworkInterface", Effect: "Allow", Action: VPC_ENI, Resource: "*" },
  ];
}

function passOwnRole(c: Ctx, kind: "Training" | "Processing" | "Inference"): PolicyStatement {
  return {
    Sid: "AllowPassRoleToSageMaker",
    Effect: "Allow",
    Action: "iam:PassRole",
    Resource: c.roleArn(kind),
    Condition: passToSageMaker,
  };
}

function kmsViaSageMaker(c: Ctx, Sid: string): PolicyStatement {
  return {
    Sid,
    Effect: "Allow",
    Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"],
    Resource: `arn:aws:kms:${c.region}:${c.account}:key/*`,
    Condition: { StringLike: { "kms:ViaService": `sagemaker.${c.region}.amazonaws.com` } },
  };
}

/** §8.10 (project group). */
function access(p: ProjectPolicyProps, c: Ctx): PolicyDocument {
  return policyDocument([
    {
      Sid: "AllowProjectSpaceAccess",
      Effect: "Allow",
      // No CreateApp/DeleteApp (§14.1): Studio creates apps as the owner-scoped ExecutionRole.
      Action: ["sagemaker:DescribeSpace", "sagemaker:UpdateSpace"],
      // §11.4: the same helper names the spaces, so the pattern always matches them.
      Resource: c.smArn(`space/*/${c.names.space(p.team, p.project, "*")}`),
      Condition: { StringEquals: { "sagemaker:ResourceTag/Project": p.project } },
    },
    {
      Sid: "AllowDescribeOwnUserProfile",
      Effect: "Allow",
      Action: ["sagemaker:DescribeUserProfile", "sagemaker:CreatePresignedDomainUrl"],
      Resource: c.smArn(`user-profile/*/${c.names.userProfile(p.team, p.project, "*")}`),
    },
  ]);
}

/** §8.11 (project group and ExecutionRole). */
function s3Access(c: Ctx): PolicyDocument {
  return policyDocument([
    { Sid: "AllowS3ProjectAccess", Effect: "Allow", Action: S3_READ_WRITE, Resource: [c.bucket, `${c.bucket}/*`] },
    sharedAssetsReadOnly(c),
    ...bucketKms(c),
  ]);
}

/** §8.12 (project group), without the deny that moved to passRoleScopePolicy. */
function passRole(c: Ctx): PolicyDocument {
  return policyDocument([
    {
      Sid: "AllowPassRoleToProjectRoles",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: [c.roleArn("Execution"), c.roleArn("Training"), c.roleArn("Processing"), c.roleArn("Inference")],
      Condition: passToSageMaker,
    },
    { Sid: "AllowGetRole", Effect: "Allow", Action: ["iam:GetRole", "iam:ListRoles"], Resource: "*" },
  ]);
}

/** §8.13 (ExecutionRole). */
function executionPolicy(p: ProjectPolicyProps, c: Ctx): PolicyDocument {
  return policyDocument([
    {
      Sid: "AllowCloudWatchLogsProject",
      Effect: "Allow",
      Action: [
        "logs:CreateLogGroup",
        "logs:CreateLogStream",
        "logs:PutLogEvents",
        "logs:DescribeLogGroups",
        "logs:DescribeLogStreams",
        "logs:GetLogEvents",
        "logs:FilterLogEvents",
      ],
      Resource: [c.logGroup("/aws/sagemaker/studio*"), ...c.projectLogs],
    },
    {
      // The Studio start-up script reads its space's tags to find the project's SDK defaults (§14.11).
      Sid: "AllowReadOwnSpaceTags",
      Effect: "Allow",
      Action: "sagemaker:ListTags",
      Resource: c.smArn(`space/*/${c.names.space(p.team, p.project, "*")}`),
    },
    {
      Sid: "AllowCloudWatchLogsDescribe",
      Effect: "Allow",
      Action: "logs:DescribeLogGroups",
      Resource: c.logGroup("*"),
    },
    {
      Sid: "AllowECRReadWriteProject",
      Effect: "Allow",
      Action: [
        ...ECR_PULL,
        "ecr:CreateRepository",
        "ecr:DescribeRepositories",
        "ecr:ListImages",
        "ecr:BatchDeleteImage",
        "ecr:InitiateLayerUpload",
        "ecr:UploadLayerPart",
        "ecr:CompleteLayerUpload",
        "ecr:PutImage",
        "ecr:TagResource",
      ],
      Resource: c.projectRepos,
    },
    { Sid: "AllowECRReadShared", Effect: "Allow", Action: ECR_READ, Resource: c.sharedRepos },
    { Sid: "AllowECRAuth", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
    { Sid: "AllowECRPullAWSImages", Effect: "Allow", Action: ECR_PULL, Resource: "*" },
    { Sid: "AllowVPCNetworkInterface", Effect: "Allow", Action: VPC_ENI, Resource: "*" },
    {
      Sid: "AllowAIAssistant",
      Effect: "Allow",
      Action: ["sagemaker-data-science-assistant:SendConversation", "q:SendMessage", "q:StartConversation"],
      Resource: "*",
      Condition: { StringEquals: { "aws:ResourceAccount": c.account } },
    },
  ]);
}

/** §8.14 (ExecutionRole). */
function executionJobPolicy(p: ProjectPolicyProps, c: Ctx): PolicyDocument {
  return policyDocument([
    {
      Sid: "DenyPassRoleToOtherProjects",
      Effect: "Deny",
      Action: "iam:PassRole",
      // NotResource, not `ArnNotLike aws:ResourceArn` (no such key: the deny would match every role).
      // Not the domain default role either (§14.4): it would run jobs as nobody's deputy.
      NotResource: c.projectRolesPattern,
    },
    presignOwnProfileOnly(c.names),
    // §14.9: only the ExecutionRole starts Studio apps, so the pinning lives here, not in the role scope.
    ...(p.downloadPinning ? [downloadPinningStatement(p.downloadPinning)] : []),
    {
      Sid: "AllowPassRoleToSpecializedRoles",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: [c.roleArn("Training"), c.roleArn("Processing"), c.roleArn("Inference")],
      Condition: passToSageMaker,
    },
    {
      Sid: "AllowSubmitJobs",
      Effect: "Allow",
      Action: [
        "sagemaker:CreateTrainingJob",
        "sagemaker:DescribeTrainingJob",
        "sagemaker:StopTrainingJob",
        "sagemaker:ListTrainingJobs",
        "sagemaker:CreateHyperParameterTuningJob",
        "sagemaker:DescribeHyperParameterTuningJob",
        "sagemaker:StopHyperParameterTuningJob",
        "sagemaker:ListHyperParameterTuningJobs",
        "sagemaker:CreateProcessingJob",
        "sagemaker:DescribeProcessingJob",
        "sagemaker:StopProcessingJob",
        "sagemaker:ListProcessingJobs",
        "sagemaker:CreateModel",
        "sagemaker:DescribeModel",
        "sagemaker:DeleteModel",
        "sagemaker:ListModels",
        "sagemaker:CreateEndpointConfig",
        "sagemaker:DescribeEndpointConfig",
        "sagemaker:DeleteEndpointConfig",
        "sagemaker:ListEndpointConfigs",
        "sagemaker:CreateEndpoint",
        "sagemaker:DescribeEndpoint",
        "sagemaker:DeleteEndpoint",
        "sagemaker:UpdateEndpoint",
        "sagemaker:ListEndpoints",
        "sagemaker:InvokeEndpoint",
        "sagemaker:CreateTransformJob",
        "sagemaker:DescribeTransformJob",
        "sagemaker:StopTransformJob",
        "sagemaker:ListTransformJobs",
      ],
      Resource: [
        c.sm("training-job"),
        c.sm("hyper-parameter-tuning-job"),
        c.sm("processing-job"),
        c.sm("model"),
        c.sm("endpoint-config"),
        c.sm("endpoint"),
        c.sm("transform-job"),
      ],
    },
    {
      Sid: "AllowExperimentTracking",
      Effect: "Allow",
      Action: [
        "sagemaker:CreateExperiment",
        "sagemaker:DescribeExperiment",
        "sagemaker:UpdateExperiment",
        "sagemaker:DeleteExperiment",
        "sagemaker:ListExperiments",
        "sagemaker:CreateTrial",
        "sagemaker:DescribeTrial",
        "sagemaker:UpdateTrial",
        "sagemaker:DeleteTrial",
        "sagemaker:ListTrials",
        "sagemaker:CreateTrialComponent",
        "sagemaker:DescribeTrialComponent",
        "sagemaker:UpdateTrialComponent",
        "sagemaker:DeleteTrialComponent",
        "sagemaker:ListTrialComponents",
        "sagemaker:AssociateTrialComponent",
        "sagemaker:DisassociateTrialComponent",
        "sagemaker:Search",
      ],
      Resource: [c.sm("experiment"), c.sm("experiment-trial"), c.smArn("experiment-trial-component/*")],
    },
    {
      Sid: "AllowModelRegistry",
      Effect: "Allow",
      Action: [
        "sagemaker:CreateModelPackage",
        "sagemaker:CreateModelPackageGroup",
        "sagemaker:DescribeModelPackage",
        "sagemaker:DescribeModelPackageGroup",
        "sagemaker:ListModelPackages",
        "sagemaker:ListModelPackageGroups",
        "sagemaker:UpdateModelPackage",
        "sagemaker:DeleteModelPackage",
      ],
      Resource: [c.modelGroup, c.modelPackages],
    },
  ]);
}

/** §8.15 (TrainingRole). */
function trainingPolicy(c: Ctx): PolicyDocument {
  const b = c.bucket;
  return policyDocument([
    {
      Sid: "AllowS3TrainingDataAccess",
      Effect: "Allow",
      Action: S3_READ_PREFIXES,
      Resource: [b, `${b}/data/*`, `${b}/datasets/*`, `${b}/processed/*`],
    },
    {
      Sid: "AllowS3TrainingOutput",
      Effect: "Allow",
      Action: ["s3:PutObject", "s3:DeleteObject", "s3:GetObject"],
      Resource: [`${b}/models/*`, `${b}/training-output/*`, `${b}/checkpoints/*`],
    },
    sharedAssetsReadOnly(c),
    ...bucketKms(c),
    jobLogs(c, ["/aws/sagemaker/TrainingJobs"]),
    {
      // Training metrics (§14.8): only SageMaker's namespaces.
      Sid: "AllowTrainingMetrics",
      Effect: "Allow",
      Action: "cloudwatch:PutMetricData",
      Resource: "*",
      Condition: { StringLike: { "cloudwatch:namespace": "/aws/sagemaker/*" } },
    },
    ...workloadCommon(c),
  ]);
}

/** §8.16 (TrainingRole). */
function trainingOpsPolicy(c: Ctx): PolicyDocument {
  return policyDocument([
    {
      Sid: "AllowTrainingOperations",
      Effect: "Allow",
      Action: [
        "sagemaker:CreateTrainingJob",
        "sagemaker:DescribeTrainingJob",
        "sagemaker:StopTrainingJob",
        "sagemaker:ListTrainingJobs",
        "sagemaker:CreateHyperParameterTuningJob",
        "sagemaker:DescribeHyperParameterTuningJob",
        "sagemaker:StopHyperParameterTuningJob",
        "sagemaker:ListHyperParameterTuningJobs",
        "sagemaker:ListTrainingJobsForHyperParameterTuningJob",
        "sagemaker:AddTags",
        "sagemaker:ListTags",
      ],
      Resource: [c.sm("training-job"), c.sm("hyper-parameter-tuning-job")],
    },
    {
      Sid: "AllowModelRegistryWrite",
      Effect: "Allow",
      Action: [
        "sagemaker:CreateModelPackage",
        "sagemaker:CreateModelPackageGroup",
        "sagemaker:DescribeModelPackage",
        "sagemaker:DescribeModelPackageGroup",
        "sagemaker:ListModelPackages",
        "sagemaker:UpdateModelPackage",
      ],
      Resource: [c.modelGroup, c.modelPackages],
    },
    {
      Sid: "AllowExperimentTracking",
      Effect: "Allow",
      Action: [
        "sagemaker:CreateExperiment",
        "sagemaker:DescribeExperiment",
        "sagemaker:UpdateExperiment",
        "sagemaker:DeleteExperiment",
        "sagemaker:CreateTrial",
        "sagemaker:DescribeTrial",
        "sagemaker:UpdateTrial",
        "sagemaker:DeleteTrial",
        "sagemaker:CreateTrialComponent",
        "sagemaker:DescribeTrialComponent",
        "sagemaker:UpdateTrialComponent",
        "sagemaker:DeleteTrialComponent",
        "sagemaker:AssociateTrialComponent",
        "sagemaker:DisassociateTrialComponent",
      ],
      Resource: [c.sm("experiment"), c.sm("experiment-trial"), c.sm("experiment-trial-component")],
    },
    passOwnRole(c, "Training"),
    kmsViaSageMaker(c, "AllowKMSForTraining"),
    DENY_PRESIGN,
  ]);
}

/** §8.17 (ProcessingRole). */
function processingPolicy(c: Ctx): PolicyDocument {
  const b = c.bucket;
  return policyDocument([
    {
      Sid: "AllowS3ProcessingDataAccess",
      Effect: "Allow",
      Action: S3_READ_PREFIXES,
      Resource: [b, `${b}/data/*`, `${b}/raw/*`, `${b}/datasets/*`],
    },
    {
      Sid: "AllowS3ProcessingOutput",
      Effect: "Allow",
      Action: ["s3:PutObject", "s3:DeleteObject", "s3:GetObject"],
      Resource: [`${b}/processed/*`, `${b}/features/*`, `${b}/processing-output/*`],
    },
    sharedAssetsReadOnly(c),
    ...bucketKms(c),
    jobLogs(c, ["/aws/sagemaker/ProcessingJobs"]),
    ...workloadCommon(c),
  ]);
}

/** §8.18 (ProcessingRole). */
function processingOpsPolicy(c: Ctx): PolicyDocument {
  const glue = (rest: string) => `arn:aws:glue:${c.region}:${c.account}:${rest}`;
  return policyDocument([
    {
      Sid: "AllowProcessingOperations",
      Effect: "Allow",
      Action: [
        "sagemaker:CreateProcessingJob",
        "sagemaker:DescribeProcessingJob",
        "sagemaker:StopProcessingJob",
        "sagemaker:ListProcessingJobs",
        "sagemaker:AddTags",
        "sagemaker:ListTags",
      ],
      Resource: c.sm("processing-job"),
    },
    {
      Sid: "AllowDataWranglerOperations",
      Effect: "Allow",
      Action: [
        "sagemaker:CreateDataQualityJobDefinition",
        "sagemaker:DescribeDataQualityJobDefinition",
        "sagemaker:DeleteDataQualityJobDefinition",
        "sagemaker:ListDataQualityJobDefinitions",
      ],
      Resource: c.sm("data-quality-job-definition"),
    },
    {
      Sid: "AllowFeatureStoreAccess",
      Effect: "Allow",
      Action: [
        "sagemaker:CreateFeatureGroup",
        "sagemaker:DescribeFeatureGroup",
        "sagemaker:UpdateFeatureGroup",
        "sagemaker:DeleteFeatureGroup",
        "sagemaker:ListFeatureGroups",
        "sagemaker:PutRecord",
        "sagemaker:GetRecord",
        "sagemaker:DeleteRecord",
        "sagemaker:BatchGetRecord",
      ],
      Resource: c.sm("feature-group"),
    },
    {
      Sid: "AllowGlueForDataWrangler",
      Effect: "Allow",
      Action: [
        "glue:GetDatabase",
        "glue:GetDatabases",
        "glue:GetTable",
        "glue:GetTables",
        "glue:GetPartition",
        "glue:GetPartitions",
        "glue:BatchGetPartition",
      ],
      Resource: [glue("catalog"), glue("database/*"), glue("table/*/*")],
    },
    // No Athena (§14.3): queries run account-wide, outside any project scope.
    passOwnRole(c, "Processing"),
    kmsViaSageMaker(c, "AllowKMSForProcessing"),
    DENY_PRESIGN,
  ]);
}

/** §8.19 (InferenceRole). */
function inferencePolicy(c: Ctx): PolicyDocument {
  const b = c.bucket;
  return policyDocument([
    {
      Sid: "AllowS3ModelReadOnly",
      Effect: "Allow",
      Action: S3_READ_PREFIXES,
      Resource: [b, `${b}/models/*`, `${b}/inference/*`],
    },
    {
      Sid: "AllowS3InferenceOutput",
      Effect: "Allow",
      Action: ["s3:PutObject", "s3:DeleteObject"],
      Resource: [`${b}/inference/output/*`, `${b}/batch-transform/*`],
    },
    sharedAssetsReadOnly(c),
    ...bucketKms(c),
    {
      Sid: "AllowCloudWatchLogs",
      Effect: "Allow",
      Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
      Resource: [
        c.logGroup(`/aws/sagemaker/Endpoints/${c.prefix}*`),
        ...["InferenceRecommendationsJobs", "TransformJobs"].flatMap((kind) => [
          c.logGroup(`/aws/sagemaker/${kind}`),
          c.logGroup(`/aws/sagemaker/${kind}:log-stream:${c.prefix}*`),
        ]),
      ],
    },
    ...workloadCommon(c),
  ]);
}

/** §8.20 (InferenceRole). */
function inferenceOpsPolicy(p: ProjectPolicyProps, c: Ctx): PolicyDocument {
  // Sorted: reordering `network.privateSubnetIds` must change no policy.
  const subnets = [...p.privateSubnetIds].sort();
  const securityGroups = [...p.modelSecurityGroupIds];
  return policyDocument([
    {
      Sid: "AllowModelRegistryReadOnly",
      Effect: "Allow",
      Action: [
        "sagemaker:DescribeModelPackage",
        "sagemaker:DescribeModelPackageGroup",
        "sagemaker:ListModelPackages",
        "sagemaker:ListModelPackageGroups",
      ],
      Resource: [c.modelGroup, c.modelPackages],
    },
    {
      Sid: "AllowCreateModelWithVpcRestriction",
      Effect: "Allow",
      Action: "sagemaker:CreateModel",
      Resource: c.sm("model"),
      Condition: {
        "ForAllValues:StringEquals": {
          "sagemaker:VpcSubnets": subnets,
          "sagemaker:VpcSecurityGroupIds": securityGroups,
        },
        Null: { "sagemaker:VpcSubnets": "false", "sagemaker:VpcSecurityGroupIds": "false" },
      },
    },
    {
      Sid: "AllowInferenceOperationsExceptCreateModel",
      Effect: "Allow",
      Action: [
        "sagemaker:DeleteModel",
        "sagemaker:DescribeModel",
        "sagemaker:ListModels",
        "sagemaker:CreateEndpointConfig",
        "sagemaker:DeleteEndpointConfig",
        "sagemaker:DescribeEndpointConfig",
        "sagemaker:ListEndpointConfigs",
        "sagemaker:CreateEndpoint",
        "sagemaker:DeleteEndpoint",
        "sagemaker:UpdateEndpoint",
        "sagemaker:DescribeEndpoint",
        "sagemaker:ListEndpoints",
        "sagemaker:InvokeEndpoint",
        "sagemaker:InvokeEndpointAsync",
        "sagemaker:CreateTransformJob",
        "sagemaker:DescribeTransformJob",
        "sagemaker:StopTransformJob",
        "sagemaker:ListTransformJobs",
        "sagemaker:CreateInferenceRecommendationsJob",
        "sagemaker:DescribeInferenceRecommendationsJob",
        "sagemaker:StopInferenceRecommendationsJob",
      ],
      Resource: [
        c.sm("model"),
        c.sm("endpoint-config"),
        c.sm("endpoint"),
        c.sm("transform-job"),
        c.sm("inference-recommendations-job"),
      ],
    },
    passOwnRole(c, "Inference"),
    DENY_PRESIGN,
    {
      Sid: "DenyCreateModelWithoutVpc",
      Effect: "Deny",
      Action: "sagemaker:CreateModel",
      Resource: "*",
      Condition: { Null: { "sagemaker:VpcSubnets": "true" } },
    },
    {
      Sid: "DenyCreateModelWithPublicSubnet",
      Effect: "Deny",
      Action: "sagemaker:CreateModel",
      Resource: "*",
      Condition: { "ForAnyValue:StringNotEquals": { "sagemaker:VpcSubnets": subnets } },
    },
  ]);
}

/**
 * §8.21 (all four roles, §14.3): NotResource because SageMaker has no resource-ARN condition key.
 * It also carries the data part of the role scope (S3, ECR, secrets, logs, account-wide
 * services): one policy more on the ExecutionRole would exceed its quota of managed policies.
 */
function denyCrossProject(p: ProjectPolicyProps, c: Ctx): PolicyDocument {
  const deny = denyOutside;
  return policyDocument([
    ...dataScopeStatements(c.names, [{ team: p.team, project: p.project }]),
    deny("DenyDeleteOtherProjectModels", "sagemaker:DeleteModel", c.sm("model")),
    deny("DenyDeleteOtherProjectEndpointConfigs", "sagemaker:DeleteEndpointConfig", c.sm("endpoint-config")),
    deny(
      "DenyModifyOtherProjectEndpoints",
      ["sagemaker:DeleteEndpoint", "sagemaker:UpdateEndpoint", "sagemaker:UpdateEndpointWeightsAndCapacities"],
      c.sm("endpoint"),
    ),
    deny(
      "DenyInvokeOtherProjectEndpoints",
      ["sagemaker:InvokeEndpoint", "sagemaker:InvokeEndpointAsync", "sagemaker:InvokeEndpointWithResponseStream"],
      c.sm("endpoint"),
    ),
    deny("DenyStopOtherProjectTransformJobs", "sagemaker:StopTransformJob", c.sm("transform-job")),
    deny("DenyStopOtherProjectTrainingJobs", "sagemaker:StopTrainingJob", c.sm("training-job")),
    deny("DenyStopOtherProjectProcessingJobs", "sagemaker:StopProcessingJob", c.sm("processing-job")),
    deny("DenyStopOtherProjectHPOJobs", "sagemaker:StopHyperParameterTuningJob", c.sm("hyper-parameter-tuning-job")),
    deny(
      "DenyModifyOtherProjectExperiments",
      [
        "sagemaker:DeleteExperiment",
        "sagemaker:UpdateExperiment",
        "sagemaker:DeleteTrial",
        "sagemaker:UpdateTrial",
        "sagemaker:DeleteTrialComponent",
        "sagemaker:UpdateTrialComponent",
      ],
      [c.sm("experiment"), c.sm("experiment-trial"), c.sm("experiment-trial-component")],
    ),
    deny(
      "DenyModifyOtherProjectModelPackages",
      ["sagemaker:DeleteModelPackage", "sagemaker:UpdateModelPackage", "sagemaker:DeleteModelPackageGroup"],
      [c.modelPackages, c.modelGroup],
    ),
  ]);
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
  const c = context(p);
  const docs: Partial<Record<ProjectPolicySuffix, PolicyDocument>> = {
    Access: access(p, c),
    S3Access: s3Access(c),
    PassRole: passRole(c),
    ExecutionPolicy: executionPolicy(p, c),
    ExecutionJobPolicy: executionJobPolicy(p, c),
    TrainingPolicy: trainingPolicy(c),
    TrainingOpsPolicy: trainingOpsPolicy(c),
    ProcessingPolicy: processingPolicy(c),
    ProcessingOpsPolicy: processingOpsPolicy(c),
    InferencePolicy: inferencePolicy(c),
    InferenceOpsPolicy: inferenceOpsPolicy(p, c),
    DenyCrossProject: denyCrossProject(p, c),
    RoleScope: roleScopePolicy(p),
  };
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
