/**
 * Access matrix: evaluates the synthesized identity policies (group attachments and inline
 * policies as wired in the JSON), the permissions boundary and the bucket policies with an IAM
 * policy simulator, and checks who can do what.
 */
import { runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { loadExampleOrg } from "../support/org";
import { resources, synthOrg, type StackJson } from "../support/synth";

const ACCOUNT = "123456789012";
const IAM_PATH = "/acme-sagemaker/";

/**
 * The statements of the AWS-managed AmazonSageMakerFullAccess that matter for this matrix
 * (S3 and PassRole; transcribed, AWS may revise the policy). They make the PassRole denies
 * meaningful: this policy alone lets its holder pass any role to SageMaker.
 */
const SAGEMAKER_FULL_ACCESS = {
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Action: "sagemaker:*", Resource: "*" },
    {
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"],
      Resource: ["arn:aws:s3:::*SageMaker*", "arn:aws:s3:::*Sagemaker*", "arn:aws:s3:::*sagemaker*"],
    },
    {
      Effect: "Allow",
      Action: [
        "s3:CreateBucket",
        "s3:GetBucketLocation",
        "s3:ListBucket",
        "s3:ListAllMyBuckets",
        "s3:GetBucketCors",
        "s3:PutBucketCors",
      ],
      Resource: "*",
    },
    {
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: "arn:aws:iam::*:role/*",
      Condition: { StringEquals: { "iam:PassedToService": "sagemaker.amazonaws.com" } },
    },
  ],
};

type Policy = { name: string; policy: any };

