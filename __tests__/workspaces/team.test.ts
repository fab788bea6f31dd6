/**
 * team-<id> workspace: every resource kind and every policy, asserted on the synthesized JSON
 * (policies parsed and compared statement by statement with platform-spec §6 and §8).
 */
import { editExampleOrg, removeTeamFirstStep } from "../support/org";
import { addresses, resourceList, resources, synthExample, synthOrg, type StackJson } from "../support/synth";

const A = "123456789012";
const R = "ap-northeast-1";
const SM = `arn:aws:sagemaker:${R}:${A}`;
const POLICY = (name: string) => `arn:aws:iam::${A}:policy/acme-sagemaker/${name}`;
const ROLE = (name: string) => `arn:aws:iam::${A}:role/${name}`;
const FRAUD = "SageMaker-RiskControl-FraudDetection";

const out = synthExample();
const rc = out.json["team-rc"];
const algo = out.json["team-algo"];

/** Policy documents of a stack by name, with Terraform's `$${` turned back into `${`. */
function policies(stack: StackJson): Record<string, any> {
  const docs: Record<string, any> = {};
  for (const p of resourceList(stack, "aws_iam_policy")) docs[p.name] = JSON.parse(p.policy.replace(/\$\$\{/g, "${"));
  return docs;
}
const bySid = (doc: any): Record<string, any> => Object.fromEntries(doc.Statement.map((s: any) => [s.Sid, s]));
const list = (v: string | string[]) => (Array.isArray(v) ? [...v].sort() : [v]);
const groupName = (stack: StackJson, ref: string) =>
  resources(stack, "aws_iam_group")[/aws_iam_group\.([^.]+)\.name/.exec(ref)![1]].name;
const roleName = (stack: StackJson, ref: string) =>
  resources(stack, "aws_iam_role")[/aws_iam_role\.([^.]+)\.name/.exec(ref)![1]].name;

function groupAttachments(stack: StackJson, group: string): string[] {
  return resourceList(stack, "aws_iam_group_policy_attachment")
    .filter((a) => groupName(stack, a.group) === group)
    .map((a) => a.policy_arn)
    .sort();
}
function roleAttachments(stack: StackJson, role: string): string[] {
  return resourceList(stack, "aws_iam_role_policy_attachment")
    .filter((a) => roleName(stack, a.role) === role)
    .map((a) => a.policy_arn)
    .sort();
}
const user = (stack: StackJson, name: string) => resourceList(stack, "aws_iam_user").find((u) => u.name === name);

describe("team workspace: team resources (§6.1)", () => {
  it("creates the team group on the IAM path with the five attachments", () => {
    const groups = resourceList(rc, "aws_iam_group").map((g) => [g.name, g.path]);
    expect(groups).toContainEqual(["sagemaker-risk-control", "/acme-sagemaker/"]);
    expect(groupAttachments(rc, "sagemaker-risk-control")).toEqual(
      [
        "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess",
        POLICY("SageMaker-Studio-Base-Access"),
        POLICY("SageMaker-User-SelfService"),
        POLICY("SageMaker-RiskControl-Team-Access"),
        POLICY("SageMaker-RiskControl-DenyCrossTeam"),
      ].sort(),
    );
  });

  it("Team-Access compares the Team tag with the team's full name (§8.8, §11.4)", () => {
    expect(policies(rc)["SageMaker-RiskControl-Team-Access"].Statement).toEqual([
      {
        Sid: "AllowDescribeTeamSpaces",
        Effect: "Allow",
        Action: ["sagemaker:DescribeSpace", "sagemaker:ListApps"],
        Resource: `${SM}:space/*`,
        Condition: { StringEquals: { "sagemaker:ResourceTag/Team": "risk-control" } },
      },
    ]);
  });

  it("DenyCrossTeam denies every listed action outside the {team}- prefix (§8.9)", () => {
    const doc = policies(algo)["SageMaker-Algorithm-DenyCrossTeam"];
    const s = bySid(doc);
    expect(Object.keys(s)).toEqual([
      "DenyDeleteOtherTeamModels",
      "DenyDeleteOtherTeamEndpointConfigs",
      "DenyModifyOtherTeamEndpoints",
      "DenyInvokeOtherTeamEndpoints",
      "DenyStopOtherTeamTransformJobs",
      "DenyStopOtherTeamTrainingJobs",
      "DenyStopOtherTeamProcessingJobs",
      "DenyStopOtherTeamHPOJobs",
      "DenyModifyOtherTeamExperiments",
      "DenyModifyOtherTeamModelPackages",
    ]);
    for (const st of doc.Statement) {
      expect(st.Effect).toBe("Deny");
      expect(st.Resource).toBeUndefined();
      for (const r of list(st.NotResource)) expect(r).toMatch(new RegExp(`^${SM}:[a-z-]+/algo-\\*$`));
    }
    expect(s.DenyInvokeOtherTeamEndpoints.Action).toEqual([
      "sagemaker:InvokeEndpoint",
      "sagemaker:InvokeEndpointAsync",
      "sagemaker:InvokeEndpointWithResponseStream",
    ]);
    expect(list(s.DenyModifyOtherTeamModelPackages.NotResource)).toEqual([
      `${SM}:model-package-group/algo-*`,
      `${SM}:model-package/algo-*`,
    ]);
  });
});

describe("team workspace: users (§6.2)", () => {
  it("creates one IAM user per team user with path, boundary, force_destroy and §0.3 tags", () => {
    expect(
      resourceList(rc, "aws_iam_user")
        .map((u) => u.name)
        .sort(),
    ).toEqual(["sm-rc-alice", "sm-rc-bob", "sm-rc-carol"]);
    expect(user(rc, "sm-rc-alice")).toMatchObject({
      path: "/acme-sagemaker/",
      permissions_boundary: POLICY("SageMaker-User-Boundary"),
      force_destroy: true,
      tags: {
        Team: "risk-control",
        ManagedBy: "acme-sagemaker",
        Owner: "sm-rc-alice",
        Company: "acme",
        Project: "anti-money-laundering",
      },
    });
    // Project tag: the alphabetically first active project, independent of declaration order.
    expect(user(rc, "sm-rc-bob").tags.Project).toBe("fraud-detection");
  });

  it("one non-exclusive membership per user: team group plus one group per active project", () => {
    expect(resourceList(rc, "aws_iam_group_membership")).toEqual([]);
    const memberships = Object.fromEntries(
      resourceList(rc, "aws_iam_user_group_membership").map((m) => {
        const u = resources(rc, "aws_iam_user")[/aws_iam_user\.([^.]+)\.name/.exec(m.user)![1]].name;
        return [u, m.groups.map((g: string) => groupName(rc, g)).sort()];
      }),
    );
    expect(memberships).toEqual({
      "sm-rc-alice": ["sagemaker-rc-anti-money-laundering", "sagemaker-rc-fraud-detection", "sagemaker-risk-control"],
      "sm-rc-bob": ["sagemaker-rc-fraud-detection", "sagemaker-risk-control"],
      "sm-rc-carol": ["sagemaker-rc-anti-money-laundering", "sagemaker-risk-control"],
    });
  });

  it("console login is opt-in, PGP-encrypted, reset required; the output is sensitive and encrypted only", () => {
    const logins = resourceList(rc, "aws_iam_user_login_profile");
    expect(logins).toHaveLength(1); // alice only
    expect(logins[0]).toMatchObject({
      pgp_key: "keybase:acme_platform_ops",
      password_reset_required: true,
      lifecycle: { ignore_changes: ["pgp_key"] },
    });
    expect(resourceList(algo, "aws_iam_user_login_profile")).toEqual([]);
    expect(rc.output.console_password_sm_rc_alice).toMatchObject({ sensitive: true });
    expect(rc.output.console_password_sm_rc_alice.value).toMatch(/\.encrypted_password\}$/);
    // No plaintext password attribute and no access keys anywhere.
    expect(out.text["team-rc"]).not.toMatch(/\.password\}/);
    for (const ws of Object.values(out.json)) expect(resources(ws, "aws_iam_access_key")).toEqual({});
  });

  it("each user's inline deny lets them pass only their own projects' roles", () => {
    const scope = Object.fromEntries(
      resourceList(rc, "aws_iam_user_policy").map((p) => [
        resources(rc, "aws_iam_user")[/aws_iam_user\.([^.]+)\.name/.exec(p.user)![1]].name,
        JSON.parse(p.policy),
      ]),
    );
    expect(scope["sm-rc-alice"].Statement).toEqual([
      {
        Sid: "DenyPassRoleOutsideOwnProjects",
        Effect: "Deny",
        Action: "iam:PassRole",
        NotResource: [ROLE("SageMaker-RiskControl-AntiMoneyLaundering-*"), ROLE(`${FRAUD}-*`)],
      },
    ]);
    // §14.4: nobody passes the domain default role.
    expect(scope["sm-rc-bob"].Statement[0].NotResource).toEqual([ROLE(`${FRAUD}-*`)]);
  });
});

