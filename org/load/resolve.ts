/**
 * The org model from a valid document (§1.3 resolution rules): names, memberships, whitelists and
 * download access resolved, everything sorted by YAML keys (declaration order is not state) and
 * frozen.
 */
import { Names, pascal, short } from "../../catalog/names";
import { derivePlatform, memberName } from "../validate";
import { effectiveWhitelist, resolvedDownload } from "../rules/identity";
import { auditedBucketArnPrefixes } from "../rules/registry";
import type { OrgDocument } from "../schema";
import type { Admin, Membership, OrgModel, Project, Team, TeamUser, Whitelist } from "../model";

function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export function buildModel(doc: OrgDocument, sources: string[]): OrgModel {
  const derived = derivePlatform(doc);
  const platform = { ...doc.platform, ...derived };
  const names = new Names(platform);
  const resolveWhitelist = (team: string, project: string): Whitelist => {
    const w = effectiveWhitelist(doc, team, project);
    return w
      ? { kind: "list", source: w.source, instanceTypes: w.apps, jobInstanceTypes: w.jobs }
      : { kind: "unrestricted" };
  };

  const teams: Team[] = Object.keys(doc.teams)
    .sort()
    .map((teamId) => {
      const t = doc.teams[teamId];
      const projects: Project[] = Object.keys(t.projects)
        .sort()
        .map((projectName) => {
          const p = t.projects[projectName];
          const memberships: Membership[] =
            p.status !== "active"
              ? []
              : p.members
                  .map((m) => {
                    const user = memberName(m);
                    const resolved = resolvedDownload(doc, p, m);
                    return {
                      team: teamId,
                      project: projectName,
                      user,
                      iamUserName: names.teamUser(teamId, user),
                      downloadAccess: resolved,
                      userProfileName: names.userProfile(teamId, projectName, user),
                      spaceName: names.space(teamId, projectName, user),
                    } satisfies Membership;
                  })
                  .sort((a, b) => byName({ name: a.user }, { name: b.user }));
          return {
            team: teamId,
            name: projectName,
            pascal: pascal(projectName),
            short: short(projectName),
            description: p.description,
            status: p.status,
            whitelist: resolveWhitelist(teamId, projectName),
            downloadAccess: p.downloadAccess,
            memberships,
            bucketName: names.projectBucket(teamId, projectName),
            bucketPurge: p.bucket.purge,
            bucketLifecycle: p.bucket.lifecycle,
            registryPurge: p.registry.purge,
          } satisfies Project;
        });
      const users: TeamUser[] = Object.keys(t.users)
        .sort()
        .map((name) => {
          const attrs = t.users[name] ?? {};
          const active = projects.filter((p) => p.memberships.some((m) => m.user === name)).map((p) => p.name);
          return {
            team: teamId,
            name,
            iamUserName: names.teamUser(teamId, name),
            consoleLogin: attrs.consoleLogin ?? doc.identity.consoleLoginDefault,
            projects: active,
            primaryProject: attrs.primaryProject ?? active[0],
          } satisfies TeamUser;
        });
      return {
        id: teamId,
        fullName: t.fullName,
        pascal: pascal(t.fullName),
        description: t.description,
        users,
        projects,
        decommissioned: [...t.decommissioned].sort(),
        status: t.status,
      } satisfies Team;
    });

  return {
    sources,
    platform,
    network: doc.network,
    studio: doc.studio,
    features: doc.features,
    storage: doc.storage,
    registry: doc.registry,
    monitoring: doc.monitoring,
    audit: doc.audit,
    auditedBucketArnPrefixes: auditedBucketArnPrefixes(doc, { names }),
    identity: doc.identity,
    backend: doc.backend,
    instanceWhitelistPresets: doc.instanceWhitelistPresets,
    admins: platformPeople(doc, doc.admins, (name) => names.adminUser(name)),
    readonlyUsers: platformPeople(doc, doc.readonlyUsers, (name) => names.readonlyUser(name)),
    teams,
    decommissionedTeams: [...doc.decommissionedTeams].sort(),
    deleteHomes: [...new Set(doc.deleteHomes)].sort(),
    names,
  };
}

/** Admins or read-only users (§3.3): IAM user names and console logins resolved, sorted by name. */
function platformPeople(
  doc: OrgDocument,
  people: OrgDocument["admins"],
  iamUserName: (name: string) => string,
): Admin[] {
  return people
    .map((p) => {
      const name = memberName(p);
      const consoleLogin = typeof p === "string" ? undefined : p.consoleLogin;
      return { name, iamUserName: iamUserName(name), consoleLogin: consoleLogin ?? doc.identity.consoleLoginDefault };
    })
    .sort(byName);
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value) && !(value instanceof Names)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}
