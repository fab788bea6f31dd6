import { block, blocks, bucketParts, reporter, resourcesOf, type GuardrailRule } from "../terraform-json";

const ID = "SMP-S3-3";

const ALGORITHMS = ["AES256", "aws:kms"];

/** SMP-S3-3: objects are encrypted at rest even when a writer does not ask for it. */
export const s3Encryption: GuardrailRule = {
  id: ID,
  description: "every S3 bucket has default encryption, AES256 or aws:kms (with the S3 bucket key)",
  spec: "§3.5, §3.6",
  check(workspace, stack) {
    const report = reporter(ID, workspace);
    const partsOf = bucketParts(stack, "aws_s3_bucket_server_side_encryption_configuration");
    return resourcesOf(stack, "aws_s3_bucket").flatMap(([name, bucket]) => {
      const address = `aws_s3_bucket.${name}`;
      const parts = partsOf(name, bucket.bucket);
      if (!parts.length) return [report(address, "has no aws_s3_bucket_server_side_encryption_configuration")];
      return parts.flatMap(([eName, e]) => {
        const where = `aws_s3_bucket_server_side_encryption_configuration.${eName}`;
        const rules = blocks(e.rule);
        if (!rules.length) return [report(address, `${where} has no rule`)];
        return rules.flatMap((r) => {
          const algorithm = block(r.apply_server_side_encryption_by_default).sse_algorithm;
          if (typeof algorithm !== "string" || !ALGORITHMS.includes(algorithm))
            return [
              report(address, `${where} has sse_algorithm ${JSON.stringify(algorithm)}, expected AES256 or aws:kms`),
            ];
          // One KMS request per object without the bucket key: cost and throttling (§3.5).
          if (algorithm === "aws:kms" && r.bucket_key_enabled !== true)
            return [report(address, `${where} uses aws:kms without bucket_key_enabled = true`)];
          return [];
        });
      });
    });
  },
};
