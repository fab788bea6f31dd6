/**
 * `npm run org:access [-- --format md|csv|html] [--out <file>]`: who can do what, person ×
 * project, from the synthesized policies evaluated with the IAM simulator (the AWS-managed policies
 * as published, scripts/access), not re-derived from the YAML. Columns: the project bucket (read,
 * write), project roles the person may pass, Studio (a member: their own profile; anyone else: any
 * member's profile of the project, by presigned URL), the project's model group (register a
 * version) and repositories (pull).
 */
import * as fs from "fs";
import { loadOrg, orgFilesFromEnv } from "../org/loader";
import type { OrgModel, Project } from "../org/model";
import { OrgValidationError } from "../org/problems";
import { PROJECT_ROLE_KINDS } from "../catalog/names";
import { SimulatedPlatform, type StackJson } from "./access/simulated-platform";
import { synthesizedJson } from "./org-diff";

export interface AccessRow {
  /** `team/user`. */
  readonly person: string;
  /** `team/project`. */
  readonly project: string;
  readonly member: boolean;
  readonly bucketRead: boolean;
  readonly bucketWrite: boolean;
  /** How many of the project's four roles the person may pass to SageMaker. */
  readonly rolesPassable: number;
  readonly studio: boolean;
  readonly modelGroup: boolean;
  readonly repositories: boolean;
}

export async function accessMatrix(org: OrgModel, json: Record<string, StackJson>): Promise<AccessRow[]> {
  const platform = new SimulatedPlatform(json, org.platform.accountId, org.platform.iamPath);
  const { names } = org;
  const { region, accountId } = org.platform;
  const sm = (rest: string) => `arn:aws:sagemaker:${region}:${accountId}:${rest}`;
  const projects: Project[] = org.teams.flatMap((t) => t.projects.filter((p) => p.status === "active"));
  const rows: AccessRow[] = [];
  for (const team of org.teams)
    for (const person of team.users) {
      const who = { user: person.iamUserName };
      const allowed = async (action: string, resource: string, context?: Record<string, string | string[]>) =>
        (await platform.simulate(who, action, resource, { context })) === "Allowed";
      for (const p of projects) {
        const projectTeam = org.teams.find((t) => t.id === p.team)!;
        const bucket = `arn:aws:s3:::${p.bucketName}`;
        let passable = 0;
        for (const kind of PROJECT_ROLE_KINDS)
          if (
            await allowed("iam:PassRole", names.roleArn(names.projectRole(projectTeam.fullName, p.name, kind)), {
              "iam:PassedToService": "sagemaker.amazonaws.com",
            })
          )
            passable++;
        const member = p.memberships.some((m) => m.team === team.id && m.user === person.name);
        // Studio: a member opens their own profile; anyone else, any member's profile of the
        // project (profiles carry their owner's IAM user name in the Owner tag).
        const opens = async (profileName: string, owner: string) =>
          allowed("sagemaker:CreatePresignedDomainUrl", sm(`user-profile/d-0000000000/${profileName}`), {
            "sagemaker:ResourceTag/Owner": owner,
          });
        let studio = false;
        if (member) studio = await opens(names.userProfile(p.team, p.name, person.name), person.iamUserName);
        else for (const m of p.memberships) studio ||= await opens(m.userProfileName, m.iamUserName);
        rows.push({
          person: `${team.id}/${person.name}`,
          project: `${p.team}/${p.name}`,
          member,
          bucketRead: await allowed("s3:GetObject", `${bucket}/data/train.csv`),
          bucketWrite: await allowed("s3:PutObject", `${bucket}/models/model.tar.gz`),
          rolesPassable: passable,
          studio,
          modelGroup: await allowed(
            "sagemaker:CreateModelPackage",
            sm(`model-package/${names.modelPackageGroup(p.team, p.name)}/1`),
          ),
          repositories: await allowed(
            "ecr:BatchGetImage",
            `arn:aws:ecr:${region}:${accountId}:repository/${names.projectRepository(p.team, p.name, "training")}`,
          ),
        });
      }
    }
  return rows;
}

const COLUMNS: readonly [keyof AccessRow, string][] = [
  ["person", "person"],
  ["project", "project"],
  ["member", "member"],
  ["bucketRead", "bucket read"],
  ["bucketWrite", "bucket write"],
  ["rolesPassable", "roles passable"],
  ["studio", "Studio"],
  ["modelGroup", "model group"],
  ["repositories", "repositories"],
];

const cell = (v: unknown, yes: string, no: string) => (v === true ? yes : v === false ? no : String(v));

export function toMarkdown(rows: readonly AccessRow[]): string {
  return [
    `| ${COLUMNS.map(([, h]) => h).join(" | ")} |`,
    `|${COLUMNS.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${COLUMNS.map(([k]) => cell(r[k], "yes", "no")).join(" | ")} |`),
  ].join("\n");
}

export function toCsv(rows: readonly AccessRow[]): string {
  return [COLUMNS.map(([k]) => k).join(","), ...rows.map((r) => COLUMNS.map(([k]) => String(r[k])).join(","))].join(
    "\n",
  );
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** A self-contained page: one table, granted cells green, members' rows marked. */
export function toHtml(rows: readonly AccessRow[], title: string): string {
  const td = (v: unknown) =>
    v === true || (typeof v === "number" && v > 0)
      ? `<td class="yes">${v === true ? "yes" : v}</td>`
      : v === false || v === 0
        ? `<td class="no">${v === false ? "no" : v}</td>`
        : `<td>${escapeHtml(String(v))}</td>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body{font:14px system-ui,sans-serif;margin:2em;color:#1b1f24}
table{border-collapse:collapse}th,td{border:1px solid #d0d7de;padding:4px 10px;text-align:left}
th{background:#f6f8fa}td.yes{background:#dafbe1}td.no{color:#8c959f}tr.member td:first-child{font-weight:600}
</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p>Evaluated with the IAM simulator on the synthesized policies (AWS-managed policies as published).</p>
<table><thead><tr>${COLUMNS.map(([, h]) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead>
<tbody>
${rows.map((r) => `<tr${r.member ? ' class="member"' : ""}>${COLUMNS.map(([k]) => td(r[k])).join("")}</tr>`).join("\n")}
</tbody></table></body></html>
`;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const format = args.includes("--format") ? args[args.indexOf("--format") + 1] : "md";
  const outFile = args.includes("--out") ? args[args.indexOf("--out") + 1] : undefined;
  if (!["md", "csv", "html"].includes(format) || (args.includes("--out") && !outFile)) {
    console.error("usage: npm run org:access -- [--format md|csv|html] [--out <file>]");
    return 2;
  }
  let org: OrgModel;
  try {
    org = loadOrg(orgFilesFromEnv());
  } catch (e) {
    if (e instanceof OrgValidationError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  }
  const rows = await accessMatrix(org, synthesizedJson(org));
  const text =
    format === "csv"
      ? toCsv(rows)
      : format === "html"
        ? toHtml(rows, `Access matrix: ${org.platform.company}`)
        : toMarkdown(rows);
  if (outFile) fs.writeFileSync(outFile, `${text}\n`);
  else console.log(text);
  return 0;
}

if (require.main === module)
  main().then(
    (code) => (process.exitCode = code),
    (e) => {
      console.error(`org:access failed: ${(e as Error).message}`);
      process.exitCode = 1;
    },
  );
