/**
 * What a change of the org files does, for the pull request: people, memberships, projects,
 * whitelists, download access, console logins and admins that change, then what each workspace
 * creates, changes, destroys or releases (from both sides' synthesized Terraform JSON, this
 * code). Destructive items come first; a destroyed bucket, registry, repository or home without
 * its explicit flag in the org files, or a replaced domain without `allowDomainReplacement`, makes
 * the exit status 1. Offline: no state, no AWS.
 *
 *   npm run org:diff                          # against the merge base with main
 *   npm run org:diff -- --base v1.4 --format md --out org-diff.md
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadOrgFromSources, type OrgSource } from "../org/loader";
import { allMemberships, membershipKey, type OrgModel, type Project } from "../org/model";
import { OrgValidationError } from "../org/problems";
import { buildApp } from "../workspaces/app";

export type StackJson = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One line of the diff; `destructive` lines come first, `blocking` ones fail the check. */
export interface DiffItem {
  readonly section: string;
  readonly text: string;
  readonly destructive?: boolean;
  readonly blocking?: boolean;
}

export interface WorkspaceChange {
  readonly workspace: string;
  readonly create: number;
  readonly change: number;
  readonly destroy: number;
  readonly release: number;
}

export interface OrgDiff {
  readonly items: readonly DiffItem[];
  readonly workspaces: readonly WorkspaceChange[];
  readonly blocking: boolean;
}

/** Types whose destruction loses data (buckets, registries) or replaces the Studio domain. */
const DATA_TYPES: Readonly<Record<string, string>> = {
  aws_s3_bucket: "bucket",
  aws_ecr_repository: "ECR repository",
  aws_sagemaker_model_package_group: "model package group",
  aws_sagemaker_domain: "Studio domain",
};
const HOME_TYPES = new Set(["aws_sagemaker_user_profile", "aws_sagemaker_space"]);

/** `member-rc-fraud-detection-bob_Space_1A2B3C4D` -> `rc/fraud-detection/bob` (team ids and user names have no '-'). */
export function homeKey(addressName: string): string {
  const parts = addressName
    .replace(/^member-/, "")
    .replace(/_(Profile|Space)_[0-9A-F]+$/, "")
    .split("-");
  return `${parts[0]}/${parts.slice(1, -1).join("-")}/${parts[parts.length - 1]}`;
}

/** `type.name` -> resource body, for every managed resource of a workspace. */
function resourcesOf(stack: StackJson | undefined): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [type, byName] of Object.entries<Record<string, unknown>>(stack?.resource ?? {}))
    for (const [name, body] of Object.entries(byName)) out.set(`${type}.${name}`, body);
  return out;
}

/** Addresses a workspace releases from Terraform without destroying them (`removed` blocks). */
function releasedBy(stack: StackJson | undefined): Set<string> {
  const removed: { from: string; lifecycle?: { destroy?: boolean } }[] = stack?.removed ?? [];
  return new Set(removed.filter((r) => r.lifecycle?.destroy === false).map((r) => r.from));
}

/** Without the `//` metadata cdktf adds (construct paths), which is no change to AWS. */
function body(value: unknown): string {
  return JSON.stringify(value, (k, v) => (k === "//" ? undefined : v));
}

const projectKey = (p: Project) => `${p.team}/${p.name}`;
const byKey = <T>(list: readonly T[], key: (t: T) => string) => new Map(list.map((t) => [key(t), t]));

function whitelistText(p: Project): string {
  return p.whitelist.kind === "unrestricted"
    ? "unrestricted"
    : `${p.whitelist.source} (${p.whitelist.instanceTypes.join(", ")})`;
}

