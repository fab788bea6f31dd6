import { Testing, TerraformStack } from "cdktf";
import { ProjectBucket } from "../../../modules/storage/project-bucket";
import { tlsOnlyStatement } from "../../../catalog/policies/bucket-policy-statements";
import { policyDocument } from "../../../catalog/policies/policy-document";

function synth(build: (stack: TerraformStack) => void): any {
  const stack = new TerraformStack(Testing.app(), "test");
  build(stack);
  return JSON.parse(Testing.synth(stack));
}

describe("ProjectBucket", () => {
  it("addresses are fixed by the id, so a released bucket names exactly what it created", () => {
    const json = synth(
      (s) =>
        new ProjectBucket(s, "bucket-x", {
          bucketName: "b",
          tags: {},
          folders: ["a/b/", "c/"],
          lifecycleRules: [{ id: "r", status: "Enabled", filter: [{}] }],
          policy: policyDocument([tlsOnlyStatement("b")]),
        }),
    );
    const created = Object.entries(json.resource as Record<string, object>)
      .flatMap(([t, byName]) => Object.keys(byName).map((n) => `${t}.${n}`))
      .sort();
    expect(created).toEqual(ProjectBucket.addresses("bucket-x", { folders: ["a/b/", "c/"], policy: true }).sort());
  });

  it("release emits one removed block with destroy = false per address and creates nothing", () => {
    const json = synth((s) => ProjectBucket.release(s, "bucket-x", { folders: ["c/"] }));
    expect(json.resource).toBeUndefined();
    expect(json.removed).toEqual(
      ProjectBucket.addresses("bucket-x", { folders: ["c/"] }).map((from) => ({ from, lifecycle: { destroy: false } })),
    );
    expect(json.removed.map((r: any) => r.from)).not.toContain("aws_s3_bucket_policy.bucket-x");
  });

  it("is protected by default and destroyable only with purge", () => {
    const kept = synth((s) => new ProjectBucket(s, "k", { bucketName: "b", tags: {} })).resource.aws_s3_bucket.k;
    expect([kept.force_destroy, kept.lifecycle]).toEqual([false, { prevent_destroy: true }]);
    const purged = synth((s) => new ProjectBucket(s, "p", { bucketName: "b", tags: {}, purge: true })).resource
      .aws_s3_bucket.p;
    expect([purged.force_destroy, purged.lifecycle]).toEqual([true, undefined]);
  });

  it("rejects folder keys that are not folders", () => {
    expect(() => synth((s) => new ProjectBucket(s, "k", { bucketName: "b", tags: {}, folders: ["raw"] }))).toThrow(
      /must end/,
    );
  });
});

describe("tlsOnlyStatement", () => {
  it("denies every non-TLS request to the bucket and its objects", () => {
    expect(tlsOnlyStatement("acme-sm-rc-x")).toEqual({
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: ["arn:aws:s3:::acme-sm-rc-x", "arn:aws:s3:::acme-sm-rc-x/*"],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
  });
});
