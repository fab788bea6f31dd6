/**
 * Data safety of project buckets, shown on real Terraform plans: the synthesized workspaces are
 * planned offline (`plan -refresh=false`, fake credentials) in the layout `npm run synth` produces.
 * The buckets live in their team's workspace, their retention ledger in the foundation's state:
 *
 *   active            kept (update in place at most)      retired           kept, prevent_destroy
 *   retired + purge   update: force_destroy -> true       decommissioned    forget (removed block)
 *   entry deleted, protected at the last apply            both plans FAIL (retention guard in the
 *                                                         foundation, bucket-policy guard in the team)
 *   entry deleted, purge-armed at the last apply          delete (the purge flow's second step)
 *
 * The guards read the very state files the backends use; with no state yet (first plan of a new
 * deployment) they have nothing to compare and the plans go through.
 *
 * SKIPPED (loudly) where terraform or the provider mirror is absent.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { offlineTerraform } from "../../scripts/terraform-offline";
import { buildApp } from "../../workspaces/app";
import { editExampleOrg } from "../support/org";
import { guardMessage, OfflinePlan, plannedActions, stateFile, stateResource } from "../support/offline-plan";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tf-foundation-safety-"));
const tf = offlineTerraform(scratch);
const maybe = "skipped" in tf ? it.skip : it;
if ("skipped" in tf) process.stderr.write(`\n!! SKIPPED: bucket data-safety plans (${tf.skipped})\n`);

const addresses = {
  active: "bucket-algo-recommendation-engine",
  retired: "bucket-rc-anti-money-laundering",
  purge: "bucket-rc-fraud-detection",
  decommissioned: "bucket-algo-user-intent",
  deletedEntry: "bucket-rc-legacy-scoring",
};

/** The foundation's ledger of the previous apply (`buckets_moved`: a state of this release). */
function ledger(legacyScoring: "protected" | "purge-armed") {
  return {
    "algo/recommendation-engine": "protected",
    "algo/user-intent": "protected",
    "rc/anti-money-laundering": "protected",
    "rc/fraud-detection": "protected",
    "rc/legacy-scoring": legacyScoring,
  };
}
const foundationState = (legacyScoring: "protected" | "purge-armed") =>
  stateFile([], ledger(legacyScoring), { buckets_moved: [] });

/** What the previous apply of a team workspace left: its project buckets. */
function teamState(team: "rc" | "algo", legacyScoring: "protected" | "purge-armed") {
  const purgeArmed = legacyScoring === "purge-armed";
  return stateFile(
    Object.values(addresses)
      .filter((name) => name.startsWith(`bucket-${team}-`))
      .map((name) => {
        const bucket = name.replace(/^bucket-/, "acme-sm-");
        return stateResource("aws_s3_bucket", name, {
          id: bucket,
          bucket,
          force_destroy: purgeArmed && name === addresses.deletedEntry,
        });
      }),
    {},
  );
}

/** Plans only what needs no AWS call: the account's quota is read by a data source. */
const withoutQuotaLookup = (json: any) => {
  delete json.data.aws_servicequotas_service_quota;
};

describe("bucket data safety on Terraform plans", () => {
  const plans: Record<string, OfflinePlan> = {};

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
    const app: App = buildApp(org, path.join(scratch, "out")).app;
    app.synth();
    const root = path.join(scratch, "repo");
    for (const ws of ["foundation", "team-rc", "team-algo"])
      plans[ws] = new OfflinePlan(tf, app, ws, root, ws === "foundation" ? undefined : withoutQuotaLookup);
    // The team workspaces read the network's outputs; its defaults stand in for them.
    plans.foundation.writeWorkspaceState("network", stateFile([], {}));
  }, 300_000);

  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  maybe(
    "a project deleted while protected at the last apply fails both plans, naming it and the ways out",
    () => {
      plans.foundation.writeState(foundationState("protected"));
      const diagnostics = plans.foundation.failedPlan();
      expect(diagnostics).toContain("Resource precondition failed");
      const message = guardMessage(diagnostics);
      expect(message).toMatch(
        /^Data would be destroyed: rc\/legacy-scoring had data in the foundation workspace at its last apply/,
      );
      // Declared, decommissioned and purge-armed projects are accounted for.
      expect(message).not.toMatch(/user-intent|fraud-detection|anti-money-laundering|recommendation-engine/);
      expect(message).toContain("teams.<team>.decommissioned");
      expect(message).toContain("bucket: { purge: true }");

      plans["team-rc"].writeState(teamState("rc", "protected"));
      const team = plans["team-rc"].failedPlan();
      expect(guardMessage(team)).toMatch(
        /^Data would be destroyed: rc\/legacy-scoring still had a protected bucket at the foundation's last apply/,
      );
    },
    300_000,
  );

  maybe(
    "purge-armed at the last apply: the bucket is deleted; active and retired kept, purge arms force_destroy, decommissioned forgotten",
    () => {
      plans.foundation.writeState(foundationState("purge-armed"));
      const foundation = plans.foundation.plan();
      // The next plan compares against this apply's projects: rc/fraud-detection is now purge-armed.
      expect(foundation.planned_values.outputs.retained_projects.value).toEqual({
        "algo/recommendation-engine": "protected",
        "rc/anti-money-laundering": "protected",
        "rc/fraud-detection": "purge-armed",
      });
      const changes: Record<string, any> = {};
      const touched: string[] = [];
      for (const team of ["rc", "algo"] as const) {
        plans[`team-${team}`].writeState(teamState(team, "purge-armed"));
        const p = plans[`team-${team}`].plan();
        for (const c of p.resource_changes.filter((c: any) => c.type === "aws_s3_bucket")) changes[c.name] = c.change;
        touched.push(
          ...Object.entries(plannedActions(p))
            .filter(([, actions]) => actions.includes("delete") || actions.includes("forget"))
            .map(([address]) => address),
        );
      }
      for (const kept of [addresses.active, addresses.retired]) {
        expect(changes[kept].actions).toEqual(["update"]);
        expect(changes[kept].after.force_destroy).toBe(false);
      }
      expect(changes[addresses.purge].actions).toEqual(["update"]);
      expect(changes[addresses.purge].after.force_destroy).toBe(true);
      expect(changes[addresses.decommissioned].actions).toEqual(["forget"]);
      expect(changes[addresses.deletedEntry].actions).toEqual(["delete"]);
      // Nothing else is destroyed or forgotten.
      expect(touched.sort()).toEqual([
        `aws_s3_bucket.${addresses.decommissioned}`,
        `aws_s3_bucket.${addresses.deletedEntry}`,
      ]);
    },
    300_000,
  );

  maybe(
    "the first plan of a new deployment (no state files yet) goes through",
    () => {
      plans.foundation.writeState(undefined);
      expect(plannedActions(plans.foundation.plan())["terraform_data.retention-guard"]).toEqual(["create"]);
      plans["team-rc"].writeState(undefined);
      expect(plannedActions(plans["team-rc"].plan())["terraform_data.bucket-policy-guard"]).toEqual(["create"]);
    },
    300_000,
  );
});