/** The diff of two orgs and their synthesized workspaces. */
export function orgDiff(
  base: OrgModel,
  head: OrgModel,
  baseJson: Readonly<Record<string, StackJson>>,
  headJson: Readonly<Record<string, StackJson>>,
): OrgDiff {
  const items: DiffItem[] = [];
  const add = (section: string, text: string, flags: Omit<DiffItem, "section" | "text"> = {}) =>
    items.push({ section, text, ...flags });

  // Teams.
  const baseTeams = byKey(base.teams, (t) => t.id);
  const headTeams = byKey(head.teams, (t) => t.id);
  for (const [id, t] of headTeams) {
    const before = baseTeams.get(id);
    if (!before) add("Teams", `+ team ${id} (${t.fullName})`);
    else if (before.status !== t.status) add("Teams", `~ team ${id}: ${before.status} -> ${t.status}`);
    else if (before.fullName !== t.fullName)
      add("Teams", `~ team ${id}: fullName ${before.fullName} -> ${t.fullName} (IAM names follow)`);
  }
  for (const id of baseTeams.keys()) if (!headTeams.has(id)) add("Teams", `- team ${id}`, { destructive: true });

  // People and console logins.
  const people = (o: OrgModel) =>
    byKey(
      o.teams.flatMap((t) => [...t.users]),
      (u) => `${u.team}/${u.name}`,
    );
  const basePeople = people(base);
  const headPeople = people(head);
  for (const [key, u] of headPeople) {
    const before = basePeople.get(key);
    if (!before) add("People", `+ ${key} (IAM user ${u.iamUserName}${u.consoleLogin ? ", console login" : ""})`);
    else if (before.consoleLogin !== u.consoleLogin)
      add("Console logins", `${u.consoleLogin ? "+" : "-"} ${key}: console login ${u.consoleLogin ? "on" : "off"}`);
  }
  for (const [key, u] of basePeople)
    if (!headPeople.has(key)) add("People", `- ${key} (IAM user ${u.iamUserName} is deleted: access goes)`);
  for (const [label, pick] of [
    ["Admins", (o: OrgModel) => o.admins],
    ["Read-only users", (o: OrgModel) => o.readonlyUsers],
  ] as const) {
    const before = new Set(pick(base).map((a) => a.iamUserName));
    const after = new Set(pick(head).map((a) => a.iamUserName));
    for (const n of after) if (!before.has(n)) add(label, `+ ${n}`);
    for (const n of before) if (!after.has(n)) add(label, `- ${n}`);
  }

  // Projects: lifecycle, purge flags, whitelists, download access.
  const projects = (o: OrgModel) =>
    byKey(
      o.teams.flatMap((t) => [...t.projects]),
      projectKey,
    );
  const baseProjects = projects(base);
  const headProjects = projects(head);
  for (const [key, p] of headProjects) {
    const before = baseProjects.get(key);
    if (!before) {
      add("Projects", `+ ${key} (${p.status})`);
      continue;
    }
    if (before.status !== p.status) add("Projects", `~ ${key}: ${before.status} -> ${p.status}`);
    if (!before.bucketPurge && p.bucketPurge)
      add("Projects", `! ${key}: bucket purge armed (the bucket and its objects go when the entry is deleted)`, {
        destructive: true,
      });
    if (!before.registryPurge && p.registryPurge)
      add("Projects", `! ${key}: registry purge armed (model group and repositories go when the entry is deleted)`, {
        destructive: true,
      });
    if (whitelistText(before) !== whitelistText(p))
      add("Instance whitelists", `~ ${key}: ${whitelistText(before)} -> ${whitelistText(p)}`);
  }
  const decommissioned = new Set(head.teams.flatMap((t) => t.decommissioned.map((n) => `${t.id}/${n}`)));
  for (const key of baseProjects.keys())
    if (!headProjects.has(key))
      add("Projects", `- ${key}${decommissioned.has(key) ? " (decommissioned: data stays in AWS, unmanaged)" : ""}`, {
        destructive: !decommissioned.has(key),
      });

  const memberships = (o: OrgModel) => byKey(allMemberships(o), membershipKey);
  const baseMembers = memberships(base);
  const headMembers = memberships(head);
  for (const [key, m] of headMembers) {
    const before = baseMembers.get(key);
    if (!before) add("Memberships", `+ ${key} (profile ${m.userProfileName}, space ${m.spaceName})`);
    else if (before.downloadAccess !== m.downloadAccess)
      add("Download access", `~ ${key}: ${before.downloadAccess} -> ${m.downloadAccess}`);
  }
  for (const key of baseMembers.keys()) if (!headMembers.has(key)) add("Memberships", `- ${key}`);

  // Workspaces, from the Terraform JSON of both sides.
  const workspaces: WorkspaceChange[] = [];
  const purged = new Set(
    [...baseProjects.values()].filter((p) => p.bucketPurge || p.registryPurge).map((p) => projectKey(p)),
  );
  const homesAcknowledged = new Set(head.deleteHomes);
  for (const ws of [...new Set([...Object.keys(baseJson), ...Object.keys(headJson)])].sort()) {
    const before = resourcesOf(baseJson[ws]);
    const after = resourcesOf(headJson[ws]);
    const released = releasedBy(headJson[ws]);
    const c = { workspace: ws, create: 0, change: 0, destroy: 0, release: 0 };
    if (baseJson[ws] && !headJson[ws]) {
      const retired = head.decommissionedTeams.some((id) => ws === `team-${id}` || ws === `domain-${id}`);
      add(
        "Destroyed or left behind",
        retired
          ? `workspace ${ws} is retired (decommissionedTeams): delete its Terraform workspace once its state is empty`
          : `workspace ${ws} is no longer synthesized: its resources would stay live, unplanned (the foundation's team guard refuses this)`,
        { destructive: true, blocking: !retired },
      );
    }
    for (const [address, value] of after)
      if (!before.has(address)) c.create++;
      else if (body(before.get(address)) !== body(value)) c.change++;
    for (const address of before.keys()) {
      if (after.has(address)) continue;
      if (released.has(address)) {
        c.release++;
        continue;
      }
      c.destroy++;
      const [type, name] = address.split(".");
      if (DATA_TYPES[type]) {
        const owner = [...baseProjects.keys()].find((k) => name.includes(k.replace("/", "-")));
        const explicit = owner !== undefined && purged.has(owner);
        add(
          "Destroyed or left behind",
          `${explicit ? "purge" : "DATA LOSS"}: ${ws} destroys ${DATA_TYPES[type]} ${address}${explicit ? ` (purge of ${owner})` : " without a purge flag"}`,
          { destructive: true, blocking: !explicit },
        );
      } else if (HOME_TYPES.has(type)) {
        const key = homeKey(name);
        const ok = homesAcknowledged.has(key);
        if (type === "aws_sagemaker_space")
          add(
            "Destroyed or left behind",
            `${ok ? "home deleted" : "HOME LOSS"}: ${key} (space and profile)${ok ? " (named in deleteHomes)" : " not named in deleteHomes"}`,
            { destructive: true, blocking: !ok },
          );
      }
    }
    if (c.create || c.change || c.destroy || c.release) workspaces.push(c);
  }

  // The domain's replacement-forcing settings (docs/domain.md).
  const identity = (json: StackJson | undefined) => {
    const d = Object.values<any>(json?.resource?.aws_sagemaker_domain ?? {})[0]; // eslint-disable-line @typescript-eslint/no-explicit-any
    if (!d) return undefined;
    return JSON.stringify([
      d.domain_name,
      d.vpc_id,
      [...(d.subnet_ids ?? [])].sort(),
      d.auth_mode,
      d.kms_key_id,
      [...(d.domain_settings?.security_group_ids ?? [])].sort(),
    ]);
  };
  const [bi, hi] = [identity(baseJson.domain), identity(headJson.domain)];
  if (bi && hi && bi !== hi)
    add(
      "Destroyed or left behind",
      `DOMAIN REPLACED: the Studio domain's identity changes; every profile, space and home goes${head.studio.allowDomainReplacement ? " (studio.allowDomainReplacement is set)" : ""}`,
      { destructive: true, blocking: !head.studio.allowDomainReplacement },
    );

  const ordered = [...items.filter((i) => i.destructive), ...items.filter((i) => !i.destructive)];
  return { items: ordered, workspaces, blocking: items.some((i) => i.blocking) };
}

