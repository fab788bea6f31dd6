/**
 * `npm run org -- <command>`: the everyday operations of §10 as safe edits of the org files.
 * Each mutating command edits `org/teams.yaml` in place (comments, order and formatting kept:
 * org/editor.ts), validates the result with the loader, shows what changes once applied (the org
 * diff), and writes only when the result is valid and destroys nothing unacknowledged. `--dry-run`
 * writes nothing. Read-only commands print tables, or JSON with `--json`.
 */
import { Command, CommanderError, Option } from "commander";
import * as fs from "fs";
import { loadOrgFromSources } from "../org/loader";
import type { OrgModel } from "../org/model";
import { OrgEditError, OrgFileEditor, type Segment } from "../org/editor";
import { formatProblem, OrgValidationError } from "../org/problems";
import { buildReport, formatJson, formatTable } from "./report";
import { orgDiff, synthesizedJson, toText } from "./org-diff";

/** A command's refusal: one clear line, exit 1, files untouched. */
class Refused extends Error {}

interface Files {
  readonly teams: string;
  readonly platform: string;
}

/** The teams file as parsed YAML (the loader validates the result of every edit). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Yaml = any;

type Doc = { teams?: Record<string, Yaml>; admins?: Yaml[]; deleteHomes?: string[]; decommissionedTeams?: string[] };

const memberName = (m: unknown) => (typeof m === "string" ? m : (m as { name: string }).name);

function load(files: Files, teamsText?: string): OrgModel {
  return loadOrgFromSources([
    { path: files.teams, text: teamsText ?? fs.readFileSync(files.teams, "utf8") },
    { path: files.platform, text: fs.readFileSync(files.platform, "utf8") },
  ]);
}

/** Runs one edit of the teams file: validate, show the change, write unless --dry-run. */
function mutate(
  files: Files,
  opts: { dryRun?: boolean; diff?: boolean },
  edit: (e: OrgFileEditor, doc: Doc) => string[],
) {
  let before: OrgModel;
  try {
    before = load(files);
  } catch (e) {
    if (e instanceof OrgValidationError)
      throw new Refused(`the org files are invalid now; fix them first:\n${e.problems.map(formatProblem).join("\n")}`);
    throw e;
  }
  const editor = new OrgFileEditor(files.teams);
  const notes = edit(editor, editor.get([]) as Doc);
  if (!editor.changed) {
    console.log("nothing to change");
    return;
  }
  let after: OrgModel;
  try {
    after = load(files, editor.current);
  } catch (e) {
    if (e instanceof OrgValidationError)
      throw new Refused(`refused: the result would be invalid:\n${e.problems.map(formatProblem).join("\n")}`);
    throw e;
  }
  for (const n of notes) console.log(n);
  if (opts.diff !== false) {
    const diff = orgDiff(before, after, synthesizedJson(before), synthesizedJson(after));
    console.log(toText(diff, `${files.teams} as it would be`));
    if (diff.blocking)
      throw new Refused("refused: the change would destroy data or homes without their explicit setting");
  }
  if (opts.dryRun) return void console.log("dry run: nothing written");
  editor.write();
  console.log(`wrote ${files.teams}`);
}

function team(doc: Doc, id: string): Yaml {
  const t = doc.teams?.[id];
  if (!t) throw new Refused(`no team '${id}' in the teams file`);
  return t;
}

function project(doc: Doc, teamId: string, name: string) {
  const p = team(doc, teamId).projects?.[name];
  if (!p) throw new Refused(`no project '${name}' in team '${teamId}'`);
  return p;
}

/** Adds `team/project/user` to deleteHomes unless listed. */
function acknowledgeHome(e: OrgFileEditor, doc: Doc, key: string): string {
  if ((doc.deleteHomes ?? []).includes(key)) return `home ${key}: already named in deleteHomes`;
  e.push(["deleteHomes"], key);
  (doc.deleteHomes ??= []).push(key);
  return `home ${key}: deleted with its space (its EBS volume); named in deleteHomes`;
}

function memberIndex(members: unknown[] | undefined, user: string): number {
  return (members ?? []).findIndex((m) => memberName(m) === user);
}

