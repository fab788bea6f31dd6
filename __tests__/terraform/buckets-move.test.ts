/**
 * Issue 14, bounded workspaces: the upgrade that moves every project bucket from the `foundation`
 * workspace into its team's `team-<id>` workspace destroys nothing. Planned offline (mocked AWS
 * provider, Terraform Cloud backend) against the state a mocked apply of the previous release's
 * `foundation` left: `fixtures/foundation-before-buckets-move.tf.json`, synthesized by that release
 * (commit 2912981; its foundation is unchanged up to 27d88f0) from the example org.
 *
 * - `foundation` with `storage.moveBucketsToTeamWorkspaces`: every part of every project bucket is
 *   forgotten (`removed`, destroy = false), nothing is destroyed, the shared bucket stays, and
 *   `buckets_moved` lists every project whose bucket it held;
 * - `foundation` without the setting: `terraform_data.buckets-in-foundation` refuses the plan;
 * - `team-rc`, with the setting: imports every part of its projects' buckets, before the
 *   foundation's apply (read from its ledger) and after it (`buckets_moved`), and creates the
 *   bucket of a project new in the same change; without the setting it refuses too.
 *
 * SKIPPED (loudly) where terraform or the provider mirror is absent.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { offlineTerraform } from "../../scripts/terraform-offline";
import { addressesOf, PROJECT_BUCKET_TYPES, synthCloudExample, type StackJson } from "../support/synth";
import { expectPassed, literalOutputs, planEdits, planFirstRuns, plannedChanges } from "../support/edit-plans";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tf-buckets-move-"));
const tf = offlineTerraform(scratch);
const maybe = "skipped" in tf ? it.skip : it;
if ("skipped" in tf) process.stderr.write(`\n!! SKIPPED: buckets-move plans (${tf.skipped})\n`);
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const before: StackJson = JSON.parse(
  fs.readFileSync(path.join(__dirname, "fixtures", "foundation-before-buckets-move.tf.json"), "utf8"),
);
const retained: Record<string, string> = before.output.retained_projects.value;

type Doc = any;
const synth = (moving: boolean, teams?: (d: Doc) => void) =>
  synthCloudExample((d) => {
    if (moving) d.storage.moveBucketsToTeamWorkspaces = true;
  }, teams);

/** Addresses of the project buckets' parts in a workspace (the shared bucket excluded). */
const projectBucketAddresses = (json: StackJson) =>
  addressesOf(json, PROJECT_BUCKET_TYPES).filter((a) => !a.includes(".bucket-shared"));

describe("moving the project buckets out of the foundation workspace (offline plans)", () => {
  const moving = synth(true);
  const notMoving = synth(false);

  it("keeps every bucket's address: the previous foundation's are the team workspaces' addresses", () => {
    expect(
      [...projectBucketAddresses(moving["team-rc"]), ...projectBucketAddresses(moving["team-algo"])].sort(),
    ).toEqual(projectBucketAddresses(before));
    expect(projectBucketAddresses(moving.foundation)).toEqual([]);
    for (const ws of ["foundation", "team-rc", "team-algo"]) expect(notMoving[ws].import).toBeUndefined();
  });

  maybe(
    "foundation: forgets every project bucket, destroys nothing; without the setting the plan is refused",
    async () => {
      if ("skipped" in tf) return;
      const results = await planEdits(tf, scratch, "foundation", before, literalOutputs({ foundation: before }), [
        { name: "move_buckets", json: moving.foundation, refusedBy: [] },
        {
          name: "upgrade_without_setting",
          json: notMoving.foundation,
          refusedBy: ["terraform_data.buckets-in-foundation"],
        },
      ]);
      expectPassed(results, ["baseline", "baseline_replan", "move_buckets", "upgrade_without_setting"]);
      const moved = projectBucketAddresses(before);
      expect(moved.length).toBeGreaterThan(4 * 5);
      const planned = plannedChanges(results.move_buckets, moved);
      expect(Object.keys(planned).sort()).toEqual(moved);
      for (const [address, change] of Object.entries<any>(planned))
        expect({ address, actions: change.actions }).toEqual({ address, actions: ["forget"] });
      const deleted = (results.move_buckets.plan.resource_changes as any[]).filter((c) =>
        c.change.actions.includes("delete"),
      );
      expect(deleted.map((c) => c.address)).toEqual([]);
      expect(results.move_buckets.plan.output_changes.buckets_moved.after).toEqual(Object.keys(retained).sort());
    },
    600_000,
  );

  maybe(
    "team-rc: imports its buckets before and after the foundation's apply, creates a new one; refuses without the setting",
    async () => {
      if ("skipped" in tf) return;
      const withNew = synth(true, (d) => {
        d.teams.rc.projects["credit-scoring"] = { members: ["alice"] };
      });
      const foundationApplied = { foundation: { retained_projects: retained, buckets_moved: Object.keys(retained) } };
      const results = await planFirstRuns(tf, scratch, "team-rc", [
        // A pull request's plan: the foundation still holds the buckets.
        {
          name: "before_foundation_apply",
          json: moving["team-rc"],
          refusedBy: [],
          outputs: { foundation: { retained_projects: retained } },
        },
        { name: "after_foundation_apply", json: moving["team-rc"], refusedBy: [], outputs: foundationApplied },
        { name: "new_project_same_change", json: withNew["team-rc"], refusedBy: [], outputs: foundationApplied },
        {
          name: "upgrade_without_setting",
          json: notMoving["team-rc"],
          refusedBy: ["terraform_data.buckets-in-foundation"],
          outputs: { foundation: { retained_projects: retained } },
        },
      ]);
      expectPassed(results, [
        "before_foundation_apply",
        "after_foundation_apply",
        "new_project_same_change",
        "upgrade_without_setting",
      ]);
      const rc = projectBucketAddresses(moving["team-rc"]);
      for (const run of ["before_foundation_apply", "after_foundation_apply"]) {
        const planned = plannedChanges(results[run], rc);
        expect(Object.keys(planned).sort()).toEqual(rc);
        for (const [address, change] of Object.entries<any>(planned)) {
          const marker = /^aws_s3_object\./.test(address);
          expect({ run, address, importing: change.importing?.id }).toEqual({
            run,
            address,
            importing: marker
              ? expect.stringMatching(/^acme-sm-rc-[a-z-]+\/[a-z0-9/_-]+\/$/)
              : expect.stringMatching(/^acme-sm-rc-(fraud-detection|anti-money-laundering)$/),
          });
          expect(change.actions).not.toContain("create");
          expect(change.actions).not.toContain("delete");
        }
      }
      const fresh = plannedChanges(results.new_project_same_change, projectBucketAddresses(withNew["team-rc"]));
      for (const [address, change] of Object.entries<any>(fresh))
        if (address.includes("bucket-rc-credit-scoring"))
          expect({ address, actions: change.actions, importing: change.importing }).toEqual({
            address,
            actions: ["create"],
            importing: undefined,
          });
        else expect({ address, importing: typeof change.importing?.id }).toEqual({ address, importing: "string" });
      expect(Object.keys(fresh).filter((a) => a.includes("bucket-rc-credit-scoring")).length).toBeGreaterThan(4);
    },
    600_000,
  );
});
