/**
 * Cross-field rules of platform-spec §0.4 and §1.4 that need the whole document: references,
 * uniqueness of derived names, AWS name-length limits and quotas. One file per concern under
 * org/rules/; each finding carries the path of the YAML node to blame, and the loader turns
 * paths into file:line:col.
 */
import type { OrgDocument } from "./schema";
import { Names } from "../catalog/names";
import type { PathSegment } from "./problems";
import { platformRules } from "./rules/platform";
import { networkRules } from "./rules/network";
import { studioRules } from "./rules/studio";
import { teamRules } from "./rules/teams";
import { foundationRules } from "./rules/foundation";
import { identityRules } from "./rules/identity";
import { monitoringRules, registryRules } from "./rules/registry";

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

/** Every cross-field rule, in report order. */
export const RULES: readonly Rule[] = [
  platformRules,
  networkRules,
  studioRules,
  teamRules,
  registryRules,
  monitoringRules,
  foundationRules,
  identityRules,
];

export function validateOrg(doc: OrgDocument): Finding[] {
  const derived = derivePlatform(doc);
  const ctx: RuleContext = {
    derived,
    names: new Names({ ...doc.platform, ...derived }),
    reporter:
      (out) =>
      (path, message, atKey = false) =>
        out.push({ path, message, atKey }),
  };
  return RULES.flatMap((rule) => rule(doc, ctx));
}
