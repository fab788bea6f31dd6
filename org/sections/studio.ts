/** `studio:` domain defaults (§1.2, §5). */
import { z } from "zod";
import { appInstanceType } from "./common";

const minutes = z.number().int().min(60, "must be 60-525600 minutes").max(525600, "must be 60-525600 minutes");
const ebsGb = z.number().int().min(5, "must be 5-16384 GB").max(16384, "must be 5-16384 GB");

/**
 * The approved values of the domain attributes that force its replacement (§1.4, §5.1). Recorded
 * after the first apply; the loader compares the current configuration with it, so a change that
 * would delete every profile, space and home directory cannot slip through a pull request.
 */
export const domainIdentitySchema = z
  .object({
    domainName: z.string().min(1).meta({ description: "The domain's name when it was applied." }),
    vpcId: z.string().min(1).meta({ description: "The domain's VPC when it was applied." }),
    privateSubnetIds: z
      .array(z.string().min(1))
      .min(1)
      .meta({ description: "The domain's subnets when it was applied (order does not matter)." }),
    authMode: z
      .enum(["IAM", "SSO"])
      .default("IAM")
      .meta({ description: "The domain's authentication mode (`IAM`; the platform does not use Identity Center)." }),
    kmsKeyId: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "The home EFS's KMS key when it was applied; absent: the AWS-managed key." }),
    domainSecurityGroupIds: z
      .array(z.string().min(1))
      .default([])
      .meta({ description: "`domain_settings.security_group_ids`; the platform sets none." }),
  })
  .strict();

export const studioSchema = z
  .object({
    idleTimeoutMinutes: minutes
      .default(60)
      .meta({ description: "Minutes of inactivity after which a JupyterLab app shuts down (60-525600)." }),
    minIdleTimeoutMinutes: minutes.optional().meta({
      description: "Lowest idle timeout users may choose; default `idleTimeoutMinutes`.",
    }),
    maxIdleTimeoutMinutes: minutes
      .optional()
      .meta({ description: "Highest idle timeout users may choose; default `idleTimeoutMinutes`." }),
    defaultInstanceType: appInstanceType
      .default("ml.t3.medium")
      .meta({ description: "Instance type of a new JupyterLab app (a SageMaker app instance type)." }),
    disableDownload: z.boolean().default(true).meta({
      description:
        "Studio's file download is off for everyone except project members with `downloadAccess: allow` (§14.9).",
    }),
    privateSpaceEbsGb: ebsGb.default(50).meta({ description: "EBS volume size (GB) of each private space." }),
    defaultEbsGb: ebsGb.default(100).meta({ description: "Default EBS volume size (GB) of a space the user creates." }),
    maxEbsGb: ebsGb
      .optional()
      .meta({ description: "Largest space volume users may choose; default max(defaultEbsGb, privateSpaceEbsGb)." }),
    homeEfsOnDelete: z
      .enum(["Retain", "Delete"])
      .default("Retain")
      .meta({ description: "Keep the home EFS when the domain is deleted (default) or delete it." }),
    kmsKeyId: z
      .string()
      .regex(
        /^(arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/,
        "must be a KMS key ARN or key id",
      )
      .optional()
      .meta({
        description: "Customer-managed KMS key (ARN or key id) for the home EFS; decide before the first deploy.",
      }),
    domainIdentity: domainIdentitySchema
      .optional()
      .meta({ description: "The approved replacement-forcing domain attributes; absent before the first deploy." }),
    allowDomainReplacement: z.boolean().default(false).meta({
      description: "Explicitly approve a change that replaces the domain (users lose their home directories).",
    }),
    moveHomesOutOfDomain: z.boolean().default(false).meta({
      description:
        "One change when upgrading from a release that kept every Studio home in the `domain` workspace: `domain` forgets each profile and space and each `domain-<team>` workspace imports its team's. Nothing is created or destroyed; remove the setting after the apply.",
    }),
  })
  .strict();

export type DomainIdentity = z.output<typeof domainIdentitySchema>;
