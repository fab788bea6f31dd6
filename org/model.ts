/**
 * The typed, frozen org model every workspace consumes. Produced only by org/loader.ts; all
 * defaults and resolution rules (§1.3) are applied, so consumers never look at raw YAML.
 * Collections are sorted by their YAML key: declaration order never reaches the output.
 */
import type { OrgDocument } from "./schema";
import type { Names } from "../catalog/names";
import type { Preset } from "./sections/teams";

export type DownloadAccess = "allow" | "deny";

export type Whitelist =
  | { readonly kind: "unrestricted" }
  | {
      readonly kind: "list";
      readonly source: string;
      /** Studio app instance types. */
      readonly instanceTypes: readonly string[];
      /** Job and endpoint-config instance types (§14.7). */
      readonly jobInstanceTypes: readonly string[];
    };

export interface Membership {
  readonly team: string;
  readonly project: string;
  readonly user: string;
  /** IAM user name `sm-{team}-{user}`. */
  readonly iamUserName: string;
  /** Resolved: membership override -> project value -> `studio.disableDownload` (§1.3). */
  readonly downloadAccess: DownloadAccess;
  readonly userProfileName: string;
  readonly spaceName: string;
}

export interface Project {
  readonly team: string;
  readonly name: string;
  readonly pascal: string;
  readonly short: string;
  readonly description?: string;
  readonly status: "active" | "retired";
  readonly whitelist: Whitelist;
  readonly downloadAccess: "inherit" | "allow" | "deny";
  /** Members of an active project (empty for a retired one), sorted by user name. */
  readonly memberships: readonly Membership[];
  readonly bucketName: string;
  readonly bucketPurge: boolean;
  /** Lifecycle rule set of the bucket (§3.5): `standard` (seven rules) or `light` (three). */
  readonly bucketLifecycle: "standard" | "light";
  readonly registryPurge: boolean;
}

export interface TeamUser {
  readonly team: string;
  readonly name: string;
  readonly iamUserName: string;
  readonly consoleLogin: boolean;
  /** Active projects of the user, sorted. */
  readonly projects: readonly string[];
  /** `Project` tag value (§0.3): `primaryProject` or the alphabetically first active project. */
  readonly primaryProject?: string;
}

export interface Team {
  readonly id: string;
  readonly fullName: string;
  readonly pascal: string;
  readonly description?: string;
  readonly users: readonly TeamUser[];
  /** All declared projects (active and retired), sorted by name. */
  readonly projects: readonly Project[];
  /** Projects removed from the YAML whose buckets are released from state, not destroyed; sorted. */
  readonly decommissioned: readonly string[];
  /** `removed`: no access resources are rendered; the team's workspace destroys them (issue 10). */
  readonly status: "active" | "removed";
}

export interface Admin {
  readonly name: string;
  readonly iamUserName: string;
  readonly consoleLogin: boolean;
}

type Doc = OrgDocument;

export interface Platform extends Omit<Doc["platform"], "iamPath" | "tagPrefix" | "domainName"> {
  readonly iamPath: string;
  readonly tagPrefix: string;
  readonly domainName: string;
}

export interface OrgModel {
  /** Files the model was read from (for messages and docs only; never rendered into resources). */
  readonly sources: readonly string[];
  readonly platform: Readonly<Platform>;
  readonly network: Readonly<Doc["network"]>;
  readonly studio: Readonly<Doc["studio"]>;
  readonly features: Readonly<Doc["features"]>;
  readonly storage: Readonly<Doc["storage"]>;
  readonly registry: Readonly<Doc["registry"]>;
  readonly monitoring: Readonly<Doc["monitoring"]>;
  readonly audit: Readonly<Doc["audit"]>;
  /** `resources.ARN` prefixes of the buckets the audit trail records (org/rules/registry.ts). */
  readonly auditedBucketArnPrefixes: readonly string[];
  readonly identity: Readonly<Doc["identity"]>;
  readonly backend: Readonly<Doc["backend"]>;
  readonly instanceWhitelistPresets: Readonly<Record<string, Preset>>;
  readonly admins: readonly Admin[];
  /** Members of `sagemaker-readonly` (IAM users `sm-readonly-{name}`), sorted by name. */
  readonly readonlyUsers: readonly Admin[];
  /** Sorted by team id. */
  readonly teams: readonly Team[];
  /** Teams deleted from the org file after their removal was applied; sorted. */
  readonly decommissionedTeams: readonly string[];
  /** Acknowledged deletions of Studio homes (`team/project/user`); sorted. */
  readonly deleteHomes: readonly string[];
  readonly names: Names;
}

/** Every active membership of the org, sorted by (team, project, user). */
export function allMemberships(org: OrgModel): Membership[] {
  return org.teams.flatMap(teamMemberships);
}

/** Every membership of a team, in its projects' order (only active projects hold members). */
export function teamMemberships(team: Team): Membership[] {
  return team.projects.flatMap((p) => [...p.memberships]);
}

/** A membership's key, `team/project/user`: the key of its Studio home (homes guards, `deleteHomes`). */
export function membershipKey(m: Pick<Membership, "team" | "project" | "user">): string {
  return `${m.team}/${m.project}/${m.user}`;
}

/** The buckets' customer-managed key when they use SSE-KMS, else undefined (SSE-S3). */
export function bucketKmsKeyArn(storage: OrgModel["storage"]): string | undefined {
  return storage.encryption === "SSE-KMS" ? (storage.kmsKeyArn ?? undefined) : undefined;
}

/** Principals besides the admins that may write the shared bucket (§14.5). */
export function sharedBucketPublishers(storage: OrgModel["storage"]): string[] {
  return typeof storage.sharedBucket === "object" ? [...storage.sharedBucket.publishers] : [];
}

export function teamById(org: OrgModel, id: string): Team {
  const team = org.teams.find((t) => t.id === id);
  if (!team) throw new Error(`unknown team '${id}'`);
  return team;
}
