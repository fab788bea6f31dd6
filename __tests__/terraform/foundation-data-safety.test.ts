/**
 * Data safety of project buckets, shown on a real Terraform plan: the synthesized foundation
 * workspace is planned offline (`plan -refresh=false`, fake credentials) in the layout
 * `npm run synth` produces, against a local state that already holds five project buckets and
 * the `retained_projects` output of the previous apply:
 *
 *   active            kept (update in place at most)      retired           kept, prevent_destroy
 *   retired + purge   update: force_destroy -> true       decommissioned    forget (removed block)
 *   entry deleted, protected at the last apply            the plan FAILS (retention guard)
 *   entry deleted, purge-armed at the last apply          delete (the purge flow's second step)
 *
 * The guard reads the very state file the backend uses; with no state yet (first plan of a new
 * deployment) it has nothing to compare and the plan goes through.
 *
 * SKIPPED (loudly) where terraform or the provider mirror is absent.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { offlineTerraform } from "../../scripts/terraform-offline";
import { FoundationStack } from "../../workspaces/foundation";
import { editExampleOrg } from "../support/org";
import { guardMessage, OfflinePlan, plannedActions, stateFile, stateResource } from "../support/offline-plan";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tf-foundation-safety-"));
const tf = offlineTerraform(scratch);
const maybe = "skipped" in tf ? it.skip : it;
if ("skipped" in tf) process.stderr.write(`\n!! SKIPPED: foundation data-safety plan (${tf.skipped})\n`);

const addresses = {
  active: "bucket-algo-recommendation-engine",
  retired: "bucket-rc-anti-money-laundering",
  purge: "bucket-rc-fraud-detection",
  decommissioned: "bucket-algo-user-intent",
  deletedEntry: "bucket-rc-legacy-scoring",
};

/** What the previous apply left: the five buckets and its `retained_projects` output. */
function previousState(legacyScoring: "protected" | "purge-armed") {
  const purgeArmed = legacyScoring === "purge-armed";
  return stateFile(
    Object.values(addresses).map((name) => {
      const bucket = name.replace(/^bucket-/, "acme-sm-");
      return stateResource("aws_s3_bucket", name, {
        id: bucket,
        bucket,
        force_destroy: purgeArmed && name === addresses.deletedEntry,
      });
    }),
    {
      "algo/recommendation-engine": "protected",
      "algo/user-intent": "protected",
      "rc/anti-money-laundering": "protected",
      "rc/fraud-detection": "protected",
      "rc/legacy-scoring": legacyScoring,
    },
  );
}

describe("foundation data safety on a Terraform plan", () => {
  let plan: OfflinePlan;

  beforeAll(() => {
    if ("skipped" in tf) return;
    // Retire one project, arm the purge of another, decommission a third; rc/legacy-scoring is gone.
    const org = editExampleOrg({
      teams: (d) => {
        const rc = d.teams.rc.projects;
        rc["anti-money-laundering"].status = "retired";
        rc["fraud-detection"].status = "retired";
        rc["fraud-detection"].bucket = { purge: true };
        delete d.teams.algo.projects["user-intent"];
        d.teams.algo.decommissioned = ["user-intent"];
      },
    });
    const app = new App({ outdir: path.join(scratch, "out") });
    new FoundationStack(app, org);
    app.synth();
    plan = new OfflinePlan(tf, app, "foundation", path.join(scratch, "repo"));
  }, 300_000);

  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  maybe(
    "a project deleted while protected at the last apply fails the plan, naming it and the ways out",
    () => {
      plan.writeState(previousState("protected"));
      const diagnostics = plan.failedPlan();
      expect(diagnostics).toContain("Resource precondition failed");
      const message = guardMessage(diagnostics);
      expect(message).toMatch(
        /^Data would be destroyed: rc\/legacy-scoring had data in the foundation workspace at its last apply/,
      );
      // Declared, decommissioned and purge-armed projects are accounted for.
      expect(message).not.toMatch(/user-intent|fraud-detection|anti-money-laundering|recommendation-engine/);
      expect(message).toContain("teams.<team>.decommissioned");
      expect(message).toContain("bucket: { purge: true }");
    },
    300_000,
  );

  maybe(
    "purge-armed at the last apply: the bucket is deleted; active and retired kept, purge arms force_destroy, decommissioned forgotten",
    () => {
      plan.writeState(previousState("purge-armed"));
      const p = plan.plan();
      const bucket = (name: string) =>
        p.resource_changes.find((c: any) => c.address === `aws_s3_bucket.${name}`).change;

      for (const kept of [addresses.active, addresses.retired]) {
        expect(bucket(kept).actions).toEqual(["update"]);
        expect(bucket(kept).after.force_destroy).toBe(false);
      }
      expect(bucket(addresses.purge).actions).toEqual(["update"]);
      expect(bucket(addresses.purge).after.force_destroy).toBe(true);
      expect(bucket(addresses.decommissioned).actions).toEqual(["forget"]);
      expect(bucket(addresses.deletedEntry).actions).toEqual(["delete"]);
      // Nothing else is destroyed or forgotten.
      const touched = Object.entries(plannedActions(p))
        .filter(([, actions]) => actions.includes("delete") || actions.includes("forget"))
        .map(([address]) => address)
        .sort();
      expect(touched).toEqual([`aws_s3_bucket.${addresses.decommissioned}`, `aws_s3_bucket.${addresses.deletedEntry}`]);
      // The next plan compares against this apply's projects: rc/fraud-detection is now purge-armed.
      expect(p.planned_values.outputs.retained_projects.value).toEqual({
        "algo/recommendation-engine": "protected",
        "rc/anti-money-laundering": "protected",
        "rc/fraud-detection": "purge-armed",
      });
    },
    300_000,
  );

  maybe(
    "the first plan of a new deployment (no state file yet) goes through",
    () => {
      plan.writeState(undefined);
      expect(plannedActions(plan.plan())["terraform_data.retention-guard"]).toEqual(["create"]);
    },
    300_000,
  );
});
