import { preventDestroy, reporter, resourcesOf, type GuardrailRule } from "../terraform-json";

const ID = "SMP-S3-4";

/**
 * SMP-S3-4: a bucket is either protected (prevent_destroy) or explicitly purge-armed
 * (force_destroy), never neither (a YAML edit could destroy data) and never both (contradictory:
 * the purge would fail at plan time and the armed flag would outlive the intent).
 */
export const s3DeletionProtection: GuardrailRule = {
  id: ID,
  description: "every S3 bucket has prevent_destroy unless force_destroy is set (purge), never both",
  spec: "§3.5, §10",
  check(workspace, stack) {
    const report = reporter(ID, workspace);
    return resourcesOf(stack, "aws_s3_bucket").flatMap(([name, bucket]) => {
      const address = `aws_s3_bucket.${name}`;
      const protectedBucket = preventDestroy(bucket);
      const purge = bucket.force_destroy === true;
      if (protectedBucket && purge)
        return [report(address, "has force_destroy = true together with prevent_destroy (purge and protection)")];
      if (!protectedBucket && !purge)
        return [
          report(address, "has neither lifecycle.prevent_destroy nor force_destroy (purge): data is unprotected"),
        ];
      return [];
    });
  },
};
