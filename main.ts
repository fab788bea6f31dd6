/**
 * Entry point: org files -> validated model -> every workspace's Terraform JSON.
 *   ORG_FILE       people file (default org/teams.yaml)
 *   PLATFORM_FILE  platform file (default org/platform.yaml; optional when ORG_FILE has every section)
 *   CDKTF_OUTDIR   output directory (default cdktf.out)
 */
import { loadOrg, orgFilesFromEnv } from "./org/loader";
import { OrgValidationError, SynthesisRefused } from "./org/problems";
import { synthesize } from "./workspaces/app";

function main(): number {
  try {
    const org = loadOrg(orgFilesFromEnv());
    const outdir = process.env.CDKTF_OUTDIR || "cdktf.out";
    const { stacks } = synthesize(org, outdir);
    const names = [...stacks.map((s) => s.workspace), ...(org.backend.type === "cloud" ? ["tfc"] : [])];
    console.log(`synthesized ${names.length} workspaces into ${outdir}/stacks: ${names.join(", ")}`);
    return 0;
  } catch (e) {
    if (e instanceof OrgValidationError || e instanceof SynthesisRefused) {
      console.error(e.message);
      return 1;
    }
    throw e;
  }
}

process.exitCode = main();
