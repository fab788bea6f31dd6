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
    domainName: z.string().min(1),
    vpcId: z.string().min(1),
    privateSubnetIds: z.array(z.string().min(1)).min(1),
    authMode: z.enum(["IAM", "SSO"]).default("IAM"),
    /** Absent: the home EFS uses the AWS-managed key. */
    kmsKeyId: z.string().min(1).optional(),
    /** `domain_settings.security_group_ids`; the platform sets none. */
    domainSecurityGroupIds: z.array(z.string().min(1)).default([]),
  })
  .strict();

export const studioSchema = z
  .object({
    idleTimeoutMinutes: minutes.default(60),
    /** Range users may choose their own idle timeout from; both default to the idle timeout (pinned). */
    minIdleTimeoutMinutes: minutes.optional(),
    maxIdleTimeoutMinutes: minutes.optional(),
    defaultInstanceType: appInstanceType.default("ml.t3.medium"),
    disableDownload: z.boolean().default(true),
    privateSpaceEbsGb: ebsGb.default(50),
    defaultEbsGb: ebsGb.default(100),
    /** Largest space volume users may choose; default max(defaultEbsGb, privateSpaceEbsGb). */
    maxEbsGb: ebsGb.optional(),
    /** Keep the home EFS when the domain is deleted (default) or delete it. */
    homeEfsOnDelete: z.enum(["Retain", "Delete"]).default("Retain"),
    /** Customer-managed KMS key (ARN or key id) for the home EFS; decide before the first deploy. */
    kmsKeyId: z
      .string()
      .regex(
        /^(arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/,
        "must be a KMS key ARN or key id",
      )
      .optional(),
    /** The approved replacement-forcing domain attributes; absent before the first deploy. */
    domainIdentity: domainIdentitySchema.optional(),
    /** Explicitly approve a change that replaces the domain (users lose their home directories). */
    allowDomainReplacement: z.boolean().default(false),
    /**
     * One change when upgrading from a release that kept every Studio home in the `domain`
     * workspace: `domain` forgets each profile and space and each `domain-<team>` workspace imports
     * its team's. Nothing is created or destroyed; remove the setting after the apply.
     */
    moveHomesOutOfDomain: z.boolean().default(false),
  })
  .strict();

export type DomainIdentity = z.output<typeof domainIdentitySchema>;
