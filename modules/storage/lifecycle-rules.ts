/**
 * Bucket lifecycle rule sets (platform-spec §3.5, §3.6) in the provider's block shapes.
 *
 * Whole-bucket rules carry an empty `filter {}`: a rule with neither `filter` nor `prefix` is
 * deprecated and makes the provider warn on every plan. An `expiration` block takes exactly one
 * of days / date / expired_object_delete_marker, so delete-marker cleanup is a rule of its own.
 */
import type { S3BucketLifecycleConfigurationRule } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";

export type LifecycleRule = S3BucketLifecycleConfigurationRule;

const WHOLE_BUCKET = [{}];

function prefixRule(
  id: string,
  prefix: string,
  actions: Omit<LifecycleRule, "id" | "status" | "filter">,
): LifecycleRule {
  return { id, status: "Enabled", filter: [{ prefix }], ...actions };
}

/** The default seven-rule set of every project bucket (§3.5). */
export const STANDARD_PROJECT_RULES: readonly LifecycleRule[] = [
  prefixRule("CleanupTempFiles", "temp/", { expiration: [{ days: 7 }] }),
  prefixRule("TransitionTrainingModels", "models/training/", {
    transition: [{ days: 30, storageClass: "STANDARD_IA" }],
  }),
  prefixRule("TransitionArchivedNotebooks", "notebooks/archived/", {
    transition: [
      { days: 60, storageClass: "STANDARD_IA" },
      { days: 180, storageClass: "GLACIER" },
    ],
  }),
  prefixRule("CleanupOldPredictions", "outputs/predictions/", { expiration: [{ days: 90 }] }),
  {
    id: "CleanupNoncurrentVersions",
    status: "Enabled",
    filter: WHOLE_BUCKET,
    noncurrentVersionExpiration: [{ noncurrentDays: 90 }],
  },
  {
    id: "CleanupDeleteMarkers",
    status: "Enabled",
    filter: WHOLE_BUCKET,
    expiration: [{ expiredObjectDeleteMarker: true }],
  },
  {
    id: "CleanupIncompleteUploads",
    status: "Enabled",
    filter: WHOLE_BUCKET,
    abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
  },
];

/** The lighter three-rule set (§3.5): only ever chosen explicitly per project (`bucket.lifecycle: light`). */
export const LIGHT_PROJECT_RULES: readonly LifecycleRule[] = [
  prefixRule("DeleteOldCheckpoints", "checkpoints/", { expiration: [{ days: 30 }] }),
  prefixRule("TransitionOldModels", "models/", {
    transition: [
      { days: 90, storageClass: "STANDARD_IA" },
      { days: 365, storageClass: "GLACIER" },
    ],
  }),
  prefixRule("DeleteOldLogs", "logs/", { expiration: [{ days: 90 }] }),
];

/** The shared-assets bucket (§3.6). */
export const SHARED_BUCKET_RULES: readonly LifecycleRule[] = [
  {
    id: "CleanupNoncurrentVersions",
    status: "Enabled",
    filter: WHOLE_BUCKET,
    noncurrentVersionExpiration: [{ noncurrentDays: 180 }],
  },
  {
    id: "CleanupIncompleteUploads",
    status: "Enabled",
    filter: WHOLE_BUCKET,
    abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
  },
];
