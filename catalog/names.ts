/**
 * Every physical name and ARN pattern of the platform (platform-spec §0.1/§0.2), from one module,
 * so profile names, policy patterns, bucket names and ECR names can never disagree (§11.4).
 * Pure functions of strings: usable by the loader (limits with YAML locations) and by constructs.
 */

/** `risk-control` -> `RiskControl` (§0.1). */
export function pascal(s: string): string {
  return s
    .split("-")
    .map((p) => (p.length ? p[0].toUpperCase() + p.slice(1) : p))
    .join("");
}

/** `anti-money-laundering` -> `antimonlau`: first piece whole, then 3 chars of each next piece (§0.1). */
export function short(s: string): string {
  const [first, ...rest] = s.split("-");
  return first + rest.map((p) => p.slice(0, 3)).join("");
}

export interface PlatformNaming {
  readonly company: string;
  readonly accountId: string;
  readonly region: string;
  readonly iamPath: string;
  readonly tagPrefix: string;
  readonly domainName: string;
}

export type ProjectRoleKind = "Execution" | "Training" | "Processing" | "Inference";
export const PROJECT_ROLE_KINDS: readonly ProjectRoleKind[] = ["Execution", "Training", "Processing", "Inference"];

/** The platform customer-managed policies (§0.2, §3.1) plus the admin MFA hardening policy (§3.3). */
export const PLATFORM_POLICY_NAMES = {
  studioBaseAccess: "SageMaker-Studio-Base-Access",
  readOnlyAccess: "SageMaker-ReadOnly-Access",
  userBoundary: "SageMaker-User-Boundary",
  userSelfService: "SageMaker-User-SelfService",
  studioAppPermissions: "SageMaker-StudioAppPermissions",
  mlflowAppAccess: "SageMaker-MLflowAppAccess",
  sharedDenyAdmin: "SageMaker-Shared-DenyAdmin",
  requireMfa: "SageMaker-Platform-RequireMFA",
  domainDefaultDeny: "SageMaker-DomainDefault-Deny",
  adminPublish: "SageMaker-Admin-Publish",
} as const;

/** Names shared by the whole platform. */
export class Names {
  constructor(readonly p: PlatformNaming) {}

  // IAM
  readonly domainDefaultRole = "SageMaker-Domain-DefaultExecutionRole";
  readonly adminsGroup = "sagemaker-admins";
  readonly readonlyGroup = "sagemaker-readonly";
  /** Platform customer-managed policies (§3.1); ARNs via `policyArn(names.platformPolicy.x)`. */
  readonly platformPolicy = PLATFORM_POLICY_NAMES;
  adminUser(name: string): string {
    return `sm-admin-${name}`;
  }
  /** Member of `sagemaker-readonly` (`readonlyUsers`); `readonly` is no valid team id, so no clash. */
  readonlyUser(name: string): string {
    return `sm-readonly-${name}`;
  }
  teamUser(team: string, user: string): string {
    return `sm-${team}-${user}`;
  }
  teamGroup(teamFullName: string): string {
    return `sagemaker-${teamFullName}`;
  }
  projectGroup(team: string, project: string): string {
    return `sagemaker-${team}-${project}`;
  }
  projectRole(teamFullName: string, project: string, kind: ProjectRoleKind): string {
    return `SageMaker-${pascal(teamFullName)}-${pascal(project)}-${kind}Role`;
  }
  teamPolicy(teamFullName: string, suffix: "Team-Access" | "DenyCrossTeam"): string {
    return `SageMaker-${pascal(teamFullName)}-${suffix}`;
  }
  projectPolicy(teamFullName: string, project: string, suffix: string): string {
    return `SageMaker-${pascal(teamFullName)}-${pascal(project)}-${suffix}`;
  }
  /** Per-user scope denies (§14.3), rendered from the user's memberships: `Scope`, `Scope2`, .... */
  userScopePolicy(teamFullName: string, user: string, part = 1): string {
    return `SageMaker-${pascal(teamFullName)}-User-${pascal(user)}-${part === 1 ? "Scope" : `Scope${part}`}`;
  }
  roleArn(roleName: string): string {
    // Roles live at path "/": Studio fails to assume a path-prefixed role (§6.4, §11.3).
    return `arn:aws:iam::${this.p.accountId}:role/${roleName}`;
  }
  policyArn(policyName: string): string {
    return `arn:aws:iam::${this.p.accountId}:policy${this.p.iamPath}${policyName}`;
  }
  awsManagedPolicyArn(name: string): string {
    return `arn:aws:iam::aws:policy/${name}`;
  }

