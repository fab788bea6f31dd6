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
      custom: z.array(instanceType).min(1, "a custom whitelist needs at least one instance type"),
      /** Instance types of training/processing/tuning/transform jobs and endpoint configs (§14.7); default: `custom`. */
      jobs: z.array(jobInstanceType).min(1).optional(),
      allowWithoutSystem: z.boolean().default(false),
    })
    .strict(),
]);

/**
 * A preset: the list of Studio app instance types (also used for jobs), or `{ apps, jobs }` when
 * jobs and endpoints get a list of their own (§14.7).
 */
export const presetSchema = z.union([
  z.array(instanceType).min(1),
  z.object({ apps: z.array(appInstanceType).min(1), jobs: z.array(jobInstanceType).min(1) }).strict(),
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
  z.object({ name: userName, downloadAccess: downloadAccess.default("inherit") }).strict(),
]);

export const projectSchema = z
  .object({
    description: description.optional(),
    instanceWhitelist: whitelistSchema.optional(),
    downloadAccess: downloadAccess.default("inherit"),
    status: z.enum(["active", "retired"]).default("active"),
    members: z.array(memberSchema).default([]),
    bucket: z
      .object({
        /** Explicit, reviewed request to empty and delete this project's bucket (§10 op 5). */
        purge: z.boolean().default(false),
        /** Lifecycle rule set (§3.5): the seven-rule `standard` set, or the three-rule `light` set. */
        lifecycle: z.enum(["standard", "light"]).default("standard"),
      })
      .strict()
      .default({ purge: false, lifecycle: "standard" }),
    registry: z
      .object({
        /** Explicit request to delete the model package group and project ECR repositories. */
        purge: z.boolean().default(false),
      })
      .strict()
      .default({ purge: false }),
  })
  .strict();

const teamUserSchema = z
  .object({
    consoleLogin: z.boolean().optional(),
    /** Value of the user's `Project` tag; default: the alphabetically first active membership. */
    primaryProject: z.string().optional(),
  })
  .strict();

export const teamSchema = z
  .object({
    fullName: z
      .string()
      .regex(TEAM_FULL_NAME, "must match ^[a-z][a-z-]*[a-z]$ (kebab-case)")
      .min(3, "must be 3-30 characters")
      .max(30, "must be 3-30 characters"),
    description: description.optional(),
    /**
     * `removed`: the team is leaving. Its workspace stays and destroys its IAM users, groups,
     * roles and policies; its projects keep their data (retired or decommissioned). Only after
     * that apply may the entry be deleted, its id listed under `decommissionedTeams`.
     */
    status: z.enum(["active", "removed"]).default("active"),
    instanceWhitelist: whitelistSchema.optional(),
    users: z.record(z.string(), teamUserSchema.nullable()).default({}),
    projects: z.record(z.string(), projectSchema).default({}),
    /**
     * Projects deleted from `projects:` whose data is kept: their buckets leave Terraform state
     * (`removed` blocks, destroy = false) instead of being destroyed (docs/foundation.md).
     */
    decommissioned: z.array(z.string()).default([]),
  })
  .strict();

export const adminSchema = z.union([
  userName,
  z.object({ name: userName, consoleLogin: z.boolean().optional() }).strict(),
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
