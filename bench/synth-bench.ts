/**
 * Synthesis benchmark: time and peak memory of a full synth as the org grows.
 * `npm run bench` (optionally `-- 100 500 2000` memberships). Each size runs in a fresh
 * process so memory numbers do not leak between sizes. Not a test: numbers are for review.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** A teams file with `memberships` (person, project) pairs: 4 projects per team, 5 people per project. */
export function generatedTeamsYaml(memberships: number): string {
  const perProject = 5;
  const projectsPerTeam = 4;
  const projects = Math.ceil(memberships / perProject);
  const teams = Math.ceil(projects / projectsPerTeam);
  const letters = "abcdefghijklmnopqrstuvwxyz";
  const teamId = (i: number) => `t${letters[Math.floor(i / 26) % 26]}${letters[i % 26]}`;
  const lines = ["version: 1", "admins: [jason]", "teams:"];
  let left = memberships;
  for (let t = 0; t < teams && left > 0; t++) {
    lines.push(
      `  ${teamId(t)}:`,
      `    fullName: team-${letters[Math.floor(t / 26) % 26]}${letters[t % 26]}`,
      "    users:",
    );
    const n = Math.min(left, perProject * projectsPerTeam);
    for (let u = 0; u < n; u++) lines.push(`      user${u}: {}`);
    lines.push("    projects:");
    for (let p = 0; p < projectsPerTeam && left > 0; p++) {
      const members: string[] = [];
      for (let m = 0; m < perProject && left > 0; m++, left--) members.push(`user${p * perProject + m}`);
      lines.push(`      project-${letters[p]}:`, `        members: [${members.join(", ")}]`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The example platform file with IAM account quotas large enough for the generated org: at 2,000
 * memberships it renders more groups, roles and policies than one account's default (or maximum)
 * quotas allow, which the loader refuses. The benchmark measures synthesis, not the account.
 */
export function benchPlatformYaml(): string {
  const text = fs.readFileSync(path.join("org", "platform.yaml"), "utf8");
  const quotas = "  accountQuotas: { users: 5000, groups: 100000, roles: 100000, managedPolicies: 100000 }\n";
  if (!/^identity:\n/m.test(text)) throw new Error("org/platform.yaml has no identity: section");
  return text.replace(/^identity:\n/m, `identity:\n${quotas}`);
}

function runOne(memberships: number): void {
  const start = process.hrtime.bigint();
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { loadOrgFromSources } = require("../org/loader") as typeof import("../org/loader");
  const { synthesize } = require("../workspaces/app") as typeof import("../workspaces/app");
  /* eslint-enable @typescript-eslint/no-require-imports */
  const org = loadOrgFromSources([
    { path: "bench-teams.yaml", text: generatedTeamsYaml(memberships) },
    { path: "org/platform.yaml", text: benchPlatformYaml() },
  ]);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "bench-"));
  const { stacks } = synthesize(org, path.join(out, "cdktf.out"));
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const bytes = execFileSync("du", ["-sb", out], { encoding: "utf8" }).split("\t")[0];
  fs.rmSync(out, { recursive: true, force: true });
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    JSON.stringify({
      memberships,
      workspaces: stacks.length,
      ms: Math.round(ms),
      peakRssMb: Math.round(peakMb),
      outputMb: +(Number(bytes) / 1e6).toFixed(1),
    }),
  );
}

if (require.main === module) {
  if (process.env.BENCH_CHILD) runOne(Number(process.env.BENCH_CHILD));
  else {
    const sizes = process.argv
      .slice(2)
      .map(Number)
      .filter((n) => n > 0);
    console.log("memberships | workspaces | synth ms | peak RSS MB | output MB");
    for (const n of sizes.length ? sizes : [10, 100, 500, 2000]) {
      const line = execFileSync(process.execPath, [__filename], {
        env: { ...process.env, BENCH_CHILD: String(n) },
        encoding: "utf8",
      });
      const r = JSON.parse(line.trim().split("\n").pop()!);
      console.log(
        `${String(r.memberships).padStart(11)} | ${String(r.workspaces).padStart(10)} | ${String(r.ms).padStart(8)} | ${String(r.peakRssMb).padStart(11)} | ${String(r.outputMb).padStart(9)}`,
      );
    }
  }
}