  // S3
  projectBucket(team: string, project: string): string {
    return `${this.teamBucketPrefix(team)}${project}`;
  }
  /** Name prefix of every project bucket and the shared bucket. */
  get platformBucketPrefix(): string {
    return `${this.p.company}-sm-`;
  }
  /** Name prefix of a team's project buckets. */
  teamBucketPrefix(team: string): string {
    return `${this.platformBucketPrefix}${team}-`;
  }
  get sharedBucket(): string {
    return `${this.platformBucketPrefix}shared-assets`;
  }
  get sagemakerDefaultBucket(): string {
    return `sagemaker-${this.p.region}-${this.p.accountId}`;
  }
  bucketArn(bucket: string): string {
    return `arn:aws:s3:::${bucket}`;
  }

  // Network
  securityGroup(key: string): string {
    return `${this.p.tagPrefix}-${key}`;
  }
  endpointNameTag(suffix: string): string {
    return `vpce-${this.p.tagPrefix}-${suffix}`;
  }

  // Studio
  get domain(): string {
    return this.p.domainName;
  }
  lifecycleConfig(kind: "disable-download" | "allow-download"): string {
    return `${this.p.tagPrefix}-${kind}`;
  }
  userProfile(team: string, project: string, user: string): string {
    return `profile-${team}-${short(project)}-${user}`;
  }
  space(team: string, project: string, user: string): string {
    return `space-${team}-${short(project)}-${user}`;
  }

  // Registry (§7.1 naming rule: names and ARN patterns agree)
  sharedRepository(type: string): string {
    return `${this.p.company}-sm-shared-${type}`;
  }
  projectRepository(team: string, project: string, type: string): string {
    return `${this.p.company}-sm-${team}-${project}-${type}`;
  }
  modelPackageGroup(team: string, project: string): string {
    return `${team}-${project}`;
  }
  /** Prefix every user-created SageMaker resource of a project must carry (§0.2). */
  resourcePrefix(team: string, project: string): string {
    return `${team}-${project}-`;
  }

  // Monitoring and audit (§9): platform-owned, outside every project's `{team}-{project}-` space.
  get alertsTopic(): string {
    return `${this.p.company}-sm-platform-alerts`;
  }
  /** Alarm and EventBridge rule names, e.g. `acme-sm-rc-fraud-detection-training-failed`. */
  monitoringResource(suffix: string): string {
    return `${this.p.company}-sm-${suffix}`;
  }
  get auditTrail(): string {
    return `${this.p.company}-sm-data-audit`;
  }
  // Not `{company}-sm-*` (SageMaker-ReadOnly-Access reads those buckets) and no `sagemaker`
  // (AmazonSageMakerFullAccess reads and writes `*sagemaker*` buckets): audit logs stay private.
  get auditTrailBucket(): string {
    return `${this.p.company}-ml-audit-trail`;
  }
  get auditAccessLogBucket(): string {
    return `${this.p.company}-ml-audit-access-logs`;
  }
}

/** Hard AWS limits checked at load time (§0.4). */
export const LIMITS = {
  roleName: 64,
  bucketName: 63,
  studioName: 63,
  iamUserName: 64,
  groupName: 128,
  policyName: 128,
  groupsPerUser: 10,
  managedPolicySize: 6144,
} as const;
