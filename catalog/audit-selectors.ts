/**
 * CloudTrail advanced event selectors as plain data (platform-spec §9.1), shaped like the
 * provider binding (`equalTo` is the `equals` operator). Facts for trails (provider 5.100 and
 * the CloudTrail API):
 * - `field` is one of eventCategory, eventName, eventSource, readOnly, resources.ARN,
 *   resources.type, userIdentity.arn (the provider checks the name, not the operator);
 * - eventCategory, resources.type and readOnly accept only `equals`;
 * - management events on a trail accept eventCategory, readOnly and eventSource, and eventSource
 *   only as NotEquals kms.amazonaws.com / rdsdata.amazonaws.com: a trail cannot select
 *   "SageMaker management events only" (event data stores can);
 * - field selectors of one selector are ANDed, the values of one field selector ORed;
 * - a trail holds at most 500 values over all its selectors: a list that grows with the org
 *   (one value per bucket) runs out, so buckets are selected by name prefix (`auditedS3ArnPrefixes`).
 */

export interface FieldSelector {
  readonly field: string;
  readonly equalTo?: readonly string[];
  readonly notEquals?: readonly string[];
  readonly startsWith?: readonly string[];
}

export interface EventSelector {
  readonly name: string;
  readonly fieldSelector: readonly FieldSelector[];
}

export type ReadOnlyFilter = "all" | "writes" | "reads";

function readOnlySelector(readOnly: ReadOnlyFilter): FieldSelector[] {
  return readOnly === "all" ? [] : [{ field: "readOnly", equalTo: [readOnly === "reads" ? "true" : "false"] }];
}

export interface S3DataEventOptions {
  /** `resources.ARN` prefixes, from `auditedS3ArnPrefixes`. */
  readonly arnPrefixes: readonly string[];
  readonly readOnly: ReadOnlyFilter;
  /** `userIdentity.arn` prefixes, e.g. `arn:aws:sts::{account}:assumed-role/SageMaker-`. @default all principals */
  readonly principalArnPrefixes?: readonly string[];
}

/** What the trail audits of the platform's buckets (names from catalog/names). */
export interface AuditedBucketScope {
  /** Every project's bucket (active, retired, and decommissioned ones that still hold data). */
  readonly projects: boolean;
  /** The shared bucket, when it is audited. */
  readonly sharedBucket?: string;
  /** `{company}-sm-`: the name prefix of every project bucket and the shared bucket. */
  readonly platformPrefix: string;
  /** `{company}-sm-{team}-` of every team with projects: used when the shared bucket is not audited. */
  readonly teamPrefixes: readonly string[];
}

/**
 * `resources.ARN` prefixes of the audited buckets. Projects and the shared bucket together are
 * one prefix, whatever the org's size; projects alone one prefix per team (a team prefix that
 * another covers is dropped); the shared bucket alone its own name. A bucket name is followed
 * by `/`, so `acme-sm-shared-assets` never matches a longer-named sibling.
 */
export function auditedS3ArnPrefixes(s: AuditedBucketScope): string[] {
  const arn = (prefix: string) => `arn:aws:s3:::${prefix}`;
  if (s.projects && s.sharedBucket) return [arn(s.platformPrefix)];
  const teams = [...new Set(s.teamPrefixes)].sort();
  const out = s.projects ? teams.filter((t) => !teams.some((o) => o !== t && t.startsWith(o))).map(arn) : [];
  if (s.sharedBucket) out.push(arn(`${s.sharedBucket}/`));
  return out.sort();
}

/** Object-level S3 events under the given ARN prefixes. */
export function s3DataEventSelector(o: S3DataEventOptions): EventSelector {
  return {
    name: "S3 object events of platform buckets",
    fieldSelector: [
      { field: "eventCategory", equalTo: ["Data"] },
      { field: "resources.type", equalTo: ["AWS::S3::Object"] },
      { field: "resources.ARN", startsWith: [...o.arnPrefixes].sort() },
      ...(o.principalArnPrefixes?.length
        ? [{ field: "userIdentity.arn", startsWith: [...o.principalArnPrefixes] }]
        : []),
      ...readOnlySelector(o.readOnly),
    ],
  };
}

export interface ManagementEventOptions {
  readonly readOnly: ReadOnlyFilter;
  readonly excludeSources: readonly string[];
}

/** Management events of every service (SageMaker's included), minus the excludable noisy sources. */
export function managementEventSelector(o: ManagementEventOptions): EventSelector {
  return {
    name: "Management events",
    fieldSelector: [
      { field: "eventCategory", equalTo: ["Management"] },
      ...readOnlySelector(o.readOnly),
      ...(o.excludeSources.length ? [{ field: "eventSource", notEquals: [...o.excludeSources].sort() }] : []),
    ],
  };
}

/** Values counted against the trail's 500-value quota. */
export function selectorValueCount(selectors: readonly EventSelector[]): number {
  let n = 0;
  for (const s of selectors)
    for (const f of s.fieldSelector)
      n += (f.equalTo?.length ?? 0) + (f.notEquals?.length ?? 0) + (f.startsWith?.length ?? 0);
  return n;
}

/** The audit settings the selectors depend on (structurally the org file's `audit:` section). */
export interface AuditSelectorSettings {
  readonly readOnly: ReadOnlyFilter;
  readonly principals: "roleSessions" | "all";
  readonly management: {
    readonly enabled: boolean;
    readonly readOnly: ReadOnlyFilter;
    readonly excludeSources: readonly string[];
  };
}

/**
 * The trail's selectors: S3 object events under `arnPrefixes` (omitted when empty) and, when
 * enabled, management events. `roleSessions` records the platform's principals: sessions of
 * `assumed-role/SageMaker-*` (the domain default role and every project role, §0.2) and, since
 * §14.8, the platform's IAM users (`user{iamPath}`), who reach the buckets from the console.
 */
export function auditEventSelectors(
  settings: AuditSelectorSettings,
  arnPrefixes: readonly string[],
  accountId: string,
  iamPath = "/",
): EventSelector[] {
  const out: EventSelector[] = [];
  if (arnPrefixes.length)
    out.push(
      s3DataEventSelector({
        arnPrefixes,
        readOnly: settings.readOnly,
        principalArnPrefixes:
          settings.principals === "roleSessions"
            ? [`arn:aws:sts::${accountId}:assumed-role/SageMaker-`, `arn:aws:iam::${accountId}:user${iamPath}`]
            : undefined,
      }),
    );
  if (settings.management.enabled) out.push(managementEventSelector(settings.management));
  return out;
}
