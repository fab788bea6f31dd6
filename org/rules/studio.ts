/**
 * Studio rules checked with their YAML location (§0.4, §1.4, §5.1): provider-validated values,
 * Studio name limits, and the domain-replacement tripwire.
 */
import type { OrgDocument } from "../schema";
import type { DomainIdentity } from "../sections/studio";
import { domainIdentityChanges, replacementMessage, type DomainIdentityAttribute } from "../../catalog/domain-identity";
import type { PathSegment } from "../problems";
import { LIMITS } from "../../catalog/names";
import { memberName, type Finding, type RuleContext } from "./context";

/** SageMaker user profile and space names: `^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}` (API reference). */
const STUDIO_NAME_CHARS = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/;
/** Studio lifecycle config names accept only `[A-Za-z0-9-]` (provider-validated). */
const LCC_NAME_CHARS = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/;

export function studioRules(doc: OrgDocument, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const add = ctx.reporter(out);
  const s = doc.studio;

  const maxEbs = s.maxEbsGb ?? Math.max(s.defaultEbsGb, s.privateSpaceEbsGb);
  if (s.privateSpaceEbsGb > maxEbs)
    add(["studio", "privateSpaceEbsGb"], `privateSpaceEbsGb ${s.privateSpaceEbsGb} exceeds studio.maxEbsGb ${maxEbs}`);
  if (s.defaultEbsGb > maxEbs)
    add(["studio", "defaultEbsGb"], `defaultEbsGb ${s.defaultEbsGb} exceeds studio.maxEbsGb ${maxEbs}`);
  const { min, max } = idleBounds(s);
  if (min > s.idleTimeoutMinutes || s.idleTimeoutMinutes > max)
    add(
      ["studio", "idleTimeoutMinutes"],
      `idle timeout ${s.idleTimeoutMinutes} must lie within studio.minIdleTimeoutMinutes ${min} and studio.maxIdleTimeoutMinutes ${max}`,
    );

  for (const kind of ["disable-download", "allow-download"] as const) {
    const name = ctx.names.lifecycleConfig(kind);
    const at: PathSegment[] =
      doc.platform.tagPrefix !== undefined ? ["platform", "tagPrefix"] : ["platform", "company"];
    if (name.length > LIMITS.studioName - LCC_REVISION_RESERVE)
      add(
        at,
        `Studio lifecycle config name '${name}' is too long (at most ${LIMITS.studioName - LCC_REVISION_RESERVE} characters, leaving room for a '-vN' revision; shorten platform.tagPrefix)`,
      );
    else if (!LCC_NAME_CHARS.test(name))
      add(
        at,
        `Studio lifecycle config name '${name}' must match ^[a-zA-Z0-9](-*[a-zA-Z0-9])*$ (change platform.tagPrefix)`,
      );
  }

  // Profile length is checked with the member rules (org/rules/teams.ts); characters and the
  // space name here. Identifier rules make these unreachable today; they guard rule changes.
  for (const [teamId, team] of Object.entries(doc.teams))
    for (const [projectName, project] of Object.entries(team.projects))
      project.members.forEach((m, i) => {
        const at: PathSegment[] = ["teams", teamId, "projects", projectName, "members", i];
        const user = memberName(m);
        const profile = ctx.names.userProfile(teamId, projectName, user);
        const space = ctx.names.space(teamId, projectName, user);
        if (space.length > LIMITS.studioName)
          add(
            at,
            `space name '${space}' would exceed ${LIMITS.studioName} characters (shorten the user or project name)`,
          );
        for (const [kind, name] of [
          ["user profile", profile],
          ["space", space],
        ] as const)
          if (!STUDIO_NAME_CHARS.test(name)) add(at, `${kind} name '${name}' must match ^[a-zA-Z0-9](-*[a-zA-Z0-9])*$`);
      });

  if (s.domainIdentity && !s.allowDomainReplacement) {
    const current = configuredDomainIdentity(doc, ctx.derived.domainName);
    for (const c of domainIdentityChanges(s.domainIdentity, current)) {
      const at = configPath(doc, c.attribute);
      add(at.path, replacementMessage(c, at.label));
    }
  }
  return out;
}

/** Lifecycle config names keep 3 characters free for a `-vN` revision suffix (the download lifecycle-config construct). */
export const LCC_REVISION_RESERVE = 3;

/** Idle-shutdown bounds: both default to the idle timeout, which pins it. */
export function idleBounds(s: OrgDocument["studio"]): { min: number; max: number } {
  return {
    min: s.minIdleTimeoutMinutes ?? s.idleTimeoutMinutes,
    max: s.maxIdleTimeoutMinutes ?? s.idleTimeoutMinutes,
  };
}

// ---------------------------------------------------------------------------------------------
// Domain-replacement tripwire (§1.4). Each attribute below forces replacement of
// aws_sagemaker_domain in provider 5.100 (checked with `terraform plan`; docs/decisions.md),
// which deletes every user profile and space and, unless retained, the users' home EFS.

/** What the domain identity is computed from: the org document or the org model. */
export interface DomainIdentitySource {
  readonly network: { readonly vpcId: string; readonly privateSubnetIds: readonly string[] };
  readonly studio: { readonly kmsKeyId?: string };
}

/**
 * The replacement-forcing values the configuration renders. The domain workspace renders exactly
 * these; IAM auth and no `domain_settings` security groups are fixed by the platform (§5.1).
 */
export function configuredDomainIdentity(src: DomainIdentitySource, domainName: string): DomainIdentity {
  return {
    domainName,
    vpcId: src.network.vpcId,
    privateSubnetIds: [...src.network.privateSubnetIds].sort(),
    authMode: "IAM",
    kmsKeyId: src.studio.kmsKeyId,
    domainSecurityGroupIds: [],
  };
}

/** Where each attribute is configured (the node a problem points at) and how it is called there. */
function configPath(doc: OrgDocument, attribute: DomainIdentityAttribute): { path: PathSegment[]; label: string } {
  switch (attribute) {
    case "domainName":
      return doc.platform.domainName !== undefined
        ? { path: ["platform", "domainName"], label: "platform.domainName" }
        : { path: ["platform", "company"], label: "platform.company (the default domain name derives from it)" };
    case "vpcId":
      return { path: ["network", "vpcId"], label: "network.vpcId" };
    case "privateSubnetIds":
      return { path: ["network", "privateSubnetIds"], label: "network.privateSubnetIds" };
    case "kmsKeyId":
      return doc.studio.kmsKeyId !== undefined
        ? { path: ["studio", "kmsKeyId"], label: "studio.kmsKeyId" }
        : { path: ["studio"], label: "studio.kmsKeyId" };
    default:
      return { path: ["studio", "domainIdentity", attribute], label: `the domain's ${attribute}` };
  }
}
