import { bucketParts, reporter, resourcesOf, type GuardrailRule } from "../terraform-json";

const ID = "SMP-S3-1";

const FLAGS = ["block_public_acls", "ignore_public_acls", "block_public_policy", "restrict_public_buckets"] as const;

/** SMP-S3-1: platform data is never public, whatever a bucket policy or ACL later says. */
export const s3PublicAccessBlock: GuardrailRule = {
  id: ID,
  description: "every S3 bucket has a public access block with all four flags true",
  spec: "§3.5, §3.6",
  check(workspace, stack) {
    const report = reporter(ID, workspace);
    const partsOf = bucketParts(stack, "aws_s3_bucket_public_access_block");
    return resourcesOf(stack, "aws_s3_bucket").flatMap(([name, bucket]) => {
      const address = `aws_s3_bucket.${name}`;
      const blocks = partsOf(name, bucket.bucket);
      if (!blocks.length) return [report(address, "has no aws_s3_bucket_public_access_block")];
      return blocks.flatMap(([pabName, pab]) =>
        FLAGS.filter((f) => pab[f] !== true).map((f) =>
          report(address, `aws_s3_bucket_public_access_block.${pabName} does not set ${f} = true`),
        ),
      );
    });
  },
};
