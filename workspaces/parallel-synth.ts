/**
 * Synthesis one workspace at a time, each in an App of its own, on the main thread and on
 * optional worker threads (SYNTH_WORKERS) that load the model from the same org texts and take
 * workspaces from a shared queue; the checks run where the JSON is, and only their findings
 * travel. The bytes are those of `synthesize` (one App for everything): a workspace reads no
 * other workspace, and the manifest is written here from the plan
 * (`__tests__/workspaces/parallel-synth.test.ts`).
 * Each App is dropped after its workspace, with its tokens (`releasingTokens`): memory holds the
 * model and one workspace, not the whole platform.
 */
import * as path from "path";
import { Worker } from "worker_threads";
import type { OrgModel } from "../org/model";
import type { OrgSource } from "../org/loader";
import { SynthesisRefused } from "../org/problems";
import { ValidationError } from "../modules/validation-error";
import { checkedRefusal, type WorkspaceCheck } from "../checks/output-checks";
import {
  resourceCounts,
  stagedOutput,
  synthesize,
  synthesizeWorkspace,
  workspacePlan,
  writeManifest,
  type PlannedWorkspace,
  type Progress,
  type SynthesisUnit,
  type WorkspaceSynthesis,
} from "./app";
import { TFC_WORKSPACE, TfcStack } from "./tfc";
import { cacheEnabled, SynthCache } from "./synth-cache";

/**
 * Worker threads `synthesizeOrg` starts beside the main thread, which synthesizes too:
 * `SYNTH_WORKERS`, else none. On the 2-core machines this was measured on, a second thread does
 * not pay: V8 already runs its garbage collector on the other core, and one worker adds about
 * 140 MB (bench/results: `oneWorker`). Set it where cores are plenty and memory is not.
 */
export function workerCount(env: NodeJS.ProcessEnv = process.env): number {
  const asked = env.SYNTH_WORKERS;
  if (asked === undefined || asked === "") return 0;
  const n = Number(asked);
  if (!Number.isInteger(n) || n < 0 || n > MAX_WORKERS)
    throw new ValidationError(`SYNTH_WORKERS must be a whole number from 0 to ${MAX_WORKERS}, not "${asked}"`);
  return n;
}

/** More threads than this only add memory: each holds the model and one workspace. */
const MAX_WORKERS = 16;

/**
 * Who synthesizes: `workers` worker threads (default `workerCount`) and the main thread
 * (default yes); and whether unchanged workspaces are reused (default `cacheEnabled`).
 */
export interface SynthesisThreads {
  readonly workers?: number;
  /** False leaves every workspace to the workers (tests of the worker path). */
  readonly mainThread?: boolean;
  readonly cache?: boolean;
}

/** What a synthesis wrote: managed resources per workspace. */
export interface Synthesized {
  readonly counts: Readonly<Record<string, number>>;
}

/**
 * Synthesizes the org into `outdir` (staged, swapped in only when every check passes), one
 * workspace at a time on the main thread and on `workers` worker threads. `sources` are the
 * texts `org` was loaded from. HCL output (SYNTH_HCL_OUTPUT) keeps cdktf's own path: one App.
 */
export async function synthesizeOrg(
  org: OrgModel,
  sources: readonly OrgSource[],
  outdir: string,
  progress: Progress = () => {},
  threads: SynthesisThreads = {},
): Promise<Synthesized> {
  if (["true", "1"].includes(process.env.SYNTH_HCL_OUTPUT ?? ""))
    return { counts: resourceCounts(synthesize(org, outdir, progress)) };
  const output = stagedOutput(outdir);
  try {
    const plan = workspacePlan(org);
    const workers = threads.workers ?? workerCount();
    const mainThread = threads.mainThread ?? true;
    const cache = (threads.cache ?? cacheEnabled()) ? new SynthCache(output.target) : undefined;
    const done = new Map<string, WorkspaceSynthesis>();
    for (const ws of plan) {
      const reused = cache?.reuse(ws.name, org, output.staging);
      if (reused) done.set(ws.name, reused);
    }
    const toBuild = plan.filter((ws) => !done.has(ws.name));
    const unchanged = done.size ? `, ${done.size} unchanged reused` : "";
    const built = await onThreads(
      toBuild,
      org,
      sources,
      output.staging,
      { workers, mainThread, record: !!cache },
      (n) =>
        progress(
          `synthesized ${n}/${toBuild.length} workspaces${unchanged}${workers ? ` on ${workers + (mainThread ? 1 : 0)} threads` : ""}`,
        ),
    );
    for (const [name, r] of built) done.set(name, r);
    const results = plan.map((ws) => done.get(ws.name)!);
    const manifestEntries: { name: string; dependencies: readonly string[] }[] = [...plan];
    if (org.backend.type === "cloud") {
      // Built last, from every workspace's reads, as buildApp does.
      const backend = org.backend;
      const reads = results.map((r) => ({ workspace: r.workspace, upstreamWorkspaces: r.upstreamWorkspaces }));
      const tfc: SynthesisUnit = {
        name: TFC_WORKSPACE,
        build: (app) => new TfcStack(app, { backend, company: org.platform.company, workspaces: reads }),
      };
      results.push(synthesizeWorkspace(tfc, org, output.staging));
      manifestEntries.push({ name: TFC_WORKSPACE, dependencies: [] });
    }
    progress("checking the rendered Terraform (render checks, guardrails)");
    const checks: Record<string, WorkspaceCheck> = {};
    for (const r of results) checks[r.workspace] = r.check;
    const refusal = checkedRefusal(checks, outdir);
    if (refusal) throw refusal;
    writeManifest(
      output.staging,
      manifestEntries,
      Object.fromEntries(results.map((r) => [r.workspace, r.annotations])),
    );
    cache?.save(output.staging, results);
    output.commit();
    const counts: Record<string, number> = {};
    for (const r of [...results].sort((a, b) => (a.workspace < b.workspace ? -1 : 1)))
      counts[r.workspace] = r.resources;
    return { counts };
  } finally {
    output.discard();
  }
}

