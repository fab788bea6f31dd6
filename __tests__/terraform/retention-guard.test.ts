/**
 * The retention guard with a Terraform Cloud backend, where the workspace always reads its own
 * state: `terraform test` runs of __tests__/terraform/retention-guard/<workspace>-cloud.tftest.hcl
 * stand in the previous apply's `retained_projects` with override_data (protected project deleted
 * -> expect_failures on the guard; first apply, decommissioned, purge-armed -> plan passes), next
 * to the generated test that applies the whole workspace. The foundation file also runs the team
 * guard (a dropped team: removed + decommissionedTeams -> passes; still active or not
 * decommissioned -> expect_failures on the guard); the domain and domain-algo files the homes
 * guard. Every file but domain-algo's also runs the company pin, and the domain's the domain-identity pin (modules/state/pinned-value.ts). The local backend is proven on real
 * plans in foundation-data-safety.test.ts and registry-data-safety.test.ts.
 *
 * SKIPPED (loudly) where terraform or the provider mirror is absent.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkWorkspace, offlineTerraform } from "../../scripts/terraform-offline";
import { editExampleOrg } from "../support/org";
import { synthOrg } from "../support/synth";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tf-retention-guard-"));
const tf = offlineTerraform(scratch);
const maybe = "skipped" in tf ? it.skip : it;
if ("skipped" in tf) process.stderr.write(`\n!! SKIPPED: retention guard terraform tests (${tf.skipped})\n`);

describe("retention guard on terraform test (Terraform Cloud backend)", () => {
  const out = synthOrg(
    editExampleOrg({
      platform: (d) => {
        d.backend = { type: "cloud", organization: "acme", workspacePrefix: "sagemaker-" };
        // The company pin's runs: the company was renamed from oldco in this change.
        d.platform.companyRenamedFrom = "oldco";
      },
      teams: (d) => {
        delete d.teams.algo.projects["user-intent"];
        d.teams.algo.decommissioned = ["user-intent"];
        // The team guard's runs: a team "ops" was removed and its entry deleted.
        d.decommissionedTeams = ["ops"];
        // The homes guard's runs: eve's and frank's homes in user-intent are acknowledged.
        d.deleteHomes = ["algo/user-intent/eve", "algo/user-intent/frank"];
      },
    }),
  );
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  maybe.each(["foundation", "registry", "domain", "domain-algo"])(
    "%s",
    (workspace) => {
      if ("skipped" in tf) return;
      const r = checkWorkspace(path.join(out.outdir, "stacks", workspace), tf, scratch, [
        path.join(__dirname, "retention-guard", `${workspace}-cloud.tftest.hcl`),
      ]);
      if (!r.ok) throw new Error(`terraform ${r.step} failed for ${workspace}:\n${r.output}`);
      expect(r.ok).toBe(true);
    },
    300_000,
  );
});
