/**
 * The org file schema (platform-spec §1.1/§1.2), assembled from one file per section under
 * org/sections/. Single source of truth for shape, defaults and per-field rules; the published
 * JSON Schema (org/schema/org.schema.json) is generated from it (`npm run schema`) and a test
 * keeps the two in agreement. Cross-field rules (references, uniqueness, quotas) live in
 * org/rules/ because they need the whole document.
 *
 * Every object is strict: an unknown key is an error, never a silently ignored field.
 */
import { z } from "zod";
import { platformSchema } from "./sections/platform";
import { networkSchema } from "./sections/network";
import { studioSchema } from "./sections/studio";
import { featuresSchema } from "./sections/features";
import { storageSchema } from "./sections/storage";
import { registrySchema } from "./sections/registry";
import { auditSchema, monitoringSchema } from "./sections/monitoring";
import { identitySchema } from "./sections/identity";
import { backendSchema } from "./sections/backend";
import { adminSchema, DEFAULT_PRESETS, presetSchema, teamSchema, whitelistSchema } from "./sections/teams";

export * from "./sections/common";
export { DEFAULT_PRESETS } from "./sections/teams";
export { ENDPOINT_SUFFIXES } from "../catalog/network";

/** Sections of the platform file (or of a single combined file). */
export const platformSections = {
  platform: platformSchema.meta({ description: "Company, account, region and naming (§1.1)." }),
  network: networkSchema.meta({
    description: "The existing VPC the platform lives in (§4): looked up or adopted, never created.",
  }),
  studio: studioSchema
    .default(studioSchema.parse({}))
    .meta({ description: "The Studio domain's settings and the defaults of every user's apps and spaces (§5)." }),
  features: featuresSchema
    .default(featuresSchema.parse({}))
    .meta({ description: "Optional platform capabilities (§1.2)." }),
  storage: storageSchema.default(storageSchema.parse({})).meta({ description: "Bucket settings (§3.5, §3.6)." }),
  registry: registrySchema
    .default(registrySchema.parse({}))
    .meta({ description: "ECR repositories and the model registry (§7)." }),
  monitoring: monitoringSchema
    .default(monitoringSchema.parse({}))
    .meta({ description: "Log retention, the alert topic and alarms (§9)." }),
  audit: auditSchema
    .default(auditSchema.parse({}))
    .meta({ description: "The CloudTrail trail of the platform's data events (§9.1)." }),
  identity: identitySchema
    .default(identitySchema.parse({}))
    .meta({ description: "IAM user settings and the account's IAM quotas (§6.2)." }),
  backend: backendSchema
    .default({ type: "local" })
    .meta({ description: "Where Terraform keeps each workspace's state: local files or Terraform Cloud." }),
  instanceWhitelistPresets: z
    .record(z.string(), presetSchema)
    .default(DEFAULT_PRESETS)
    .meta({ description: "Named lists of allowed instance types that teams and projects refer to (§6.5, §14.7)." }),
};

/** Sections of the people file (`org/teams.yaml`). */
export const teamsSections = {
  admins: z
    .array(adminSchema)
    .default([])
    .meta({ description: "Platform administrators (IAM users `sm-admin-{name}` in the admins group, §3.3)." }),
  readonlyUsers: z
    .array(adminSchema)
    .default([])
    .meta({ description: "Read-only users (IAM users `sm-readonly-{name}` in the read-only group)." }),
  teams: z
    .record(z.string(), teamSchema)
    .default({})
    .meta({ description: "Teams by id (2-4 lowercase letters, e.g. `rc`): their people and projects." }),
  decommissionedTeams: z.array(z.string()).default([]).meta({
    description:
      "Teams deleted from `teams:` after a `status: removed` apply: their absence is intended (the foundation workspace's team guard fails a plan that drops any other team).",
  }),
  deleteHomes: z.array(z.string()).default([]).meta({
    description:
      "Named acknowledgements that a person's Studio home in a project (their private space and profile, `team/project/user`) may be deleted: the domain workspace's homes guard fails a plan that deletes any other.",
  }),
};

/** The whole org (both files merged). */
export const orgSchema = z
  .object({
    $schema: z
      .string()
      .optional()
      .meta({ description: "The JSON Schema of this file, for editors; ignored by the loader." }),
    version: z.literal(1).meta({ description: "Version of the org file format: 1." }),
    ...platformSections,
    ...teamsSections,
  })
  .strict();

/**
 * What one org file may contain: any sections, each optional (the merged org must have the
 * required ones). This is what the published JSON Schema describes.
 */
export const orgFileSchema = orgSchema.partial().required({ version: true });

export type OrgInput = z.input<typeof orgSchema>;
export type OrgDocument = z.output<typeof orgSchema>;
export type WhitelistInput = z.output<typeof whitelistSchema>;
