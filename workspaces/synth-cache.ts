/**
 * The synthesis cache: a workspace whose build would read the same answers from the model as
 * last time, with the same code and settings, is not built again; its `cdk.tf.json` and check
 * results are taken from the previous output. What a build read is recorded through a view of
 * the model (workspaces/read-log.ts). The cache lives in the output directory
 * (`<outdir>/.synth-cache/`), so it goes with the output it describes; a file of the previous
 * output that no longer has the recorded hash is built again. Off with `SYNTH_CACHE=0`, and by
 * default where `CI` is set (a pipeline synthesizes from a clean checkout anyway).
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { OrgModel } from "../org/model";
import { sameReads, type Read } from "./read-log";
import type { WorkspaceSynthesis } from "./app";

const DIR = ".synth-cache";
/** What a workspace's output depends on besides the model and the code. */
const SETTINGS = ["CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS", "SYNTH_HCL_OUTPUT"];
/** The code a workspace build runs: ours (compiled or not) and the pinned dependencies. */
const CODE_DIRS = ["catalog", "checks", "modules", "org", "workspaces"];

interface Entry {
  readonly version: string;
  readonly sha256: string;
  readonly reads: readonly Read[];
  readonly result: Omit<WorkspaceSynthesis, "reads">;
}

/** Whether synthesis uses the cache: `SYNTH_CACHE` (0 or 1), else on unless `CI` is set. */
export function cacheEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.SYNTH_CACHE === "0") return false;
  if (env.SYNTH_CACHE === "1") return true;
  return !env.CI;
}

let codeHash: string | undefined;

/** A hash of the code a workspace build runs (computed once per process) and of the settings. */
export function cacheVersion(env: NodeJS.ProcessEnv = process.env): string {
  if (!codeHash) {
    const hash = createHash("sha256");
    const root = path.join(__dirname, "..");
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(js|ts|json)$/.test(e.name)) hash.update(`${path.relative(root, p)}\0`).update(fs.readFileSync(p));
      }
    };
    for (const dir of CODE_DIRS) walk(path.join(root, dir));
    const lock = [path.join(root, "package-lock.json"), path.join(root, "..", "package-lock.json")].find((f) =>
      fs.existsSync(f),
    );
    if (lock) hash.update(fs.readFileSync(lock));
    codeHash = hash.digest("hex");
  }
  return `${codeHash}:${JSON.stringify(SETTINGS.map((k) => env[k] ?? null))}`;
}

/** The previous output's cache, read against the model and code of this synthesis. */
export class SynthCache {
  private readonly reused = new Map<string, Entry>();

  constructor(
    private readonly previous: string,
    private readonly version: string = cacheVersion(),
  ) {}

  /**
   * The previous result of `workspace` when it is still what a build would produce, its file
   * copied into `staging`; undefined (build it) otherwise.
   */
  reuse(workspace: string, org: OrgModel, staging: string): WorkspaceSynthesis | undefined {
    let entry: Entry;
    let text: Buffer;
    try {
      entry = JSON.parse(fs.readFileSync(path.join(this.previous, DIR, `${workspace}.json`), "utf8")) as Entry;
      if (entry.version !== this.version || !sameReads(org, entry.reads)) return undefined;
      text = fs.readFileSync(path.join(this.previous, "stacks", workspace, "cdk.tf.json"));
    } catch {
      return undefined;
    }
    if (createHash("sha256").update(text).digest("hex") !== entry.sha256) return undefined;
    fs.mkdirSync(path.join(staging, "stacks", workspace), { recursive: true });
    fs.writeFileSync(path.join(staging, "stacks", workspace, "cdk.tf.json"), text);
    this.reused.set(workspace, entry);
    return entry.result;
  }

  /** Writes the cache of the new output: reused entries as they were, built ones from their reads. */
  save(staging: string, results: readonly WorkspaceSynthesis[]): void {
    const dir = path.join(staging, DIR);
    fs.mkdirSync(dir, { recursive: true });
    for (const r of results) {
      const old = this.reused.get(r.workspace);
      if (!old && (!r.reads || !r.sha256)) continue;
      const { reads, ...result } = r;
      const entry: Entry = old ?? { version: this.version, sha256: r.sha256!, reads: reads!, result };
      fs.writeFileSync(path.join(dir, `${r.workspace}.json`), JSON.stringify(entry));
    }
  }
}