/** `$${` in Terraform JSON is the literal `${` IAM receives. */
const parse = (json: string) => JSON.parse(json.replace(/\$\$\{/g, "${"));

class Platform {
  constructor(private readonly ws: Record<string, StackJson>) {}

  private teamStacks(): StackJson[] {
    return Object.entries(this.ws)
      .filter(([name]) => name.startsWith("team-"))
      .map(([, s]) => s);
  }

  /** Customer-managed policy by ARN (any workspace), or the managed-policy fixture. */
  policyByArn(arn: string): Policy {
    if (arn === "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess")
      return { name: "AmazonSageMakerFullAccess", policy: SAGEMAKER_FULL_ACCESS };
    if (arn.startsWith("arn:aws:iam::aws:policy/"))
      return { name: arn, policy: { Version: "2012-10-17", Statement: [] } };
    for (const stack of Object.values(this.ws))
      for (const p of Object.values<any>(resources(stack, "aws_iam_policy")))
        if (`arn:aws:iam::${ACCOUNT}:policy${p.path}${p.name}` === arn)
          return { name: p.name, policy: parse(p.policy) };
    throw new Error(`no synthesized policy ${arn}`);
  }

  /** Resolves `${aws_iam_group.X.name}` references of a stack to group names. */
  private refName(stack: StackJson, type: string, ref: string): string {
    const m = /^\$\{(\w+)\.([^.]+)\.name\}$/.exec(ref);
    if (!m) return ref;
    if (m[1] !== type) throw new Error(`unexpected reference ${ref}`);
    return resources(stack, type)[m[2]].name;
  }

  /** Identity policies of a team user: group attachments plus inline policies. */
  user(iamUserName: string): { policies: Policy[]; boundary: Policy[] } {
    for (const stack of this.teamStacks()) {
      const user = Object.entries<any>(resources(stack, "aws_iam_user")).find(([, u]) => u.name === iamUserName);
      if (!user) continue;
      const address = `\${aws_iam_user.${user[0]}.name}`;
      const groups: string[] = Object.values<any>(resources(stack, "aws_iam_user_group_membership"))
        .filter((m) => m.user === address)
        .flatMap((m) => m.groups.map((g: string) => this.refName(stack, "aws_iam_group", g)));
      const policies: Policy[] = [];
      for (const a of Object.values<any>(resources(stack, "aws_iam_group_policy_attachment")))
        if (groups.includes(this.refName(stack, "aws_iam_group", a.group)))
          policies.push(this.policyByArn(a.policy_arn));
      for (const p of Object.values<any>(resources(stack, "aws_iam_user_policy")))
        if (p.user === address) policies.push({ name: p.name, policy: parse(p.policy) });
      expect(groups.length).toBeGreaterThan(0);
      return { policies, boundary: [this.policyByArn(user[1].permissions_boundary)] };
    }
    throw new Error(`no user ${iamUserName}`);
  }

  role(roleName: string): Policy[] {
    for (const stack of Object.values(this.ws)) {
      const role = Object.entries<any>(resources(stack, "aws_iam_role")).find(([, r]) => r.name === roleName);
      if (!role) continue;
      const address = `\${aws_iam_role.${role[0]}.name}`;
      return Object.values<any>(resources(stack, "aws_iam_role_policy_attachment"))
        .filter((a) => a.role === address)
        .map((a) => this.policyByArn(a.policy_arn));
    }
    throw new Error(`no role ${roleName}`);
  }

  bucketPolicy(bucket: string): any {
    for (const stack of this.teamStacks())
      for (const p of Object.values<any>(resources(stack, "aws_s3_bucket_policy")))
        if (p.bucket === bucket) return parse(p.policy);
    return undefined;
  }
}

const platform = new Platform(synthOrg(loadExampleOrg()).json);

type Result = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

async function simulate(
  who: { user: string } | { role: string },
  action: string,
  resource: string,
  opts: { mfa?: boolean; context?: Record<string, string> } = {},
): Promise<Result> {
  const isUser = "user" in who;
  const principal = isUser
    ? `arn:aws:iam::${ACCOUNT}:user${IAM_PATH}${who.user}`
    : `arn:aws:sts::${ACCOUNT}:assumed-role/${who.role}/session`;
  const identity = isUser ? platform.user(who.user) : { policies: platform.role(who.role), boundary: undefined };
  const bucket = resource.startsWith("arn:aws:s3:::")
    ? resource.slice("arn:aws:s3:::".length).split("/")[0]
    : undefined;
  const context: Record<string, string> = {
    "aws:SecureTransport": "true",
    "aws:MultiFactorAuthPresent": String(opts.mfa ?? true),
    "aws:PrincipalArn": isUser ? principal : `arn:aws:iam::${ACCOUNT}:role/${who.role}`,
    "aws:PrincipalAccount": ACCOUNT,
    ...(isUser ? { "aws:username": who.user } : {}),
    ...opts.context,
  };
  if (!isUser) delete context["aws:MultiFactorAuthPresent"];
  const simulation: Simulation = {
    request: { principal, action, resource: { resource, accountId: ACCOUNT }, contextVariables: context },
    identityPolicies: identity.policies,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: bucket ? platform.bucketPolicy(bucket) : undefined,
    permissionBoundaryPolicies: identity.boundary,
  };
  const r = await runSimulation(simulation, {});
  if (r.resultType === "error") throw new Error(JSON.stringify(r.errors, null, 2));
  return r.overallResult as Result;
}

const bucket = (team: string, project: string) => `acme-sm-${team}-${project}`;
const object = (team: string, project: string, key = "data/train.csv") =>
  `arn:aws:s3:::${bucket(team, project)}/${key}`;
const role = (teamPascal: string, projectPascal: string, kind: string) =>
  `SageMaker-${teamPascal}-${projectPascal}-${kind}Role`;
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const toSageMaker = { context: { "iam:PassedToService": "sagemaker.amazonaws.com" } };

/** Active memberships of the example org. */
const MEMBERS: Record<string, [string, string][]> = {
  "sm-rc-alice": [
    ["rc", "fraud-detection"],
    ["rc", "anti-money-laundering"],
  ],
  "sm-rc-bob": [["rc", "fraud-detection"]],
  "sm-rc-carol": [["rc", "anti-money-laundering"]],
  "sm-algo-david": [["algo", "recommendation-engine"]],
  "sm-algo-eve": [
    ["algo", "recommendation-engine"],
    ["algo", "user-intent"],
  ],
  "sm-algo-frank": [["algo", "user-intent"]],
};
const PROJECTS: [string, string][] = [
  ["rc", "fraud-detection"],
  ["rc", "anti-money-laundering"],
  ["algo", "recommendation-engine"],
  ["algo", "user-intent"],
];
const EXECUTION_ROLES: Record<string, string> = {
  "rc/fraud-detection": role("RiskControl", "FraudDetection", "Execution"),
  "rc/anti-money-laundering": role("RiskControl", "AntiMoneyLaundering", "Execution"),
  "algo/recommendation-engine": role("Algorithm", "RecommendationEngine", "Execution"),
  "algo/user-intent": role("Algorithm", "UserIntent", "Execution"),
};

const member = (user: string, [t, p]: [string, string]) => MEMBERS[user].some(([mt, mp]) => mt === t && mp === p);

describe("access matrix (IAM policy simulation of the synthesized policies)", () => {
  describe("a member reads and writes their project's bucket", () => {
    const cases = Object.entries(MEMBERS).flatMap(([user, projects]) =>
      projects.map(([t, p]) => [user, t, p] as const),
    );
    it.each(cases)("%s in %s/%s", async (user, t, p) => {
      expect(await simulate({ user }, "s3:GetObject", object(t, p))).toBe("Allowed");
      expect(await simulate({ user }, "s3:PutObject", object(t, p, "raw/uploads/x.csv"))).toBe("Allowed");
      expect(await simulate({ user }, "s3:ListBucket", `arn:aws:s3:::${bucket(t, p)}`)).toBe("Allowed");
    });
    it.each(Object.entries(EXECUTION_ROLES))("the ExecutionRole of %s", async (key, roleName) => {
      const [t, p] = key.split("/");
      expect(await simulate({ role: roleName }, "s3:GetObject", object(t, p))).toBe("Allowed");
      expect(await simulate({ role: roleName }, "s3:PutObject", object(t, p, "models/m.tar.gz"))).toBe("Allowed");
    });
  });

  describe("nobody reads another project's or another team's bucket", () => {
    const userCases = Object.keys(MEMBERS).flatMap((user) =>
      PROJECTS.filter((tp) => !member(user, tp)).map(([t, p]) => [user, t, p] as const),
    );
    it.each(userCases)("%s cannot read or write %s/%s", async (user, t, p) => {
      expect(await simulate({ user }, "s3:GetObject", object(t, p))).not.toBe("Allowed");
      expect(await simulate({ user }, "s3:PutObject", object(t, p))).not.toBe("Allowed");
      // Listing is granted on "*" by AmazonSageMakerFullAccess: the bucket policy denies it to
      // other teams' users (same-team listing is a documented limitation, docs/identity.md).
      if (!user.startsWith(`sm-${t}-`))
        expect(await simulate({ user }, "s3:ListBucket", `arn:aws:s3:::${bucket(t, p)}`)).toBe("ExplicitlyDenied");
    });
    const roleCases = Object.entries(EXECUTION_ROLES).flatMap(([key, roleName]) =>
      PROJECTS.filter(([t, p]) => `${t}/${p}` !== key).map(([t, p]) => [roleName, t, p] as const),
    );
    it.each(roleCases)("%s cannot read, write or list %s/%s", async (roleName, t, p) => {
      expect(await simulate({ role: roleName }, "s3:GetObject", object(t, p))).not.toBe("Allowed");
      expect(await simulate({ role: roleName }, "s3:PutObject", object(t, p))).not.toBe("Allowed");
      expect(await simulate({ role: roleName }, "s3:ListBucket", `arn:aws:s3:::${bucket(t, p)}`)).toBe(
        "ExplicitlyDenied",
      );
    });
    it("the domain default role cannot list or read a project bucket", async () => {
      const domainRole = { role: "SageMaker-Domain-DefaultExecutionRole" };
      expect(await simulate(domainRole, "s3:ListBucket", `arn:aws:s3:::${bucket("rc", "fraud-detection")}`)).toBe(
        "ExplicitlyDenied",
      );
      expect(await simulate(domainRole, "s3:GetObject", object("rc", "fraud-detection"))).not.toBe("Allowed");
    });
  });

  describe("project roles are passed only by members", () => {
    const kinds = ["Execution", "Training", "Processing", "Inference"];
    const pascal: Record<string, [string, string]> = {
      "rc/fraud-detection": ["RiskControl", "FraudDetection"],
      "rc/anti-money-laundering": ["RiskControl", "AntiMoneyLaundering"],
      "algo/recommendation-engine": ["Algorithm", "RecommendationEngine"],
      "algo/user-intent": ["Algorithm", "UserIntent"],
    };
    const cases = Object.keys(MEMBERS).flatMap((user) =>
      PROJECTS.map(([t, p]) => [user, t, p, member(user, [t, p])] as const),
    );
    it.each(cases)("%s passing the roles of %s/%s (member: %s)", async (user, t, p, isMember) => {
      for (const kind of kinds) {
        const result = await simulate(
          { user },
          "iam:PassRole",
          roleArn(role(...pascal[`${t}/${p}`], kind)),
          toSageMaker,
        );
        expect({ kind, result }).toEqual({ kind, result: isMember ? "Allowed" : "ExplicitlyDenied" });
      }
    });
    it("a person in two projects passes each project's roles (the §8.12 trap is resolved)", async () => {
      for (const [t, p] of MEMBERS["sm-rc-alice"])
        expect(
          await simulate(
            { user: "sm-rc-alice" },
            "iam:PassRole",
            roleArn(role(...pascal[`${t}/${p}`], "Training")),
            toSageMaker,
          ),
        ).toBe("Allowed");
    });
    it("an ExecutionRole passes its own project's specialised roles and no other project's", async () => {
      const exec = EXECUTION_ROLES["rc/fraud-detection"];
      for (const kind of ["Training", "Processing", "Inference"]) {
        expect(
          await simulate(
            { role: exec },
            "iam:PassRole",
            roleArn(role("RiskControl", "FraudDetection", kind)),
            toSageMaker,
          ),
        ).toBe("Allowed");
        expect(
          await simulate(
            { role: exec },
            "iam:PassRole",
            roleArn(role("RiskControl", "AntiMoneyLaundering", kind)),
            toSageMaker,
          ),
        ).toBe("ExplicitlyDenied");
        expect(
          await simulate({ role: exec }, "iam:PassRole", roleArn(role("Algorithm", "UserIntent", kind)), toSageMaker),
        ).toBe("ExplicitlyDenied");
      }
    });
  });

  describe("without MFA a user can do nothing but enrol MFA", () => {
    const user = "sm-rc-alice";
    const self = `arn:aws:iam::${ACCOUNT}:user${IAM_PATH}${user}`;
    const mfa = `arn:aws:iam::${ACCOUNT}:mfa/${user}`;
    it.each([
      ["iam:CreateVirtualMFADevice", mfa],
      ["iam:EnableMFADevice", self],
      ["iam:ListMFADevices", self],
      ["iam:ResyncMFADevice", self],
      ["iam:ChangePassword", self],
      ["iam:GetUser", self],
    ])("%s on the own user is allowed", async (action, resource) => {
      expect(await simulate({ user }, action, resource, { mfa: false })).toBe("Allowed");
    });
    it.each([
      ["s3:GetObject", object("rc", "fraud-detection")],
      ["s3:PutObject", object("rc", "fraud-detection")],
      [
        "sagemaker:CreatePresignedDomainUrl",
        `arn:aws:sagemaker:ap-northeast-1:${ACCOUNT}:user-profile/d-abc123/profile-rc-frauddet-alice`,
      ],
      [
        "sagemaker:CreateTrainingJob",
        `arn:aws:sagemaker:ap-northeast-1:${ACCOUNT}:training-job/rc-fraud-detection-train-1`,
      ],
      ["iam:PassRole", roleArn(role("RiskControl", "FraudDetection", "Execution"))],
    ])("%s is denied", async (action, resource) => {
      const ctx = action === "iam:PassRole" ? toSageMaker : {};
      expect(await simulate({ user }, action, resource, { mfa: false, ...ctx })).toBe("ExplicitlyDenied");
      // ...and the same request with MFA is allowed: the denial is the MFA gate, not a missing grant.
      const ctxMfa =
        action === "sagemaker:CreatePresignedDomainUrl" ? { context: { "sagemaker:ResourceTag/Owner": user } } : ctx;
      expect(await simulate({ user }, action, resource, { mfa: true, ...ctxMfa })).toBe("Allowed");
    });
    it("enrolling MFA for another user is not allowed", async () => {
      expect(
        await simulate({ user }, "iam:EnableMFADevice", `arn:aws:iam::${ACCOUNT}:user${IAM_PATH}sm-rc-bob`, {
          mfa: false,
        }),
      ).not.toBe("Allowed");
    });
  });
});
