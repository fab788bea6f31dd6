import { block, bucketParts, reporter, resourcesOf, type GuardrailRule } from "../terraform-json";

const ID = "SMP-S3-2";

/** SMP-S3-2: an overwritten or deleted object stays recoverable (noncurrent versions). */
export const s3Versioning: GuardrailRule = {
  id: ID,
  description: "every S3 bucket has versioning Enabled",
  spec: "§3.5, §3.6",
  check(workspace, stack) {
    const report = reporter(ID, workspace);
    const partsOf = bucketParts(stack, "aws_s3_bucket_versioning");
    return resourcesOf(stack, "aws_s3_bucket").flatMap(([name, bucket]) => {
      const address = `aws_s3_bucket.${name}`;
      const parts = partsOf(name, bucket.bucket);
      if (!parts.length) return [report(address, "has no aws_s3_bucket_versioning")];
      return parts
        .filter(([, v]) => block(v.versioning_configuration).status !== "Enabled")
        .map(([vName, v]) =>
          report(
            address,
            `aws_s3_bucket_versioning.${vName} has status ${JSON.stringify(block(v.versioning_configuration).status)}, expected "Enabled"`,
          ),
        );
    });
  },
};
