import * as fs from "fs";
import * as path from "path";
import { RULES, runGuardrails, SUPPRESSION_RULE, type GuardrailRule } from "../../../checks/guardrails";
import { SUPPRESSIONS } from "../../../checks/guardrails/suppressions";
import { checkGuardrails } from "../../../checks/output-checks";
import { ROOT } from "../../support/org";
import { synthExample, synthOrg } from "../../support/synth";
import { bucket, stack } from "./fixtures";
import { variantOrg } from "./variant-org";

describe("the rule pack", () => {
  it("has unique, stable-form IDs with one-line descriptions, each documented in docs/guardrails.md", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const docs = fs.readFileSync(path.join(ROOT, "docs", "guardrails.md"), "utf8");
    for (const r of RULES) {
      expect(r.id).toMatch(/^SMP-[A-Z0-9]+-\d+$/);
      expect(r.description).not.toMatch(/\n/);
      expect(r.spec).toMatch(/§|goal/);
      expect(docs).toContain(`| ${r.id} |`);
    }
  });

  it("starts with no suppressions", () => {
    expect(SUPPRESSIONS).toEqual([]);
  });
});

describe("the example org and a feature-rich variant pass every rule", () => {
  it("the example org's full synthesized output has no findings", () => {
    const { outdir, json } = synthExample();
    expect(checkGuardrails(outdir)).toEqual([]);
    // Not vacuous: the output holds every kind of resource the rules inspect.
    const types = new Set(Object.values(json).flatMap((s) => Object.keys(s.resource ?? {})));
    for (const t of [
      "aws_s3_bucket",
      "aws_s3_bucket_policy",
      "aws_iam_role",
      "aws_iam_user",
      "aws_iam_user_policy",
      "aws_iam_user_login_profile",
      "aws_iam_policy",
      "aws_security_group",
      "aws_ecr_repository",
      "aws_sagemaker_model_package_group",
      "aws_sagemaker_domain",
      "aws_sagemaker_user_profile",
      "aws_sagemaker_space",
    ])
      expect(types).toContain(t);
  });

  it("so does an org with purges, SSE-KMS, adopt mode, read-only users and project repositories", () => {
    const { outdir, json } = synthOrg(variantOrg());
    expect(checkGuardrails(outdir)).toEqual([]);
    // The purge shapes really are there.
    expect(json["team-algo"].resource.aws_s3_bucket["bucket-algo-user-intent"].force_destroy).toBe(true);
    expect(
      json.registry.resource.aws_sagemaker_model_package_group["model-group-algo-user-intent"].lifecycle,
    ).toMatchObject({
      prevent_destroy: false,
    });
  });

  it("a rule fires on the real output when the code regresses (a bucket loses its public access block)", () => {
    const { json } = synthExample();
    delete json["team-rc"].resource.aws_s3_bucket_public_access_block["bucket-rc-fraud-detection"];
    expect(runGuardrails(json).map((f) => `${f.rule} ${f.workspace} ${f.address}`)).toEqual([
      "SMP-S3-1 team-rc aws_s3_bucket.bucket-rc-fraud-detection",
    ]);
  });
});

describe("suppressions", () => {
  const unprotected = { ...bucket(), aws_s3_bucket: { b: { ...bucket().aws_s3_bucket.b, lifecycle: undefined } } };
  const stacks = { foundation: stack(unprotected) };
  const finding = { rule: "SMP-S3-4", workspace: "foundation", address: "aws_s3_bucket.b" };

  it("a finding without a suppression is reported", () => {
    expect(runGuardrails(stacks).map((f) => f.rule)).toEqual(["SMP-S3-4"]);
  });

  it("a suppression with a reason waives exactly that finding", () => {
    expect(runGuardrails(stacks, RULES, [{ ...finding, reason: "scratch bucket, recreated by CI" }])).toEqual([]);
    expect(
      runGuardrails(stacks, RULES, [{ ...finding, workspace: "registry", reason: "x" }]).map((f) => f.rule),
    ).toEqual(["SMP-S3-4", SUPPRESSION_RULE]);
  });

  it("a suppression without a reason, for an unknown rule, duplicated, or unused is itself a finding", () => {
    const messages = runGuardrails(stacks, RULES, [
      { ...finding, reason: "  " },
      { ...finding, rule: "SMP-NOPE-1", reason: "x" },
      { ...finding, address: "aws_s3_bucket.gone", reason: "was needed once" },
      { ...finding, address: "aws_s3_bucket.gone", reason: "twice" },
    ]).map((f) => `${f.rule} ${f.address}: ${f.message}`);
    expect(messages).toEqual([
      `${SUPPRESSION_RULE} aws_s3_bucket.b: SMP-S3-4: suppression without a reason in checks/guardrails/suppressions.ts`,
      `${SUPPRESSION_RULE} aws_s3_bucket.b: SMP-NOPE-1: unknown rule ID in checks/guardrails/suppressions.ts`,
      `${SUPPRESSION_RULE} aws_s3_bucket.gone: SMP-S3-4: duplicate suppression`,
      "SMP-S3-4 aws_s3_bucket.b: has neither lifecycle.prevent_destroy nor force_destroy (purge): data is unprotected",
      `${SUPPRESSION_RULE} aws_s3_bucket.gone: SMP-S3-4: unused suppression (no such finding any more): remove it from checks/guardrails/suppressions.ts`,
    ]);
  });

  it("rules are pure: the same JSON gives the same findings and is not modified", () => {
    const before = JSON.stringify(stacks);
    const rules: readonly GuardrailRule[] = RULES;
    const once = rules.flatMap((r) => r.check("foundation", stacks.foundation));
    expect(rules.flatMap((r) => r.check("foundation", stacks.foundation))).toEqual(once);
    expect(JSON.stringify(stacks)).toBe(before);
  });
});