export function program(files: Files, out: { log: (s: string) => void } = console): Command {
  const cmd = new Command("org")
    .description("Everyday operations as safe edits of the org files (docs/operations.md)")
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)");
  const mutating = (name: string, description: string) =>
    cmd
      .command(name)
      .description(description)
      .option("--dry-run", "show the change, write nothing")
      .option("--no-diff", "skip the org diff (faster)");

  mutating("add-team <id>", "add a team")
    .requiredOption("--full-name <name>", "the team's full name (IAM names derive from it)")
    .option("--description <text>", "free text")
    .action((id: string, o) =>
      mutate(files, o, (e, doc) => {
        if (doc.teams?.[id]) throw new Refused(`team '${id}' exists already`);
        e.set(["teams", id], {
          fullName: o.fullName,
          ...(o.description ? { description: o.description } : {}),
          users: {},
          projects: {},
        });
        return [`team ${id} added: add people (add-user) and projects (add-project)`];
      }),
    );

  mutating("remove-team <id>", "remove a team in steps (refused while anything of it lives)").action((id: string, o) =>
    mutate(files, o, (e, doc) => {
      const t = team(doc, id);
      const users = Object.keys(t.users ?? {});
      const projects = Object.entries<Yaml>(t.projects ?? {});
      const active = projects.filter(([, p]) => (p.status ?? "active") === "active").map(([n]) => n);
      if (t.status !== "removed") {
        if (users.length || active.length)
          throw new Refused(
            `team '${id}' still has ${[users.length ? `people (${users.join(", ")}): remove-user` : "", active.length ? `active projects (${active.join(", ")}): retire-project` : ""].filter(Boolean).join("; ")} first`,
          );
        e.set(["teams", id, "status"], "removed");
        return [`team ${id}: status removed. Apply team-${id} and foundation, then run remove-team ${id} again`];
      }
      if (projects.length)
        throw new Refused(
          `team '${id}' still holds retired projects (${projects.map(([n]) => n).join(", ")}): their data stays with the entry; purge-project them first, or keep the entry`,
        );
      e.delete(["teams", id]);
      e.push(["decommissionedTeams"], id);
      return [
        `team ${id}: entry deleted and listed in decommissionedTeams; delete its Terraform workspace after the apply`,
      ];
    }),
  );

  mutating("add-project <team> <project>", "add a project")
    .option("--members <users>", "comma-separated members (declared users of the team)")
    .option("--description <text>", "free text")
    .action((teamId: string, name: string, o) =>
      mutate(files, o, (e, doc) => {
        if (team(doc, teamId).projects?.[name])
          throw new Refused(`project '${name}' exists already in team '${teamId}'`);
        const members = o.members
          ? String(o.members)
              .split(",")
              .map((m: string) => m.trim())
              .filter(Boolean)
          : [];
        e.set(["teams", teamId, "projects", name], {
          ...(o.description ? { description: o.description } : {}),
          members,
        });
        return [`project ${teamId}/${name} added with ${members.length} member(s)`];
      }),
    );

  mutating("retire-project <team> <project>", "retire a project: access and homes go, data stays").action(
    (teamId: string, name: string, o) =>
      mutate(files, o, (e, doc) => {
        const p = project(doc, teamId, name);
        if (p.status === "retired") throw new Refused(`project ${teamId}/${name} is retired already`);
        e.set(["teams", teamId, "projects", name, "status"], "retired");
        return [
          `project ${teamId}/${name}: retired (bucket, model group and repositories stay)`,
          ...(p.members ?? []).map((m: unknown) => acknowledgeHome(e, doc, `${teamId}/${name}/${memberName(m)}`)),
        ];
      }),
  );

  mutating("purge-project <team> <project>", "arm the deletion of a retired project's data (irreversible after apply)")
    .requiredOption("--confirm <team/project>", "repeat the project as team/project")
    .action((teamId: string, name: string, o) =>
      mutate(files, o, (e, doc) => {
        if (o.confirm !== `${teamId}/${name}`) throw new Refused(`--confirm must be exactly ${teamId}/${name}`);
        const p = project(doc, teamId, name);
        if (p.status !== "retired") throw new Refused(`project ${teamId}/${name} is active: retire-project first`);
        e.set(["teams", teamId, "projects", name, "bucket"], { purge: true });
        e.set(["teams", teamId, "projects", name, "registry"], { purge: true });
        return [
          `WARNING: ${teamId}/${name}: purge armed. After this apply, deleting the entry deletes the bucket with every object, the model package group and the project's repositories.`,
        ];
      }),
    );

  mutating("add-user <team> <user>", "declare a person in a team")
    .option("--console-login", "give a console login (needs identity.pgpKey)")
    .action((teamId: string, user: string, o) =>
      mutate(files, o, (e, doc) => {
        if (team(doc, teamId).users?.[user]) throw new Refused(`user '${user}' exists already in team '${teamId}'`);
        e.set(["teams", teamId, "users", user], o.consoleLogin ? { consoleLogin: true } : {});
        return [`user ${teamId}/${user} added: add-user-to-project gives them a project`];
      }),
    );

  mutating("add-user-to-project <team> <project> <user>", "make a declared user a member of a project")
    .addOption(new Option("--download <access>", "download access of this membership").choices(["allow", "deny"]))
    .action((teamId: string, name: string, user: string, o) =>
      mutate(files, o, (e, doc) => {
        const p = project(doc, teamId, name);
        if (memberIndex(p.members, user) >= 0) throw new Refused(`${user} is a member of ${teamId}/${name} already`);
        e.push(
          ["teams", teamId, "projects", name, "members"],
          o.download ? { name: user, downloadAccess: o.download } : user,
        );
        return [`${user} joins ${teamId}/${name} (a profile and a private space)`];
      }),
    );

  mutating("remove-user-from-project <team> <project> <user>", "end a membership (its home is deleted)").action(
    (teamId: string, name: string, user: string, o) =>
      mutate(files, o, (e, doc) => {
        const p = project(doc, teamId, name);
        const i = memberIndex(p.members, user);
        if (i < 0) throw new Refused(`${user} is no member of ${teamId}/${name}`);
        e.delete(["teams", teamId, "projects", name, "members", i]);
        return [acknowledgeHome(e, doc, `${teamId}/${name}/${user}`)];
      }),
  );

  mutating("remove-user <team> <user>", "remove a person: memberships, homes, IAM user").action(
    (teamId: string, user: string, o) =>
      mutate(files, o, (e, doc) => {
        const t = team(doc, teamId);
        if (!t.users?.[user]) throw new Refused(`no user '${user}' in team '${teamId}'`);
        const notes: string[] = [];
        for (const [name, p] of Object.entries<Yaml>(t.projects ?? {})) {
          const i = memberIndex(p.members, user);
          if (i < 0) continue;
          e.delete(["teams", teamId, "projects", name, "members", i]);
          if ((p.status ?? "active") === "active") notes.push(acknowledgeHome(e, doc, `${teamId}/${name}/${user}`));
        }
        e.delete(["teams", teamId, "users", user]);
        return [...notes, `user ${teamId}/${user} removed: the IAM user and its console login are deleted`];
      }),
  );

  mutating("set-instance-whitelist <team> [project]", "set a team's or project's instance whitelist")
    .requiredOption("--to <whitelist>", "a preset name, 'unrestricted', or custom:<type>,<type>")
    .action((teamId: string, name: string | undefined, o) =>
      mutate(files, o, (e, doc) => {
        const at: Segment[] = name ? ["teams", teamId, "projects", name] : ["teams", teamId];
        if (name) project(doc, teamId, name);
        else team(doc, teamId);
        const value = String(o.to).startsWith("custom:")
          ? {
              custom: String(o.to)
                .slice(7)
                .split(",")
                .map((s) => s.trim())
                .filter(Boolean),
            }
          : String(o.to);
        e.set([...at, "instanceWhitelist"], value);
        return [`instance whitelist of ${name ? `${teamId}/${name}` : `team ${teamId}`}: ${o.to}`];
      }),
    );

  mutating("set-download-access <team> <project> [user]", "set download access of a project or one membership")
    .addOption(
      new Option("--to <access>", "allow, deny or inherit").choices(["allow", "deny", "inherit"]).makeOptionMandatory(),
    )
    .action((teamId: string, name: string, user: string | undefined, o) =>
      mutate(files, o, (e, doc) => {
        const p = project(doc, teamId, name);
        if (!user) {
          e.set(["teams", teamId, "projects", name, "downloadAccess"], o.to);
          return [`download access of ${teamId}/${name}: ${o.to}`];
        }
        const i = memberIndex(p.members, user);
        if (i < 0) throw new Refused(`${user} is no member of ${teamId}/${name}`);
        e.set(
          ["teams", teamId, "projects", name, "members", i],
          o.to === "inherit" ? user : { name: user, downloadAccess: o.to },
        );
        return [`download access of ${teamId}/${name}/${user}: ${o.to}`];
      }),
    );

  mutating("set-console-login <team> <user>", "turn a person's console login on or off")
    .addOption(new Option("--to <state>", "on or off").choices(["on", "off"]).makeOptionMandatory())
    .action((teamId: string, user: string, o) =>
      mutate(files, o, (e, doc) => {
        if (!team(doc, teamId).users?.[user]) throw new Refused(`no user '${user}' in team '${teamId}'`);
        e.set(["teams", teamId, "users", user, "consoleLogin"], o.to === "on");
        return [`console login of ${teamId}/${user}: ${o.to}`];
      }),
    );

  mutating("add-admin <name>", "add a platform admin").action((name: string, o) =>
    mutate(files, o, (e, doc) => {
      if ((doc.admins ?? []).some((a) => memberName(a) === name)) throw new Refused(`'${name}' is an admin already`);
      e.push(["admins"], name);
      return [`admin ${name} added (IAM user sm-admin-${name}, MFA required)`];
    }),
  );

  mutating("remove-admin <name>", "remove a platform admin").action((name: string, o) =>
    mutate(files, o, (e, doc) => {
      const i = (doc.admins ?? []).findIndex((a) => memberName(a) === name);
      if (i < 0) throw new Refused(`'${name}' is no admin`);
      if ((doc.admins ?? []).length === 1) throw new Refused("refused: the platform would have no admin left");
      e.delete(["admins", i]);
      return [`admin ${name} removed (IAM user sm-admin-${name} is deleted)`];
    }),
  );

  const listing = (name: string, kind: "users" | "projects" | "whitelists", description: string) =>
    cmd
      .command(name)
      .description(description)
      .option("--team <id>", "only this team")
      .option("--json", "JSON for scripts")
      .action((o) => {
        const report = buildReport(load(files), kind, o.team);
        out.log(o.json ? formatJson(report) : formatTable(report));
      });
  listing("list-users", "users", "people, their teams, projects and logins");
  listing("list-projects", "projects", "projects, status, members, whitelists");
  listing("list-instance-whitelists", "whitelists", "effective instance whitelists");

  cmd
    .command("list-teams")
    .description("teams, status, people and projects")
    .option("--json", "JSON for scripts")
    .action((o) => {
      const rows = load(files).teams.map((t) => ({
        team: t.id,
        fullName: t.fullName,
        status: t.status,
        users: t.users.length,
        activeProjects: t.projects.filter((p) => p.status === "active").length,
        retiredProjects: t.projects.filter((p) => p.status === "retired").length,
      }));
      if (o.json) return out.log(JSON.stringify(rows, null, 2));
      out.log(
        ["team\tfullName\tstatus\tusers\tactive\tretired", ...rows.map((r) => Object.values(r).join("\t"))].join("\n"),
      );
    });

  cmd
    .command("show-user <name>")
    .description("everything a person has: teams, projects, profiles and spaces, roles, buckets")
    .option("--json", "JSON for scripts")
    .action((name: string, o) => {
      const org = load(files);
      const entries = org.teams.flatMap((t) =>
        t.users
          .filter((u) => u.name === name)
          .map((u) => ({
            team: t.id,
            iamUser: u.iamUserName,
            consoleLogin: u.consoleLogin,
            projects: t.projects
              .filter((p) => p.memberships.some((m) => m.user === name))
              .map((p) => {
                const m = p.memberships.find((x) => x.user === name)!;
                return {
                  project: p.name,
                  status: p.status,
                  profile: m.userProfileName,
                  space: m.spaceName,
                  downloadAccess: m.downloadAccess,
                  bucket: p.bucketName,
                  roles:
                    p.status === "active"
                      ? (["Execution", "Training", "Processing", "Inference"] as const).map((k) =>
                          org.names.projectRole(t.fullName, p.name, k),
                        )
                      : [],
                };
              }),
          })),
      );
      if (!entries.length) throw new Refused(`no user '${name}' in any team`);
      if (o.json) return out.log(JSON.stringify(entries, null, 2));
      for (const e of entries) {
        out.log(`${e.team}/${name}: IAM user ${e.iamUser}${e.consoleLogin ? ", console login" : ""}`);
        for (const p of e.projects)
          out.log(
            `  ${p.project} (${p.status}): profile ${p.profile}, space ${p.space}, download ${p.downloadAccess}, bucket ${p.bucket}` +
              (p.roles.length ? `\n    may pass: ${p.roles.join(", ")}` : ""),
          );
      }
    });
  return cmd;
}

/** Runs the CLI; resolves with the exit status (never throws, never prints a stack trace). */
export function run(argv: readonly string[], files: Files): number {
  try {
    program(files).parse([...argv], { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof Refused || e instanceof OrgEditError) {
      console.error(e.message);
      return 1;
    }
    console.error(`org: ${(e as Error).message}`);
    return 1;
  }
}

if (require.main === module)
  process.exitCode = run(process.argv.slice(2), {
    teams: process.env.ORG_FILE || "org/teams.yaml",
    platform: process.env.PLATFORM_FILE || "org/platform.yaml",
  });
