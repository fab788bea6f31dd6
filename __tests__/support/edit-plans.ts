/**
 * Plans of org-file edits against the state a mocked apply of a baseline org left, offline:
 * one `terraform test` file per workspace applies the baseline (mocked AWS provider), then plans
 * each edited configuration against that same state (`state_key`), reading every remote state as
 * the baseline's last apply published it (its literal outputs: ledgers and pins). A run that
 * expects guards to refuse it lists them in `expect_failures`; any other failure fails the run.
 *
 * A mocked provider cannot tell an in-place update from a replacement (it has no schema
 * knowledge of ForceNew); replacements of data are proven on real-provider plans elsewhere.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import {
  mockProviderBlocks,
  overrideBlocks,
  teardownOverride,
  upstreamChecks,
  workspaceMockData,
  type TerraformEnv,
} from "../../scripts/terraform-offline";
import type { StackJson } from "./synth";

export interface EditRun {
  /** Run name (`[a-z0-9_]+`). */
  readonly name: string;
  /** The edited workspace's Terraform JSON. */
  readonly json: StackJson;
  /** Guard addresses (`terraform_data.<id>`) expected to fail this plan. */
  readonly refusedBy: readonly string[];
  /**
   * Other workspaces' outputs as this run reads them, by workspace.
   * @default the baseline's previous outputs
   */
  readonly outputs?: Readonly<Record<string, Record<string, unknown>>>;
}

export interface RunResult {
  readonly status: "pass" | "fail" | "skip" | "error";
  /** `terraform show -json`-shaped plan of a passing plan run. */
  readonly plan?: any;
  readonly diagnostics: string[];
}

/** The baseline's literal outputs per workspace (ledgers, pins), as its last apply published them. */
export function literalOutputs(stacks: Record<string, StackJson>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [ws, json] of Object.entries(stacks)) {
    out[ws] = {};
    for (const [name, o] of Object.entries<any>(json.output ?? {}))
      if (!JSON.stringify(o.value).includes("${")) out[ws][name] = o.value;
  }
  return out;
}

/** `data.terraform_remote_state.remote-<workspace>` -> `<workspace>`. */
const producer = (target: string) => target.replace(/^data\.terraform_remote_state\.remote-/, "");

function runBlock(
  name: string,
  json: StackJson,
  opts: { command: "apply" | "plan"; module?: string; outputs: (ws: string) => Record<string, unknown> },
  refusedBy: readonly string[],
): string[] {
  const expected = [...upstreamChecks(json), ...refusedBy];
  return [
    `run "${name}" {`,
    `  command   = ${opts.command}`,
    '  state_key = "workspace"',
    ...(opts.module ? [`  module {`, `    source = "./${opts.module}"`, `  }`] : []),
    ...overrideBlocks(json, (target) => opts.outputs(producer(target)), "  "),
    ...(expected.length ? [`  expect_failures = [${expected.join(", ")}]`] : []),
    "}",
    "",
  ];
}

function writeConfig(dir: string, json: StackJson): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(json, null, 2));
  const override = teardownOverride(json);
  if (override) fs.writeFileSync(path.join(dir, "test_teardown_override.tf.json"), JSON.stringify(override));
}

/**
 * Applies `baseline` (workspace `workspace`), re-plans it unchanged (run `baseline_replan`), then
 * plans every edit against the applied state. Resolves with each run's result by name.
 */
export async function planEdits(
  tf: TerraformEnv,
  scratch: string,
  workspace: string,
  baseline: StackJson,
  previousOutputs: Record<string, Record<string, unknown>>,
  edits: readonly EditRun[],
): Promise<Record<string, RunResult>> {
  const dir = path.join(scratch, workspace);
  fs.rmSync(dir, { recursive: true, force: true });
  writeConfig(dir, baseline);
  const lines = [...mockProviderBlocks(baseline, workspaceMockData(workspace))];
  // The first apply reads nothing back (every remote state returns its defaults).
  lines.push(...runBlock("baseline", baseline, { command: "apply", outputs: () => ({}) }, []));
  const previous = (ws: string) => previousOutputs[ws] ?? {};
  lines.push(...runBlock("baseline_replan", baseline, { command: "plan", outputs: previous }, []));
  for (const edit of edits) {
    writeConfig(path.join(dir, edit.name), edit.json);
    lines.push(
      ...runBlock(
        edit.name,
        edit.json,
        { command: "plan", module: edit.name, outputs: (ws) => edit.outputs?.[ws] ?? previous(ws) },
        edit.refusedBy,
      ),
    );
  }
  return runTestFile(tf, dir, workspace, lines);
}

