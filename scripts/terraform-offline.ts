/**
 * Offline Terraform checks for synthesized workspaces: `terraform init` from a provider
 * filesystem mirror, `terraform validate`, and `terraform test` with a mocked AWS provider that
 * applies the workspace. Used by __tests__/terraform and by `npm run tf:check`.
 *
 * Mirror: TF_PROVIDER_MIRROR, else the first well-known location holding
 * registry.terraform.io/hashicorp/aws, else a bounded search of the filesystem.
 */
import { execFileSync, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const PROVIDER_DIR = path.join("registry.terraform.io", "hashicorp", "aws");
const CANDIDATES = [
  "/opt/tf-plugins",
  path.join(os.homedir(), ".terraform.d", "plugins"),
  path.join(os.homedir(), ".local", "share", "terraform", "plugins"),
  "/usr/local/share/terraform/plugins",
  "/usr/share/terraform/plugins",
];

export function terraformBinary(): string | undefined {
  const r = spawnSync(process.env.TERRAFORM_BIN || "terraform", ["version"], { encoding: "utf8" });
  return r.status === 0 ? process.env.TERRAFORM_BIN || "terraform" : undefined;
}

export function findProviderMirror(): string | undefined {
  const explicit = process.env.TF_PROVIDER_MIRROR;
  if (explicit) {
    if (!fs.existsSync(path.join(explicit, PROVIDER_DIR)))
      throw new Error(`TF_PROVIDER_MIRROR=${explicit} has no ${PROVIDER_DIR} directory`);
    return explicit;
  }
  for (const c of CANDIDATES) if (fs.existsSync(path.join(c, PROVIDER_DIR))) return c;
  const found = spawnSync("find", ["/", "-maxdepth", "6", "-type", "d", "-path", `*${PROVIDER_DIR}`], {
    encoding: "utf8",
    timeout: 60_000,
  }).stdout;
  const first = found?.split("\n").find((l) => l.endsWith(PROVIDER_DIR));
  return first ? first.slice(0, -PROVIDER_DIR.length - 1) : undefined;
}

/** The repository root: the nearest directory above this file holding the CLI config template. */
function repoRoot(): string {
  for (let d = __dirname; d !== path.dirname(d); d = path.dirname(d))
    if (fs.existsSync(path.join(d, "terraform", "offline.tfrc.tmpl"))) return d;
  return process.cwd();
}

/** Writes the shipped CLI config template with the mirror path filled in; returns its path. */
export function writeCliConfig(dir: string, mirror: string): string {
  const template = fs.readFileSync(path.join(repoRoot(), "terraform", "offline.tfrc.tmpl"), "utf8");
  const file = path.join(dir, "offline.tfrc");
  fs.writeFileSync(file, template.replace("@MIRROR@", mirror));
  return file;
}

export interface TerraformEnv {
  readonly bin: string;
  readonly env: NodeJS.ProcessEnv;
}

export function offlineTerraform(workDir: string): TerraformEnv | { skipped: string } {
  const bin = terraformBinary();
  if (!bin) return { skipped: "terraform is not on the PATH (set TERRAFORM_BIN)" };
  const mirror = findProviderMirror();
  if (!mirror) return { skipped: "no AWS provider filesystem mirror found (set TF_PROVIDER_MIRROR)" };
  const config = writeCliConfig(workDir, mirror);
  return {
    bin,
    env: {
      ...process.env,
      TF_CLI_CONFIG_FILE: config,
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
      CHECKPOINT_DISABLE: "1",
    },
  };
}

/** Remote-state overrides for `terraform test`: each read returns its declared defaults. */
export function remoteStateOverrides(stackJson: Record<string, unknown>): { target: string; outputs: unknown }[] {
  const data = (stackJson.data ?? {}) as Record<string, Record<string, { defaults?: unknown }>>;
  return Object.entries(data.terraform_remote_state ?? {})
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, block]) => ({ target: `data.terraform_remote_state.${name}`, outputs: block.defaults ?? {} }));
}

/** Import-block targets: `terraform test` cannot import into a mocked provider. */
export function importTargets(stackJson: Record<string, unknown>): string[] {
  const imports = (stackJson.import ?? []) as { to: string }[];
  return imports.map((i) => i.to).sort();
}

/**
 * An override file that lifts `prevent_destroy` in the scratch copy only: `terraform test`
 * destroys what its runs applied, and protected data resources would fail that teardown.
 * The synthesized cdk.tf.json itself is not modified (tests assert the protection there).
 */
