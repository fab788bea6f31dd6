/** Studio values the provider validates, checked with their YAML location (§0.4, §5.1). */
import type { OrgDocument } from "../schema";
import type { Finding, RuleContext } from "../validate";

export function studioRules(doc: OrgDocument, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const add = ctx.reporter(out);
  // Studio.
  const s = doc.studio;
  const maxEbs = s.maxEbsGb ?? Math.max(s.defaultEbsGb, s.privateSpaceEbsGb);
  if (s.privateSpaceEbsGb > maxEbs)
    add(["studio", "privateSpaceEbsGb"], `privateSpaceEbsGb ${s.privateSpaceEbsGb} exceeds studio.maxEbsGb ${maxEbs}`);
  if (s.defaultEbsGb > maxEbs)
    add(["studio", "defaultEbsGb"], `defaultEbsGb ${s.defaultEbsGb} exceeds studio.maxEbsGb ${maxEbs}`);
  const minIdle = s.minIdleTimeoutMinutes ?? s.idleTimeoutMinutes;
  const maxIdle = s.maxIdleTimeoutMinutes ?? s.idleTimeoutMinutes;
  if (minIdle > s.idleTimeoutMinutes || s.idleTimeoutMinutes > maxIdle)
    add(["studio", "idleTimeoutMinutes"], `idle timeout must lie within min ${minIdle} and max ${maxIdle}`);

  return out;
}
