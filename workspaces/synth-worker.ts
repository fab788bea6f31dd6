/**
 * One synthesis thread of `synthesizeOrg` (workspaces/parallel-synth.ts): loads the model from
 * the org texts it is given, then synthesizes each workspace the parent sends, one at a time.
 */
import { parentPort, workerData } from "worker_threads";
import { loadOrgFromSources, type OrgSource } from "../org/loader";
import { synthesizeWorkspace, workspacePlan, type PlannedWorkspace } from "./app";
import type { WorkerMessage } from "./parallel-synth";
import type { OrgModel } from "../org/model";

const { sources, outdir, recordReads } = workerData as { sources: OrgSource[]; outdir: string; recordReads: boolean };
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
const failed = (e: unknown): WorkerMessage => {
  const error = e instanceof Error ? e : new Error(String(e));
  return { failed: { name: error.name, message: error.message, stack: error.stack } };
};

let org: OrgModel;
let plan: Map<string, PlannedWorkspace>;
try {
  org = loadOrgFromSources(sources);
  plan = new Map(workspacePlan(org).map((ws) => [ws.name, ws]));
  post({ ready: true });
} catch (e) {
  post(failed(e));
}
parentPort!.on("message", ({ workspace }: { workspace: string }) => {
  try {
    post({ done: synthesizeWorkspace(plan.get(workspace)!, org, outdir, recordReads) });
  } catch (e) {
    post(failed(e));
  }
});
