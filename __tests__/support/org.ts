/** Org fixtures for tests: the example org, or an edited copy of it, loaded through the real loader. */
import * as fs from "fs";
import * as path from "path";
import { parseDocument } from "yaml";
import { loadOrgFromSources, type OrgSource } from "../../org/loader";
import { formatProblem, OrgValidationError, type Problem } from "../../org/problems";
import type { OrgModel } from "../../org/model";

export const ROOT = path.resolve(__dirname, "..", "..");
export const EXAMPLE_TEAMS = path.join(ROOT, "org", "teams.yaml");
export const EXAMPLE_PLATFORM = path.join(ROOT, "org", "platform.yaml");

export function exampleSources(): OrgSource[] {
  return [
    { path: "org/teams.yaml", text: fs.readFileSync(EXAMPLE_TEAMS, "utf8") },
    { path: "org/platform.yaml", text: fs.readFileSync(EXAMPLE_PLATFORM, "utf8") },
  ];
}

export function loadExampleOrg(): OrgModel {
  return loadOrgFromSources(exampleSources());
}

type Json = Record<string, unknown>;

/**
 * The example org with edits applied to the parsed YAML documents (as plain objects), e.g.
 * `editExampleOrg({ teams: (t) => { t.teams.rc.projects["fraud-detection"].members.push("dave") } })`.
 */
export function editExampleOrg(edits: {
  teams?: (doc: Json & { teams: any }) => void;
  platform?: (doc: Json & any) => void;
}): OrgModel {
  return loadOrgFromSources(editedExampleSources(edits));
}

export function editedExampleSources(edits: {
  teams?: (doc: any) => void;
  platform?: (doc: any) => void;
}): OrgSource[] {
  const [teams, platform] = exampleSources();
  const apply = (src: OrgSource, edit?: (doc: any) => void): OrgSource => {
    if (!edit) return src;
    const doc = parseDocument(src.text).toJS();
    edit(doc);
    return { path: src.path, text: JSON.stringify(doc, null, 2) };
  };
  return [apply(teams, edits.teams), apply(platform, edits.platform)];
}

/** Loads YAML texts given inline (teams file first). */
export function orgFromYaml(teamsYaml: string, platformYaml?: string): OrgModel {
  const sources: OrgSource[] = [{ path: "teams.yaml", text: teamsYaml }];
  if (platformYaml !== undefined) sources.push({ path: "platform.yaml", text: platformYaml });
  return loadOrgFromSources(sources);
}

/** Problems the loader reports for these sources (empty when they are valid). */
export function problemsIn(sources: readonly OrgSource[]): Problem[] {
  try {
    loadOrgFromSources(sources);
  } catch (e) {
    if (e instanceof OrgValidationError) return [...e.problems];
    throw e;
  }
  return [];
}

/** Problems of an edited example org, as `file:line:col path: message` lines. */
export function problemsOf(edits: Parameters<typeof editedExampleSources>[0]): string[] {
  return problemsIn(editedExampleSources(edits)).map(formatProblem);
}

/** Platform-file edit: the Terraform Cloud backend (workspaces always read their state back). */
export function cloudBackend(platform: any): void {
  platform.backend = { type: "cloud", organization: "acme", workspacePrefix: "sagemaker-" };
}

/**
 * Teams-file edit: the documented first step of removing a team (docs/operations.md): status
 * removed, no users, every project retired with no members (its data stays).
 */
export function removeTeamFirstStep(teams: any, id: string): void {
  const team = teams.teams[id];
  team.status = "removed";
  team.users = {};
  for (const p of Object.values<any>(team.projects)) {
    p.status = "retired";
    p.members = [];
  }
}
