/** `platform:` naming and account settings (§1.1/§1.2). */
import { z } from "zod";
import { AWS_REGIONS, NAME_CHARS, tagMap, tagValue } from "./common";

const companyName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*[a-z0-9]$/, "must be lowercase letters, digits and '-' (bucket-safe)")
  .min(2)
  .max(16)
  // AmazonSageMakerFullAccess grants object access to every bucket, ECR repository, SNS
  // topic and Lambda function whose name contains `sagemaker`: the company starts them all.
  .refine(
    (c) => !c.includes("sagemaker"),
    "must not contain 'sagemaker' (the managed policy's *sagemaker* grants would cover every bucket and repository)",
  )
  // S3 rejects bucket names starting with these (and the company starts every bucket name).
  .refine(
    (c) => !/^(xn--|sthree-|amzn-s3-demo-)/.test(c),
    "must not start with 'xn--', 'sthree-' or 'amzn-s3-demo-' (reserved bucket-name prefixes)",
  );

export const platformSchema = z
  .object({
    company: companyName.meta({
      description:
        "Short company name: the start of every bucket, repository, policy and log name (bucket-safe, 2-16 characters). Changing it later renames data: see `companyRenamedFrom`.",
    }),
    companyRenamedFrom: companyName.optional().meta({
      description:
        "The company of the last apply, set for the one change that renames the company (every bucket, repository and log name holds it): without it, the plan of a data-holding workspace fails when the company differs from its state's. Remove it after the apply (docs/operations.md).",
    }),
    accountId: z
      .string()
      .regex(/^[0-9]{12}$/, "must be a 12-digit AWS account id (quote it in YAML)")
      .meta({
        description:
          "The one AWS account (12 digits, quoted) every plan and apply must run in; the provider refuses any other.",
      }),
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-[0-9]$/, "must be an AWS region like ap-northeast-1")
      .refine(
        (r) => !/^[a-z]{2}(-[a-z]+)+-[0-9]$/.test(r) || AWS_REGIONS.has(r),
        "is not a region of the aws partition (catalog/aws-regions.json)",
      )
      .meta({ description: "The AWS region of the platform, e.g. `ap-northeast-1`." }),
    iamPath: z
      .string()
      .regex(/^\/([A-Za-z0-9+=,.@_-]+\/)*$/, "must start and end with '/', e.g. /acme-sagemaker/")
      .optional()
      .meta({ description: "IAM path of the platform's users, groups and policies; default `/{company}-sagemaker/`." }),
    tagPrefix: z.string().regex(NAME_CHARS, "must match ^[A-Za-z0-9-]+$").max(40).optional().meta({
      description:
        "Name prefix of the security groups and VPC endpoints, and their `ManagedBy` tag; default `{company}-sagemaker`.",
    }),
    domainName: z.string().regex(NAME_CHARS, "must match ^[A-Za-z0-9-]+$").max(63).optional().meta({
      description:
        "The Studio domain's name; default `{company}-ml-platform`. Changing it replaces the domain (every home is lost).",
    }),
    environmentTag: tagValue
      .min(1)
      .default("production")
      .meta({ description: "Value of the `Environment` tag (§0.3)." }),
    costCenter: tagValue
      .optional()
      .meta({ description: "Value of the `CostCenter` tag of the buckets; absent: no such tag." }),
    defaultTags: tagMap.default({}).meta({
      description: "Tags the AWS provider adds to every taggable resource (default none; §0.3 lists exact tags).",
    }),
  })
  .strict();
