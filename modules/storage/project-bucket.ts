import { Construct } from "constructs";
import { TerraformResource } from "cdktf";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { BLOCK_ALL_PUBLIC_ACCESS, defaultEncryptionRule } from "./bucket-defaults";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3Object } from "@cdktf/provider-aws/lib/s3-object";
import { toTerraformPolicyJson, type PolicyDocument } from "../../catalog/policies/policy-document";
import { RemovedBlock } from "../state/removed-block";
import { importResources } from "../state/import-block";
import type { LifecycleRule } from "./lifecycle-rules";
import { ValidationError } from "../validation-error";
import { fixAddress } from "../address";

export interface ProjectBucketProps {
  /** Bucket name, e.g. `acme-sm-rc-fraud-detection`. */
  readonly bucketName: string;
  /** Tags of the bucket (§0.3). */
  readonly tags: Record<string, string>;
  /**
   * KMS key ARN for SSE-KMS default encryption (with an S3 bucket key).
   * @default undefined: SSE-S3 (AES256)
   */
  readonly kmsKeyArn?: string;
  /**
   * Lifecycle rules, applied in one lifecycle configuration.
   * @default none: no lifecycle configuration resource
   */
  readonly lifecycleRules?: readonly LifecycleRule[];
  /**
   * Folder markers to create (keys ending in `/`).
   * @default none
   */
  readonly folders?: readonly string[];
  /**
   * Bucket policy. A bucket has exactly one: leave it unset when another workspace owns it.
   * @default none
   */
  readonly policy?: PolicyDocument;
  /**
   * Explicit, reviewed purge: lifts `prevent_destroy` and sets `force_destroy`, so the next
   * removal of this bucket from the configuration empties and deletes it.
   * @default false: the bucket is protected (prevent_destroy, no force_destroy)
   */
  readonly purge?: boolean;
}

/** What a released bucket had besides bucket, access block, versioning, encryption, lifecycle. */
export interface ReleaseOptions {
  /** Folder markers it was created with. @default none */
  readonly folders?: readonly string[];
  /** Whether it carried a bucket policy (`policy` prop). @default false */
  readonly policy?: boolean;
}

/** Resource kinds a ProjectBucket may create, in address order. */
const PARTS = [
  "aws_s3_bucket",
  "aws_s3_bucket_public_access_block",
  "aws_s3_bucket_versioning",
  "aws_s3_bucket_server_side_encryption_configuration",
  "aws_s3_bucket_lifecycle_configuration",
  "aws_s3_bucket_policy",
] as const;

/** `raw/uploads/` -> `folder_raw_uploads`. */
function folderName(key: string): string {
  return `folder_${key.replace(/\/$/, "").replace(/[^A-Za-z0-9-]/g, "_")}`;
}

/**
 * A data bucket (platform-spec §3.5/§3.6): private, versioned, encrypted by default, with its
 * lifecycle rules and folder markers. Protected from destruction unless `purge` is set.
 *
 * Terraform addresses are fixed by `id` (`aws_s3_bucket.<id>`, `aws_s3_object.<id>_folder_…`),
 * not by the construct tree, so `ProjectBucket.release` can name them after the bucket has left
 * the configuration. `id` must therefore be unique in the stack.
 */
export class ProjectBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly bucketName: string;
  readonly bucketArn: string;

  constructor(scope: Construct, id: string, props: ProjectBucketProps) {
    super(scope, id);
    const name = (r: TerraformResource, suffix = "") => fixAddress(r, `${id}${suffix}`);
    const purge = props.purge ?? false;
    this.bucket = new S3Bucket(this, "Bucket", {
      bucket: props.bucketName,
      // Data is never emptied implicitly (§10); only the explicit purge flag allows it.
      forceDestroy: purge,
      tags: props.tags,
      lifecycle: purge ? undefined : { preventDestroy: true },
    });
    name(this.bucket);
    this.bucketName = props.bucketName;
    this.bucketArn = this.bucket.arn;
    const publicAccessBlock = new S3BucketPublicAccessBlock(this, "PublicAccessBlock", {
      bucket: this.bucket.id,
      ...BLOCK_ALL_PUBLIC_ACCESS,
    });
    name(publicAccessBlock);
    const versioning = new S3BucketVersioningA(this, "Versioning", {
      bucket: this.bucket.id,
      versioningConfiguration: { status: "Enabled" },
    });
    name(versioning);
    name(
      new S3BucketServerSideEncryptionConfigurationA(this, "Encryption", {
        bucket: this.bucket.id,
        rule: [defaultEncryptionRule(props.kmsKeyArn)],
      }),
    );
    if (props.lifecycleRules?.length) {
      const ids = props.lifecycleRules.map((r) => r.id);
      if (new Set(ids).size !== ids.length)
        throw new ValidationError(`duplicate lifecycle rule id in ${ids.join(", ")}`, this);
      name(
        new S3BucketLifecycleConfiguration(this, "Lifecycle", {
          bucket: this.bucket.id,
          rule: [...props.lifecycleRules],
          // Noncurrent-version rules are meant for a bucket whose versioning is already on.
          dependsOn: [versioning],
        }),
      );
    }
    if (props.policy)
      name(
        new S3BucketPolicy(this, "Policy", {
          bucket: this.bucket.id,
          policy: toTerraformPolicyJson(props.policy),
          // S3 rejects concurrent public-access-block and policy writes (OperationAborted).
          dependsOn: [publicAccessBlock],
        }),
      );
    const seen = new Set<string>();
    for (const key of props.folders ?? []) {
      if (!key.endsWith("/") || key.startsWith("/"))
        throw new ValidationError(`folder '${key}' must end (and not start) with '/'`, this);
      const suffix = folderName(key);
      if (seen.has(suffix)) throw new ValidationError(`folders '${key}' collides with another folder marker`, this);
      seen.add(suffix);
      name(new S3Object(this, suffix, { bucket: this.bucket.id, key, content: "" }), `_${suffix}`);
    }
  }

  /**
   * `import` blocks adopting this bucket and every part of it from AWS while `when` (an HCL
   * boolean known at plan time) holds: the bucket moves here from another workspace's state.
   * Import ids: the bucket name, or `<bucket>/<key>` for a folder marker.
   */
  adopt(when: string): void {
    importResources(this, when, (r) => (r instanceof S3Object ? `${this.bucketName}/${r.keyInput}` : this.bucketName));
  }

  /**
   * Every Terraform address a ProjectBucket with this `id` and these folders can own, so a bucket
   * dropped from the configuration can be released from state instead of destroyed.
   */
  static addresses(id: string, parts: ReleaseOptions = {}): string[] {
    const types = PARTS.filter((type) => type !== "aws_s3_bucket_policy" || parts.policy);
    return [
      ...types.map((type) => `${type}.${id}`),
      ...(parts.folders ?? []).map((key) => `aws_s3_object.${id}_${folderName(key)}`),
    ];
  }

  /**
   * `removed { lifecycle { destroy = false } }` blocks for a bucket that left the configuration:
   * Terraform forgets it, the bucket and its data stay in AWS. A block whose resource is not in
   * state is a no-op, so releasing parts that never existed is harmless.
   */
  static release(scope: Construct, id: string, parts: ReleaseOptions = {}): RemovedBlock[] {
    const holder = new Construct(scope, `${id}-released`);
    return ProjectBucket.addresses(id, parts).map((from) => new RemovedBlock(holder, from, { from }));
  }
}