function grouped(diff: OrgDiff): Map<string, DiffItem[]> {
  const out = new Map<string, DiffItem[]>();
  for (const i of diff.items) out.set(i.section, [...(out.get(i.section) ?? []), i]);
  return out;
}

const verdict = (d: OrgDiff) =>
  d.blocking
    ? "BLOCKED: data, homes or the domain would be destroyed without the explicit setting (see below)"
    : d.items.length || d.workspaces.length
      ? "OK: nothing is destroyed without its explicit setting"
      : "no change";

export function toMarkdown(diff: OrgDiff, title: string): string {
  const lines = [`### Org diff: ${title}`, "", `**${verdict(diff)}**`, ""];
  for (const [section, items] of grouped(diff)) {
    lines.push(`#### ${section}`, "");
    for (const i of items) lines.push(`- ${i.blocking ? "❌ " : i.destructive ? "⚠️ " : ""}\`${i.text}\``);
    lines.push("");
  }
  if (diff.workspaces.length) {
    lines.push(
      "#### Workspaces",
      "",
      "| workspace | create | change | destroy | release |",
      "|---|---:|---:|---:|---:|",
    );
    for (const w of diff.workspaces)
      lines.push(`| \`${w.workspace}\` | ${w.create} | ${w.change} | ${w.destroy} | ${w.release} |`);
    lines.push("");
  }
  return lines.join("\n");
}

