import * as fs from "fs";
import * as path from "path";
import Ajv2020 from "ajv/dist/2020";
import { parseDocument } from "yaml";
import { generateOrgJsonSchema, SCHEMA_PATH } from "../../scripts/generate-schema";
import { loadOrgFromSources } from "../../org/loader";
import { OrgValidationError } from "../../org/problems";
import { exampleSources, ROOT } from "../support/org";

const published = JSON.parse(fs.readFileSync(path.join(ROOT, SCHEMA_PATH), "utf8"));
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(published);

function loaderAccepts(teamsText: string): boolean {
  const [, platform] = exampleSources();
  try {
    loadOrgFromSources([{ path: "org/teams.yaml", text: teamsText }, platform]);
    return true;
  } catch (e) {
    if (e instanceof OrgValidationError) return false;
    throw e;
  }
}

describe("published JSON Schema of the org files", () => {
  it("is up to date with the loader's schema (run `npm run schema` after changing org/sections)", () => {
    expect(fs.readFileSync(path.join(ROOT, SCHEMA_PATH), "utf8")).toBe(generateOrgJsonSchema());
  });

  it("documents every key: each property carries its zod `.meta({ description })`", () => {
    const keys: string[] = [];
    const undocumented: string[] = [];
    const walk = (node: any, at: string) => {
      if (!node || typeof node !== "object") return;
      for (const [key, value] of Object.entries<any>(node.properties ?? {})) {
        keys.push(`${at}.${key}`);
        if (!value.description?.trim()) undocumented.push(`${at}.${key}`);
        walk(value, `${at}.${key}`);
      }
      if (node.items) walk(node.items, `${at}[]`);
      if (node.additionalProperties) walk(node.additionalProperties, `${at}.*`);
      for (const branch of [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])]) walk(branch, at);
    };
    walk(published, "");
    expect(keys.length).toBeGreaterThan(150);
    expect(keys).toContain(".teams.*.projects.*.members[].downloadAccess");
    expect(undocumented).toEqual([]);
  });

  it("is referenced from the header of both example files", () => {
    for (const src of exampleSources())
      expect(src.text.split("\n")[0]).toBe("# yaml-language-server: $schema=./schema/org.schema.json");
  });

  it("accepts each example file", () => {
    for (const src of exampleSources()) {
      const ok = validate(parseDocument(src.text).toJS());
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  const [teams] = exampleSources();
  const cases: [string, string][] = [
    [
      "unknown team key",
      teams.text.replace("    fullName: algorithm\n", "    fullName: algorithm\n    colour: blue\n"),
    ],
    [
      "bad project status",
      teams.text.replace("        members: [eve, frank]", "        status: paused\n        members: [eve, frank]"),
    ],
    ["bad full name", teams.text.replace("fullName: algorithm", "fullName: Algorithm")],
    ["bad download access", teams.text.replace("downloadAccess: allow", "downloadAccess: sometimes")],
    ["members not a list", teams.text.replace("members: [eve, frank]", "members: eve")],
    ["bad user name in members", teams.text.replace("members: [eve, frank]", "members: [eve, Frank]")],
  ];
  it.each(cases)("and the loader agree on rejecting: %s", (_name, text) => {
    expect(validate(parseDocument(text).toJS())).toBe(false);
    expect(loaderAccepts(text)).toBe(false);
  });
});
