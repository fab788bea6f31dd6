/**
 * The GitHub Actions pipeline (.github/workflows): parsed, its job graph checked, every action
 * pinned to a version, secrets referenced by name only, and every script, npm script and compiled
 * entry point it runs present in the repository. The shell scripts parse (`bash -n`).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { applyOrder } from "../scripts/workspace-order";
import { ROOT } from "./support/org";
import { synthExample } from "./support/synth";

const workflow = (name: string) => parse(fs.readFileSync(path.join(ROOT, ".github", "workflows", name), "utf8"));
const pr = workflow("pull-request.yml");
const apply = workflow("apply.yml");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

/** Every `run:` script of a workflow, and every script file those run (one level). */
function commands(wf: any): string[] {
  const runs = Object.values<any>(wf.jobs).flatMap((j) => j.steps.map((s: any) => s.run).filter(Boolean));
  const files = runs.flatMap((r: string) => [...r.matchAll(/bash (scripts\/[\w/.-]+\.sh)/g)].map((m) => m[1]));
  return [...runs, ...files.map((f: string) => fs.readFileSync(path.join(ROOT, f), "utf8"))];
}

describe("GitHub Actions workflows", () => {
  it("pull request: test, then plan (synth, org diff, plans, guard, one comment); nothing applied", () => {
    expect(Object.keys(pr.on)).toEqual(["pull_request"]);
    expect(pr.on.pull_request.types).toEqual(expect.arrayContaining(["opened", "synchronize", "labeled", "edited"]));
    expect(pr.jobs.plan.needs).toBe("test");
    const names = pr.jobs.plan.steps.map((s: any) => s.name ?? s.uses);
    const at = (n: string) => names.findIndex((x: string) => x?.startsWith(n));
    expect(at("Synthesize")).toBeLessThan(at("Org diff"));
    expect(at("Plan every workspace")).toBeLessThan(at("Destroy guard"));
    expect(at("Destroy guard")).toBeLessThan(at("One pull-request comment"));
    expect(at("One pull-request comment")).toBeLessThan(at("Verdict"));
    expect(commands(pr).join("\n")).not.toMatch(/terraform apply/);
    expect(pr.permissions).toEqual({ contents: "read" });
  });

  it("merge: one apply at a time; per workspace plan, guard, pre-destroy, then apply that plan", () => {
    expect(apply.on.push.branches).toEqual(["main"]);
    expect(apply.concurrency).toEqual({ group: "apply", "cancel-in-progress": false });
    expect(apply.jobs.apply.environment).toBe("production");
    const script = fs.readFileSync(path.join(ROOT, "scripts", "ci", "apply-all.sh"), "utf8");
    const order = [
      "workspace-order.js",
      "ensure-state.sh",
      "terraform plan",
      "plan-guard.js",
      "pre-destroy.js",
      "terraform apply -input=false tfplan",
    ];
    const positions = order.map((s) => script.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(script).toMatch(/set -euo pipefail/);
  });

  it.each([
    ["pull-request.yml", pr],
    ["apply.yml", apply],
  ])("%s: actions pinned to a version, secrets by name, everything it runs exists", (_name, wf) => {
    const steps = Object.values<any>(wf.jobs).flatMap((j) => j.steps);
    for (const uses of steps.map((s) => s.uses).filter(Boolean))
      expect(uses).toMatch(/^[\w-]+\/[\w-]+@v\d+\.\d+\.\d+$/);
    const text = JSON.stringify(wf);
    for (const m of text.matchAll(/secrets\.([\w]+)/g)) expect(m[1]).toMatch(/^[A-Z][A-Z0-9_]+$/);
    expect(text).not.toMatch(/AKIA[0-9A-Z]{16}|-----BEGIN/);
    const all = commands(wf).join("\n");
    for (const m of all.matchAll(/npm run (?:--silent )?([\w:-]+)/g)) expect(pkg.scripts[m[1]]).toBeDefined();
    for (const m of all.matchAll(/dist\/scripts\/([\w-]+)\.js/g))
      expect(fs.existsSync(path.join(ROOT, "scripts", `${m[1]}.ts`))).toBe(true);
    for (const m of all.matchAll(/bash (scripts\/[\w/.-]+\.sh)/g))
      expect(fs.existsSync(path.join(ROOT, m[1]))).toBe(true);
  });

  it("the shell scripts parse", () => {
    for (const f of [
      "scripts/ci/approved-names.sh",
      "scripts/ci/plan-all.sh",
      "scripts/ci/apply-all.sh",
      "scripts/ci/ensure-state.sh",
      "scripts/provider-mirror.sh",
    ]) {
      const r = spawnSync("bash", ["-n", path.join(ROOT, f)], { encoding: "utf8" });
      expect({ f, status: r.status, stderr: r.stderr }).toEqual({ f, status: 0, stderr: "" });
    }
  });

  it("a brand-new workspace gets an empty state once (its guards read its own); an existing state is left alone", () => {
    const tf = spawnSync(process.env.TERRAFORM_BIN || "terraform", ["version"], { encoding: "utf8" });
    if (tf.status !== 0) {
      if (process.env.CI) throw new Error("terraform is required under CI");
      process.stderr.write("\n!! SKIPPED: ensure-state.sh (no terraform)\n");
      return;
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ensure-state-"));
    const state = path.join(dir, "ws.tfstate");
    fs.writeFileSync(
      path.join(dir, "main.tf.json"),
      JSON.stringify({ terraform: { backend: { local: { path: state } } } }),
    );
    const env = { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", TF_IN_AUTOMATION: "1" };
    const sh = (cmd: string) => spawnSync("bash", ["-c", cmd], { cwd: dir, env, encoding: "utf8" });
    const script = path.join(ROOT, "scripts", "ci", "ensure-state.sh");
    expect(sh("terraform init -input=false").status).toBe(0);
    const first = sh(`bash ${script}`);
    expect({ status: first.status, out: first.stdout }).toEqual({
      status: 0,
      out: expect.stringContaining("pushed an empty one"),
    });
    const pushed = JSON.parse(fs.readFileSync(state, "utf8"));
    expect({ resources: pushed.resources, outputs: pushed.outputs }).toEqual({ resources: [], outputs: {} });
    // A workspace with a state (here: a later apply's) is never overwritten.
    const applied = {
      ...pushed,
      serial: 7,
      outputs: { live_homes: { value: { "rc/p/u": "home" }, type: ["map", "string"] } },
    };
    fs.writeFileSync(state, JSON.stringify(applied));
    const second = sh(`bash ${script}`);
    expect({ status: second.status, out: second.stdout }).toEqual({ status: 0, out: "" });
    expect(JSON.parse(fs.readFileSync(state, "utf8"))).toEqual(applied);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("approvals count only with the allow-destroy label", () => {
    const run = (env: Record<string, string>) =>
      spawnSync("bash", [path.join(ROOT, "scripts", "ci", "approved-names.sh")], {
        env: { PATH: process.env.PATH!, GITHUB_OUTPUT: "/dev/null", ...env },
        encoding: "utf8",
      }).stdout;
    const body = "Retire it.\nAllow-Destroy: acme-sm-rc-legacy-scoring, rc-legacy-scoring\n";
    expect(run({ BODY: body, LABELLED: "true" })).toBe("approved: acme-sm-rc-legacy-scoring rc-legacy-scoring\n");
    expect(run({ BODY: body, LABELLED: "false" })).toBe("approved: none\n");
  });

  it("workspace order: tfc, network, foundation, teams, domain, teams' homes, registry; a dependency applied later is refused", () => {
    const stacks = {
      registry: {},
      "domain-rc": { dependencies: ["network", "domain", "team-rc"] },
      domain: { dependencies: ["network", "foundation"] },
      "team-rc": { dependencies: ["network", "foundation"] },
      foundation: {},
      network: {},
      tfc: {},
    };
    expect(applyOrder({ stacks })).toEqual([
      "tfc",
      "network",
      "foundation",
      "team-rc",
      "domain",
      "domain-rc",
      "registry",
    ]);
    // The example org's own manifest (cdktf's dependencies) fits the order.
    const out = synthExample();
    const manifest = JSON.parse(fs.readFileSync(path.join(out.outdir, "manifest.json"), "utf8"));
    expect(manifest.stacks["domain-rc"].dependencies.sort()).toEqual(["domain", "network", "team-rc"]);
    expect(applyOrder(manifest)).toEqual([
      "network",
      "foundation",
      "team-algo",
      "team-rc",
      "domain",
      "domain-algo",
      "domain-rc",
      "registry",
    ]);
    expect(() => applyOrder({ stacks: { network: { dependencies: ["domain"] }, domain: {} } })).toThrow(
      /network depends on domain/,
    );
  });
});
