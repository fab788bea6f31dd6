/** `identity:` IAM user settings (§1.2, §6.2). */
import { z } from "zod";

export const identitySchema = z
  .object({
    consoleLoginDefault: z.boolean().default(false),
    /** Base64 PGP public key (or keybase:user) used to encrypt generated console passwords. */
    pgpKey: z.string().optional(),
    /** AWS quota "managed policies per role" in this account (default 10, adjustable to 20). */
    managedPoliciesPerRoleQuota: z.number().int().min(10).max(20).default(10),
  })
  .strict();

