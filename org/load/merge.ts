/**
 * The org files' top-level sections merged into one document, each section defined once and the
 * people's sections only in the teams file (the first), remembering which file holds each.
 */
import { platformSections, teamsSections } from "../schema";
import type { Problem } from "../problems";
import { firstLine, MAX_ALIAS_EXPANSIONS } from "./hostile-input";
import { locatePath, type ParsedFile } from "./positions";

export interface MergedSections {
  readonly merged: Record<string, unknown>;
  /** The file each section came from. */
  readonly owner: ReadonlyMap<string, ParsedFile>;
  readonly problems: Problem[];
}

export function mergeSections(parsed: readonly ParsedFile[]): MergedSections {
  const problems: Problem[] = [];
  const merged: Record<string, unknown> = {};
  const owner = new Map<string, ParsedFile>();
  for (const file of parsed) {
    let js: unknown;
    try {
      js = file.doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
    } catch (e) {
      // `yaml` refuses documents whose aliases expand beyond the limit (alias bombs).
      problems.push({ ...locatePath(file, []), message: `YAML: ${firstLine(String((e as Error).message ?? e))}` });
      continue;
    }
    if ((js === null || js === undefined) && file === parsed[0])
      problems.push({
        ...locatePath(file, []),
        message:
          "the teams file is empty: it must declare `version` and `teams` (an empty file would remove every team, profile and space)",
      });
    if (js === null || js === undefined) continue;
    if (typeof js !== "object" || Array.isArray(js)) {
      problems.push({ ...locatePath(file, []), message: "the file must be a YAML mapping of sections" });
      continue;
    }
    for (const [key, value] of Object.entries(js as Record<string, unknown>)) {
      if (key === "$schema") continue;
      if (key === "version") {
        if (!owner.has(key)) {
          merged[key] = value;
          owner.set(key, file);
        } else if (merged[key] !== value) {
          problems.push({
            ...locatePath(file, [key]),
            message: `version ${String(value)} differs from ${owner.get(key)!.source.path}`,
          });
        }
        continue;
      }
      if (owner.has(key)) {
        problems.push({
          ...locatePath(file, [key], true),
          message: `section '${key}' is also defined in ${owner.get(key)!.source.path}; define each section once`,
        });
        continue;
      }
      const section = key as keyof typeof platformSections | keyof typeof teamsSections;
      if (file !== parsed[0] && section in teamsSections) {
        problems.push({
          ...locatePath(file, [key], true),
          message: `section '${key}' belongs in the teams file (${parsed[0].source.path}), so people changes touch one file`,
        });
        continue;
      }
      merged[key] = value;
      owner.set(key, file);
    }
  }
  return { merged, owner, problems };
}
