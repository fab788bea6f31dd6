/**
 * The CLI (`npm run synth` = compiled main.ts): honours ORG_FILE / PLATFORM_FILE / CDKTF_OUTDIR,
 * and on an invalid org prints every problem, exits non-zero without a stack trace, and leaves
 * an existing output directory untouched.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT, EXAMPLE_PLATFORM, EXAMPLE_TEAMS } from "./support/org";

// The compiled sources `npm run synth` runs (dist/), brought up to date once per jest run by
// the global setup (scripts/ensure-build.js): no second compile.
const build = path.join(ROOT, "dist");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "cli-"));

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

function synth(env: Record<string, string>) {
  return spawnSync(process.execPath, [path.join(build, "main.js")], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
}

/** Every file under dir with its content, for before/after comparisons. */
function snapshotDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = fs.readFileSync(p, "utf8");
    }
  };
  walk(dir);
  return out;
}

describe("npm run synth", () => {
  const outdir = path.join(work, "out");

  it("writes every workspace of the example org into CDKTF_OUTDIR", () => {
    const r = synth({ CDKTF_OUTDIR: outdir, ORG_FILE: EXAMPLE_TEAMS, PLATFORM_FILE: EXAMPLE_PLATFORM });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const all = ["domain", "domain-algo", "domain-rc", "foundation", "network", "registry", "team-algo", "team-rc"];
    for (const ws of all) expect(fs.existsSync(path.join(outdir, "stacks", ws, "cdk.tf.json"))).toBe(true);
    // The closing summary: workspaces, resources (each workspace's count), time. No progress in a pipe.
    const counts = Object.fromEntries(
      all.map((ws) => {
        const json = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", ws, "cdk.tf.json"), "utf8"));
        return [ws, Object.values<object>(json.resource).reduce((n, r) => n + Object.keys(r).length, 0)];
      }),
    );
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(r.stdout.trim()).toMatch(
      new RegExp(
        `^synthesized 8 workspaces \\(${total} resources\\) into .* in \\d+\\.\\d s: domain ${counts.domain}, domain-algo ${counts["domain-algo"]}, domain-rc ${counts["domain-rc"]}, foundation ${counts.foundation},`,
      ),
    );
  });

  it("--quiet prints nothing", () => {
    const r = spawnSync(process.execPath, [path.join(build, "main.js"), "--quiet"], {
      cwd: ROOT,
      env: {
        ...process.env,
        CDKTF_OUTDIR: path.join(work, "quiet"),
        ORG_FILE: EXAMPLE_TEAMS,
        PLATFORM_FILE: EXAMPLE_PLATFORM,
      },
      encoding: "utf8",
    });
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 0, stdout: "", stderr: "" });
  });

  it("on an invalid org: lists each problem with file:line:col, exits 1, no stack trace, output untouched", () => {
    const before = snapshotDir(outdir);
    const bad = path.join(work, "teams.yaml");
    fs.writeFileSync(
      bad,
      fs
        .readFileSync(EXAMPLE_TEAMS, "utf8")
        .replace("members: [eve, frank]", "members: [eve, frank, zoe]")
        .replace("    fullName: algorithm\n", "    fullName: algorithm\n    colour: blue\n"),
    );
    const r = synth({ CDKTF_OUTDIR: outdir, ORG_FILE: bad, PLATFORM_FILE: EXAMPLE_PLATFORM });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    const problemLines = r.stderr.trim().split("\n").slice(1);
    expect(problemLines).toEqual([
      `${bad}:35:5 teams.algo.colour: unknown key 'colour'`,
      `${bad}:45:31 teams.algo.projects.user-intent.members[2]: unknown user 'zoe' (declare it under teams.algo.users)`,
    ]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(snapshotDir(outdir)).toEqual(before);
  });

  it("on a YAML syntax error: exits 1 with the position, output untouched", () => {
    const before = snapshotDir(outdir);
    const bad = path.join(work, "broken.yaml");
    fs.writeFileSync(bad, "version: 1\nteams:\n  rc: [unclosed\n");
    const r = synth({ CDKTF_OUTDIR: outdir, ORG_FILE: bad, PLATFORM_FILE: EXAMPLE_PLATFORM });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:\\d+ [^:]*: YAML: `));
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(snapshotDir(outdir)).toEqual(before);
  });

  it("a re-synth keeps Terraform's working files and saved plans; a dropped workspace goes", () => {
    const rc = path.join(outdir, "stacks", "team-rc");
    fs.mkdirSync(path.join(rc, ".terraform", "providers"), { recursive: true });
    fs.writeFileSync(path.join(rc, ".terraform", "providers", "marker"), "x");
    fs.writeFileSync(path.join(rc, ".terraform.lock.hcl"), "# lock\n");
    fs.writeFileSync(path.join(rc, "tfplan"), "plan");
    fs.writeFileSync(path.join(rc, "cdk.tf.json"), "{}");
    fs.mkdirSync(path.join(outdir, "stacks", "team-old"));
    const r = synth({ CDKTF_OUTDIR: outdir, ORG_FILE: EXAMPLE_TEAMS, PLATFORM_FILE: EXAMPLE_PLATFORM });
    expect(r.status).toBe(0);
    expect(fs.readFileSync(path.join(rc, ".terraform", "providers", "marker"), "utf8")).toBe("x");
    expect(fs.readFileSync(path.join(rc, ".terraform.lock.hcl"), "utf8")).toBe("# lock\n");
    expect(fs.readFileSync(path.join(rc, "tfplan"), "utf8")).toBe("plan");
    // What synthesis writes is written again.
    expect(JSON.parse(fs.readFileSync(path.join(rc, "cdk.tf.json"), "utf8")).resource).toBeDefined();
    expect(fs.existsSync(path.join(outdir, "stacks", "team-old"))).toBe(false);
  });

  it("fails clearly when an explicitly named platform file is missing", () => {
    const r = synth({ CDKTF_OUTDIR: outdir, ORG_FILE: EXAMPLE_TEAMS, PLATFORM_FILE: path.join(work, "missing.yaml") });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/missing\.yaml:1:1 \(document\): cannot read file \(ENOENT\)/);
  });
});

describe("tf:check (scripts/terraform-offline.ts) without terraform", () => {
  const run = (ci: boolean) =>
    spawnSync(process.execPath, [path.join(build, "scripts", "terraform-offline.js"), work], {
      cwd: ROOT,
      env: { ...process.env, TERRAFORM_BIN: "/nonexistent/terraform", CI: ci ? "true" : "" },
      encoding: "utf8",
    });

  it("fails under CI: a check that checked nothing is not green", () => {
    const r = run(true);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^FAILED: terraform is not on the PATH/);
  });

  it("says SKIPPED and exits 0 on a workstation", () => {
    const r = run(false);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^SKIPPED: terraform is not on the PATH/);
  });
});

describe("npm run org:diff (compiled, in a git repository)", () => {
  it("compares the org files at --base with the working tree; exit 1 on an unnamed home loss", () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), "org-diff-git-"));
    fs.mkdirSync(path.join(repo, "org"));
    for (const f of ["teams.yaml", "platform.yaml"])
      fs.copyFileSync(path.join(ROOT, "org", f), path.join(repo, "org", f));
    const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" });
    git("init", "-q");
    git("add", ".");
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "base");
    const teams = path.join(repo, "org", "teams.yaml");
    fs.writeFileSync(teams, fs.readFileSync(teams, "utf8").replace("members: [alice, bob]", "members: [alice]"));
    const diff = (...args: string[]) =>
      spawnSync(process.execPath, [path.join(build, "scripts", "org-diff.js"), ...args], {
        cwd: repo,
        encoding: "utf8",
      });
    const r = diff("--base", "HEAD", "--format", "md");
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^### Org diff: HEAD -> working tree\n\n\*\*BLOCKED/);
    expect(r.stdout).toContain("HOME LOSS: rc/fraud-detection/bob");
    const bad = diff("--frobnicate");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/usage: npm run org:diff/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    fs.rmSync(repo, { recursive: true, force: true });
  });
});
