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
  platform: platformSchema,
  network: networkSchema,
  studio: studioSchema.default(studioSchema.parse({})),
  features: featuresSchema.default(featuresSchema.parse({})),
  storage: storageSchema.default(storageSchema.parse({})),
  registry: registrySchema.default(registrySchema.parse({})),
  monitoring: monitoringSchema.default(monitoringSchema.parse({})),
  audit: auditSchema.default(auditSchema.parse({})),
  identity: identitySchema.default(identitySchema.parse({})),
  backend: backendSchema.default({ type: "local" }),
  instanceWhitelistPresets: z.record(z.string(), presetSchema).default(DEFAULT_PRESETS),
};

/** Sections of the people file (`org/teams.yaml`). */
export const teamsSections = {
  admins: z.array(adminSchema).default([]),
  readonlyUsers: z.array(adminSchema).default([]),
  teams: z.record(z.string(), teamSchema).default({}),
  /**
   * Teams deleted from `teams:` after a `status: removed` apply: their absence is intended (the
   * foundation workspace's team guard fails a plan that drops any other team).
   */
  decommissionedTeams: z.array(z.string()).default([]),
  /**
   * Named acknowledgements that a person's Studio home in a project (their private space and
   * profile, `team/project/user`) may be deleted: the domain workspace's homes guard fails a plan
   * that deletes any other.
   */
  deleteHomes: z.array(z.string()).default([]),
};

/** The whole org (both files merged). */
export const orgSchema = z
  .object({
    $schema: z.string().optional(),
    version: z.literal(1),
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
