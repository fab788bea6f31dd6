/**
 * Read-only reports from the org files (platform-spec §10 op 18): who has which profiles, what
 * each project's workspaces manage, and which Studio instance types each project may launch.
 *
 *   node dist/scripts/report.js <users|projects|whitelists|presets> [--team <id>] [--format table|json]
 *
 * Everything is derived from the validated OrgModel with the same helpers the workspaces use
 * (names, role feature flags), so a report describes what the synthesized Terraform manages,
 * not what AWS currently holds. Nothing here writes a file or calls AWS.
 */
import { parseArgs } from "util";
import { loadOrg, orgFilesFromEnv } from "../org/loader";
import { OrgValidationError } from "../org/problems";
import type { OrgModel, Project, Team } from "../org/model";
import { projectRoleAttachments } from "../catalog/policies/role-attachments";
import type { ProjectRoleKind } from "../catalog/names";
import { presetApps } from "../org/sections/teams";

export const REPORT_KINDS = ["users", "projects", "whitelists", "presets"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const FORMATS = ["table", "json"] as const;
export type ReportFormat = (typeof FORMATS)[number];

export interface UserRow {
  /** `team` for a team user; platform users (admins, read-only group) have no team. */
  readonly kind: "admin" | "readonly" | "team";
  readonly team: string | null;
  readonly user: string;
  readonly iamUserName: string;
  readonly consoleLogin: boolean;
  /** Active projects: one Studio profile and one private space each. */
  readonly projects: readonly string[];
  readonly profileCount: number;
  /** Value of the IAM user's `Project` tag (§0.3); null when the user has no active project. */
  readonly primaryProject: string | null;
}

/**
 * What Terraform does with a project's bucket: `managed` (active), `retained` (retired, kept and
 * protected), `purge requested` (retired with `bucket.purge`: emptied and deleted on apply),
 * `decommissioned` (released from state, still in AWS, no longer managed).
 */
export type DataState = "managed" | "retained" | "purge requested" | "decommissioned";

export interface ProjectRow {
  readonly team: string;
  readonly project: string;
  readonly status: "active" | "retired" | "decommissioned";
  /** Members with a profile and space (none on a retired project). */
  readonly memberCount: number;
  readonly members: readonly string[];
  readonly bucket: string;
  readonly bucketState: DataState;
  /** The project group, when the team workspace creates it (active projects only). */
  readonly projectGroup: string | null;
  /** Roles the team workspace creates, in §6.4 order; empty unless active. */
  readonly roles: readonly {
    readonly kind: ProjectRoleKind;
    readonly name: string;
    readonly managedPolicies: number;
  }[];
  /** Null when the model registry is disabled (a group kept from before is released, not deleted). */
  readonly modelPackageGroup: string | null;
  readonly modelPackageGroupState: DataState | null;
  /** Configured source: preset name, `custom` or `unrestricted`; null for a decommissioned project. */
  readonly whitelist: string | null;
  readonly whitelistTypeCount: number;
  /** The InstanceWhitelist policy the team workspace creates (active and restricted only). */
  readonly whitelistPolicy: string | null;
}

export interface WhitelistRow {
  readonly team: string;
  readonly project: string;
  readonly status: "active" | "retired";
  /** Effective source after project -> team -> `default` resolution (§1.3). */
  readonly source: string;
  /** The InstanceWhitelist policy the team workspace creates; null when unrestricted or retired. */
  readonly policy: string | null;
  /** The configured list (empty when unrestricted). */
  readonly instanceTypes: readonly string[];
  /** The list in the deployed policy: the configured list for an active restricted project, else empty. */
  readonly deployedInstanceTypes: readonly string[];
}

export interface PresetRow {
  readonly preset: string;
  readonly instanceTypes: readonly string[];
  /** Projects (`team/project`) whose effective whitelist is this preset, within the team filter. */
  readonly usedBy: readonly string[];
}

export type Report =
  | { readonly kind: "users"; readonly team: string | null; readonly rows: readonly UserRow[] }
  | { readonly kind: "projects"; readonly team: string | null; readonly rows: readonly ProjectRow[] }
  | { readonly kind: "whitelists"; readonly team: string | null; readonly rows: readonly WhitelistRow[] }
  | { readonly kind: "presets"; readonly team: string | null; readonly rows: readonly PresetRow[] };

/** A bad report argument (unknown team); the CLI prints it as a usage error. */
export class ReportArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReportArgumentError";
  }
}

