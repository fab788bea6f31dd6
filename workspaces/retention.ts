/** What a data-holding workspace tells its retention guard (modules/state/retention-guard.ts). */
import { projectKey, type Protection } from "../modules/state/retention-guard";
import type { OrgModel, Project } from "../org/model";

export interface RetentionInventory {
  /** Projects whose data this workspace manages, with their protection. */
  readonly managed: Record<string, Protection>;
  /** Every project that may legitimately be absent next time: declared or decommissioned. */
  readonly accountedFor: string[];
}

/** `protection` says how a declared project's data is held here, or undefined if it has none. */
export function retentionInventory(
  org: OrgModel,
  protection: (project: Project) => Protection | undefined,
): RetentionInventory {
  const managed: Record<string, Protection> = {};
  const accountedFor: string[] = [];
  for (const team of org.teams) {
    for (const project of team.projects) {
      const key = projectKey(team.id, project.name);
      const p = protection(project);
      if (p) managed[key] = p;
      accountedFor.push(key);
    }
    for (const name of team.decommissioned) accountedFor.push(projectKey(team.id, name));
  }
  return { managed, accountedFor };
}
