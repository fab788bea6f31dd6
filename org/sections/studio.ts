/** `studio:` domain defaults (§1.2, §5). */
import { z } from "zod";
import { instanceType } from "./common";

export const studioSchema = z
  .object({
    idleTimeoutMinutes: z.number().int().min(60).max(525600).default(60),
    minIdleTimeoutMinutes: z.number().int().min(60).max(525600).optional(),
    maxIdleTimeoutMinutes: z.number().int().min(60).max(525600).optional(),
    defaultInstanceType: instanceType.default("ml.t3.medium"),
    disableDownload: z.boolean().default(true),
    privateSpaceEbsGb: z.number().int().min(5).max(16384).default(50),
    defaultEbsGb: z.number().int().min(5).max(16384).default(100),
    maxEbsGb: z.number().int().min(5).max(16384).optional(),
    /** Keep the home EFS when the domain is deleted (default) or delete it. */
    homeEfsOnDelete: z.enum(["Retain", "Delete"]).default("Retain"),
    kmsKeyId: z.string().optional(),
    /** Explicitly approve a change that replaces the domain (users lose their home directories). */
    allowDomainReplacement: z.boolean().default(false),
  })
  .strict();

