import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SynthesisRefused } from "../../../org/problems";
import { synthesize } from "../../../workspaces/app";
import { outputRefusal } from "../../../checks/output-checks";
import { s3DeletionProtection } from "../../../checks/guardrails/rules/s3-deletion-protection";
import { loadExampleOrg } from "../../support/org";
import { bucket, stack } from "./fixtures";

function outdirWith(stacks: Record<string, object>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guardrails-"));
  for (const [ws, json] of Object.entries(stacks)) {
    fs.mkdirSync(path.join(dir, "stacks", ws), { recursive: true });
    fs.writeFileSync(path.join(dir, "stacks", ws, "cdk.tf.json"), JSON.stringify(json));
  }
  return dir;
}

describe("synthesize refuses output that breaks a guardrail", () => {
  it("the check synthesize runs returns a SynthesisRefused listing RULE-ID workspace address: message", () => {
    const broken = bucket();
    delete broken.aws_s3_bucket.b.lifecycle;
    delete broken.aws_s3_bucket_versioning;
    const refusal = outputRefusal(outdirWith({ foundation: stack(broken), network: stack({}) }), "cdktf.out");
    expect(refusal).toBeInstanceOf(SynthesisRefused);
    expect(refusal!.message.split("\n")).toEqual([
      "refusing to write cdktf.out: the rendered Terraform breaks 2 platform guardrails (a bug in this repository, not an org-file problem; rules and suppressions: docs/guardrails.md):",
      "SMP-S3-2 foundation aws_s3_bucket.b: has no aws_s3_bucket_versioning",
      "SMP-S3-4 foundation aws_s3_bucket.b: has neither lifecycle.prevent_destroy nor force_destroy (purge): data is unprotected",
    ]);
    expect(outputRefusal(outdirWith({ foundation: stack(bucket()) }), "cdktf.out")).toBeUndefined();
  });

  it("render problems are reported first, in their own words", () => {
    const refusal = outputRefusal(outdirWith({ foundation: { x: "{company}" } }), "out");
    expect(refusal!.message).toMatch(
      /^refusing to write out: the rendered Terraform is broken .*\nfoundation: unrendered placeholder/,
    );
  });

  it("a failing rule during a real synthesis leaves the existing output directory untouched", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "guardrails-synth-"));
    const outdir = path.join(root, "cdktf.out");
    fs.mkdirSync(path.join(outdir, "stacks", "foundation"), { recursive: true });
    fs.writeFileSync(path.join(outdir, "stacks", "foundation", "cdk.tf.json"), "previous");
    // Stand-in for a code regression: the rule reports the shared bucket of the real output.
    const spy = jest
      .spyOn(s3DeletionProtection, "check")
      .mockImplementation((workspace, json) =>
        json.resource?.aws_s3_bucket?.["bucket-shared"]
          ? [{ rule: "SMP-S3-4", workspace, address: "aws_s3_bucket.bucket-shared", message: "injected" }]
          : [],
      );
    try {
      expect(() => synthesize(loadExampleOrg(), outdir)).toThrow(
        new SynthesisRefused(
          `refusing to write ${outdir}: the rendered Terraform breaks 1 platform guardrail (a bug in this repository, not an org-file problem; rules and suppressions: docs/guardrails.md):\n` +
            "SMP-S3-4 foundation aws_s3_bucket.bucket-shared: injected",
        ),
      );
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
    expect(fs.readdirSync(root)).toEqual(["cdktf.out"]);
    expect(fs.readdirSync(path.join(outdir, "stacks"))).toEqual(["foundation"]);
    expect(fs.readFileSync(path.join(outdir, "stacks", "foundation", "cdk.tf.json"), "utf8")).toBe("previous");
    // And without the injected finding the same synthesis goes through.
    synthesize(loadExampleOrg(), outdir);
    expect(fs.readdirSync(path.join(outdir, "stacks"))).toContain("domain");
  });
});
