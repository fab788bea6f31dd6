/**
 * One synthesis thread of `synthesizeOrg` (workspaces/parallel-synth.ts): loads the model from
 * the org texts it is given, then synthesizes each workspace the parent sends, one at a time.
 */
import { parentPort, workerData } from "worker_threads";
import { loadOrgFromSources, type OrgSource } from "../org/loader";
import { synthesizeWorkspace, workspacePlan, type PlannedWorkspace } from "./app";
import type { WorkerMessage } from "./parallel-synth";

const { sources, outdir } = workerData as { sources: OrgSource[]; outdir: string };
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
const failed = (e: unknown): WorkerMessage => {
  const error = e instanceof Error ? e : new Error(String(e));
  return { failed: { name: error.name, message: error.message, stack: error.stack } };
};

let plan: Map<string, PlannedWorkspace>;
try {
  plan = new Map(workspacePlan(loadOrgFromSources(sources)).map((ws) => [ws.name, ws]));
  post({ ready: true });
} catch (e) {
  post(failed(e));
}
parentPort!.on("message", ({ workspace }: { workspace: string }) => {
  try {
    post({ done: synthesizeWorkspace(plan.get(workspace)!, outdir) });
  } catch (e) {
    post(failed(e));
  }
});
