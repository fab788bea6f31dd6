/** `identity:` IAM user settings (§1.2, §6.2). */
import { z } from "zod";

export const identitySchema = z
  .object({
    consoleLoginDefault: z.boolean().default(false).meta({
      description:
        "Whether people get an AWS console password unless they say otherwise (`consoleLogin` per person); needs `identity.pgpKey`.",
    }),
    pgpKey: z
      .string()
      .optional()
      .meta({ description: "Base64 PGP public key (or keybase:user) used to encrypt generated console passwords." }),
    managedPoliciesPerRoleQuota: z
      .number()
      .int()
      .min(10)
      .max(20)
      .default(10)
      .meta({ description: 'AWS quota "managed policies per role" in this account (default 10, adjustable to 20).' }),
    accountQuotas: z
      .object({
        users: z
          .number()
          .int()
          .min(1)
          .max(5000)
          .default(5000)
          .meta({ description: "IAM users the account may hold (AWS default and hard maximum: 5,000)." }),
        groups: z
          .number()
          .int()
          .min(1)
          .default(300)
          .meta({ description: "IAM groups the account may hold (AWS default 300)." }),
        roles: z
          .number()
          .int()
          .min(1)
          .default(1000)
          .meta({ description: "IAM roles the account may hold (AWS default 1,000)." }),
        managedPolicies: z
          .number()
          .int()
          .min(1)
          .default(1500)
          .meta({ description: "Customer-managed IAM policies the account may hold (AWS default 1,500)." }),
      })
      .strict()
      .prefault({})
      .meta({
        description:
          "The account's IAM quotas (Service Quotas, \"IAM\"). The platform's own users, groups, roles and customer-managed policies must fit (the loader counts what the workspaces render); raise a quota in the account first, then here. Defaults are AWS's defaults; users are capped at 5,000.",
      }),
    deployerPrincipalArns: z
      .array(
        z
          .string()
          .regex(
            /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@\-/*]+$/,
            "must be an IAM role or user ARN like arn:aws:iam::123456789012:role/platform-deployer",
          ),
      )
      .default([])
      .meta({
        description:
          "IAM principals that deploy the platform (role or user ARNs). Exempt from the VPC-only bucket deny (`storage.restrictToVpc`), which would otherwise lock the deployer out (§11.12).",
      }),
  })
  .strict();
