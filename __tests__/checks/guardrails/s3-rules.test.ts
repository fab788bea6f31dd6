import { s3PublicAccessBlock } from "../../../checks/guardrails/rules/s3-public-access-block";
import { s3Versioning } from "../../../checks/guardrails/rules/s3-versioning";
import { s3Encryption } from "../../../checks/guardrails/rules/s3-encryption";
import { s3DeletionProtection } from "../../../checks/guardrails/rules/s3-deletion-protection";
import { s3SecureTransport } from "../../../checks/guardrails/rules/s3-secure-transport";
import { bucket, edited, policyJson, run, TLS_ONLY } from "./fixtures";

describe("SMP-S3-1 public access block", () => {
  it("passes a bucket whose block sets all four flags (by reference or by literal bucket name)", () => {
    expect(run(s3PublicAccessBlock, bucket())).toEqual([]);
    const literal = edited(bucket(), (r) => (r.aws_s3_bucket_public_access_block.b.bucket = "acme-sm-rc-b"));
    expect(run(s3PublicAccessBlock, literal)).toEqual([]);
  });

  it("finds a missing block, a false flag, and a block of another bucket", () => {
    expect(
      run(
        s3PublicAccessBlock,
        edited(bucket(), (r) => delete r.aws_s3_bucket_public_access_block),
      ),
    ).toEqual(["aws_s3_bucket.b: has no aws_s3_bucket_public_access_block"]);
    expect(
      run(
        s3PublicAccessBlock,
        edited(bucket(), (r) => (r.aws_s3_bucket_public_access_block.b.restrict_public_buckets = false)),
      ),
    ).toEqual(["aws_s3_bucket.b: aws_s3_bucket_public_access_block.b does not set restrict_public_buckets = true"]);
    const other = edited(bucket(), (r) => (r.aws_s3_bucket_public_access_block.b.bucket = "${aws_s3_bucket.other.id}"));
    expect(run(s3PublicAccessBlock, other)).toHaveLength(1);
  });
});

describe("SMP-S3-2 versioning", () => {
  it("passes Enabled", () => expect(run(s3Versioning, bucket())).toEqual([]));

  it("finds Suspended and a missing versioning resource", () => {
    const suspended = edited(
      bucket(),
      (r) => (r.aws_s3_bucket_versioning.b.versioning_configuration.status = "Suspended"),
    );
    expect(run(s3Versioning, suspended)).toEqual([
      'aws_s3_bucket.b: aws_s3_bucket_versioning.b has status "Suspended", expected "Enabled"',
    ]);
    expect(
      run(
        s3Versioning,
        edited(bucket(), (r) => delete r.aws_s3_bucket_versioning),
      ),
    ).toEqual(["aws_s3_bucket.b: has no aws_s3_bucket_versioning"]);
  });
});

describe("SMP-S3-3 default encryption", () => {
  it("passes AES256, and aws:kms with the bucket key", () => {
    expect(run(s3Encryption, bucket())).toEqual([]);
    const kms = edited(bucket(), (r) => {
      r.aws_s3_bucket_server_side_encryption_configuration.b.rule = [
        {
          apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: "arn:aws:kms:x" },
          bucket_key_enabled: true,
        },
      ];
    });
    expect(run(s3Encryption, kms)).toEqual([]);
  });

  it("finds no configuration, an unknown algorithm, and aws:kms without the bucket key", () => {
    expect(
      run(
        s3Encryption,
        edited(bucket(), (r) => delete r.aws_s3_bucket_server_side_encryption_configuration),
      ),
    ).toEqual(["aws_s3_bucket.b: has no aws_s3_bucket_server_side_encryption_configuration"]);
    const setAlgorithm = (a: string) =>
      edited(bucket(), (r) => {
        r.aws_s3_bucket_server_side_encryption_configuration.b.rule[0].apply_server_side_encryption_by_default.sse_algorithm =
          a;
      });
    expect(run(s3Encryption, setAlgorithm("none"))[0]).toMatch(/sse_algorithm "none", expected AES256 or aws:kms/);
    expect(run(s3Encryption, setAlgorithm("aws:kms"))[0]).toMatch(/aws:kms without bucket_key_enabled/);
  });
});

describe("SMP-S3-4 deletion protection", () => {
  it("passes a protected bucket and a purge-armed one", () => {
    expect(run(s3DeletionProtection, bucket())).toEqual([]);
    const purge = edited(bucket(), (r) => {
      r.aws_s3_bucket.b.force_destroy = true;
      delete r.aws_s3_bucket.b.lifecycle;
    });
    expect(run(s3DeletionProtection, purge)).toEqual([]);
  });

  it("finds an unprotected bucket and force_destroy together with prevent_destroy", () => {
    expect(
      run(
        s3DeletionProtection,
        edited(bucket(), (r) => delete r.aws_s3_bucket.b.lifecycle),
      ),
    ).toEqual([
      "aws_s3_bucket.b: has neither lifecycle.prevent_destroy nor force_destroy (purge): data is unprotected",
    ]);
    expect(
      run(
        s3DeletionProtection,
        edited(bucket(), (r) => (r.aws_s3_bucket.b.force_destroy = true)),
      )[0],
    ).toMatch(/force_destroy = true together with prevent_destroy/);
  });
});

describe("SMP-S3-5 bucket policies deny insecure transport", () => {
  const withPolicy = (statements: object[]) => ({
    aws_s3_bucket_policy: { p: { bucket: "acme-sm-rc-b", policy: policyJson(statements) } },
  });
  const allow = { Sid: "A", Effect: "Allow", Principal: { AWS: "arn:aws:iam::1:root" }, Action: "s3:GetObject" };

  it("passes a policy with the TLS-only deny (boolean, string or list value; AWS * principal)", () => {
    expect(run(s3SecureTransport, withPolicy([allow, TLS_ONLY]))).toEqual([]);
    const variant = { ...TLS_ONLY, Principal: { AWS: "*" }, Condition: { Bool: { "aws:SecureTransport": false } } };
    expect(run(s3SecureTransport, withPolicy([variant]))).toEqual([]);
    const list = { ...TLS_ONLY, Action: ["s3:*"], Condition: { Bool: { "aws:SecureTransport": ["false"] } } };
    expect(run(s3SecureTransport, withPolicy([list]))).toEqual([]);
  });

  it("finds a policy without it, one covering only objects, one for some principals only, and unparsable JSON", () => {
    expect(run(s3SecureTransport, withPolicy([allow]))).toEqual([
      'aws_s3_bucket_policy.p: has no statement denying s3:* to Principal "*" on the bucket and bucket/* with Bool aws:SecureTransport = false',
    ]);
    expect(run(s3SecureTransport, withPolicy([{ ...TLS_ONLY, Resource: "arn:aws:s3:::acme-sm-rc-b/*" }]))).toHaveLength(
      1,
    );
    expect(
      run(s3SecureTransport, withPolicy([{ ...TLS_ONLY, Principal: { AWS: "arn:aws:iam::1:root" } }])),
    ).toHaveLength(1);
    expect(run(s3SecureTransport, withPolicy([{ ...TLS_ONLY, Effect: "Allow" }]))).toHaveLength(1);
    const token = { aws_s3_bucket_policy: { p: { bucket: "b", policy: "${data.aws_iam_policy_document.x.json}" } } };
    expect(run(s3SecureTransport, token)[0]).toMatch(/policy is not valid JSON/);
  });
});
