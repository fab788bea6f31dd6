/** Teams, projects, people: names, uniqueness, references, limits and whitelists (§0.4, §1.4, §6.5). */
import { PROJECT_NAME, TEAM_ID, USER_NAME } from "../sections/common";
import { LIMITS, pascal, short } from "../../catalog/names";
import type { PathSegment } from "../problems";
import { memberName } from "./context";
import { presetApps } from "../sections/teams";
import type { OrgDocument } from "../schema";
import type { Finding, RuleContext } from "./context";

export function teamRules(doc: OrgDocument, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const add = ctx.reporter(out);
  const { names } = ctx;
  const s = doc.studio;
  // Instance whitelist presets.
  const presets = doc.instanceWhitelistPresets;
  if ("unrestricted" in presets)
    add(
      ["instanceWhitelistPresets", "unrestricted"],
      "'unrestricted' is reserved (it means: no restriction policy)",
      true,
    );
  for (const [name, preset] of Object.entries(presets)) {
    const list = presetApps(preset);
    if (!list.includes("system"))
      add(
        ["instanceWhitelistPresets", name],
        `preset '${name}' must contain 'system' (the JupyterLab system app uses it)`,
      );
    if (!list.includes(s.defaultInstanceType))
      add(
        ["instanceWhitelistPresets", name],
        `preset '${name}' must contain the studio default instance type '${s.defaultInstanceType}'`,
      );
  }
  const checkWhitelist = (value: unknown, path: PathSegment[]) => {
    if (typeof value === "string") {
      if (value !== "unrestricted" && !(value in presets))
        add(
          path,
          `unknown instance whitelist preset '${value}' (expected one of: ${[...Object.keys(presets), "unrestricted"].join(", ")}, or { custom: [...] })`,
        );
      return;
    }
    const v = value as { custom: string[]; allowWithoutSystem: boolean };
    if (!v.custom.includes("system") && !v.allowWithoutSystem)
      add([...path, "custom"], "custom whitelist must contain 'system' (or set allowWithoutSystem: true)");
    if (!v.custom.includes(s.defaultInstanceType))
      add(
        [...path, "custom"],
        `custom whitelist must contain the studio default instance type '${s.defaultInstanceType}'`,
      );
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
  const teamPascals = new Map<string, string>();
  for (const [teamId, team] of Object.entries(doc.teams)) {
    const tp: PathSegment[] = ["teams", teamId];
    if (!TEAM_ID.test(teamId)) add(tp, `team id '${teamId}' must match ^[a-z]{2,4}$ (2-4 lowercase letters)`, true);
    // A team leaves in steps (docs/operations.md): nothing of it may still grant access.
    if (team.status === "removed") {
      for (const user of Object.keys(team.users))
        add(
          [...tp, "users", user],
          `team '${teamId}' is removed: delete its user '${user}' (removing the team destroys every IAM user of it)`,
          true,
        );
      for (const [name, project] of Object.entries(team.projects))
        if (project.status === "active")
          add(
            [...tp, "projects", name],
            `team '${teamId}' is removed: retire project '${name}' (status: retired keeps its data) or move it to decommissioned`,
            true,
          );
    }
    const other = fullNames.get(team.fullName);
    if (other) add([...tp, "fullName"], `fullName '${team.fullName}' is already used by team '${other}'`);
    fullNames.set(team.fullName, teamId);
    // IAM names are unique regardless of case: `risk-control` and `riskcontrol` would both
    // name their policies SageMaker-RiskControl-… / SageMaker-Riskcontrol-….
    const pascalKey = pascal(team.fullName).toLowerCase();
    const samePascal = teamPascals.get(pascalKey);
    if (samePascal)
      add(
        [...tp, "fullName"],
        `fullName '${team.fullName}' gives the same IAM names as team '${samePascal}' (IAM names ignore case and '-' is dropped: ${pascal(team.fullName)})`,
      );
    else teamPascals.set(pascalKey, teamId);
    claimGroup(names.teamGroup(team.fullName), [...tp, "fullName"]);
    if (team.instanceWhitelist !== undefined) checkWhitelist(team.instanceWhitelist, [...tp, "instanceWhitelist"]);

    for (const userName of Object.keys(team.users)) {
      if (!USER_NAME.test(userName) || userName.length < 2 || userName.length > 20)
        add(
          [...tp, "users", userName],
          `user name '${userName}' must match ^[a-z][a-z0-9]*$ and be 2-20 characters`,
          true,
        );
    }

    const shorts = new Map<string, string>();
    const pascals = new Map<string, string>();
    const projectNames = Object.keys(team.projects);
    const membershipsByUser = new Map<string, string[]>();
    for (const [projectName, project] of Object.entries(team.projects)) {
      const pp: PathSegment[] = [...tp, "projects", projectName];
      if (!PROJECT_NAME.test(projectName) || projectName.length < 3 || projectName.length > 30) {
        add(pp, `project name '${projectName}' must match ^[a-z][a-z0-9-]*[a-z0-9]$ and be 3-30 characters`, true);
        continue;
      }
      // `--` makes empty name parts (pascal/short collapse them) and S3 reserves suffixes like
      // `--ol-s3`; `-s3alias` is reserved at the end of a bucket name, which the project ends.
      if (projectName.includes("--") || projectName.endsWith("-s3alias")) {
        add(
          pp,
          `project name '${projectName}' must not contain '--' or end with '-s3alias' (reserved in S3 bucket names)`,
          true,
        );
        continue;
      }
      const sh = short(projectName);
      const clash = shorts.get(sh);
      if (clash)
        add(
          pp,
          `project '${projectName}' and '${clash}' have the same short name '${sh}' (profile and space names would collide)`,
          true,
        );
      shorts.set(sh, projectName);
      const pascalKey = pascal(projectName).toLowerCase();
      const samePascal = pascals.get(pascalKey);
      if (samePascal)
        add(
          pp,
          `project '${projectName}' and '${samePascal}' give the same IAM role and policy names (IAM names ignore case and '-' is dropped: ${pascal(projectName)})`,
          true,
        );
      else pascals.set(pascalKey, projectName);
      const overlap = projectNames.find((o) => o !== projectName && projectName.startsWith(`${o}-`));
      if (overlap)
        add(
          pp,
          `project name '${projectName}' starts with '${overlap}-': the '${teamId}-${overlap}-*' resource patterns would cover it`,
          true,
        );

      const roleLen = pascal(team.fullName).length + pascal(projectName).length;
      if (roleLen > 38)
        add(
          pp,
          `role name '${names.projectRole(team.fullName, projectName, "Processing")}' would exceed 64 characters (pascal(fullName)+pascal(project) is ${roleLen}, max 38)`,
          true,
        );
      const bucket = names.projectBucket(teamId, projectName);
      if (bucket.length > LIMITS.bucketName) add(pp, `bucket name '${bucket}' would exceed 63 characters`, true);
      claimGroup(names.projectGroup(teamId, projectName), pp);
      if (project.instanceWhitelist !== undefined)
        checkWhitelist(project.instanceWhitelist, [...pp, "instanceWhitelist"]);
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
        add(
          [...tp, "users", userName],
          `user '${userName}' is in ${projects.length} active projects; an IAM user can be in at most 10 groups (team group + 9 projects)`,
          true,
        );
      if (attrs?.primaryProject !== undefined && !projects.includes(attrs.primaryProject))
        add(
          [...tp, "users", userName, "primaryProject"],
          `primaryProject '${attrs.primaryProject}' is not an active project of '${userName}' (one of: ${projects.join(", ") || "none"})`,
        );
      const iam = names.teamUser(teamId, userName);
      if (iam.length > LIMITS.iamUserName)
        add([...tp, "users", userName], `IAM user name '${iam}' exceeds 64 characters`, true);
    }
  }
  const seenGone = new Map<string, number>();
  doc.decommissionedTeams.forEach((id, i) => {
    const path: PathSegment[] = ["decommissionedTeams", i];
    if (seenGone.has(id)) add(path, `duplicate entry '${id}' (already at decommissionedTeams[${seenGone.get(id)}])`);
    else seenGone.set(id, i);
    if (!TEAM_ID.test(id)) add(path, `'${id}' is not a team id (^[a-z]{2,4}$)`);
    if (id in doc.teams)
      add(
        path,
        `team '${id}' is still declared under teams: remove it there first (after a status: removed apply), or remove it from decommissionedTeams`,
      );
  });
  // A home acknowledged for deletion must name a person's membership that is going away.
  doc.deleteHomes.forEach((home, i) => {
    const path: PathSegment[] = ["deleteHomes", i];
    const [team, project, user, ...rest] = home.split("/");
    if (!team || !project || !user || rest.length)
      return add(path, `'${home}' must name a home as team/project/user, e.g. rc/fraud-detection/alice`);
    const p = doc.teams[team]?.projects[project];
    if (p?.status === "active" && p.members.some((m) => memberName(m) === user))
      add(
        path,
        `'${home}' is still a member of ${team}/${project}: remove the membership, or remove this acknowledgement`,
      );
  });
  return out;
}
