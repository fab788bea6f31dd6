import { Construct } from "constructs";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { BLOCK_ALL_PUBLIC_ACCESS, defaultEncryptionRule } from "../storage/bucket-defaults";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import {
  policyDocument,
  toTerraformPolicyJson,
  type PolicyDocument,
  type PolicyStatement,
} from "../../catalog/policies/policy-document";

export interface LogBucketProps {
  /** Name of the bucket (created here). */
  readonly bucketName: string;
  /** Days a log object is kept; noncurrent versions go `noncurrentDays` later. */
  readonly retentionDays: number;
  /** @default 30 */
  readonly noncurrentDays?: number;
  /**
   * SSE-KMS key. Leave unset for a bucket that receives S3 server access logs: log delivery
   * supports only SSE-S3 destinations.
   * @default undefined: SSE-S3 (AES256)
   */
  readonly kmsKeyArn?: string;
  /**
   * Where S3 server access logs of this bucket go. AWS advises against logging a bucket into
   * itself (every log delivery would create further log records).
   * @default undefined: no access logging
   */
  readonly accessLogs?: { readonly targetBucket: string; readonly targetPrefix: string };
  /** Service statements of the bucket policy (a TLS-only deny is always added). */
  readonly policyStatements: readonly PolicyStatement[];
  /**
   * Tags of the bucket.
   * @default none
   */
  readonly tags?: Record<string, string>;
}

/**
 * A private, versioned, encrypted bucket for logs with a retention lifecycle. Protected like
 * every data bucket: no force-destroy and `prevent_destroy`.
 */
export class LogBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly bucketName: string;
  /** Known at synth time, so policies need no reference. */
  readonly bucketArn: string;
  readonly policy: S3BucketPolicy;
  readonly policyDocument: PolicyDocument;

  constructor(scope: Construct, id: string, props: LogBucketProps) {
    super(scope, id);
    this.bucketName = props.bucketName;
    this.bucketArn = `arn:aws:s3:::${props.bucketName}`;
    this.bucket = new S3Bucket(this, "Bucket", {
      bucket: props.bucketName,
      forceDestroy: false,
      tags: props.tags,
      lifecycle: { preventDestroy: true },
    });
    const bucket = this.bucket.id;
    new S3BucketPublicAccessBlock(this, "PublicAccessBlock", {
      bucket,
      ...BLOCK_ALL_PUBLIC_ACCESS,
    });
    // ACLs off: CloudTrail and log delivery are authorised by the bucket policy alone.
    new S3BucketOwnershipControls(this, "Ownership", { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } });
    new S3BucketVersioningA(this, "Versioning", { bucket, versioningConfiguration: { status: "Enabled" } });
    new S3BucketServerSideEncryptionConfigurationA(this, "Encryption", {
      bucket,
      rule: [defaultEncryptionRule(props.kmsKeyArn)],
    });
    new S3BucketLifecycleConfiguration(this, "Lifecycle", {
      bucket,
      rule: [
        {
          id: "ExpireLogs",
          status: "Enabled",
          filter: [{}],
          expiration: [{ days: props.retentionDays }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentDays ?? 30 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
        // An expiration takes one of days/date/delete-marker, so delete markers get their own rule.
        {
          id: "CleanupDeleteMarkers",
          status: "Enabled",
          filter: [{}],
          expiration: [{ expiredObjectDeleteMarker: true }],
        },
      ],
    });
    if (props.accessLogs)
      new S3BucketLoggingA(this, "AccessLogging", {
        bucket,
        targetBucket: props.accessLogs.targetBucket,
        targetPrefix: props.accessLogs.targetPrefix,
      });
    this.policyDocument = policyDocument([
      ...props.policyStatements,
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [this.bucketArn, `${this.bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ]);
    this.policy = new S3BucketPolicy(this, "Policy", { bucket, policy: toTerraformPolicyJson(this.policyDocument) });
  }
}