describe("team workspace: project resources (§6.3-§6.5)", () => {
  const docs = policies(rc);
  const fraud = (suffix: string) => docs[`${FRAUD}-${suffix}`];

  it("renders the 13 project policies of a restricted project on the IAM path", () => {
    const names = resourceList(rc, "aws_iam_policy")
      .filter((p) => p.name.startsWith(`${FRAUD}-`))
      .map((p) => [p.name.slice(FRAUD.length + 1), p.path]);
    expect(names.map(([n]) => n).sort()).toEqual(
      [
        "Access",
        "S3Access",
        "PassRole",
        "ExecutionPolicy",
        "ExecutionJobPolicy",
        "TrainingPolicy",
        "TrainingOpsPolicy",
        "ProcessingPolicy",
        "ProcessingOpsPolicy",
        "InferencePolicy",
        "InferenceOpsPolicy",
        "DenyCrossProject",
        "InstanceWhitelist",
        "RoleScope",
      ].sort(),
    );
    for (const [, path] of names) expect(path).toBe("/acme-sagemaker/");
  });

  it("every policy stays under the 6,144-character quota and has no unrendered placeholder", () => {
    for (const stack of [rc, algo])
      for (const p of resourceList(stack, "aws_iam_policy")) {
        expect(p.policy.replace(/\s/g, "").length).toBeLessThanOrEqual(6144);
        expect(p.policy).not.toMatch(/\{(team|project|account|region|company|TeamPascal|ProjectPascal|projectShort)\}/);
        expect(p.policy).not.toMatch(/(^|[^$])\$\{(aws|sagemaker):/);
      }
  });

  it("Access: space and profile patterns use the names of the profiles and spaces (§8.10, §11.4)", () => {
    expect(fraud("Access").Statement).toEqual([
      {
        Sid: "AllowProjectSpaceAccess",
        Effect: "Allow",
        // §14.1: no CreateApp/DeleteApp; Studio creates apps as the owner-scoped ExecutionRole.
        Action: ["sagemaker:DescribeSpace", "sagemaker:UpdateSpace"],
        Resource: `${SM}:space/*/space-rc-frauddet-*`,
        Condition: { StringEquals: { "sagemaker:ResourceTag/Project": "fraud-detection" } },
      },
      {
        Sid: "AllowDescribeOwnUserProfile",
        Effect: "Allow",
        Action: ["sagemaker:DescribeUserProfile", "sagemaker:CreatePresignedDomainUrl"],
        Resource: `${SM}:user-profile/*/profile-rc-frauddet-*`,
      },
    ]);
    // The team's homes workspace names them with the same helper.
    const profiles = resourceList(out.json["domain-rc"], "aws_sagemaker_user_profile").map((p) => p.user_profile_name);
    expect(profiles).toContain("profile-rc-frauddet-alice");
    const spaces = resourceList(out.json["domain-rc"], "aws_sagemaker_space").map((s) => s.space_name);
    expect(spaces).toContain("space-rc-frauddet-alice");
  });

  it("S3Access: project bucket read/write, shared read-only, default bucket (§8.11)", () => {
    const s = bySid(fraud("S3Access"));
    expect(s.AllowS3ProjectAccess).toEqual({
      Sid: "AllowS3ProjectAccess",
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "s3:GetBucketLocation"],
      Resource: ["arn:aws:s3:::acme-sm-rc-fraud-detection", "arn:aws:s3:::acme-sm-rc-fraud-detection/*"],
    });
    expect(s.AllowSharedAssetsReadOnly.Resource).toEqual([
      "arn:aws:s3:::acme-sm-shared-assets",
      "arn:aws:s3:::acme-sm-shared-assets/*",
    ]);
    expect(s.AllowSharedAssetsReadOnly.Action).toEqual(["s3:GetObject", "s3:ListBucket"]);
    // §14.5: the SageMaker default bucket is nobody's.
    expect(JSON.stringify(fraud("S3Access"))).not.toContain(`sagemaker-${R}-${A}`);
  });

  it("PassRole: the four project roles to SageMaker only; the deny moved to the per-user scope (§8.12)", () => {
    expect(fraud("PassRole").Statement).toEqual([
      {
        Sid: "AllowPassRoleToProjectRoles",
        Effect: "Allow",
        Action: "iam:PassRole",
        Resource: ["Execution", "Training", "Processing", "Inference"].map((k) => ROLE(`${FRAUD}-${k}Role`)),
        Condition: { StringEquals: { "iam:PassedToService": "sagemaker.amazonaws.com" } },
      },
      { Sid: "AllowGetRole", Effect: "Allow", Action: ["iam:GetRole", "iam:ListRoles"], Resource: "*" },
    ]);
  });

  it("ExecutionPolicy and ExecutionJobPolicy (§8.13, §8.14)", () => {
    const e = bySid(fraud("ExecutionPolicy"));
    expect(Object.keys(e)).toEqual([
      "AllowCloudWatchLogsProject",
      "AllowReadOwnSpaceTags",
      "AllowCloudWatchLogsDescribe",
      "AllowECRReadWriteProject",
      "AllowECRReadShared",
      "AllowECRAuth",
      "AllowECRPullAWSImages",
      "AllowVPCNetworkInterface",
      "AllowAIAssistant",
    ]);
    expect(e.AllowCloudWatchLogsProject.Resource).toEqual([
      `arn:aws:logs:${R}:${A}:log-group:/aws/sagemaker/studio*`,
      `arn:aws:logs:${R}:${A}:log-group:/aws/sagemaker/*:log-stream:rc-fraud-detection-*`,
      `arn:aws:logs:${R}:${A}:log-group:/aws/sagemaker/Endpoints/rc-fraud-detection-*`,
    ]);
    // §7.1/§11.4: ECR patterns cover the repository names the registry workspace creates.
    expect(e.AllowECRReadWriteProject.Resource).toBe(`arn:aws:ecr:${R}:${A}:repository/acme-sm-rc-fraud-detection-*`);
    expect(e.AllowECRReadShared.Resource).toBe(`arn:aws:ecr:${R}:${A}:repository/acme-sm-shared-*`);
    expect(e.AllowAIAssistant.Condition).toEqual({ StringEquals: { "aws:ResourceAccount": A } });

    const j = bySid(fraud("ExecutionJobPolicy"));
    expect(j.DenyPassRoleToOtherProjects).toEqual({
      Sid: "DenyPassRoleToOtherProjects",
      Effect: "Deny",
      Action: "iam:PassRole",
      NotResource: ROLE(`${FRAUD}-*`),
    });
    expect(j.AllowPassRoleToSpecializedRoles.Resource).toEqual(
      ["Training", "Processing", "Inference"].map((k) => ROLE(`${FRAUD}-${k}Role`)),
    );
    expect(j.AllowSubmitJobs.Action).toHaveLength(30);
    expect(j.AllowSubmitJobs.Resource).toEqual(
      [
        "training-job",
        "hyper-parameter-tuning-job",
        "processing-job",
        "model",
        "endpoint-config",
        "endpoint",
        "transform-job",
      ].map((t) => `${SM}:${t}/rc-fraud-detection-*`),
    );
    expect(j.AllowExperimentTracking.Resource).toEqual([
      `${SM}:experiment/rc-fraud-detection-*`,
      `${SM}:experiment-trial/rc-fraud-detection-*`,
      `${SM}:experiment-trial-component/*`,
    ]);
    expect(j.AllowModelRegistry.Resource).toEqual([
      `${SM}:model-package-group/rc-fraud-detection`,
      `${SM}:model-package/rc-fraud-detection/*`,
    ]);
  });

  it("specialised base policies read and write only their prefixes (§8.15, §8.17, §8.19)", () => {
    const b = "arn:aws:s3:::acme-sm-rc-fraud-detection";
    expect(bySid(fraud("TrainingPolicy")).AllowS3TrainingOutput.Resource).toEqual([
      `${b}/models/*`,
      `${b}/training-output/*`,
      `${b}/checkpoints/*`,
    ]);
    expect(bySid(fraud("ProcessingPolicy")).AllowS3ProcessingDataAccess.Resource).toEqual([
      b,
      `${b}/data/*`,
      `${b}/raw/*`,
      `${b}/datasets/*`,
    ]);
    expect(bySid(fraud("InferencePolicy")).AllowS3InferenceOutput.Resource).toEqual([
      `${b}/inference/output/*`,
      `${b}/batch-transform/*`,
    ]);
    for (const s of ["TrainingPolicy", "ProcessingPolicy", "InferencePolicy"]) {
      const sids = Object.keys(bySid(fraud(s)));
      for (const sid of [
        "AllowECRPullProject",
        "AllowECRPullShared",
        "AllowECRAuth",
        "AllowECRPullAWSImages",
        "AllowVPCNetworkInterface",
        "AllowSharedAssetsReadOnly",
      ])
        expect(sids).toContain(sid);
    }
  });

  it("ops policies: own role only, KMS via SageMaker, Glue for processing, never presign (§8.16, §8.18, §14.2)", () => {
    const t = bySid(fraud("TrainingOpsPolicy"));
    expect(t.AllowPassRoleToSageMaker.Resource).toBe(ROLE(`${FRAUD}-TrainingRole`));
    expect(t.AllowKMSForTraining.Condition).toEqual({
      StringLike: { "kms:ViaService": `sagemaker.${R}.amazonaws.com` },
    });
    const p = bySid(fraud("ProcessingOpsPolicy"));
    // §14.3 denies athena:StartQueryExecution everywhere: no dead grant.
    expect(p.AllowAthenaForDataWrangler).toBeUndefined();
    for (const doc of ["TrainingOpsPolicy", "ProcessingOpsPolicy", "InferenceOpsPolicy"])
      expect(bySid(fraud(doc)).DenyPresign).toMatchObject({ Effect: "Deny", Resource: "*" });
    expect(p.AllowFeatureStoreAccess.Resource).toBe(`${SM}:feature-group/rc-fraud-detection-*`);
  });

  it("InferenceOps: models only in the configured private subnets with the platform SGs (§8.20)", () => {
    const s = bySid(fraud("InferenceOpsPolicy"));
    const subnets = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"];
    expect(s.AllowCreateModelWithVpcRestriction.Condition).toEqual({
      "ForAllValues:StringEquals": {
        "sagemaker:VpcSubnets": subnets,
        "sagemaker:VpcSecurityGroupIds": [
          "${data.terraform_remote_state.remote-network.outputs.studio_security_group_id}",
          "${data.terraform_remote_state.remote-network.outputs.inference_security_group_id}",
        ],
      },
      Null: { "sagemaker:VpcSubnets": "false", "sagemaker:VpcSecurityGroupIds": "false" },
    });
    expect(s.DenyCreateModelWithoutVpc).toMatchObject({
      Effect: "Deny",
      Condition: { Null: { "sagemaker:VpcSubnets": "true" } },
    });
    expect(s.DenyCreateModelWithPublicSubnet.Condition).toEqual({
      "ForAnyValue:StringNotEquals": { "sagemaker:VpcSubnets": subnets },
    });
    expect(rc.data.terraform_remote_state["remote-network"].defaults.inference_security_group_id).toMatch(/^sg-/);
  });

  it("DenyCrossProject denies outside the {team}-{project}- prefix with NotResource (§8.21) and carries the data scope (§14.3)", () => {
    const doc = fraud("DenyCrossProject");
    const sagemaker = doc.Statement.filter((st: any) => String(st.Sid).includes("OtherProject"));
    expect(sagemaker).toHaveLength(10);
    for (const st of sagemaker) {
      expect(st.Effect).toBe("Deny");
      for (const r of list(st.NotResource)) expect(r).toMatch(/rc-fraud-detection(-\*|\/\*)?$/);
    }
    for (const st of doc.Statement) expect(st.Effect).toBe("Deny");
    expect(doc.Statement.map((st: any) => st.Sid)).toEqual(
      expect.arrayContaining([
        "DenyS3WritesOutsidePlatformBuckets",
        "DenySecretsOutsideOwnProjects",
        "DenyLogsOutsideOwnProjects",
      ]),
    );
  });

  it("InstanceWhitelist: the resolved preset or custom list from the first apply (§8.22)", () => {
    expect(fraud("InstanceWhitelist").Statement).toEqual([
      {
        Sid: "DenyUnauthorizedInstanceTypes",
        Effect: "Deny",
        // §14.7: apps, jobs and endpoint configs; the key is multivalued.
        Action: [
          "sagemaker:CreateApp",
          "sagemaker:CreateEndpointConfig",
          "sagemaker:CreateHyperParameterTuningJob",
          "sagemaker:CreateProcessingJob",
          "sagemaker:CreateTrainingJob",
          "sagemaker:CreateTransformJob",
        ],
        Resource: "*",
        Condition: {
          "ForAnyValue:StringNotEquals": {
            "sagemaker:InstanceTypes": ["ml.t3.medium", "ml.t3.large", "ml.m5.large", "ml.m5.xlarge", "system"],
          },
        },
      },
    ]);
    expect(
      docs["SageMaker-RiskControl-AntiMoneyLaundering-InstanceWhitelist"].Statement[0].Condition[
        "ForAnyValue:StringNotEquals"
      ]["sagemaker:InstanceTypes"],
    ).toContain("ml.r5.2xlarge");
    const custom = synthOrg(
      editExampleOrg({
        teams: (d) =>
          (d.teams.algo.projects["user-intent"].instanceWhitelist = {
            custom: ["ml.t3.medium", "ml.c5.xlarge", "system"],
          }),
      }),
    ).json["team-algo"];
    expect(policies(custom)["SageMaker-Algorithm-UserIntent-InstanceWhitelist"].Statement[0].Condition).toEqual({
      "ForAnyValue:StringNotEquals": { "sagemaker:InstanceTypes": ["ml.t3.medium", "ml.c5.xlarge", "system"] },
    });
    const open = synthOrg(
      editExampleOrg({ teams: (d) => (d.teams.algo.projects["user-intent"].instanceWhitelist = "unrestricted") }),
    ).json["team-algo"];
    expect(policies(open)["SageMaker-Algorithm-UserIntent-InstanceWhitelist"]).toBeUndefined();
    expect(roleAttachments(open, "SageMaker-Algorithm-UserIntent-ExecutionRole")).toHaveLength(13);
  });

  it("project group: Access, DenyAdmin, S3Access, PassRole and the whitelist (§6.3, §6.5)", () => {
    expect(groupAttachments(rc, "sagemaker-rc-fraud-detection")).toEqual(
      [
        POLICY(`${FRAUD}-Access`),
        POLICY("SageMaker-Shared-DenyAdmin"),
        POLICY(`${FRAUD}-S3Access`),
        POLICY(`${FRAUD}-PassRole`),
        POLICY(`${FRAUD}-InstanceWhitelist`),
      ].sort(),
    );
  });

  it("roles: path /, trust §8.0 with sts:SetContext, tags, attachments per §6.4", () => {
    const roles = Object.fromEntries(resourceList(rc, "aws_iam_role").map((r) => [r.name, r]));
    expect(
      Object.keys(roles)
        .filter((n) => n.startsWith(FRAUD))
        .sort(),
    ).toEqual(["Execution", "Inference", "Processing", "Training"].map((k) => `${FRAUD}-${k}Role`));
    const exec = roles[`${FRAUD}-ExecutionRole`];
    expect(exec.path).toBe("/");
    expect(JSON.parse(exec.assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "sagemaker.amazonaws.com" },
          Action: ["sts:AssumeRole", "sts:SetContext"],
        },
      ],
    });
    expect(exec.tags).toEqual({
      Team: "risk-control",
      Project: "fraud-detection",
      ManagedBy: "acme-sagemaker",
      Company: "acme",
    });
    expect(roles[`${FRAUD}-TrainingRole`].tags).toEqual({ ...exec.tags, Purpose: "Training" });
    expect(roleAttachments(rc, `${FRAUD}-ExecutionRole`)).toEqual(
      [
        "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess",
        "arn:aws:iam::aws:policy/AmazonSageMakerCanvasFullAccess",
        "arn:aws:iam::aws:policy/AmazonSageMakerCanvasAIServicesAccess",
        "arn:aws:iam::aws:policy/AmazonSageMakerCanvasDataPrepFullAccess",
        "arn:aws:iam::aws:policy/service-role/AmazonSageMakerCanvasDirectDeployAccess",
        POLICY("SageMaker-StudioAppPermissions"),
        POLICY("SageMaker-MLflowAppAccess"),
        POLICY("SageMaker-Shared-DenyAdmin"),
        POLICY(`${FRAUD}-S3Access`),
        POLICY(`${FRAUD}-ExecutionPolicy`),
        POLICY(`${FRAUD}-ExecutionJobPolicy`),
        POLICY(`${FRAUD}-DenyCrossProject`),
        // §14.3: the scope; it also carries the whitelist (§14.7).
        POLICY(`${FRAUD}-RoleScope`),
      ].sort(),
    );
    for (const kind of ["Training", "Processing", "Inference"])
      expect(roleAttachments(rc, `${FRAUD}-${kind}Role`)).toEqual(
        [
          POLICY("SageMaker-Shared-DenyAdmin"),
          POLICY(`${FRAUD}-${kind}Policy`),
          POLICY(`${FRAUD}-${kind}OpsPolicy`),
          POLICY(`${FRAUD}-DenyCrossProject`),
          POLICY(`${FRAUD}-RoleScope`),
        ].sort(),
      );
  });

  it("specialised roles exist only with their feature flag; their policies stay", () => {
    const stack = synthOrg(editExampleOrg({ platform: (d) => (d.features.trainingRole = false) })).json["team-rc"];
    const roleNames = resourceList(stack, "aws_iam_role").map((r) => r.name);
    expect(roleNames).not.toContain(`${FRAUD}-TrainingRole`);
    expect(roleNames).toContain(`${FRAUD}-ProcessingRole`);
    expect(policies(stack)[`${FRAUD}-TrainingPolicy`]).toBeDefined();
  });
});

