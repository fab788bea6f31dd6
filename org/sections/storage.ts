/** `storage:` bucket settings (§1.2, §3.5). */
import { z } from "zod";

export const storageSchema = z
  .object({
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
              .default([])
              .meta({ description: "IAM principal ARNs besides the admins that may write the shared bucket." }),
          })
          .strict(),
      ])
      .default(true)
      .meta({
        description:
          "`true`/`false`, or `{ publishers: [ARN, ...] }` (enabled): principals besides the admins that may write the shared bucket (§14.5), e.g. a CI role publishing base assets.",
      }),
    encryption: z
      .enum(["SSE-S3", "SSE-KMS"])
      .default("SSE-S3")
      .meta({ description: "Default encryption of every bucket: `SSE-S3`, or `SSE-KMS` with `kmsKeyArn`." }),
    kmsKeyArn: z.string().nullable().default(null).meta({
      description: "The KMS key of `SSE-KMS` (its key policy must let the platform's roles use it through S3).",
    }),
    lifecycleRules: z.boolean().default(true).meta({
      description:
        "The lifecycle rules of §3.5 on every bucket (tiering, expiry of temporary prefixes and old versions).",
    }),
    folderMarkers: z.boolean().default(true).meta({
      description:
        "Zero-byte folder markers of the agreed layout (§3.5, §3.6: a SHOULD), one S3 object each: 21 per project bucket, most of `foundation`'s resources in a large org. `false` renders none; on an existing platform the plan deletes only those empty marker objects, never an object under them.",
    }),
    moveBucketsToTeamWorkspaces: z.boolean().default(false).meta({
      description:
        "One change when upgrading from a release that kept every project bucket in the `foundation` workspace: `foundation` forgets each bucket and each `team-<id>` workspace imports its team's. Nothing is created or destroyed; remove the setting after the apply.",
    }),
    restrictToVpc: z.boolean().default(false).meta({
      description:
        "Project buckets deny requests from outside the VPC, except `identity.deployerPrincipalArns` (§11.12).",
    }),
  })
  .strict();
