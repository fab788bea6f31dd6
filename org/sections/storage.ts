/** `storage:` bucket settings (§1.2, §3.5). */
import { z } from "zod";

export const storageSchema = z
  .object({
    /**
     * `true`/`false`, or `{ publishers: [ARN, ...] }` (enabled): principals besides the admins
     * that may write the shared bucket (§14.5), e.g. a CI role publishing base assets.
     */
    sharedBucket: z
      .union([
        z.boolean(),
        z
          .object({
            publishers: z
              .array(
                z
                  .string()
                  .regex(/^arn:aws[a-z-]*:(iam|sts)::\d{12}:[A-Za-z0-9+=,.@_/*-]+$/, "must be an IAM principal ARN"),
              )
              .default([]),
          })
          .strict(),
      ])
      .default(true),
    encryption: z.enum(["SSE-S3", "SSE-KMS"]).default("SSE-S3"),
    kmsKeyArn: z.string().nullable().default(null),
    lifecycleRules: z.boolean().default(true),
    /**
     * Zero-byte folder markers of the agreed layout (§3.5, §3.6: a SHOULD), one S3 object each:
     * 21 per project bucket, most of `foundation`'s resources in a large org. `false` renders none;
     * on an existing platform the plan deletes only those empty marker objects, never an object
     * under them.
     */
    folderMarkers: z.boolean().default(true),
    /**
     * One change when upgrading from a release that kept every project bucket in the `foundation`
     * workspace: `foundation` forgets each bucket and each `team-<id>` workspace imports its
     * team's. Nothing is created or destroyed; remove the setting after the apply.
     */
    moveBucketsToTeamWorkspaces: z.boolean().default(false),
    restrictToVpc: z.boolean().default(false),
  })
  .strict();
