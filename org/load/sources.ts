/** Where the org files are and their texts, read once (the first source is the teams file). */
import * as fs from "fs";
import { OrgValidationError, type Problem } from "../problems";

export interface OrgSource {
  /** Path as shown in messages (relative to the working directory). */
  readonly path: string;
  readonly text: string;
}

export interface OrgFiles {
  /** The people file; default `org/teams.yaml` (env `ORG_FILE`). */
  readonly teamsFile: string;
  /** The platform file; default `org/platform.yaml` (env `PLATFORM_FILE`). */
  readonly platformFile?: string;
  /** Fail when the platform file is missing (true when it was named explicitly). */
  readonly platformFileRequired?: boolean;
}

export const DEFAULT_TEAMS_FILE = "org/teams.yaml";
export const DEFAULT_PLATFORM_FILE = "org/platform.yaml";

/** Org file locations from the environment (`ORG_FILE`, `PLATFORM_FILE`). */
export function orgFilesFromEnv(env: NodeJS.ProcessEnv = process.env): OrgFiles {
  return {
    teamsFile: env.ORG_FILE || DEFAULT_TEAMS_FILE,
    platformFile: env.PLATFORM_FILE || DEFAULT_PLATFORM_FILE,
    platformFileRequired: !!env.PLATFORM_FILE,
  };
}

/** The org files' texts, read once (synthesis workers load the model from the same texts). */
export function readOrgSources(files: OrgFiles = orgFilesFromEnv()): OrgSource[] {
  const sources: OrgSource[] = [];
  const problems: Problem[] = [];
  const read = (path: string, required: boolean) => {
    try {
      sources.push({ path, text: fs.readFileSync(path, "utf8") });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (required || code !== "ENOENT")
        problems.push({ file: path, line: 1, col: 1, path: "", message: `cannot read file (${code ?? String(e)})` });
    }
  };
  // The default platform file may be absent: then the teams file holds every section.
  read(files.teamsFile, true);
  if (files.platformFile && files.platformFile !== files.teamsFile)
    read(files.platformFile, !!files.platformFileRequired);
  if (problems.length) throw new OrgValidationError(problems);
  return sources;
}
