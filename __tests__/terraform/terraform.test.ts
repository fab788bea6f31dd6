/**
 * The output is real Terraform: every synthesized workspace of the example org passes
 * `terraform init` (offline, from the provider mirror), `terraform validate`, and
 * `terraform test` applying it against a mocked AWS provider. Extra assertions for a workspace
 * live in __tests__/terraform/<workspace>/*.tftest.hcl.
 *
 * Where terraform or the provider mirror is absent these tests are SKIPPED, loudly.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkWorkspaceAsync, offlineTerraform, type CheckResult } from "../../scripts/terraform-offline";
import { synthExampleCopy } from "../support/synth";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tf-suite-"));
const tf = offlineTerraform(scratch);
const skipped = "skipped" in tf ? tf.skipped : undefined;
if (skipped) {
  const banner = `\n${"!".repeat(78)}\n!! SKIPPED: Terraform-level tests (${skipped})\n${"!".repeat(78)}\n`;
  console.warn(banner);
  process.stderr.write(banner);
}

export function extraTestFiles(workspace: string): string[] {
  const dir = path.join(__dirname, workspace);
  return fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".tftest.hcl"))
        .sort()
        .map((f) => path.join(dir, f))
    : [];
}

/** Runs checks two at a time: each terraform process loads a ~600 MB provider schema. */
async function checkAll(outdir: string, workspaces: string[]): Promise<Map<string, CheckResult>> {
  if ("skipped" in tf) return new Map();
  const results = new Map<string, CheckResult>();
  const queue = [...workspaces];
  const worker = async () => {
    for (let ws = queue.shift(); ws; ws = queue.shift())
      results.set(ws, await checkWorkspaceAsync(path.join(outdir, "stacks", ws), tf, scratch, extraTestFiles(ws)));
  };
  await Promise.all([worker(), worker()]);
  return results;
}

const describeTf = skipped ? describe.skip : describe;

describeTf("terraform init + validate + test (mocked AWS provider) for every workspace of the example org", () => {
  const out = synthExampleCopy();
  const workspaces = Object.keys(out.json);
  let results: Map<string, CheckResult>;

  beforeAll(async () => {
    results = await checkAll(out.outdir, workspaces);
  }, 900_000);

  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it.each(workspaces)("%s", (ws) => {
    const r = results.get(ws)!;
    if (!r.ok) throw new Error(`terraform ${r.step} failed for ${ws}:\n${r.output}`);
    expect(r.ok).toBe(true);
  });

  it("terraform test fails on what terraform validate reports, so no separate validate runs", async () => {
    const dir = path.join(scratch, "invalid", "network");
    fs.mkdirSync(dir, { recursive: true });
    const json = JSON.parse(out.text.network);
    const [type, byName] = Object.entries<Record<string, Record<string, unknown>>>(json.resource)[0];
    Object.values(byName)[0].no_such_argument = "x";
    fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(json));
    const r = await checkWorkspaceAsync(
      dir,
      tf as Exclude<typeof tf, { skipped: string }>,
      path.join(scratch, "invalid-run"),
    );
    expect({ ok: r.ok, step: r.step }).toEqual({ ok: false, step: "test" });
    expect(r.output).toContain(`No argument or block type is named "no_such_argument"`);
    expect(type).toMatch(/^aws_/);
  }, 300_000);
});
