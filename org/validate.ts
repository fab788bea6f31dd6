/**
 * Cross-field rules of platform-spec §0.4 and §1.4 that need the whole document: references,
 * uniqueness of derived names, AWS name-length limits and quotas. Each finding carries the path
 * of the YAML node to blame; the loader turns paths into file:line:col.
 */
import type { OrgDocument } from "./schema";
import { PROJECT_NAME, TEAM_ID, USER_NAME } from "./schema";
import { LIMITS, Names, pascal, short } from "./names";
import type { PathSegment } from "./problems";

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
  if (t.instanceWhitelist !== undefined) return { value: t.instanceWhitelist, path: ["teams", team, "instanceWhitelist"] };
  return { value: "default", path: ["teams", team, "projects", project] };
}

export function validateOrg(doc: OrgDocument): Finding[] {
  const out: Finding[] = [];
  const d = derivePlatform(doc);
  const names = new Names({ ...doc.platform, ...d });
  const add = (path: PathSegment[], message: string, atKey = false) => out.push({ path, message, atKey });

  // Platform-derived names.
  if (d.domainName.length > LIMITS.studioName)
    add(["platform", "domainName"], `domain name '${d.domainName}' is longer than ${LIMITS.studioName} characters`);
  if (names.lifecycleConfig("disable-download").length > LIMITS.studioName)
    add(["platform", "tagPrefix"], `tagPrefix '${d.tagPrefix}' makes lifecycle config names longer than 63 characters`);
  if (names.sharedBucket.length > LIMITS.bucketName)
    add(["platform", "company"], `bucket name '${names.sharedBucket}' is longer than 63 characters`);
  if (d.tagPrefix.startsWith("sg-"))
    add(["platform", "tagPrefix"], "tagPrefix must not start with 'sg-' (security group names cannot)");

  // Storage.
  if (doc.storage.encryption === "SSE-KMS" && !doc.storage.kmsKeyArn)
    add(["storage", "kmsKeyArn"], "storage.encryption SSE-KMS requires storage.kmsKeyArn (a KMS key ARN)");

  // Network.
  const dup = <T>(xs: readonly T[]) => xs.findIndex((x, i) => xs.indexOf(x) !== i);
  const ds = dup(doc.network.privateSubnetIds);
  if (ds >= 0) add(["network", "privateSubnetIds", ds], `duplicate subnet id '${doc.network.privateSubnetIds[ds]}'`);
  const dr = dup(doc.network.routeTableIds);
  if (dr >= 0) add(["network", "routeTableIds", dr], `duplicate route table id '${doc.network.routeTableIds[dr]}'`);

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

  // Instance whitelist presets.
  const presets = doc.instanceWhitelistPresets;
  if ("unrestricted" in presets)
    add(["instanceWhitelistPresets", "unrestricted"], "'unrestricted' is reserved (it means: no restriction policy)", true);
  for (const [name, list] of Object.entries(presets)) {
    if (!list.includes("system"))
      add(["instanceWhitelistPresets", name], `preset '${name}' must contain 'system' (the JupyterLab system app uses it)`);
    if (!list.includes(s.defaultInstanceType))
      add(
        ["instanceWhitelistPresets", name],
        `preset '${name}' must contain the studio default instance type '${s.defaultInstanceType}'`,
      );
  }
  const checkWhitelist = (value: unknown, path: PathSegment[]) => {
    if (typeof value === "string") {
      if (value !== "unrestricted" && !(value in presets))
        add(path, `unknown instance whitelist preset '${value}' (expected one of: ${[...Object.keys(presets), "unrestricted"].join(", ")}, or { custom: [...] })`);
      return;
    }
    const v = value as { custom: string[]; allowWithoutSystem: boolean };
    if (!v.custom.includes("system") && !v.allowWithoutSystem)
      add([...path, "custom"], "custom whitelist must contain 'system' (or set allowWithoutSystem: true)");
    if (!v.custom.includes(s.defaultInstanceType))
      add([...path, "custom"], `custom whitelist must contain the studio default instance type '${s.defaultInstanceType}'`);
  };

  // Admins.
  const seenAdmins = new Map<string, number>();
  doc.admins.forEach((a, i) => {
    const n = memberName(a);
    if (seenAdmins.has(n)) add(["admins", i], `duplicate admin '${n}' (already at admins[${seenAdmins.get(n)}])`);
    else seenAdmins.set(n, i);
  });

  // Teams.
  const groupOwners = new Map<string, PathSegment[]>([
    [names.adminsGroup, ["admins"]],
    [names.readonlyGroup, ["admins"]],
  ]);
  const claimGroup = (group: string, path: PathSegment[]) => {
    const prev = groupOwners.get(group);
    if (prev) add(path, `IAM group name '${group}' collides with the group of ${prev.join(".")}`);
    else groupOwners.set(group, path);
  };
  const fullNames = new Map<string, string>();
  for (const [teamId, team] of Object.entries(doc.teams)) {
    const tp: PathSegment[] = ["teams", teamId];
    if (!TEAM_ID.test(teamId)) add(tp, `team id '${teamId}' must match ^[a-z]{2,4}$ (2-4 lowercase letters)`, true);
    const other = fullNames.get(team.fullName);
    if (other) add([...tp, "fullName"], `fullName '${team.fullName}' is already used by team '${other}'`);
    fullNames.set(team.fullName, teamId);
    claimGroup(names.teamGroup(team.fullName), [...tp, "fullName"]);
    if (team.instanceWhitelist !== undefined) checkWhitelist(team.instanceWhitelist, [...tp, "instanceWhitelist"]);

    for (const userName of Object.keys(team.users)) {
      if (!USER_NAME.test(userName) || userName.length < 2 || userName.length > 20)
        add([...tp, "users", userName], `user name '${userName}' must match ^[a-z][a-z0-9]*$ and be 2-20 characters`, true);
    }

    const shorts = new Map<string, string>();
    const projectNames = Object.keys(team.projects);
    const membershipsByUser = new Map<string, string[]>();
    for (const [projectName, project] of Object.entries(team.projects)) {
      const pp: PathSegment[] = [...tp, "projects", projectName];
      if (!PROJECT_NAME.test(projectName) || projectName.length < 3 || projectName.length > 30) {
        add(pp, `project name '${projectName}' must match ^[a-z][a-z0-9-]*[a-z0-9]$ and be 3-30 characters`, true);
        continue;
      }
      const sh = short(projectName);
      const clash = shorts.get(sh);
      if (clash) add(pp, `project '${projectName}' and '${clash}' have the same short name '${sh}' (profile and space names would collide)`, true);
      shorts.set(sh, projectName);
      const overlap = projectNames.find((o) => o !== projectName && projectName.startsWith(`${o}-`));
      if (overlap)
        add(pp, `project name '${projectName}' starts with '${overlap}-': the '${teamId}-${overlap}-*' resource patterns would cover it`, true);

      const roleLen = pascal(team.fullName).length + pascal(projectName).length;
      if (roleLen > 38)
        add(pp, `role name '${names.projectRole(team.fullName, projectName, "Processing")}' would exceed 64 characters (pascal(fullName)+pascal(project) is ${roleLen}, max 38)`, true);
      const bucket = names.projectBucket(teamId, projectName);
      if (bucket.length > LIMITS.bucketName) add(pp, `bucket name '${bucket}' would exceed 63 characters`, true);
      claimGroup(names.projectGroup(teamId, projectName), pp);
      if (project.instanceWhitelist !== undefined) checkWhitelist(project.instanceWhitelist, [...pp, "instanceWhitelist"]);
      else if (team.instanceWhitelist === undefined && !("default" in presets))
        add(pp, "no instanceWhitelist set and instanceWhitelistPresets has no 'default' preset to fall back to", true);

      const seen = new Map<string, number>();
      project.members.forEach((m, i) => {
        const mp: PathSegment[] = [...pp, "members", i];
        const n = memberName(m);
        if (seen.has(n)) {
          add(mp, `duplicate member '${n}' (already at members[${seen.get(n)}])`);
          return;
        }
        seen.set(n, i);
        if (!(n in team.users)) {
          add(mp, `unknown user '${n}' (declare it under teams.${teamId}.users)`);
          return;
        }
        const profile = names.userProfile(teamId, projectName, n);
        if (profile.length > LIMITS.studioName)
          add(mp, `user profile name '${profile}' would exceed 63 characters (shorten the user or project name)`);
        if (project.status === "active") membershipsByUser.set(n, [...(membershipsByUser.get(n) ?? []), projectName]);
      });
    }

    for (const [userName, attrs] of Object.entries(team.users)) {
      const projects = membershipsByUser.get(userName) ?? [];
      if (projects.length > LIMITS.groupsPerUser - 1)
        add([...tp, "users", userName], `user '${userName}' is in ${projects.length} active projects; an IAM user can be in at most 10 groups (team group + 9 projects)`, true);
      if (attrs?.primaryProject !== undefined && !projects.includes(attrs.primaryProject))
        add([...tp, "users", userName, "primaryProject"], `primaryProject '${attrs.primaryProject}' is not an active project of '${userName}' (one of: ${projects.join(", ") || "none"})`);
      const iam = names.teamUser(teamId, userName);
      if (iam.length > LIMITS.iamUserName) add([...tp, "users", userName], `IAM user name '${iam}' exceeds 64 characters`, true);
    }
  }
  return out;
}
