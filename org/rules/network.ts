/** The existing VPC inputs (§0.4, §4.1). */
import type { OrgDocument } from "../schema";
import type { Finding, RuleContext } from "../validate";

export function networkRules(doc: OrgDocument, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const add = ctx.reporter(out);
  // Network.
  const dup = <T>(xs: readonly T[]) => xs.findIndex((x, i) => xs.indexOf(x) !== i);
  const ds = dup(doc.network.privateSubnetIds);
  if (ds >= 0) add(["network", "privateSubnetIds", ds], `duplicate subnet id '${doc.network.privateSubnetIds[ds]}'`);
  const dr = dup(doc.network.routeTableIds);
  if (dr >= 0) add(["network", "routeTableIds", dr], `duplicate route table id '${doc.network.routeTableIds[dr]}'`);

  return out;
}