export function teardownOverride(stackJson: Record<string, unknown>): Record<string, unknown> | undefined {
  const resources = (stackJson.resource ?? {}) as Record<
    string,
    Record<string, { lifecycle?: { prevent_destroy?: boolean } }>
  >;
  const override: Record<string, Record<string, unknown>> = {};
  for (const [type, byName] of Object.entries(resources))
    for (const [name, body] of Object.entries(byName))
      if (body.lifecycle?.prevent_destroy) (override[type] ??= {})[name] = { lifecycle: { prevent_destroy: false } };
  return Object.keys(override).length ? { resource: override } : undefined;
}

/** Per data-source type, the values a mocked data source returns instead of random ones. */
export type MockData = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/**
 * A workspace's mock data defaults: `__tests__/terraform/<workspace>/mock-data.json`, for data
 * sources whose plan-time conditions fail on the mock's random/zero values (e.g. a VPC with DNS
 * support `false`, a subnet with 0 free IPs).
 */
export function workspaceMockData(workspace: string): MockData {
  const file = path.join(repoRoot(), "__tests__", "terraform", workspace, "mock-data.json");
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as MockData) : {};
}

/**
 * Mock values every workspace gets: the account's raised IAM quota (§14.10; a mocked number is
 * 0, which would fail the quota postcondition).
 */
export const DEFAULT_MOCK_DATA: MockData = { aws_servicequotas_service_quota: { value: 20 } };

/** Aliases of the `aws` providers a workspace declares (each needs a mock of its own). */
function awsProviderAliases(stackJson: Record<string, unknown>): (string | undefined)[] {
  const configs = ((stackJson.provider ?? {}) as Record<string, { alias?: string }[]>).aws ?? [{}];
  return configs.map((c) => c.alias).sort((a, b) => (a ?? "").localeCompare(b ?? ""));
}

/** One `mock_provider "aws"` block per provider alias of the workspace, with the mock data defaults. */
export function mockProviderBlocks(stackJson: Record<string, unknown>, workspaceData: MockData = {}): string[] {
  const mockData: MockData = { ...DEFAULT_MOCK_DATA, ...workspaceData };
  const types = Object.keys(mockData).sort();
  const lines: string[] = [];
  for (const alias of awsProviderAliases(stackJson))
    lines.push(
      'mock_provider "aws" {',
      ...(alias ? [`  alias = "${alias}"`] : []),
      ...types.map((t) => `  mock_data "${t}" {\n    defaults = ${JSON.stringify(mockData[t])}\n  }`),
      "}",
      "",
    );
  return lines;
}

/**
 * `override_data` for each remote-state read (its declared defaults, with `outputs(workspace)` laid
 * over them when given) and `override_resource` for each import target, indented for a run block
 * when `indent` is set.
 */
export function overrideBlocks(
  stackJson: Record<string, unknown>,
  outputs: (target: string) => Record<string, unknown> = () => ({}),
  indent = "",
): string[] {
  const lines: string[] = [];
  for (const o of remoteStateOverrides(stackJson))
    lines.push(
      `${indent}override_data {`,
      `${indent}  target = ${o.target}`,
      `${indent}  values = { outputs = ${JSON.stringify({ ...(o.outputs as object), ...outputs(o.target) })} }`,
      `${indent}}`,
    );
  for (const t of importTargets(stackJson))
    lines.push(`${indent}override_resource {`, `${indent}  target = ${t}`, `${indent}}`);
  return lines;
}

/**
 * The "upstream applied" checks of a consumer (workspaces/contracts/contract.ts): with remote
 * state returning placeholder defaults every one of them must fire, so runs expect them to fail.
 */
export function upstreamChecks(stackJson: Record<string, unknown>): string[] {
  return Object.keys((stackJson.check ?? {}) as Record<string, unknown>)
    .filter((name) => name.endsWith("_outputs_applied"))
    .sort()
    .map((name) => `check.${name}`);
}

/** The generated test file: apply the whole workspace against a mocked AWS provider. */
export function generatedTestFile(stackJson: Record<string, unknown>, workspaceData: MockData = {}): string {
  const lines = [...mockProviderBlocks(stackJson, workspaceData)];
  for (const block of overrideBlocks(stackJson)) lines.push(block, ...(block === "}" ? [""] : []));
  const checks = upstreamChecks(stackJson);
  lines.push('run "apply_workspace" {', "  command = apply");
  if (checks.length) lines.push(`  expect_failures = [${checks.join(", ")}]`);
  lines.push("}", "");
  return lines.join("\n");
}

export interface CheckResult {
  readonly workspace: string;
  readonly ok: boolean;
  readonly step?: "init" | "test";
  readonly output: string;
}

