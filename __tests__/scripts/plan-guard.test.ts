/**
 * The plan-guard CLI (scripts/plan-guard.ts), run in-process on plan files: exit status 0 / 1 / 2,
 * approvals from repeated `--allow-destroy` and from ALLOW_DESTROY, workspace labels from file names.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPlanGuard, workspaceLabel } from "../../scripts/plan-guard";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-guard-cli-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function planFile(name: string, changes: unknown[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(
    file,
    JSON.stringify({ format_version: "1.2", planned_values: {}, resource_changes: changes, errored: false }),
  );
  return file;
}

const del = (address: string, type: string, before: Record<string, unknown>) => ({
  address,
  mode: "managed",
  type,
  change: { actions: ["delete"], before, after: null },
});

const foundation = planFile("foundation.json", [
  del("aws_s3_bucket.bucket-rc-legacy-scoring", "aws_s3_bucket", { bucket: "acme-sm-rc-legacy-scoring" }),
]);
const registry = planFile("registry.json", [
  del("aws_sagemaker_model_package_group.model-group-rc-legacy-scoring", "aws_sagemaker_model_package_group", {
    model_package_group_name: "rc-legacy-scoring",
  }),
]);
const quiet = planFile("network.json", []);

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  let out = "";
  let err = "";
  const status = runPlanGuard(args, env, { out: (t) => (out += t), err: (t) => (err += t) });
  return { status, out, err };
}

describe("plan-guard CLI", () => {
  it("exits 0 and prints the summary when nothing protected is destroyed", () => {
    const r = run([quiet]);
    expect(r).toMatchObject({ status: 0, err: "" });
    expect(r.out).toMatch(/^Plan review: network\n/);
    expect(r.out).toMatch(/PASSED\.\n$/);
  });

  it("exits 1 on an unapproved destroy, naming the approval to give", () => {
    const r = run([foundation]);
    expect(r.status).toBe(1);
    expect(r.out).toContain(
      "aws_s3_bucket acme-sm-rc-legacy-scoring (foundation: aws_s3_bucket.bucket-rc-legacy-scoring): NOT APPROVED",
    );
    expect(r.out).toContain("--allow-destroy=acme-sm-rc-legacy-scoring");
  });

  it("takes approvals from repeated --allow-destroy and from ALLOW_DESTROY, across all plan files", () => {
    expect(
      run([foundation, registry, "--allow-destroy=acme-sm-rc-legacy-scoring", "--allow-destroy", "rc-legacy-scoring"])
        .status,
    ).toBe(0);
    expect(run([foundation, registry], { ALLOW_DESTROY: "acme-sm-rc-legacy-scoring, rc-legacy-scoring" }).status).toBe(
      0,
    );
    expect(
      run([foundation, registry, "--allow-destroy=rc-legacy-scoring"], { ALLOW_DESTROY: "acme-sm-rc-legacy-scoring" })
        .status,
    ).toBe(0);
    expect(run([foundation, registry, "--allow-destroy=rc-legacy-scoring"]).status).toBe(1);
  });

  it("--partial: a per-workspace run leaves other workspaces' qualified approvals to their runs", () => {
    const approvals = "foundation:acme-sm-rc-legacy-scoring,registry:rc-legacy-scoring";
    expect(run([foundation], { ALLOW_DESTROY: approvals }).status).toBe(1);
    const r = run([foundation, "--partial"], { ALLOW_DESTROY: approvals });
    expect(r.status).toBe(0);
    expect(r.out).toContain("approval 'registry:rc-legacy-scoring' is for a workspace not planned here");
    expect(run([registry, "--partial"], { ALLOW_DESTROY: approvals }).status).toBe(0);
  });

  it("exits 1 on an approval that names nothing destroyed (a stale label)", () => {
    const r = run([quiet], { ALLOW_DESTROY: "acme-sm-rc-legacy-scoring" });
    expect(r.status).toBe(1);
    expect(r.out).toContain("approval 'acme-sm-rc-legacy-scoring' matches no protected resource these plans destroy");
  });

  it("writes markdown on request", () => {
    const r = run([foundation, "--format=markdown", "--allow-destroy=acme-sm-rc-legacy-scoring"]);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^### Plan review: foundation\n/);
  });

  it.each([
    ["no plan file", []],
    ["an unknown option", [quiet, "--allow-destory=x"]],
    ["a bad format", [quiet, "--format=html"]],
    ["a missing file", [path.join(dir, "nope.json")]],
    ["two files with the same label", [quiet, quiet]],
  ])("exits 2 on %s, with the reason on stderr", (_what, args) => {
    const r = run(args as string[]);
    expect(r.status).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/^plan-guard: /);
  });

  it("exits 2 on a file that is not a JSON plan, saying how to produce one", () => {
    const binary = path.join(dir, "tfplan");
    fs.writeFileSync(binary, "PK\u0003\u0004 binary plan");
    const r = run([binary]);
    expect(r.status).toBe(2);
    expect(r.err).toContain("terraform show -json <planfile>");
  });

  it("--help prints the usage", () => {
    const r = run(["--help"]);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^usage: plan-guard/);
  });

  it("labels each plan by its file name", () => {
    expect(workspaceLabel("plans/team-rc.json")).toBe("team-rc");
    expect(workspaceLabel("foundation")).toBe("foundation");
  });
});