/** Code-unit order: independent of the machine's locale, like the loader's sorting. */
function compare(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length - b.length;
}

function selectTeams(org: OrgModel, team: string | undefined): readonly Team[] {
  if (team === undefined) return org.teams;
  const found = org.teams.find((t) => t.id === team);
  if (!found)
    throw new ReportArgumentError(
      `unknown team '${team}' (teams in the org files: ${org.teams.map((t) => t.id).join(", ") || "none"})`,
    );
  return [found];
}

export function buildReport(org: OrgModel, kind: "users", team?: string): Extract<Report, { kind: "users" }>;
export function buildReport(org: OrgModel, kind: "projects", team?: string): Extract<Report, { kind: "projects" }>;
export function buildReport(org: OrgModel, kind: "whitelists", team?: string): Extract<Report, { kind: "whitelists" }>;
export function buildReport(org: OrgModel, kind: "presets", team?: string): Extract<Report, { kind: "presets" }>;
export function buildReport(org: OrgModel, kind: ReportKind, team?: string): Report;
/** Rows of one report, sorted by their keys; `team` limits it to one team (unknown id: ReportArgumentError). */
export function buildReport(org: OrgModel, kind: ReportKind, team?: string): Report {
  const teams = selectTeams(org, team);
  const filter = team ?? null;
  switch (kind) {
    case "users":
      return { kind, team: filter, rows: userRows(org, teams, team === undefined) };
    case "projects":
      return { kind, team: filter, rows: projectRows(org, teams) };
    case "whitelists":
      return { kind, team: filter, rows: whitelistRows(org, teams) };
    case "presets":
      return { kind, team: filter, rows: presetRows(org, teams) };
  }
}

function userRows(org: OrgModel, teams: readonly Team[], withPlatformUsers: boolean): UserRow[] {
  const rows: UserRow[] = [];
  if (withPlatformUsers) {
    // Platform users have no projects; listed so the report covers every IAM user the org creates.
    for (const [kind, users] of [
      ["admin", org.admins],
      ["readonly", org.readonlyUsers],
    ] as const)
      for (const u of users)
        rows.push({
          kind,
          team: null,
          user: u.name,
          iamUserName: u.iamUserName,
          consoleLogin: u.consoleLogin,
          projects: [],
          profileCount: 0,
          primaryProject: null,
        });
  }
  for (const t of teams)
    for (const u of t.users)
      rows.push({
        kind: "team",
        team: t.id,
        user: u.name,
        iamUserName: u.iamUserName,
        consoleLogin: u.consoleLogin,
        projects: [...u.projects],
        profileCount: u.projects.length,
        primaryProject: u.primaryProject ?? null,
      });
  const order = { admin: 0, readonly: 1, team: 2 };
  return rows.sort((a, b) => compare([order[a.kind], a.team ?? "", a.user], [order[b.kind], b.team ?? "", b.user]));
}

function projectRows(org: OrgModel, teams: readonly Team[]): ProjectRow[] {
  const { names } = org;
  const registry = org.registry.modelRegistry.enabled;
  const rows: ProjectRow[] = [];
  for (const t of teams) {
    for (const p of t.projects) {
      const active = p.status === "active";
      const roles = active
        ? [
            ...projectRoleAttachments({
              names,
              teamFullName: t.fullName,
              project: p.name,
              features: org.features,
            }),
          ].map(([kind, refs]) => ({
            kind,
            name: names.projectRole(t.fullName, p.name, kind),
            managedPolicies: refs.length,
          }))
        : [];
      rows.push({
        team: t.id,
        project: p.name,
        status: p.status,
        memberCount: p.memberships.length,
        members: p.memberships.map((m) => m.user),
        bucket: p.bucketName,
        bucketState: dataState(p, p.bucketPurge),
        projectGroup: active ? names.projectGroup(t.id, p.name) : null,
        roles,
        modelPackageGroup: registry ? names.modelPackageGroup(t.id, p.name) : null,
        modelPackageGroupState: registry ? dataState(p, p.registryPurge) : null,
        whitelist: p.whitelist.kind === "list" ? p.whitelist.source : "unrestricted",
        whitelistTypeCount: p.whitelist.kind === "list" ? p.whitelist.instanceTypes.length : 0,
        whitelistPolicy: whitelistPolicy(org, t, p),
      });
    }
    // Removed from `projects:` and released from state: the data stays in AWS, unmanaged.
    for (const name of t.decommissioned)
      rows.push({
        team: t.id,
        project: name,
        status: "decommissioned",
        memberCount: 0,
        members: [],
        bucket: names.projectBucket(t.id, name),
        bucketState: "decommissioned",
        projectGroup: null,
        roles: [],
        modelPackageGroup: registry ? names.modelPackageGroup(t.id, name) : null,
        modelPackageGroupState: registry ? "decommissioned" : null,
        whitelist: null,
        whitelistTypeCount: 0,
        whitelistPolicy: null,
      });
  }
  return rows.sort((a, b) => compare([a.team, a.project], [b.team, b.project]));
}

