/** `identity:` IAM user settings (§1.2, §6.2). */
import { z } from "zod";

export const identitySchema = z
  .object({
    consoleLoginDefault: z.boolean().default(false),
    /** Base64 PGP public key (or keybase:user) used to encrypt generated console passwords. */
    pgpKey: z.string().optional(),
    /** AWS quota "managed policies per role" in this account (default 10, adjustable to 20). */
    managedPoliciesPerRoleQuota: z.number().int().min(10).max(20).default(10),
    /**
     * IAM principals that deploy the platform (role or user ARNs). Exempt from the VPC-only
     * bucket deny (`storage.restrictToVpc`), which would otherwise lock the deployer out (§11.12).
     */
    deployerPrincipalArns: z
      .array(
        z
          .string()
          .regex(
            /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@\-/*]+$/,
            "must be an IAM role or user ARN like arn:aws:iam::123456789012:role/platform-deployer",
          ),
      )
      .default([]),
  })
  .strict();
