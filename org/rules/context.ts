/**
 * What every cross-field rule (org/rules/*.ts) shares: the finding type, the rule context and the
 * helpers over the plain document. The rules import this file, and org/validate.ts imports the
 * rules: no import circle.
 */
import type { OrgDocument } from "../schema";
import type { Names } from "../../catalog/names";
import type { PathSegment } from "../problems";

export interface Finding {
  readonly path: readonly PathSegment[];
  readonly message: string;
  /** Point at the map key rather than its value (for problems with the name itself). */
  readonly atKey?: boolean;
}

export interface Derived {
  readonly iamPath: string;
  readonly tagPrefix: string;
  readonly domainName: string;
}

export function derivePlatform(doc: OrgDocument): Derived {
  const c = doc.platform.company;
  return {
    iamPath: doc.platform.iamPath ?? `/${c}-sagemaker/`,
    tagPrefix: doc.platform.tagPrefix ?? `${c}-sagemaker`,
    domainName: doc.platform.domainName ?? `${c}-ml-platform`,
  };
}

export function memberName(m: string | { name: string }): string {
  return typeof m === "string" ? m : m.name;
}

/** The effective whitelist reference of a project (§1.3): project -> team -> `default`. */
export function whitelistRef(
  doc: OrgDocument,
  team: string,
  project: string,
): { value: OrgDocument["teams"][string]["instanceWhitelist"]; path: PathSegment[] } {
  const t = doc.teams[team];
  const p = t.projects[project];
  if (p.instanceWhitelist !== undefined)
    return { value: p.instanceWhitelist, path: ["teams", team, "projects", project, "instanceWhitelist"] };
  if (t.instanceWhitelist !== undefined)
    return { value: t.instanceWhitelist, path: ["teams", team, "instanceWhitelist"] };
  return { value: "default", path: ["teams", team, "projects", project] };
}

export interface RuleContext {
  readonly derived: Derived;
  readonly names: Names;
  /** `add(path, message, atKey?)` appending to `out`. */
  reporter(out: Finding[]): (path: PathSegment[], message: string, atKey?: boolean) => void;
}

export type Rule = (doc: OrgDocument, ctx: RuleContext) => Finding[];
