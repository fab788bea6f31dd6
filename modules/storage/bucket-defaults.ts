/**
 * Settings every platform bucket shares (platform-spec §3.5): all public access blocked, and
 * default encryption SSE-S3 or SSE-KMS with a bucket key. One definition for the data buckets
 * and the audit buckets, so they cannot drift apart.
 */
import type { S3BucketServerSideEncryptionConfigurationRuleA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";

export const BLOCK_ALL_PUBLIC_ACCESS = {
  blockPublicAcls: true,
  ignorePublicAcls: true,
  blockPublicPolicy: true,
  restrictPublicBuckets: true,
} as const;

/** The default-encryption rule: `aws:kms` with a bucket key when a key is given, else AES256. */
export function defaultEncryptionRule(kmsKeyArn?: string): S3BucketServerSideEncryptionConfigurationRuleA {
  return kmsKeyArn
    ? {
        applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: kmsKeyArn },
        bucketKeyEnabled: true,
      }
    : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } };
}
