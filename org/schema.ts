/**
 * The org file schema (platform-spec §1.1/§1.2). Single source of truth for shape, defaults and
 * per-field rules; the published JSON Schema (org/schema/*.schema.json) is generated from it
 * (`npm run schema`), and a test keeps the two in agreement. Cross-field rules (references,
 * uniqueness, quotas) live in org/validate.ts because they need the whole document.
 *
 * Every object is strict: an unknown key is an error, never a silently ignored field.
 */
import { z } from "zod";

// §0.4 identifier rules. Messages say the expected form.
export const TEAM_ID = /^[a-z]{2,4}$/;
export const TEAM_FULL_NAME = /^[a-z][a-z-]*[a-z]$/;
export const PROJECT_NAME = /^[a-z][a-z0-9-]*[a-z0-9]$/;
export const USER_NAME = /^[a-z][a-z0-9]*$/;
export const INSTANCE_TYPE = /^(system|ml\.[a-z][a-z0-9]*\.[a-z0-9]+)$/;
export const NAME_CHARS = /^[A-Za-z0-9-]+$/;

const userName = z
  .string()
  .regex(USER_NAME, "must match ^[a-z][a-z0-9]*$ (lowercase letters and digits, starting with a letter)")
  .min(2, "must be 2-20 characters")
  .max(20, "must be 2-20 characters");

const instanceType = z
  .string()
  .regex(INSTANCE_TYPE, "must be 'system' or an instance type like ml.t3.medium");

const downloadAccess = z.enum(["inherit", "allow", "deny"]);

/** `default` | `unrestricted` | other preset name | `{ custom: [...] }` */
export const whitelistSchema = z.union([
  z.string().min(1),
  z
    .object({
      custom: z.array(instanceType).min(1, "a custom whitelist needs at least one instance type"),
      allowWithoutSystem: z.boolean().default(false),
    })
    .strict(),
]);

const memberSchema = z.union([
  userName,
  z.object({ name: userName, downloadAccess: downloadAccess.default("inherit") }).strict(),
]);

const projectSchema = z
  .object({
    description: z.string().max(200).optional(),
    instanceWhitelist: whitelistSchema.optional(),
    downloadAccess: downloadAccess.default("inherit"),
    status: z.enum(["active", "retired"]).default("active"),
    members: z.array(memberSchema).default([]),
    bucket: z
      .object({
        /** Explicit, reviewed request to empty and delete this project's bucket (§10 op 5). */
        purge: z.boolean().default(false),
      })
      .strict()
      .default({ purge: false }),
    registry: z
      .object({
        /** Explicit request to delete the model package group and project ECR repositories. */
        purge: z.boolean().default(false),
      })
      .strict()
      .default({ purge: false }),
  })
  .strict();

const teamUserSchema = z
  .object({
    consoleLogin: z.boolean().optional(),
    /** Value of the user's `Project` tag; default: the alphabetically first active membership. */
    primaryProject: z.string().optional(),
  })
  .strict();

const teamSchema = z
  .object({
    fullName: z
      .string()
      .regex(TEAM_FULL_NAME, "must match ^[a-z][a-z-]*[a-z]$ (kebab-case)")
      .min(3, "must be 3-30 characters")
      .max(30, "must be 3-30 characters"),
    description: z.string().max(200).optional(),
    instanceWhitelist: whitelistSchema.optional(),
    users: z.record(z.string(), teamUserSchema.nullable()).default({}),
    projects: z.record(z.string(), projectSchema).default({}),
  })
  .strict();

const adminSchema = z.union([
  userName,
  z.object({ name: userName, consoleLogin: z.boolean().optional() }).strict(),
]);

export const DEFAULT_PRESETS: Record<string, string[]> = {
  default: ["ml.t3.medium", "ml.t3.large", "ml.m5.large", "ml.m5.xlarge", "system"],
  gpu: ["ml.t3.medium", "ml.t3.large", "ml.m5.xlarge", "ml.g4dn.xlarge", "ml.g4dn.2xlarge", "ml.g5.xlarge", "system"],
  large_memory: ["ml.t3.medium", "ml.t3.large", "ml.m5.xlarge", "ml.r5.large", "ml.r5.xlarge", "ml.r5.2xlarge", "system"],
  high_performance: ["ml.t3.medium", "ml.m5.xlarge", "ml.m5.2xlarge", "ml.c5.xlarge", "ml.c5.2xlarge", "ml.p3.2xlarge", "system"],
};