/**
 * Plans each configuration as a workspace's first plan (empty state), in a root module of its own:
 * Terraform allows `import` blocks only there. Resolves with each run's result by name.
 */
export async function planFirstRuns(
  tf: TerraformEnv,
  scratch: string,
  workspace: string,
  runs: readonly EditRun[],
): Promise<Record<string, RunResult>> {
  const results: Record<string, RunResult> = {};
  for (const run of runs) {
    const dir = path.join(scratch, `${workspace}-${run.name}`);
    fs.rmSync(dir, { recursive: true, force: true });
    writeConfig(dir, run.json);
    const lines = [
      ...mockProviderBlocks(run.json, workspaceMockData(workspace)),
      ...runBlock(run.name, run.json, { command: "plan", outputs: (ws) => run.outputs?.[ws] ?? {} }, run.refusedBy),
    ];
    Object.assign(results, await runTestFile(tf, dir, workspace, lines));
  }
  return results;
}

/** Writes `lines` as the test file of `dir`, runs `terraform test` there and parses each run. */
async function runTestFile(
  tf: TerraformEnv,
  dir: string,
  workspace: string,
  lines: readonly string[],
): Promise<Record<string, RunResult>> {
  fs.mkdirSync(path.join(dir, "tests"));
  fs.writeFileSync(path.join(dir, "tests", "edits.tftest.hcl"), lines.join("\n"));

  const init = await terraform(tf, dir, ["init", "-backend=false", "-no-color", "-input=false"]);
  if (init.code !== 0) throw new Error(`terraform init failed for ${workspace}:\n${init.output}`);
  const test = await terraform(tf, dir, ["test", "-json", "-verbose", "-no-color"]);
  const results: Record<string, { status: RunResult["status"]; plan?: any; diagnostics: string[] }> = {};
  for (const line of test.output.split("\n")) {
    if (!line.startsWith("{")) continue;
    const m = JSON.parse(line);
    const run: string | undefined = m["@testrun"];
    const error = m.type === "diagnostic" && m["@level"] === "error";
    if (!run) {
      if (error) (results["(file)"] ??= { status: "error", diagnostics: [] }).diagnostics.push(diagnosticText(m));
      continue;
    }
    const r = (results[run] ??= { status: "error", diagnostics: [] });
    if (m.type === "test_run" && m.test_run?.progress === "complete") r.status = m.test_run.status;
    if (m.type === "test_plan") r.plan = m.test_plan;
    if (error) r.diagnostics.push(diagnosticText(m));
  }
  if (results["(file)"])
    throw new Error(`terraform test failed for ${workspace}:\n${results["(file)"].diagnostics.join("\n")}`);
  return results;
}

function diagnosticText(m: any): string {
  return `${m.diagnostic?.summary ?? m["@message"]}: ${m.diagnostic?.detail ?? ""}`.trim();
}

function terraform(tf: TerraformEnv, cwd: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(tf.bin, args, { cwd, env: tf.env });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", (e) => resolve({ code: -1, output: `${output}\n${e}` }));
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** Addresses whose planned actions destroy (delete or replace) or forget the resource. */
export function destroyedOrForgotten(plan: any): { address: string; type: string; name: string; actions: string[] }[] {
  return (plan?.resource_changes ?? [])
    .filter((c: any) => c.mode === "managed")
    .filter((c: any) => c.change.actions.includes("delete") || c.change.actions.includes("forget"))
    .map((c: any) => ({ address: c.address, type: c.type, name: c.name, actions: c.change.actions }));
}

/** Every address whose planned actions are not a no-op. */
export function changedAddresses(plan: any): string[] {
  return (plan?.resource_changes ?? [])
    .filter((c: any) => !(c.change.actions.length === 1 && ["no-op", "read"].includes(c.change.actions[0])))
    .map((c: any) => c.address);
}

/** Each run passed with no diagnostic (a failure shows the run's name and diagnostics). */
export function expectPassed(results: Record<string, RunResult>, runs: readonly string[]): void {
  for (const run of runs)
    expect({ run, status: results[run]?.status, diagnostics: results[run]?.diagnostics }).toEqual({
      run,
      status: "pass",
      diagnostics: [],
    });
}

/** A run's planned changes of the given addresses: address -> change. */
export function plannedChanges(r: RunResult, addresses: readonly string[]): Record<string, any> {
  return Object.fromEntries(
    (r.plan?.resource_changes ?? [])
      .filter((c: any) => addresses.includes(c.address))
      .map((c: any) => [c.address, c.change]),
  );
}
