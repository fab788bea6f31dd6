/** Pure policy builders of the team workspace: sizes at the §0.4 limits, name consistency, escaping. */
import { Names } from "../../../catalog/names";
import { DEFAULT_PRESETS } from "../../../org/sections/teams";
import { policySize, toTerraformPolicyJson, policyDocument } from "../../../catalog/policies/policy-document";
import { passRoleScopePolicy, projectPolicyDocuments } from "../../../catalog/policies/project-policies";
import { teamPolicyDocuments } from "../../../catalog/policies/team-policies";
import { projectRoleAttachments } from "../../../catalog/policies/role-attachments";
import { projectBucketPolicyDocument } from "../../../catalog/policies/project-bucket-policy";
import { projectIam } from "../../../catalog/policies/project-iam";

const names = (company = "acme", iamPath = "/acme-sagemaker/") =>
  new Names({
    company,
    accountId: "123456789012",
    region: "ap-northeast-1",
    iamPath,
    tagPrefix: `${company}-sagemaker`,
    domainName: `${company}-ml-platform`,
  });

/** A project's policy inputs, without the org-dependent options. */
const FRAUD_DETECTION = {
  team: "rc",
  teamFullName: "risk-control",
  project: "fraud-detection",
  privateSubnetIds: ["subnet-1"],
  modelSecurityGroupIds: ["sg-1"],
};

/** The largest default preset. */
const LARGEST_PRESET = DEFAULT_PRESETS.high_performance;

