/**
 * Entry point: org files -> validated model -> every workspace's Terraform JSON.
 *   ORG_FILE       people file (default org/teams.yaml)
 *   PLATFORM_FILE  platform file (default org/platform.yaml; optional when ORG_FILE has every section)
 *   CDKTF_OUTDIR   output directory (default cdktf.out)
 *   SYNTH_WORKERS  worker threads beside the main thread (default 0; workspaces/parallel-synth.ts)
 *   SYNTH_CACHE    0: build every workspace (default: reuse unchanged ones, except where CI is set)
 * `--quiet` (or QUIET=1): no progress and no summary. Progress goes to a terminal's stderr only.
 */
import { loadOrgFromSources, orgFilesFromEnv, readOrgSources } from "./org/loader";
import { OrgValidationError, SynthesisRefused } from "./org/problems";
import { synthesizeOrg } from "./workspaces/parallel-synth";
import { ValidationError } from "./modules/validation-error";

async function main(): Promise<number> {
  const quiet = process.argv.includes("--quiet") || process.env.QUIET === "1";
  const live = !quiet && process.stderr.isTTY;
  const started = Date.now();
  // One overwritten status line on a terminal; nothing in logs or pipes.
  const progress = (step: string) => live && process.stderr.write(`\r\x1b[K${step}`);
  try {
    const sources = readOrgSources(orgFilesFromEnv());
    const org = loadOrgFromSources(sources);
    const outdir = process.env.CDKTF_OUTDIR || "cdktf.out";
    const { counts } = await synthesizeOrg(org, sources, outdir, progress);
    if (live) process.stderr.write("\r\x1b[K");
    if (quiet) return 0;
    const resources = Object.values(counts).reduce((a, b) => a + b, 0);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `synthesized ${Object.keys(counts).length} workspaces (${resources.toLocaleString("en-US")} resources) into ${outdir}/stacks in ${seconds} s: ` +
        Object.entries(counts)
          .map(([ws, n]) => `${ws} ${n}`)
          .join(", "),
    );
    return 0;
  } catch (e) {
    // Refusals with a message an operator can act on: no stack trace.
    if (e instanceof OrgValidationError || e instanceof SynthesisRefused || e instanceof ValidationError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  }
}

void main().then((code) => {
  process.exitCode = code;
});