function dataState(p: Project, purge: boolean): DataState {
  if (p.status === "active") return "managed";
  return purge ? "purge requested" : "retained";
}

function whitelistPolicy(org: OrgModel, t: Team, p: Project): string | null {
  return p.status === "active" && p.whitelist.kind === "list"
    ? org.names.projectPolicy(t.fullName, p.name, "InstanceWhitelist")
    : null;
}

function whitelistRows(org: OrgModel, teams: readonly Team[]): WhitelistRow[] {
  const rows: WhitelistRow[] = [];
  for (const t of teams)
    for (const p of t.projects) {
      const list = p.whitelist.kind === "list" ? p.whitelist.instanceTypes : [];
      const policy = whitelistPolicy(org, t, p);
      rows.push({
        team: t.id,
        project: p.name,
        status: p.status,
        source: p.whitelist.kind === "list" ? p.whitelist.source : "unrestricted",
        policy,
        instanceTypes: [...list],
        deployedInstanceTypes: policy ? [...list] : [],
      });
    }
  return rows.sort((a, b) => compare([a.team, a.project], [b.team, b.project]));
}

function presetRows(org: OrgModel, teams: readonly Team[]): PresetRow[] {
  const usedBy = new Map<string, string[]>();
  for (const t of teams)
    for (const p of t.projects)
      if (p.status === "active" && p.whitelist.kind === "list" && p.whitelist.source !== "custom")
        usedBy.set(p.whitelist.source, [...(usedBy.get(p.whitelist.source) ?? []), `${t.id}/${p.name}`]);
  return Object.keys(org.instanceWhitelistPresets)
    .sort((a, b) => compare([a], [b]))
    .map((preset) => ({
      preset,
      instanceTypes: presetApps(org.instanceWhitelistPresets[preset]),
      usedBy: [...(usedBy.get(preset) ?? [])].sort((a, b) => compare([a], [b])),
    }));
}

// ---------------------------------------------------------------------------------------------
// Rendering.

type Column<R> = readonly [header: string, cell: (row: R) => string];

const list = (items: readonly string[]) => (items.length ? items.join(",") : "-");
const yesNo = (b: boolean) => (b ? "yes" : "no");
const withState = (name: string | null, state: DataState | null) =>
  name === null ? "-" : state === "managed" ? name : `${name} (${state})`;

const USER_COLUMNS: readonly Column<UserRow>[] = [
  ["TEAM", (r) => r.team ?? `(${r.kind})`],
  ["USER", (r) => r.user],
  ["IAM USER", (r) => r.iamUserName],
  ["CONSOLE", (r) => yesNo(r.consoleLogin)],
  ["PROJECTS", (r) => list(r.projects)],
  ["PROFILES", (r) => String(r.profileCount)],
  ["PROJECT TAG", (r) => r.primaryProject ?? "-"],
];

const PROJECT_COLUMNS: readonly Column<ProjectRow>[] = [
  ["TEAM", (r) => r.team],
  ["PROJECT", (r) => r.project],
  ["STATUS", (r) => r.status],
  ["MEMBERS", (r) => String(r.memberCount)],
  ["BUCKET", (r) => withState(r.bucket, r.bucketState)],
  ["ROLES", (r) => list(r.roles.map((role) => role.kind))],
  ["MODEL PACKAGE GROUP", (r) => withState(r.modelPackageGroup, r.modelPackageGroupState)],
  // What the workspace enforces: a retired project launches nothing, so it shows none.
  [
    "WHITELIST",
    (r) =>
      r.whitelistPolicy ? `${r.whitelist} (${r.whitelistTypeCount})` : r.status === "active" ? "unrestricted" : "-",
  ],
];

