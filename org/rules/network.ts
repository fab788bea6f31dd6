/**
 * The existing VPC inputs and what may be adopted (§0.4, §4). Semantics are described for
 * operators in docs/network.md ("Existing endpoints" and "Adopt mode").
 */
import type { OrgDocument } from "../schema";
import type { Finding, RuleContext } from "./context";
import {
  ENDPOINTS,
  SECURITY_GROUPS,
  type EndpointSuffix,
  type SecurityGroupKey,
  type SecurityGroupRuleKey,
} from "../../catalog/network";

export function networkRules(doc: OrgDocument, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const add = ctx.reporter(out);
  const n = doc.network;
  const dup = <T>(xs: readonly T[]) => xs.findIndex((x, i) => xs.indexOf(x) !== i);
  const ds = dup(n.privateSubnetIds);
  if (ds >= 0) add(["network", "privateSubnetIds", ds], `duplicate subnet id '${n.privateSubnetIds[ds]}'`);
  const dr = dup(n.routeTableIds);
  if (dr >= 0) add(["network", "routeTableIds", dr], `duplicate route table id '${n.routeTableIds[dr]}'`);

  // Existing endpoints: a wanted endpoint is either created or taken from the VPC, never both
  // and never one that is not wanted at all.
  const endpointOwner = new Map<string, string>();
  for (const [suffix, value] of Object.entries(n.adoptExistingEndpoints)) {
    if (value === undefined) continue;
    const spec = ENDPOINTS.find((e) => e.suffix === (suffix as EndpointSuffix))!;
    const path = ["network", "adoptExistingEndpoints", suffix];
    if (spec.flag && !n.optionalEndpoints[spec.flag])
      add(
        path,
        `endpoint '${suffix}' is listed for adoption but not enabled (network.optionalEndpoints.${spec.flag} is false): ` +
          `set optionalEndpoints.${spec.flag}: true to use the existing endpoint, or remove this entry`,
        true,
      );
    const id = typeof value === "string" ? value : value.id;
    const first = endpointOwner.get(id);
    if (first)
      add(path, `endpoint ${id} is already adopted as '${first}': one endpoint serves one service (check the id)`);
    else endpointOwner.set(id, suffix);
  }

  // Existing security groups: only adopt mode imports them.
  const sgOwner = new Map<string, string>();
  for (const [key, value] of Object.entries(n.adoptExistingSecurityGroups)) {
    if (value === undefined) continue;
    const path = ["network", "adoptExistingSecurityGroups", key];
    if (n.mode !== "adopt") {
      add(
        path,
        "security groups are adopted only with network.mode: adopt (lookup mode creates its own groups; " +
          "an existing group with the same name would make the create fail)",
        true,
      );
      continue;
    }
    const id = typeof value === "string" ? value : value.id;
    const first = sgOwner.get(id);
    if (first) add(path, `security group ${id} is already adopted as '${first}'`);
    else sgOwner.set(id, key);
    if (typeof value === "string") continue;
    const allowed = SECURITY_GROUPS[key as SecurityGroupKey].rules;
    for (const rule of Object.keys(value.rules))
      if (!allowed.includes(rule as SecurityGroupRuleKey))
        add(
          [...path, "rules", rule],
          `the ${key} group has no rule '${rule}' (its rules: ${allowed.join(", ")})`,
          true,
        );
  }

  // Adopt mode: every subnet's real attributes, and at least two zones.
  const adopt = n.adopt;
  if (n.mode === "adopt") {
    if (!adopt)
      add(
        ["network", "mode"],
        "mode adopt needs network.adopt.subnets: { <subnet-id>: { cidrBlock, availabilityZone } } for every private subnet",
      );
    else {
      n.privateSubnetIds.forEach((id, i) => {
        if (!adopt.subnets[id])
          add(
            ["network", "privateSubnetIds", i],
            `subnet ${id} needs network.adopt.subnets.${id}: { cidrBlock, availabilityZone } (values from aws ec2 describe-subnets)`,
          );
      });
      for (const id of Object.keys(adopt.subnets))
        if (!n.privateSubnetIds.includes(id))
          add(
            ["network", "adopt", "subnets", id],
            `subnet ${id} is not in network.privateSubnetIds (list it there, or move it to network.adopt.release to stop managing it)`,
            true,
          );
      const zones = new Set(n.privateSubnetIds.map((id) => adopt.subnets[id]?.availabilityZone).filter(Boolean));
      if (zones.size < 2 && n.privateSubnetIds.every((id) => adopt.subnets[id]))
        add(
          ["network", "adopt", "subnets"],
          `the private subnets must span at least 2 availability zones (all are in ${[...zones].join(", ")})`,
        );
    }
  } else if (adopt && Object.keys(adopt.subnets).length > 0) {
    add(["network", "adopt", "subnets"], "network.adopt.subnets is used only with network.mode: adopt", true);
  }
  adopt?.release.forEach((id, i) => {
    if (n.privateSubnetIds.includes(id) || n.routeTableIds.includes(id))
      add(["network", "adopt", "release", i], `${id} is still in use (listed in privateSubnetIds or routeTableIds)`);
  });

  return out;
}