const subnetId = z.string().regex(/^subnet-[0-9a-f]+$/, "must be a subnet id like subnet-0abc123");
const routeTableId = z.string().regex(/^rtb-[0-9a-f]+$/, "must be a route table id like rtb-0abc123");
const sgId = z.string().regex(/^sg-[0-9a-f]+$/, "must be a security group id like sg-0abc123");
const vpceId = z.string().regex(/^vpce-[0-9a-f]+$/, "must be a VPC endpoint id like vpce-0abc123");

export const platformSchema = z
  .object({
    company: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*[a-z0-9]$/, "must be lowercase letters, digits and '-' (bucket-safe)")
      .min(2)
      .max(16),
    accountId: z.string().regex(/^[0-9]{12}$/, "must be a 12-digit AWS account id (quote it in YAML)"),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-[0-9]$/, "must be an AWS region like ap-northeast-1"),
    iamPath: z
      .string()
      .regex(/^\/([A-Za-z0-9+=,.@_-]+\/)*$/, "must start and end with '/', e.g. /acme-sagemaker/")
      .optional(),
    tagPrefix: z.string().regex(NAME_CHARS, "must match ^[A-Za-z0-9-]+$").max(40).optional(),
    domainName: z.string().regex(NAME_CHARS, "must match ^[A-Za-z0-9-]+$").max(63).optional(),
    environmentTag: z.string().min(1).default("production"),
    costCenter: z.string().optional(),
    /** Tags the AWS provider adds to every taggable resource (default none; §0.3 lists exact tags). */
    defaultTags: z.record(z.string(), z.string()).default({}),
  })
  .strict();

export const ENDPOINT_SUFFIXES = [
  "sagemaker-api",
  "sagemaker-runtime",
  "sagemaker-studio",
  "sts",
  "logs",
  "s3",
  "ecr-api",
  "ecr-dkr",
  "kms",
  "ssm",
  "bedrock-runtime",
] as const;

export const networkSchema = z
  .object({
    /** `lookup`: read the existing VPC with data sources; `adopt`: import it with import blocks. */
    mode: z.enum(["lookup", "adopt"]).default("lookup"),
    vpcId: z.string().regex(/^vpc-[0-9a-f]+$/, "must be a VPC id like vpc-0abc123"),
    vpcCidr: z
      .string()
      .regex(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/, "must be an IPv4 CIDR like 10.0.0.0/16"),
    privateSubnetIds: z.array(subnetId).min(2, "needs 2 or 3 private subnets").max(3, "needs 2 or 3 private subnets"),
    routeTableIds: z.array(routeTableId).min(1, "needs 1 to 3 route tables").max(3, "needs 1 to 3 route tables"),
    minFreeIpsPerSubnet: z.number().int().min(0).default(10),
    optionalEndpoints: z
      .object({
        ecr: z.boolean().default(false),
        kms: z.boolean().default(false),
        ssm: z.boolean().default(false),
        bedrockRuntime: z.boolean().default(false),
      })
      .strict()
      .default({ ecr: false, kms: false, ssm: false, bedrockRuntime: false }),
    /** Endpoint suffix -> id of an endpoint that already exists in the VPC (adopted, not duplicated). */
    adoptExistingEndpoints: z.partialRecord(z.enum(ENDPOINT_SUFFIXES), vpceId).default({}),
    /** Existing security groups to adopt in `adopt` mode: SG key -> sg id. */
    adoptExistingSecurityGroups: z
      .partialRecord(z.enum(["studio", "vpc-endpoints", "training", "processing", "inference"]), sgId)
      .default({}),
  })
  .strict();