/**
 * Copies one synthesized workspace to a scratch dir with the generated test file (plus
 * `extraTestFiles`: further *.tftest.hcl files, each with its own mock_provider and runs).
 */
export function prepareWorkspace(stackDir: string, scratch: string, extraTestFiles: readonly string[] = []): string {
  const workspace = path.basename(stackDir);
  const dir = path.join(scratch, workspace);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "tests"), { recursive: true });
  const jsonText = fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8");
  fs.writeFileSync(path.join(dir, "cdk.tf.json"), jsonText);
  const stackJson = JSON.parse(jsonText) as Record<string, unknown>;
  fs.writeFileSync(
    path.join(dir, "tests", "workspace.tftest.hcl"),
    generatedTestFile(stackJson, workspaceMockData(workspace)),
  );
  const override = teardownOverride(stackJson);
  if (override) fs.writeFileSync(path.join(dir, "test_teardown_override.tf.json"), JSON.stringify(override, null, 2));
  for (const f of extraTestFiles) fs.copyFileSync(f, path.join(dir, "tests", path.basename(f)));
  return dir;
}

/**
 * No separate `terraform validate`: `terraform test` validates the configuration before its first
 * run and fails on what validate reports (`__tests__/terraform/terraform.test.ts` shows it), so a
 * second load of the provider schema per workspace would check nothing more.
 */
const STEPS: readonly { step: NonNullable<CheckResult["step"]>; args: string[] }[] = [
  { step: "init", args: ["init", "-backend=false", "-no-color", "-input=false"] },
  { step: "test", args: ["test", "-no-color"] },
];

/** init and test (which validates) one synthesized workspace (synchronously). */
export function checkWorkspace(
  stackDir: string,
  tf: TerraformEnv,
  scratch: string,
  extraTestFiles: readonly string[] = [],
): CheckResult {
  const workspace = path.basename(stackDir);
  const dir = prepareWorkspace(stackDir, scratch, extraTestFiles);
  for (const { step, args } of STEPS) {
    const r = spawnSync(tf.bin, args, { cwd: dir, env: tf.env, encoding: "utf8", timeout: 600_000 });
    if (r.status !== 0)
      return { workspace, ok: false, step, output: `${r.stdout ?? ""}\n${r.stderr ?? ""}\n${r.error ?? ""}` };
  }
  return { workspace, ok: true, output: "" };
}

/** Same as checkWorkspace, without blocking the event loop (so two can run at once). */
export async function checkWorkspaceAsync(
  stackDir: string,
  tf: TerraformEnv,
  scratch: string,
  extraTestFiles: readonly string[] = [],
): Promise<CheckResult> {
  const workspace = path.basename(stackDir);
  const dir = prepareWorkspace(stackDir, scratch, extraTestFiles);
  for (const { step, args } of STEPS) {
    const r = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(tf.bin, args, { cwd: dir, env: tf.env });
      let output = "";
      child.stdout.on("data", (d) => (output += d));
      child.stderr.on("data", (d) => (output += d));
      child.on("error", (e) => resolve({ code: -1, output: `${output}\n${e}` }));
      child.on("close", (code) => resolve({ code, output }));
    });
    if (r.code !== 0) return { workspace, ok: false, step, output: r.output };
  }
  return { workspace, ok: true, output: "" };
}

/** CLI: `node dist/scripts/terraform-offline.js [outdir]` checks every synthesized workspace. */
if (require.main === module) {
  const outdir = process.argv[2] || process.env.CDKTF_OUTDIR || "cdktf.out";
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tf-check-"));
  const tf = offlineTerraform(scratch);
  if ("skipped" in tf) {
    // In CI a skipped check must not look green: nothing was checked.
    console.error(`${process.env.CI ? "FAILED" : "SKIPPED"}: ${tf.skipped}`);
    process.exit(process.env.CI ? 1 : 0);
  }
  let failed = 0;
  for (const ws of fs.readdirSync(path.join(outdir, "stacks")).sort()) {
    if (ws === "tfc") {
      // The tfe provider is not in the offline mirror; its JSON is asserted by __tests__/workspaces/tfc.test.ts.
      console.log("skip tfc (Terraform Cloud workspace: the tfe provider is not in the offline mirror)");
      continue;
    }
    const r = checkWorkspace(path.join(outdir, "stacks", ws), tf, scratch);
    console.log(`${r.ok ? "ok  " : "FAIL"} ${ws}${r.ok ? "" : ` (${r.step})\n${r.output}`}`);
    if (!r.ok) failed++;
  }
  execFileSync("rm", ["-rf", scratch]);
  process.exit(failed ? 1 : 0);
}
