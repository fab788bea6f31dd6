/**
 * The one module that reads the org files. It parses YAML with positions, validates shape
 * (org/schema.ts) and cross-field rules (org/validate.ts), reports every problem at once as
 * `file:line:col path: message`, and returns the typed, frozen OrgModel (org/model.ts).
 * Each step is a file of its own under org/load/: sources, parse (with hostile input refused),
 * merge, positions, zod issues, resolution.
 *
 * People live in `org/teams.yaml`; platform settings may live in the same file or in a sibling
 * `org/platform.yaml` so that pull requests about people touch only the teams file.
 */
import { orgSchema } from "./schema";
import { validateOrg } from "./validate";
import type { OrgModel } from "./model";
import { OrgValidationError, type PathSegment, type Problem } from "./problems";
import { orgFilesFromEnv, readOrgSources, type OrgFiles, type OrgSource } from "./load/sources";
import { locatePath } from "./load/positions";
import { parseSources } from "./load/parse";
import { mergeSections } from "./load/merge";
import { dedupe, flattenIssues, hint, issueMessage, partialDocument } from "./load/issues";
import { buildModel, deepFreeze } from "./load/resolve";

export {
  DEFAULT_PLATFORM_FILE,
  DEFAULT_TEAMS_FILE,
  orgFilesFromEnv,
  readOrgSources,
  type OrgFiles,
  type OrgSource,
} from "./load/sources";

/** Reads, validates and resolves the org. Throws OrgValidationError listing every problem. */
export function loadOrg(files: OrgFiles = orgFilesFromEnv()): OrgModel {
  return loadOrgFromSources(readOrgSources(files));
}

/** Same as loadOrg, from in-memory sources (the first is the teams file). */
export function loadOrgFromSources(sources: readonly OrgSource[]): OrgModel {
  const { parsed, problems, duplicateKeys } = parseSources(sources);
  if (problems.length) throw new OrgValidationError(dedupe([...duplicateKeys, ...problems]));
  problems.push(...duplicateKeys);

  const sections = mergeSections(parsed);
  const { merged, owner } = sections;
  problems.push(...sections.problems);
  if (problems.length > duplicateKeys.length) throw new OrgValidationError(dedupe(problems));
  const fileFor = (path: readonly PathSegment[]) => owner.get(String(path[0])) ?? parsed[0];
  const at = (path: readonly PathSegment[], message: string, atKey = false): Problem => ({
    ...locatePath(fileFor(path), path, atKey),
    message,
  });

  const result = orgSchema.safeParse(merged, { reportInput: true });
  if (!result.success) {
    for (const issue of flattenIssues(result.error.issues, merged)) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          const path = [...issue.path, key] as PathSegment[];
          problems.push(at(path, `unknown key '${key}'${hint(issue.path as PathSegment[])}`, true));
        }
      } else {
        problems.push(at(issue.path as PathSegment[], issueMessage(issue)));
      }
    }
    // Still report cross-field problems of the parts that are well-formed, so one run shows all.
    const partial = partialDocument(merged);
    if (partial) for (const f of validateOrg(partial)) problems.push(at(f.path, f.message, f.atKey));
    throw new OrgValidationError(dedupe(problems));
  }

  for (const f of validateOrg(result.data)) problems.push(at(f.path, f.message, f.atKey));
  if (problems.length) throw new OrgValidationError(dedupe(problems));

  return deepFreeze(
    buildModel(
      result.data,
      sources.map((s) => s.path),
    ),
  );
}