export const studioSchema = z
  .object({
    idleTimeoutMinutes: z.number().int().min(60).max(525600).default(60),
    minIdleTimeoutMinutes: z.number().int().min(60).max(525600).optional(),
    maxIdleTimeoutMinutes: z.number().int().min(60).max(525600).optional(),
    defaultInstanceType: instanceType.default("ml.t3.medium"),
    disableDownload: z.boolean().default(true),
    privateSpaceEbsGb: z.number().int().min(5).max(16384).default(50),
    defaultEbsGb: z.number().int().min(5).max(16384).default(100),
    maxEbsGb: z.number().int().min(5).max(16384).optional(),
    /** Keep the home EFS when the domain is deleted (default) or delete it. */
    homeEfsOnDelete: z.enum(["Retain", "Delete"]).default("Retain"),
    kmsKeyId: z.string().optional(),
    /** Explicitly approve a change that replaces the domain (users lose their home directories). */
    allowDomainReplacement: z.boolean().default(false),
  })
  .strict();

export const featuresSchema = z
  .object({
    canvas: z.boolean().default(true),
    mlflow: z.boolean().default(true),
    trainingRole: z.boolean().default(true),
    processingRole: z.boolean().default(true),
    inferenceRole: z.boolean().default(true),
  })
  .strict();

export const storageSchema = z
  .object({
    sharedBucket: z.boolean().default(true),
    encryption: z.enum(["SSE-S3", "SSE-KMS"]).default("SSE-S3"),
    kmsKeyArn: z.string().nullable().default(null),
    lifecycleRules: z.boolean().default(true),
    restrictToVpc: z.boolean().default(false),
  })
  .strict();

export const registrySchema = z
  .object({
    ecr: z
      .object({
        enabled: z.boolean().default(true),
        sharedRepos: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/)).default(["base-sklearn", "base-pytorch", "base-xgboost"]),
        projectRepoTypes: z
          .array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/))
          .default(["preprocessing", "training", "inference"]),
        createProjectRepos: z.boolean().default(false),
        imageRetention: z.number().int().min(1).max(1000).default(10),
      })
      .strict()
      .default({
        enabled: true,
        sharedRepos: ["base-sklearn", "base-pytorch", "base-xgboost"],
        projectRepoTypes: ["preprocessing", "training", "inference"],
        createProjectRepos: false,
        imageRetention: 10,
      }),
    modelRegistry: z.object({ enabled: z.boolean().default(true) }).strict().default({ enabled: true }),
  })
  .strict();

export const identitySchema = z
  .object({
    consoleLoginDefault: z.boolean().default(false),
    /** Base64 PGP public key (or keybase:user) used to encrypt generated console passwords. */
    pgpKey: z.string().optional(),
    /** AWS quota "managed policies per role" in this account (default 10, adjustable to 20). */
    managedPoliciesPerRoleQuota: z.number().int().min(10).max(20).default(10),
  })
  .strict();

export const backendSchema = z.union([
  z.object({ type: z.literal("local") }).strict(),
  z
    .object({
      type: z.literal("cloud"),
      organization: z.string().min(1),
      hostname: z.string().default("app.terraform.io"),
      /** Workspace name = prefix + workspace (e.g. `sagemaker-network`). */
      workspacePrefix: z.string().default(""),
    })
    .strict(),
]);

/** Sections of the platform file (or of a single combined file). */
export const platformSections = {
  platform: platformSchema,
  network: networkSchema,
  studio: studioSchema.default(studioSchema.parse({})),
  features: featuresSchema.default(featuresSchema.parse({})),
  storage: storageSchema.default(storageSchema.parse({})),
  registry: registrySchema.default(registrySchema.parse({})),
  identity: identitySchema.default(identitySchema.parse({})),
  backend: backendSchema.default({ type: "local" }),
  instanceWhitelistPresets: z.record(z.string(), z.array(instanceType).min(1)).default(DEFAULT_PRESETS),
};

/** Sections of the people file (`org/teams.yaml`). */
export const teamsSections = {
  admins: z.array(adminSchema).default([]),
  readonlyUsers: z.array(userName).default([]),
  teams: z.record(z.string(), teamSchema).default({}),
};

/** The whole org (both files merged). */
export const orgSchema = z
  .object({
    $schema: z.string().optional(),
    version: z.literal(1),
    ...platformSections,
    ...teamsSections,
  })
  .strict();

export type OrgInput = z.input<typeof orgSchema>;
export type OrgDocument = z.output<typeof orgSchema>;
export type WhitelistInput = z.output<typeof whitelistSchema>;