const WHITELIST_COLUMNS: readonly Column<WhitelistRow>[] = [
  ["TEAM", (r) => r.team],
  ["PROJECT", (r) => r.project],
  ["STATUS", (r) => r.status],
  ["SOURCE", (r) => r.source],
  ["POLICY", (r) => r.policy ?? "-"],
  ["DEPLOYED INSTANCE TYPES", (r) => list(r.deployedInstanceTypes)],
];

const PRESET_COLUMNS: readonly Column<PresetRow>[] = [
  ["PRESET", (r) => r.preset],
  ["TYPES", (r) => String(r.instanceTypes.length)],
  ["INSTANCE TYPES", (r) => list(r.instanceTypes)],
  ["USED BY", (r) => list(r.usedBy)],
];

function table<R>(columns: readonly Column<R>[], rows: readonly R[]): string {
  const cells = [columns.map(([h]) => h), ...rows.map((r) => columns.map(([, cell]) => cell(r)))];
  const widths = columns.map((_, i) => Math.max(...cells.map((line) => line[i].length)));
  return (
    cells
      .map((line) =>
        line
          .map((c, i) => c.padEnd(widths[i]))
          .join("  ")
          .trimEnd(),
      )
      .join("\n") + "\n"
  );
}

/** Aligned plain text: a header line, then one line per row (lists comma-separated, `-` for none). */
export function formatTable(report: Report): string {
  switch (report.kind) {
    case "users":
      return table(USER_COLUMNS, report.rows);
    case "projects":
      return table(PROJECT_COLUMNS, report.rows);
    case "whitelists":
      return table(WHITELIST_COLUMNS, report.rows);
    case "presets":
      return table(PRESET_COLUMNS, report.rows);
  }
}

export function formatJson(report: Report): string {
  return `${JSON.stringify({ report: report.kind, team: report.team, rows: report.rows }, null, 2)}\n`;
}

export function formatReport(report: Report, format: ReportFormat): string {
  return format === "json" ? formatJson(report) : formatTable(report);
}

// ---------------------------------------------------------------------------------------------
// CLI.

export const USAGE = `usage: node dist/scripts/report.js <${REPORT_KINDS.join("|")}> [--team <id>] [--format table|json]

  users       IAM users with their active projects, profile count and Project tag
  projects    projects with members, bucket, roles, model package group and whitelist
  whitelists  per project: effective whitelist source and the instance types the policy allows
  presets     the whitelist preset catalogue and the projects using each preset

  --team <id>        only this team (platform users are listed without it)
  --format <format>  table (default) or json

Reads ORG_FILE (default org/teams.yaml) and PLATFORM_FILE (default org/platform.yaml).
Read-only: derived from the org files, not from AWS or Terraform state.
`;

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const isOneOf = <T extends string>(values: readonly T[], v: string): v is T =>
  (values as readonly string[]).includes(v);

/** Exit code: 0 report printed, 1 invalid org files, 2 usage error (bad subcommand, option or team). */
export function main(argv: readonly string[], env: NodeJS.ProcessEnv, io: CliIo): number {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    // util.parseArgs: unknown option, missing option value.
    io.err(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    io.out(USAGE);
    return 0;
  }
  const usageError = (message: string) => {
    io.err(`${message}\n\n${USAGE}`);
    return 2;
  };
  const [kind, ...extra] = parsed.positionals;
  const format = parsed.values.format ?? "table";
  if (kind === undefined) return usageError("missing report name");
  if (!isOneOf(REPORT_KINDS, kind)) return usageError(`unknown report '${kind}'`);
  if (extra.length) return usageError(`unexpected argument '${extra[0]}'`);
  if (!isOneOf(FORMATS, format)) return usageError(`unknown format '${format}' (table or json)`);

  let org: OrgModel;
  try {
    org = loadOrg(orgFilesFromEnv(env));
  } catch (e) {
    if (e instanceof OrgValidationError) {
      io.err(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
  try {
    io.out(formatReport(buildReport(org, kind, parsed.values.team), format));
  } catch (e) {
    if (e instanceof ReportArgumentError) {
      io.err(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  return 0;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      team: { type: "string" },
      format: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), process.env, {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  });
}
