/**
 * Cross-field rules of platform-spec §0.4 and §1.4 that need the whole document: references,
 * uniqueness of derived names, AWS name-length limits and quotas. One file per concern under
 * org/rules/ (sharing org/rules/context.ts); each finding carries the path of the YAML node to
 * blame, and the loader turns paths into file:line:col.
 */
import type { OrgDocument } from "./schema";
import { Names } from "../catalog/names";
import { derivePlatform, type Finding, type Rule, type RuleContext } from "./rules/context";
import { platformRules } from "./rules/platform";
import { networkRules } from "./rules/network";
import { studioRules } from "./rules/studio";
import { teamRules } from "./rules/teams";
import { foundationRules } from "./rules/foundation";
import { identityRules } from "./rules/identity";
import { monitoringRules, registryRules } from "./rules/registry";

export { derivePlatform, memberName, whitelistRef } from "./rules/context";
export type { Derived, Finding, Rule, RuleContext } from "./rules/context";

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