export function toText(diff: OrgDiff, title: string): string {
  const lines = [`org diff: ${title}`, verdict(diff), ""];
  for (const [section, items] of grouped(diff)) {
    lines.push(`${section}:`);
    for (const i of items) lines.push(`  ${i.blocking ? "!! " : ""}${i.text}`);
    lines.push("");
  }
  if (diff.workspaces.length) {
    lines.push("workspaces (create/change/destroy/release):");
    for (const w of diff.workspaces) lines.push(`  ${w.workspace}: ${w.create}/${w.change}/${w.destroy}/${w.release}`);
  }
  return lines.join("\n");
}

/** Synthesizes an org in a scratch directory (no guardrails: the diff only reads it). */
export function synthesizedJson(org: OrgModel): Record<string, StackJson> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "org-diff-"));
  try {
    buildApp(org, dir).app.synth();
    const out: Record<string, StackJson> = {};
    for (const ws of fs.readdirSync(path.join(dir, "stacks")))
      out[ws] = JSON.parse(fs.readFileSync(path.join(dir, "stacks", ws, "cdk.tf.json"), "utf8"));
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const USAGE = "usage: npm run org:diff -- [--base <git-ref>] [--format md|text] [--out <file>]";

export function parseArgs(
  argv: readonly string[],
): { base?: string; format: "md" | "text"; out?: string } | { error: string } {
  let base: string | undefined;
  let format: "md" | "text" = "text";
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const [a, v] = [argv[i], argv[i + 1]];
    if (a === "--base" && v) base = v;
    else if (a === "--format" && (v === "md" || v === "text")) format = v;
    else if (a === "--out" && v) out = v;
    else return { error: `unknown or incomplete option '${a}'\n${USAGE}` };
    i++;
  }
  return { base, format, out };
}

function git(args: string[]): string | undefined {
  try {
    return execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return undefined;
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if ("error" in args) {
    console.error(args.error);
    return 2;
  }
  const files = [process.env.ORG_FILE || "org/teams.yaml", process.env.PLATFORM_FILE || "org/platform.yaml"];
  const base =
    args.base ?? (git(["merge-base", "HEAD", "origin/main"]) ?? git(["merge-base", "HEAD", "main"]) ?? "HEAD").trim();
  const baseSources: OrgSource[] = [];
  for (const file of files) {
    const text = git(["show", `${base}:${file}`]);
    if (text === undefined) {
      console.error(`cannot read ${file} at ${base} (git show ${base}:${file})`);
      return 2;
    }
    baseSources.push({ path: `${base}:${file}`, text });
  }
  const headSources = files.map((file) => ({ path: file, text: fs.readFileSync(file, "utf8") }));
  let baseOrg: OrgModel, headOrg: OrgModel;
  try {
    baseOrg = loadOrgFromSources(baseSources);
    headOrg = loadOrgFromSources(headSources);
  } catch (e) {
    if (e instanceof OrgValidationError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  }
  const diff = orgDiff(baseOrg, headOrg, synthesizedJson(baseOrg), synthesizedJson(headOrg));
  const title = `${base.slice(0, 12)} -> working tree`;
  const text = args.format === "md" ? toMarkdown(diff, title) : toText(diff, title);
  if (args.out) fs.writeFileSync(args.out, `${text}\n`);
  else console.log(text);
  return diff.blocking ? 1 : 0;
}

if (require.main === module)
  main().then(
    (code) => (process.exitCode = code),
    (e) => {
      console.error(`org diff failed: ${(e as Error).message}`);
      process.exitCode = 1;
    },
  );
