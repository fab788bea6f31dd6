/**
 * The destroy guard (platform-spec §10) on a real Terraform plan: the foundation workspace is
 * planned offline (`plan -refresh=false -out`, then `terraform show -json`, as a pipeline would)
 * against a local state left by an earlier apply holding
 *
 *   acme-sm-rc-legacy-scoring   bucket of a project purge-armed at the last apply, entry now deleted -> delete
 *   acme-sm-algo-user-intent    bucket of a project now listed in `decommissioned`                 -> forget
 *   sm-admin-kim                an admin no longer in `admins`                                        -> delete
 *
 * and plan-guard must refuse the plan until exactly those two destroyed names are approved.
 *
 * SKIPPED (loudly) where terraform or the provider mirror is absent.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { offlineTerraform } from "../../scripts/terraform-offline";
import { runPlanGuard } from "../../scripts/plan-guard";
import { FoundationStack } from "../../workspaces/foundation";
import { editExampleOrg } from "../support/org";
import { OfflinePlan, stateFile, stateResource } from "../support/offline-plan";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tf-plan-guard-"));
const tf = offlineTerraform(scratch);
const maybe = "skipped" in tf ? it.skip : it;
if ("skipped" in tf) console.warn(`\n!! SKIPPED: plan-guard on a real Terraform plan (${tf.skipped})\n`);

function guard(planJson: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) {
  let out = "";
  const status = runPlanGuard([planJson, ...args], env, { out: (t) => (out += t), err: (t) => (out += t) });
  return { status, out };
}

describe("plan-guard on a real Terraform plan", () => {
  const planJson = path.join(scratch, "foundation.json");

  beforeAll(() => {
    if ("skipped" in tf) return;
    const org = editExampleOrg({
      teams: (d) => {
        delete d.teams.algo.projects["user-intent"];
        d.teams.algo.decommissioned = ["user-intent"];
      },
    });
    const app = new App({ outdir: path.join(scratch, "out") });
    new FoundationStack(app, org);
    app.synth();
    const plan = new OfflinePlan(tf, app, "foundation", path.join(scratch, "repo"));
    plan.writeState(
      stateFile(
        [
          stateResource("aws_s3_bucket", "bucket-rc-legacy-scoring", {
            id: "acme-sm-rc-legacy-scoring",
            bucket: "acme-sm-rc-legacy-scoring",
            force_destroy: true,
          }),
          stateResource("aws_s3_bucket", "bucket-algo-user-intent", {
            id: "acme-sm-algo-user-intent",
            bucket: "acme-sm-algo-user-intent",
            force_destroy: false,
          }),
          stateResource("aws_iam_user", "admin-kim", {
            id: "sm-admin-kim",
            name: "sm-admin-kim",
            path: "/acme-sagemaker/",
            force_destroy: true,
          }),
        ],
        { "algo/user-intent": "protected", "rc/legacy-scoring": "purge-armed" },
      ),
    );
    plan.run(["plan", "-refresh=false", "-out=tfplan"]);
    fs.writeFileSync(planJson, plan.run(["show", "-json", "tfplan"]));
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
    expect(r.out).toContain("x acme-sm-algo-user-intent (aws_s3_bucket.bucket-algo-user-intent)");
    expect(r.out).toContain("protected resources destroyed: 2\n");
    expect(r.out).toContain("--allow-destroy=sm-admin-kim,acme-sm-rc-legacy-scoring");
  });

  maybe("refuses a partial approval and a substring of the name", () => {
    expect(guard(planJson, ["--allow-destroy=acme-sm-rc-legacy-scoring"]).status).toBe(1);
    const r = guard(planJson, ["--allow-destroy=acme-sm-rc-legacy,sm-admin-kim"]);
    expect(r.status).toBe(1);
    expect(r.out).toContain(
      "aws_s3_bucket acme-sm-rc-legacy-scoring (foundation: aws_s3_bucket.bucket-rc-legacy-scoring): NOT APPROVED",
    );
    expect(r.out).toContain("approval 'acme-sm-rc-legacy' matches no protected resource these plans destroy");
  });

  maybe("refuses an approval of the forgotten bucket, which is not destroyed", () => {
    const r = guard(planJson, ["--allow-destroy=acme-sm-rc-legacy-scoring,sm-admin-kim,acme-sm-algo-user-intent"]);
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