/** The team workspaces and the registry hold most resources: started first, they balance the threads. */
function largestFirst(plan: readonly PlannedWorkspace[]): string[] {
  const weight = (name: string) => (name === "registry" ? 0 : name.startsWith("team-") ? 1 : 2);
  return plan.map((ws) => ws.name).sort((a, b) => weight(a) - weight(b));
}

/** Messages of the worker (workspaces/synth-worker.ts). */
export type WorkerMessage =
  | { readonly ready: true }
  | { readonly done: WorkspaceSynthesis }
  | { readonly failed: { readonly name: string; readonly message: string; readonly stack?: string } };

/** The worker's entry point: compiled JavaScript, also when this module runs under ts-jest. */
function workerFile(): string {
  const dir = __filename.endsWith(".ts") ? path.join(__dirname, "..", "dist", "workspaces") : __dirname;
  return path.join(dir, "synth-worker.js");
}

/**
 * Every workspace of the plan synthesized once, from one queue (largest first) that the main
 * thread and the workers take from: a worker gets its next workspace when it reports one done,
 * the main thread between two of its own.
 */
async function onThreads(
  plan: readonly PlannedWorkspace[],
  org: OrgModel,
  sources: readonly OrgSource[],
  outdir: string,
  { workers, mainThread, record: recordReads }: { workers: number; mainThread: boolean; record: boolean },
  progress: (done: number) => void,
): Promise<Map<string, WorkspaceSynthesis>> {
  if (!plan.length) return new Map();
  const byName = new Map(plan.map((ws) => [ws.name, ws]));
  const queue = largestFirst(plan);
  const done = new Map<string, WorkspaceSynthesis>();
  const threads: Worker[] = [];
  let failure: Error | undefined;
  let settle = () => {};
  const settled = new Promise<void>((resolve) => (settle = resolve));
  const record = (r: WorkspaceSynthesis) => {
    done.set(r.workspace, r);
    progress(done.size);
    if (done.size === plan.length) settle();
  };
  const fail = (e: Error) => {
    failure ??= e;
    settle();
  };
  try {
    if (!mainThread && workers < 1) throw new Error("synthesis needs the main thread or a worker thread");
    for (let i = 0; i < Math.min(workers, plan.length); i++) {
      const thread = new Worker(workerFile(), { workerData: { sources, outdir, recordReads } });
      threads.push(thread);
      const next = () => {
        const workspace = queue.shift();
        if (workspace !== undefined) thread.postMessage({ workspace });
      };
      thread.on("message", (m: WorkerMessage) => {
        if (failure) return;
        if ("failed" in m) return fail(rebuiltError(m.failed));
        if ("done" in m) record(m.done);
        next();
      });
      thread.on("error", fail);
      thread.on("exit", (code) => {
        if (done.size < plan.length) fail(new Error(`a synthesis thread stopped (exit code ${code})`));
      });
    }
    while (mainThread && queue.length && !failure) {
      const workspace = queue.shift()!;
      record(synthesizeWorkspace(byName.get(workspace)!, org, outdir, recordReads));
      // Lets the workers' reports in, so an idle worker gets its next workspace.
      if (threads.length) await new Promise((resolve) => setImmediate(resolve));
    }
    if (done.size < plan.length) await settled;
    if (failure) throw failure;
    return done;
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
}

/** The refusals main.ts prints without a stack keep their class across the thread boundary. */
function rebuiltError(e: { name: string; message: string; stack?: string }): Error {
  if (e.name === "ValidationError") return new ValidationError(e.message);
  if (e.name === "SynthesisRefused") return new SynthesisRefused(e.message);
  // The parent validated the same texts: a worker's OrgValidationError is printed like one.
  if (e.name === "OrgValidationError") return new SynthesisRefused(e.message);
  const error = new Error(e.message);
  error.stack = e.stack;
  return error;
}
