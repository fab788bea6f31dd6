/**
 * The Studio domain's replacement-forcing settings (§1.4): the values whose change makes the
 * provider replace the domain, which deletes every user profile, space and home. The loader
 * compares the configuration with `studio.domainIdentity` (org/rules/studio.ts), and the domain
 * workspace compares what the domain resource renders (workspaces/domain.ts), both with these.
 */
export interface DomainIdentity {
  readonly domainName: string;
  readonly vpcId: string;
  readonly privateSubnetIds: readonly string[];
  readonly authMode: "IAM" | "SSO";
  /** Absent: the home EFS uses the AWS-managed key. */
  readonly kmsKeyId?: string;
  /** `domain_settings.security_group_ids`; the platform sets none. */
  readonly domainSecurityGroupIds: readonly string[];
}

export type DomainIdentityAttribute = keyof DomainIdentity;

export interface DomainIdentityChange {
  readonly attribute: DomainIdentityAttribute;
  readonly from: string;
  readonly to: string;
}

const ATTRIBUTES: readonly DomainIdentityAttribute[] = [
  "domainName",
  "vpcId",
  "privateSubnetIds",
  "authMode",
  "kmsKeyId",
  "domainSecurityGroupIds",
];

function show(v: string | readonly string[] | undefined): string {
  if (v === undefined) return "(none)";
  if (typeof v === "string") return v;
  return `[${[...v].sort().join(", ")}]`;
}

/**
 * Attributes whose current value differs from the approved baseline. Subnet and security-group
 * lists are sets in the provider: order never counts as a change.
 */
export function domainIdentityChanges(baseline: DomainIdentity, current: DomainIdentity): DomainIdentityChange[] {
  const changes: DomainIdentityChange[] = [];
  for (const attribute of ATTRIBUTES) {
    const from = show(baseline[attribute]);
    const to = show(current[attribute]);
    if (from !== to) changes.push({ attribute, from, to });
  }
  return changes;
}

/** The message for one tripwire finding: what changes, what it destroys and how to approve it. */
export function replacementMessage(c: DomainIdentityChange, label: string): string {
  return (
    `changing ${label} replaces the Studio domain (${c.attribute}: ${c.from} -> ${c.to}); ` +
    "replacement deletes every user profile and space, and users lose their home directories. " +
    "If this is intended, set studio.allowDomainReplacement: true for this change, and after the apply " +
    `record the new value in studio.domainIdentity.${c.attribute} and remove the flag (docs/domain.md)`
  );
}
