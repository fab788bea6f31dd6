/** `admins:`, `teams:` people, teams and projects (§1.1-§1.3), and the whitelist presets. */
import { z } from "zod";
import {
  appInstanceType,
  description,
  downloadAccess,
  instanceType,
  jobInstanceType,
  TEAM_FULL_NAME,
  userName,
} from "./common";

/** `default` | `unrestricted` | other preset name | `{ custom: [...], jobs?: [...] }` */
export const whitelistSchema = z.union([
  z.string().min(1),
  z
    .object({
      custom: z.array(instanceType).min(1, "a custom whitelist needs at least one instance type").meta({
        description: "The allowed instance types: Studio apps, and jobs and endpoints unless `jobs` says otherwise.",
      }),
      jobs: z.array(jobInstanceType).min(1).optional().meta({
        description:
          "Instance types of training/processing/tuning/transform jobs and endpoint configs (§14.7); default: `custom`.",
      }),
      allowWithoutSystem: z.boolean().default(false).meta({
        description:
          "Accept a custom list without `system`, the instance type of Studio's own default apps (a list without it is refused unless this is set).",
      }),
    })
    .strict(),
]);

/**
 * A preset: the list of Studio app instance types (also used for jobs), or `{ apps, jobs }` when
 * jobs and endpoints get a list of their own (§14.7).
 */
export const presetSchema = z.union([
  z.array(instanceType).min(1),
  z
    .object({
      apps: z.array(appInstanceType).min(1).meta({ description: "Studio app instance types of the preset." }),
      jobs: z.array(jobInstanceType).min(1).meta({ description: "Job and endpoint instance types of the preset." }),
    })
    .strict(),
]);
export type Preset = z.output<typeof presetSchema>;

/** Studio app instance types of a preset. */
export function presetApps(preset: Preset): string[] {
  return Array.isArray(preset) ? [...preset] : [...preset.apps];
}

/** Job and endpoint instance types of a preset (default: its app list). */
export function presetJobs(preset: Preset): string[] {
  return Array.isArray(preset) ? [...preset] : [...preset.jobs];
}

export const memberSchema = z.union([
  userName,
  z
    .object({
      name: userName.meta({ description: "The member's user name (a key of the team's `users`)." }),
      downloadAccess: downloadAccess.default("inherit").meta({
        description: "This member's Studio file download in this project: `allow`, `deny`, or `inherit` the project's.",
      }),
    })
    .strict(),
]);

export const projectSchema = z
  .object({
    description: description
      .optional()
      .meta({ description: "What the project is for (free text; shown in descriptions, never parsed)." }),
    instanceWhitelist: whitelistSchema.optional().meta({
      description:
        "The project's allowed instance types: a preset name, `unrestricted`, or `{ custom, jobs }`; default: the team's.",
    }),
    downloadAccess: downloadAccess.default("inherit").meta({
      description:
        "Studio file download of the project's members: `allow`, `deny`, or `inherit` (`studio.disableDownload`).",
    }),
    status: z.enum(["active", "retired"]).default("active").meta({
      description:
        "`active`, or `retired`: no members, roles or policies; the bucket and registries keep their data, protected.",
    }),
    members: z.array(memberSchema).default([]).meta({
      description:
        "The team's users in this project: each gets a Studio profile and private space, and the project's access.",
    }),
    bucket: z
      .object({
        purge: z
          .boolean()
          .default(false)
          .meta({ description: "Explicit, reviewed request to empty and delete this project's bucket (§10 op 5)." }),
        lifecycle: z.enum(["standard", "light"]).default("standard").meta({
          description: "Lifecycle rule set (§3.5): the seven-rule `standard` set, or the three-rule `light` set.",
        }),
      })
      .strict()
      .default({ purge: false, lifecycle: "standard" })
      .meta({ description: "The project bucket's lifecycle set and its purge request." }),
    registry: z
      .object({
        purge: z
          .boolean()
          .default(false)
          .meta({ description: "Explicit request to delete the model package group and project ECR repositories." }),
      })
      .strict()
      .default({ purge: false })
      .meta({ description: "The project's model package group and repositories." }),
  })
  .strict();

const teamUserSchema = z
  .object({
    consoleLogin: z.boolean().optional().meta({
      description:
        "An AWS console password for this user (needs `identity.pgpKey`); default `identity.consoleLoginDefault`.",
    }),
    primaryProject: z
      .string()
      .optional()
      .meta({ description: "Value of the user's `Project` tag; default: the alphabetically first active membership." }),
  })
  .strict();

export const teamSchema = z
  .object({
    fullName: z
      .string()
      .regex(TEAM_FULL_NAME, "must match ^[a-z][a-z-]*[a-z]$ (kebab-case)")
      .min(3, "must be 3-30 characters")
      .max(30, "must be 3-30 characters")
      .meta({
        description:
          "The team's full name in kebab-case (3-30 characters), used in IAM names and the `Team` tag, e.g. `risk-control`.",
      }),
    description: description.optional().meta({ description: "What the team does (free text; never parsed)." }),
    status: z.enum(["active", "removed"]).default("active").meta({
      description:
        "`removed`: the team is leaving. Its workspace stays and destroys its IAM users, groups, roles and policies; its projects keep their data (retired or decommissioned). Only after that apply may the entry be deleted, its id listed under `decommissionedTeams`.",
    }),
    instanceWhitelist: whitelistSchema.optional().meta({
      description:
        "The team's allowed instance types: a preset name, `unrestricted`, or `{ custom, jobs }`; default: the `default` preset.",
    }),
    users: z.record(z.string(), teamUserSchema.nullable()).default({}).meta({
      description: "The team's people by user name (IAM user `sm-{team}-{name}`); a null value takes every default.",
    }),
    projects: z.record(z.string(), projectSchema).default({}).meta({
      description: "The team's projects by name: each gets a bucket, a group, roles and Studio homes for its members.",
    }),
    decommissioned: z.array(z.string()).default([]).meta({
      description:
        "Projects deleted from `projects:` whose data is kept: their buckets leave Terraform state (`removed` blocks, destroy = false) instead of being destroyed (docs/foundation.md).",
    }),
  })
  .strict();

export const adminSchema = z.union([
  userName,
  z
    .object({
      name: userName.meta({
        description: "The person's user name (IAM user `sm-admin-{name}` or `sm-readonly-{name}`).",
      }),
      consoleLogin: z.boolean().optional().meta({
        description:
          "An AWS console password for this person (needs `identity.pgpKey`); default `identity.consoleLoginDefault`.",
      }),
    })
    .strict(),
]);

export const DEFAULT_PRESETS: Record<string, string[]> = {
  default: ["ml.t3.medium", "ml.t3.large", "ml.m5.large", "ml.m5.xlarge", "system"],
  gpu: ["ml.t3.medium", "ml.t3.large", "ml.m5.xlarge", "ml.g4dn.xlarge", "ml.g4dn.2xlarge", "ml.g5.xlarge", "system"],
  large_memory: [
    "ml.t3.medium",
    "ml.t3.large",
    "ml.m5.xlarge",
    "ml.r5.large",
    "ml.r5.xlarge",
    "ml.r5.2xlarge",
    "system",
  ],
  high_performance: [
    "ml.t3.medium",
    "ml.m5.xlarge",
    "ml.m5.2xlarge",
    "ml.c5.xlarge",
    "ml.c5.2xlarge",
    "ml.p3.2xlarge",
    "system",
  ],
};