describe("team workspace: bucket policies (§6.6)", () => {
  const bucketPolicy = (stack: StackJson, bucket: string) => {
    const p = resourceList(stack, "aws_s3_bucket_policy").find((b) => b.bucket === bucket);
    return p && { ...p, doc: JSON.parse(p.policy) };
  };

  it("allows the ExecutionRole and delegates to the team's users, denies TLS-less access, waits for the role", () => {
    const p = bucketPolicy(rc, "acme-sm-rc-fraud-detection")!;
    const s = bySid(p.doc);
    const res = ["arn:aws:s3:::acme-sm-rc-fraud-detection", "arn:aws:s3:::acme-sm-rc-fraud-detection/*"];
    const five = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "s3:GetBucketLocation"];
    expect(s.AllowExecutionRoleAccess).toEqual({
      Sid: "AllowExecutionRoleAccess",
      Effect: "Allow",
      Principal: { AWS: ROLE(`${FRAUD}-ExecutionRole`) },
      Action: five,
      Resource: res,
    });
    expect(s.AllowProjectMembersConsoleAccess).toEqual({
      Sid: "AllowProjectMembersConsoleAccess",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${A}:root` },
      Action: five,
      Resource: res,
      // §14.5: the project's members by exact IAM user name.
      Condition: { StringEquals: { "aws:username": ["sm-rc-alice", "sm-rc-bob"] } },
    });
    expect(s.DenyInsecureTransport).toMatchObject({
      Effect: "Deny",
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
    expect(s.DenyNonVPCAccess).toBeUndefined();
    // After its bucket (same workspace) and the role it names.
    expect(p.depends_on).toEqual([
      "aws_s3_bucket.bucket-rc-fraud-detection",
      expect.stringMatching(/^aws_iam_role\.project-fraud-detection_role-Execution_Role_/),
    ]);
  });

  it("restrictToVpc adds DenyNonVPCAccess with the deployer exemption (§11.12)", () => {
    const deployer = `arn:aws:iam::${A}:role/platform-deployer`;
    const stack = synthOrg(
      editExampleOrg({
        platform: (d) => {
          d.storage.restrictToVpc = true;
          d.identity.deployerPrincipalArns = [deployer];
        },
      }),
    ).json["team-rc"];
    expect(bySid(bucketPolicy(stack, "acme-sm-rc-fraud-detection")!.doc).DenyNonVPCAccess).toEqual({
      Sid: "DenyNonVPCAccess",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: ["arn:aws:s3:::acme-sm-rc-fraud-detection", "arn:aws:s3:::acme-sm-rc-fraud-detection/*"],
      Condition: {
        StringNotEquals: { "aws:SourceVpc": "vpc-0a1b2c3d4e5f60718" },
        Bool: { "aws:ViaAWSService": "false" },
        ArnNotLike: { "aws:PrincipalArn": [deployer] },
      },
    });
  });
});

describe("team workspace: retired projects and invariance", () => {
  it("a retired project loses group, policies, roles and memberships; its bucket stays, deny-only", () => {
    const retired = synthOrg(
      editExampleOrg({ teams: (d) => (d.teams.rc.projects["anti-money-laundering"].status = "retired") }),
    );
    const stack = retired.json["team-rc"];
    const bucketTypes = (t: string) => t.startsWith("aws_s3_");
    const bucketPolicies = stack.resource.aws_s3_bucket_policy;
    const rest = Object.fromEntries(Object.entries(stack.resource).filter(([t]) => !bucketTypes(t)));
    expect(JSON.stringify(rest)).not.toMatch(/AntiMoneyLaundering|anti-money-laundering/);
    expect(resourceList(stack, "aws_iam_group").map((g) => g.name)).not.toContain("sagemaker-rc-anti-money-laundering");
    // The bucket policy stays at the same address (updated in place), granting nobody.
    const activePolicy = resources(rc, "aws_s3_bucket_policy");
    const amlAddress = Object.keys(activePolicy).find(
      (k) => activePolicy[k].bucket === "acme-sm-rc-anti-money-laundering",
    )!;
    const amlPolicy = JSON.parse(bucketPolicies[amlAddress].policy.replace(/\$\$\{/g, "${"));
    expect(bucketPolicies[amlAddress].depends_on).toEqual(["aws_s3_bucket.bucket-rc-anti-money-laundering"]);
    expect(amlPolicy.Statement.map((st: any) => st.Sid)).toEqual([
      "DenyOtherPlatformRoles",
      "DenyNonMemberUsers",
      "DenyInsecureTransport",
    ]);
    expect(amlPolicy.Statement.every((st: any) => st.Effect === "Deny")).toBe(true);
    const roles = amlPolicy.Statement[0].Condition;
    expect(roles).toEqual({ ArnLike: { "aws:PrincipalArn": "arn:aws:iam::123456789012:role/SageMaker-*" } });
    expect(amlPolicy.Statement[1].Condition.StringNotLike["aws:username"]).toEqual(["sm-admin-*", "sm-readonly-*"]);
    // carol stays a team user with only the team group.
    expect(user(stack, "sm-rc-carol").tags.Project).toBeUndefined();
    // The bucket stays in this workspace, protected, unchanged.
    expect(resources(stack, "aws_s3_bucket")["bucket-rc-anti-money-laundering"]).toEqual(
      resources(rc, "aws_s3_bucket")["bucket-rc-anti-money-laundering"],
    );
    expect(resources(stack, "aws_s3_bucket")["bucket-rc-anti-money-laundering"].lifecycle).toEqual({
      prevent_destroy: true,
    });
  });

  it("a decommissioned project's bucket and bucket policy are released from state, not destroyed", () => {
    const gone = synthOrg(
      editExampleOrg({
        teams: (d) => {
          delete d.teams.rc.projects["anti-money-laundering"];
          d.teams.rc.decommissioned = ["anti-money-laundering"];
        },
      }),
    );
    const activePolicy = resources(rc, "aws_s3_bucket_policy");
    const amlAddress = Object.keys(activePolicy).find(
      (k) => activePolicy[k].bucket === "acme-sm-rc-anti-money-laundering",
    )!;
    expect(resources(gone.json["team-rc"], "aws_s3_bucket_policy")[amlAddress]).toBeUndefined();
    const released = (gone.json["team-rc"].removed as any[]).map((r) => {
      expect(r.lifecycle).toEqual({ destroy: false });
      return r.from;
    });
    expect(released).toContain(`aws_s3_bucket_policy.${amlAddress}`);
    // Every address of the bucket it had is released too, nothing else.
    const had = addresses(rc).filter((a) => a.includes(".bucket-rc-anti-money-laundering"));
    expect(had.length).toBeGreaterThan(5);
    for (const a of had) expect(released).toContain(a);
    expect(released.every((a) => a.includes("anti-money-laundering"))).toBe(true);
    expect(resources(gone.json["team-rc"], "aws_s3_bucket")["bucket-rc-anti-money-laundering"]).toBeUndefined();
  });

  it("adding a member with console login adds only that member's resources and output", () => {
    const added = synthOrg(
      editExampleOrg({
        teams: (d) => {
          d.teams.rc.users.grace = { consoleLogin: true };
          d.teams.rc.projects["fraud-detection"].members.push("grace");
          d.teams.rc.projects["anti-money-laundering"].members.push("grace");
        },
      }),
    );
    const before = addresses(rc);
    const after = addresses(added.json["team-rc"]);
    const fresh = after.filter((a) => !before.includes(a));
    expect(before.filter((a) => !after.includes(a))).toEqual([]);
    expect(fresh.map((a) => a.replace(/_[0-9A-F]{8}$/, "")).sort()).toEqual(
      [
        "aws_iam_user.user-grace_User",
        "aws_iam_user_group_membership.user-grace_Groups",
        "aws_iam_user_login_profile.user-grace_LoginProfile",
        "aws_iam_user_policy.user-grace_PassRoleScope",
        "aws_iam_policy.user-grace_Scope",
        "aws_iam_policy.user-grace_Scope2",
        "aws_iam_user_policy_attachment.user-grace_Scope2Attachment",
        "aws_iam_user_policy_attachment.user-grace_ScopeAttachment",
      ].sort(),
    );
    expect(Object.keys(added.json["team-rc"].output).sort()).toEqual([
      "console_password_sm_rc_alice",
      "console_password_sm_rc_grace",
    ]);
    const strip = (s: StackJson) => {
      const c = JSON.parse(JSON.stringify(s));
      for (const a of fresh) delete c.resource[a.split(".")[0]][a.split(".")[1]];
      delete c.output.console_password_sm_rc_grace;
      delete c["//"].outputs["team-rc"].console_password_sm_rc_grace;
      // §14.5: the joined projects' bucket policies name the new member; nothing else changes.
      for (const p of Object.values<any>(c.resource.aws_s3_bucket_policy))
        p.policy = p.policy.replace(/,"sm-rc-grace"/g, "");
      return c;
    };
    expect(strip(added.json["team-rc"])).toEqual(rc);
    expect(added.text["team-algo"]).toBe(out.text["team-algo"]);
    expect(added.text.foundation).toBe(out.text.foundation);
  });
});

describe("team workspace: a removed team (issue 10)", () => {
  const removed = synthOrg(
    editExampleOrg({
      teams: (d) => {
        removeTeamFirstStep(d, "algo");
      },
    }),
  ).json;

  it("keeps its workspace, so its apply destroys every IAM user, group, role and policy", () => {
    const stack = removed["team-algo"];
    for (const type of [
      "aws_iam_user",
      "aws_iam_group",
      "aws_iam_role",
      "aws_iam_policy",
      "aws_iam_group_policy_attachment",
    ])
      expect({ type, count: Object.keys(resources(stack, type)).length }).toEqual({ type, count: 0 });
    // Its projects' data stays, locked: protected buckets with deny-only bucket policies.
    expect(
      resourceList(stack, "aws_s3_bucket_policy")
        .map((p) => p.bucket)
        .sort(),
    ).toEqual(["acme-sm-algo-recommendation-engine", "acme-sm-algo-user-intent"]);
    expect(Object.keys(resources(stack, "aws_s3_bucket")).sort()).toEqual([
      "bucket-algo-recommendation-engine",
      "bucket-algo-user-intent",
    ]);
    for (const b of resourceList(stack, "aws_s3_bucket")) expect(b.lifecycle).toEqual({ prevent_destroy: true });
    expect(removed.foundation.output.live_teams.value).toEqual({ algo: "removed", rc: "active" });
  });

  it("leaves no profile or space of the team in its homes workspace, which stays planned", () => {
    expect(removed["domain-algo"]).toBeDefined();
    expect(removed["domain-algo"].resource.aws_sagemaker_user_profile).toBeUndefined();
    expect(removed["domain-algo"].resource.aws_sagemaker_space).toBeUndefined();
    expect(removed["domain-rc"].resource.aws_sagemaker_user_profile).toBeDefined();
  });
});
