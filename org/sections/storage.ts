/** `storage:` bucket settings (§1.2, §3.5). */
import { z } from "zod";

export const storageSchema = z
  .object({
    sharedBucket: z.boolean().default(true),
    encryption: z.enum(["SSE-S3", "SSE-KMS"]).default("SSE-S3"),
    kmsKeyArn: z.string().nullable().default(null),
    lifecycleRules: z.boolean().default(true),
    restrictToVpc: z.boolean().default(false),
  })
  .strict();
