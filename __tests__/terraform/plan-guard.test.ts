/**
 * The destroy guard (platform-spec §10) on real Terraform plans: the foundation and team-rc
 * workspaces are planned offline (`plan -refresh=false -out`, then `terraform show -json`, as a
 * pipeline would) against local states left by an earlier apply holding
 *
 *   acme-sm-rc-legacy-scoring         (team-rc) bucket of a project purge-armed at the last apply, entry now deleted -> delete
 *   acme-sm-rc-anti-money-laundering  (team-rc) bucket of a project now listed in `decommissioned`            -> forget
 *   sm-admin-kim                      (foundation) an admin no longer in `admins`                              -> delete
 *
 * and plan-guard must refuse the plans until exactly those two destroyed names are approved.
 *
 * SKIPPED (loudly) where terraform or the provider mirror is absent.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { offlineTerraform } from "../../scripts/terraform-offline";
import { runPlanGuard } from "../../scripts/plan-guard";
import { buildApp } from "../../workspaces/app";
import { editExampleOrg } from "../support/org";
import { OfflinePlan, stateFile, stateResource } from "../support/offline-plan";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tf-plan-guard-"));
const tf = offlineTerraform(scratch);
const maybe = "skipped" in tf ? it.skip : it;
if ("skipped" in tf) console.warn(`\n!! SKIPPED: plan-guard on a real Terraform plan (${tf.skipped})\n`);

function guard(planJsons: string[], args: string[] = [], env: NodeJS.ProcessEnv = {}) {
  let out = "";
  const status = runPlanGuard([...planJsons, ...args], env, { out: (t) => (out += t), err: (t) => (out += t) });
  return { status, out };
}

describe("plan-guard on a real Terraform plan", () => {
  const planJson = [path.join(scratch, "foundation.json"), path.join(scratch, "team-rc.json")];

  beforeAll(() => {
    if ("skipped" in tf) return;
    const org = editExampleOrg({
      teams: (d) => {
        delete d.teams.rc.projects["anti-money-laundering"];
        d.teams.rc.decommissioned = ["anti-money-laundering"];
      },
    });
    const app = buildApp(org, path.join(scratch, "out")).app;
    app.synth();
    const root = path.join(scratch, "repo");
    const foundation = new OfflinePlan(tf, app, "foundation", root);
    foundation.writeState(
      stateFile(
        [
          stateResource("aws_iam_user", "admin-kim", {
            id: "sm-admin-kim",
            name: "sm-admin-kim",
            path: "/acme-sagemaker/",
            force_destroy: true,
          }),
        ],
        { "rc/anti-money-laundering": "protected", "rc/legacy-scoring": "purge-armed" },
        { buckets_moved: [] },
      ),
    );
    foundation.writeWorkspaceState("network", stateFile([], {}));
    const team = new OfflinePlan(tf, app, "team-rc", root, (json) => delete json.data.aws_servicequotas_service_quota);
    team.writeState(
      stateFile(
        [
          stateResource("aws_s3_bucket", "bucket-rc-legacy-scoring", {
            id: "acme-sm-rc-legacy-scoring",
            bucket: "acme-sm-rc-legacy-scoring",
            force_destroy: true,
          }),
          stateResource("aws_s3_bucket", "bucket-rc-anti-money-laundering", {
            id: "acme-sm-rc-anti-money-laundering",
            bucket: "acme-sm-rc-anti-money-laundering",
            force_destroy: false,
          }),
        ],
        {},
      ),
    );
    for (const [plan, file] of [
      [foundation, planJson[0]],
      [team, planJson[1]],
    ] as const) {
      plan.run(["plan", "-refresh=false", "-out=tfplan"]);
      fs.writeFileSync(file, plan.run(["show", "-json", "tfplan"]));
    }
  }, 300_000);

  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  maybe("refuses the plan without approval, naming the bucket and the IAM user it destroys", () => {
    const r = guard(planJson);
    expect(r.status).toBe(1);
    expect(r.out).toContain(
      "- acme-sm-rc-legacy-scoring (aws_s3_bucket.bucket-rc-legacy-scoring) PROTECTED, NOT APPROVED",
    );
    expect(r.out).toContain("force_destroy = true: every object version and delete marker is deleted with the bucket");
    expect(r.out).toContain("- sm-admin-kim (aws_iam_user.admin-kim) PROTECTED, NOT APPROVED");
    // The decommissioned bucket is forgotten, listed, and needs no approval.
    expect(r.out).toContain("x acme-sm-rc-anti-money-laundering (aws_s3_bucket.bucket-rc-anti-money-laundering)");
    expect(r.out).toContain("protected resources destroyed: 2\n");
    expect(r.out).toContain("--allow-destroy=sm-admin-kim,acme-sm-rc-legacy-scoring");
  });

  maybe("refuses a partial approval and a substring of the name", () => {
    expect(guard(planJson, ["--allow-destroy=acme-sm-rc-legacy-scoring"]).status).toBe(1);
    const r = guard(planJson, ["--allow-destroy=acme-sm-rc-legacy,sm-admin-kim"]);
    expect(r.status).toBe(1);
    expect(r.out).toContain(
      "aws_s3_bucket acme-sm-rc-legacy-scoring (team-rc: aws_s3_bucket.bucket-rc-legacy-scoring): NOT APPROVED",
    );
    expect(r.out).toContain("approval 'acme-sm-rc-legacy' matches no protected resource these plans destroy");
  });

  maybe("refuses an approval of the forgotten bucket, which is not destroyed", () => {
    const r = guard(planJson, [
      "--allow-destroy=acme-sm-rc-legacy-scoring,sm-admin-kim,acme-sm-rc-anti-money-laundering",
    ]);
    expect(r.status).toBe(1);
    expect(r.out).toContain("is planned to forget, which needs no approval");
  });

  maybe("passes with exactly the destroyed names, from the flag or from ALLOW_DESTROY", () => {
    const r = guard(planJson, ["--allow-destroy=acme-sm-rc-legacy-scoring,sm-admin-kim"]);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/PASSED: every destroyed protected resource is approved\.\n$/);
    expect(guard(planJson, [], { ALLOW_DESTROY: "sm-admin-kim acme-sm-rc-legacy-scoring" }).status).toBe(0);
  });
});
