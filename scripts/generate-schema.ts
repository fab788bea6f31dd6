/**
 * Writes the published JSON Schema of the org files (org/schema/org.schema.json), generated from
 * the zod schema the loader uses. The YAML headers reference it so editors autocomplete and flag
 * unknown keys. `npm run schema` regenerates; a test fails when the committed file is stale.
 */
import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { orgFileSchema } from "../org/schema";

export const SCHEMA_PATH = path.join("org", "schema", "org.schema.json");

export function generateOrgJsonSchema(): string {
  const schema = z.toJSONSchema(orgFileSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  const published = {
    $schema: schema.$schema,
    $id: "https://sagemaker-platform.local/org.schema.json",
    title: "SageMaker platform org file (org/teams.yaml, org/platform.yaml)",
    description:
      "Teams, projects, people and platform settings. Sections may be split between org/platform.yaml and org/teams.yaml; each section is defined once. Generated from org/schema.ts by `npm run schema`.",
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== "$schema")),
  };
  return `${JSON.stringify(published, null, 2)}\n`;
}

if (require.main === module) {
  // npm scripts run at the repository root.
  fs.mkdirSync(path.dirname(SCHEMA_PATH), { recursive: true });
  fs.writeFileSync(SCHEMA_PATH, generateOrgJsonSchema());
  console.log(`wrote ${SCHEMA_PATH}`);
}