describe("project policy builders", () => {
  it("every document stays under 6,144 characters at the §0.4 maximum identifier lengths", () => {
    // 8-character company, 4-letter team, 30-character names, the largest preset.
    const n = names("abcdefgh", "/abcdefgh-sagemaker/");
    const docs = projectPolicyDocuments({
      names: n,
      team: "abcd",
      teamFullName: "abcdefghijklmnopqrstuvwxyzabcd",
      project: "p23456789-123456789-123456789a",
      privateSubnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1", "subnet-0123456789abcdef2"],
      modelSecurityGroupIds: ["sg-0123456789abcdef0", "sg-0123456789abcdef1"],
      whitelist: { apps: LARGEST_PRESET, jobs: LARGEST_PRESET },
      bucketKmsKeyArn: "arn:aws:kms:ap-northeast-1:123456789012:key/0123abcd-0123-4567-89ab-0123456789ab",
      downloadPinning: {
        allowDownloadConfigArn:
          "arn:aws:sagemaker:ap-northeast-1:123456789012:studio-lifecycle-config/abcdefgh-sagemaker-allow-download",
        entitledProfiles: Array.from({ length: 20 }, (_, i) => `profile-abcd-p23456789-user${i}`),
      },
    });
    expect(Object.keys(docs)).toHaveLength(14);
    for (const [suffix, doc] of Object.entries(docs))
      expect({ suffix, size: policySize(doc!) < 6144 }).toEqual({ suffix, size: true });
    for (const doc of Object.values(
      teamPolicyDocuments({ names: n, team: "abcd", teamFullName: "abcdefghijklmnopqrstuvwxyzabcd" }),
    ))
      expect(policySize(doc)).toBeLessThan(6144);
  });

  it("the space/profile patterns match the names the domain workspace creates (§11.4)", () => {
    const n = names();
    const docs = projectPolicyDocuments({
      names: n,
      team: "rc",
      teamFullName: "risk-control",
      project: "anti-money-laundering",
      privateSubnetIds: ["subnet-1"],
      modelSecurityGroupIds: ["sg-1"],
    });
    const [space, profile] = [
      [docs.Access!.Statement[0].Resource as string],
      docs.Access!.Statement[1].Resource as string,
    ];
    const glob = (pattern: string) =>
      new RegExp(`^${pattern.replace(/[.+?^$()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
    expect(
      `arn:aws:sagemaker:ap-northeast-1:123456789012:space/d-1/${n.space("rc", "anti-money-laundering", "carol")}`,
    ).toMatch(glob(space[0]));
    expect(
      `arn:aws:sagemaker:ap-northeast-1:123456789012:user-profile/d-1/${n.userProfile("rc", "anti-money-laundering", "carol")}`,
    ).toMatch(glob(profile));
    expect(docs.InstanceWhitelist).toBeUndefined();
  });

  it("the per-user PassRole scope is independent of membership order", () => {
    const n = names();
    const a = passRoleScopePolicy({
      names: n,
      teamFullName: "risk-control",
      projects: ["fraud-detection", "anti-money-laundering"],
    });
    const b = passRoleScopePolicy({
      names: n,
      teamFullName: "risk-control",
      projects: ["anti-money-laundering", "fraud-detection"],
    });
    expect(a).toEqual(b);
  });

  it("ExecutionRole attachment count: 13 with everything on, 8 with Canvas and MLflow off; every role carries the scope", () => {
    const base = { names: names(), teamFullName: "risk-control", project: "fraud-detection" };
    const on = { canvas: true, mlflow: true, trainingRole: true, processingRole: true, inferenceRole: true };
    const all = projectRoleAttachments({ ...base, features: on });
    expect(all.get("Execution")).toHaveLength(13);
    for (const [kind, refs] of all)
      expect({ kind, scoped: refs.some((r) => r.key === "RoleScope") }).toEqual({ kind, scoped: true });
    const off = projectRoleAttachments({
      ...base,
      features: { ...on, canvas: false, mlflow: false, inferenceRole: false },
    });
    expect(off.get("Execution")).toHaveLength(8);
    expect([...off.keys()]).toEqual(["Execution", "Training", "Processing"]);
  });

  it("bucket policy: VPC deny only when restricted, exemption only when given", () => {
    const props = { names: names(), team: "rc", teamFullName: "risk-control", project: "fraud-detection" };
    const sids = (d: ReturnType<typeof projectBucketPolicyDocument>) => d.Statement.map((s) => s.Sid);
    expect(sids(projectBucketPolicyDocument({ ...props, members: ["sm-rc-bob"] }))).toEqual([
      "AllowExecutionRoleAccess",
      "AllowProjectMembersConsoleAccess",
      "DenyOtherPlatformRoles",
      "DenyNonMemberUsers",
      "DenyInsecureTransport",
    ]);
    const vpc = projectBucketPolicyDocument({ ...props, vpcRestriction: { vpcId: "vpc-1", exemptPrincipalArns: [] } });
    expect(vpc.Statement.find((s) => s.Sid === "DenyNonVPCAccess")!.Condition).toEqual({
      StringNotEquals: { "aws:SourceVpc": "vpc-1" },
      Bool: { "aws:ViaAWSService": "false" },
    });
  });
});

describe("toTerraformPolicyJson", () => {
  it("escapes IAM policy variables but leaves cdktf tokens alone (§11.1)", () => {
    const json = toTerraformPolicyJson(
      policyDocument([
        {
          Effect: "Allow",
          Action: "iam:GetUser",
          Resource: ["arn:aws:iam::1:user/${aws:username}", "${TfToken[TOKEN.7]}"],
        },
      ]),
    );
    expect(json).toContain("$${aws:username}");
    expect(json).not.toMatch(/[^$]\$\{aws:/);
    expect(json).toContain('"${TfToken[TOKEN.7]}"');
  });
});

describe("SSE-KMS buckets (§14.5)", () => {
  const kms = "arn:aws:kms:ap-northeast-1:123456789012:key/0123abcd-0123-4567-89ab-0123456789ab";
  const docs = (bucketKmsKeyArn?: string) =>
    projectPolicyDocuments({ names: names(), ...FRAUD_DETECTION, bucketKmsKeyArn });

  it("the group, the ExecutionRole and the three job roles may use the buckets' key through S3 only", () => {
    for (const suffix of ["S3Access", "TrainingPolicy", "ProcessingPolicy", "InferencePolicy"] as const) {
      const statement = docs(kms)[suffix]!.Statement.find((s) => s.Sid === "AllowBucketKmsViaS3");
      expect({ suffix, statement }).toEqual({
        suffix,
        statement: {
          Sid: "AllowBucketKmsViaS3",
          Effect: "Allow",
          Action: ["kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey"],
          Resource: kms,
          Condition: { StringEquals: { "kms:ViaService": "s3.ap-northeast-1.amazonaws.com" } },
        },
      });
    }
  });

  it("SSE-S3 buckets get no KMS statement", () => {
    for (const doc of Object.values(docs()))
      expect(doc!.Statement.some((s) => s.Sid === "AllowBucketKmsViaS3")).toBe(false);
  });
});

describe("projectIam: the project's IAM as data (§6.3-§6.5)", () => {
  const base = { names: names(), ...FRAUD_DETECTION };
  const on = { canvas: false, mlflow: false, trainingRole: true, processingRole: false, inferenceRole: true };

  it("attaches the group's policies in the §6.3 order, the whitelist only when restricted", () => {
    const keys = (iam: ReturnType<typeof projectIam>) => iam.groupAttachments.map((a) => a.key);
    expect(keys(projectIam({ ...base, features: on }))).toEqual(["Access", "DenyAdmin", "S3Access", "PassRole"]);
    const restricted = projectIam({
      ...base,
      features: on,
      whitelist: { apps: ["ml.t3.medium"], jobs: ["ml.m5.large"] },
    });
    expect(keys(restricted)).toEqual(["Access", "DenyAdmin", "S3Access", "PassRole", "InstanceWhitelist"]);
  });

  it("has the roles the features ask for, each attaching the project's own policies by their ARN", () => {
    const iam = projectIam({ ...base, features: on });
    expect(iam.roles.map((r) => r.roleName)).toEqual([
      "SageMaker-RiskControl-FraudDetection-ExecutionRole",
      "SageMaker-RiskControl-FraudDetection-TrainingRole",
      "SageMaker-RiskControl-FraudDetection-InferenceRole",
    ]);
    const arns = new Map(iam.policies.map((p) => [p.suffix as string, p.arn]));
    for (const ref of [...iam.groupAttachments, ...iam.roles.flatMap((r) => r.attachments)])
      if (arns.has(ref.key)) expect(ref.policyArn).toBe(arns.get(ref.key));
    expect(iam.groupName).toBe("sagemaker-rc-fraud-detection");
  });
});
