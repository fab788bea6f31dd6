/**
 * Data safety of project buckets, shown on a real Terraform plan: the synthesized foundation
 * workspace is planned offline (`plan -refresh=false`, fake credentials) against a state that
 * already holds five project buckets, and the planned action of each bucket is asserted:
 *
 *   active            kept (update in place at most)      retired           kept, prevent_destroy
 *   retired + purge   update: force_destroy -> true       decommissioned    forget (removed block)
 *   entry deleted without `decommissioned`: delete -- the hazard the list exists for.
 *
 * SKIPPED (loudly) where terraform or the provider mirror is absent.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { offlineTerraform } from "../../scripts/terraform-offline";
import { FoundationStack } from "../../workspaces/foundation";
import { editExampleOrg } from "../support/org";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tf-foundation-safety-"));
const tf = offlineTerraform(scratch);
const maybe = "skipped" in tf ? it.skip : it;
if ("skipped" in tf) process.stderr.write(`\n!! SKIPPED: foundation data-safety plan (${tf.skipped})\n`);

const PROVIDER = 'provider["registry.terraform.io/hashicorp/aws"]';
/** A bucket as an earlier apply left it in state: address `bucket-{team}-{project}`, name `acme-sm-…`. */
const stateBucket = (name: string) => {
  const bucket = name.replace(/^bucket-/, "acme-sm-");
  return {
    mode: "managed",
    type: "aws_s3_bucket",
    name,
    provider: PROVIDER,
    instances: [{ schema_version: 0, attributes: { id: bucket, bucket, force_destroy: false } }],
  };
};

describe("foundation data safety on a Terraform plan", () => {
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  maybe(
    "active and retired buckets are kept, purge arms force_destroy, decommissioned buckets are forgotten",
    () => {
      if ("skipped" in tf) return;
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
      const dir = path.join(scratch, "plan");
      fs.mkdirSync(dir, { recursive: true });
      const json = JSON.parse(fs.readFileSync(path.join(scratch, "out", "stacks", "foundation", "cdk.tf.json"), "utf8"));
      // Plan without a backend or an account guard: the credentials are fake.
      delete json.terraform.backend;
      delete json.provider.aws[0].allowed_account_ids;
      fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(json));
      fs.writeFileSync(
        path.join(dir, "offline_override.tf.json"),
        JSON.stringify({
          provider: { aws: [{ skip_credentials_validation: true, skip_requesting_account_id: true, skip_metadata_api_check: true }] },
        }),
      );
      const addresses: Record<string, string> = {
        active: "bucket-algo-recommendation-engine",
        retired: "bucket-rc-anti-money-laundering",
        purge: "bucket-rc-fraud-detection",
        decommissioned: "bucket-algo-user-intent",
        deletedEntry: "bucket-rc-legacy-scoring",
      };
      fs.writeFileSync(
        path.join(dir, "terraform.tfstate"),
        JSON.stringify({
          version: 4,
          terraform_version: "1.11.4",
          serial: 1,
          lineage: "6f1c1a52-0000-4000-8000-000000000001",
          outputs: {},
          resources: Object.values(addresses).map(stateBucket),
        }),
      );
      const env = { ...tf.env, AWS_ACCESS_KEY_ID: "AKIAOFFLINEPLAN0000", AWS_SECRET_ACCESS_KEY: "offline", AWS_EC2_METADATA_DISABLED: "true" };
      const run = (args: string[]) => {
        const r = spawnSync(tf.bin, args, { cwd: dir, env, encoding: "utf8", timeout: 300_000 });
        if (r.status !== 0) throw new Error(`terraform ${args[0]} failed:\n${r.stdout}\n${r.stderr}`);
        return r.stdout;
      };
      run(["init", "-backend=false", "-no-color", "-input=false"]);
      run(["plan", "-refresh=false", "-no-color", "-input=false", "-out=plan.bin"]);
      const plan = JSON.parse(run(["show", "-json", "plan.bin"]));
      const change = (name: string) => plan.resource_changes.find((c: any) => c.address === `aws_s3_bucket.${name}`)?.change;

      for (const kept of [addresses.active, addresses.retired]) {
        expect(change(kept).actions).toEqual(["update"]);
        expect(change(kept).after.force_destroy).toBe(false);
      }
      expect(change(addresses.purge).actions).toEqual(["update"]);
      expect(change(addresses.purge).after.force_destroy).toBe(true);
      expect(change(addresses.decommissioned).actions).toEqual(["forget"]);
      expect(change(addresses.deletedEntry).actions).toEqual(["delete"]);
      // Nothing else is destroyed or forgotten.
      const touched = plan.resource_changes
        .filter((c: any) => c.change.actions.some((a: string) => a === "delete" || a === "forget"))
        .map((c: any) => c.address)
        .sort();
      expect(touched).toEqual([`aws_s3_bucket.${addresses.decommissioned}`, `aws_s3_bucket.${addresses.deletedEntry}`]);
    },
    300_000,
  );
});
