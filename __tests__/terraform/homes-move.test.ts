/**
 * Issue 14, bounded workspaces: the upgrade that moves every Studio home from the `domain`
 * workspace into its team's `domain-<team>` workspace destroys nothing. Planned offline (mocked AWS
 * provider, Terraform Cloud backend) against the state a mocked apply of the previous release's
 * `domain` workspace left: `fixtures/domain-before-homes-move.tf.json`, synthesized by that release
 * (commit 2912981) from the example org.
 *
 * - `domain` with `studio.moveHomesOutOfDomain`: every profile and space is forgotten (`removed`,
 *   destroy = false), nothing is destroyed, and `moved_homes` lists every home it held;
 * - `domain` without the setting: its homes guard refuses the plan (it would delete every home);
 * - each `domain-<team>`, first plan, with the setting: imports exactly its team's homes the domain
 *   held, before the domain's apply (read from `live_homes`) and after it (`moved_homes`), and
 *   creates a home that is new in the same change.
 *
 * SKIPPED (loudly) where terraform or the provider mirror is absent.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { offlineTerraform } from "../../scripts/terraform-offline";
import { addressesOf, synthCloudExample, type StackJson } from "../support/synth";
import { expectPassed, literalOutputs, planEdits, planFirstRuns, type RunResult } from "../support/edit-plans";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tf-homes-move-"));
const tf = offlineTerraform(scratch);
const maybe = "skipped" in tf ? it.skip : it;
if ("skipped" in tf) process.stderr.write(`\n!! SKIPPED: homes-move plans (${tf.skipped})\n`);
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const HOME_TYPES = ["aws_sagemaker_user_profile", "aws_sagemaker_space"];
const before: StackJson = JSON.parse(
  fs.readFileSync(path.join(__dirname, "fixtures", "domain-before-homes-move.tf.json"), "utf8"),
);
const beforeHomes: Record<string, string> = before.output.live_homes.value;
const homesOfTeam = (team: string) => Object.keys(beforeHomes).filter((k) => k.startsWith(`${team}/`));

type Doc = any;
const synth = (moving: boolean, teams?: (d: Doc) => void) =>
  synthCloudExample((d) => {
    if (moving) d.studio.moveHomesOutOfDomain = true;
  }, teams);

/** Planned changes of the homes' resource types: address -> change. */
const homeChanges = (r: RunResult) =>
  Object.fromEntries(
    (r.plan?.resource_changes ?? [])
      .filter((c: any) => HOME_TYPES.includes(c.type))
      .map((c: any) => [c.address, c.change]),
  );
const homeAddresses = (json: StackJson) => addressesOf(json, HOME_TYPES);

describe("moving the Studio homes out of the domain workspace (offline plans)", () => {
  const moving = synth(true);
  const notMoving = synth(false);

  it("keeps every home's address: the previous domain's addresses are the team workspaces' addresses", () => {
    expect([...homeAddresses(moving["domain-rc"]), ...homeAddresses(moving["domain-algo"])].sort()).toEqual(
      homeAddresses(before),
    );
    // Without the setting, no Studio workspace forgets or imports anything.
    for (const [ws, json] of Object.entries(notMoving))
      if (ws === "domain" || ws.startsWith("domain-"))
        expect({ ws, removed: json.removed, import: json.import }).toEqual({
          ws,
          removed: undefined,
          import: undefined,
        });
  });

  maybe(
    "domain: forgets every profile and space, destroys nothing; without the setting the homes guard refuses",
    async () => {
      if ("skipped" in tf) return;
      const bobLeaves = (named: boolean) =>
        synth(true, (d) => {
          delete d.teams.rc.users.bob;
          const p = d.teams.rc.projects["fraud-detection"];
          p.members = p.members.filter((m: any) => (typeof m === "string" ? m : m.name) !== "bob");
          if (named) d.deleteHomes = ["rc/fraud-detection/bob"];
        }).domain;
      const runs = ["baseline", "baseline_replan", "move_homes", "upgrade_without_setting"];
      const results = await planEdits(tf, scratch, "domain", before, literalOutputs({ domain: before }), [
        { name: "move_homes", json: moving.domain, refusedBy: [] },
        { name: "upgrade_without_setting", json: notMoving.domain, refusedBy: ["terraform_data.homes-guard"] },
        // A person leaving in the same change: the home goes only when named.
        { name: "move_and_delete_named_home", json: bobLeaves(true), refusedBy: [] },
        { name: "move_and_delete_unnamed_home", json: bobLeaves(false), refusedBy: ["terraform_data.homes-guard"] },
      ]);
      expectPassed(results, [...runs, "move_and_delete_named_home", "move_and_delete_unnamed_home"]);
      const changes = homeChanges(results.move_homes);
      expect(Object.keys(changes).sort()).toEqual(homeAddresses(before));
      for (const [address, change] of Object.entries<any>(changes))
        expect({ address, actions: change.actions }).toEqual({ address, actions: ["forget"] });
      const deleted = (results.move_homes.plan.resource_changes as any[]).filter((c) =>
        c.change.actions.includes("delete"),
      );
      expect(deleted.map((c) => c.address)).toEqual([]);
      expect(results.move_homes.plan.output_changes.moved_homes.after).toEqual(Object.keys(beforeHomes).sort());
      const withBob = homeChanges(results.move_and_delete_named_home);
      for (const [address, change] of Object.entries<any>(withBob))
        expect({ address, actions: change.actions }).toEqual({
          address,
          actions: address.includes("fraud-detection-bob_") ? ["delete"] : ["forget"],
        });
      expect(Object.keys(withBob).filter((a) => a.includes("fraud-detection-bob_"))).toHaveLength(2);
    },
    600_000,
  );

  maybe(
    "domain-<team>: imports its team's homes before and after the domain's apply, creates a new one",
    async () => {
      if ("skipped" in tf) return;
      const withDave = synth(true, (d) => {
        d.teams.rc.users.dave = {};
        d.teams.rc.projects["fraud-detection"].members.push("dave");
      });
      const domainApplied = { domain: { live_homes: {}, moved_homes: Object.keys(beforeHomes).sort() } };
      const results = await planFirstRuns(tf, scratch, "domain-rc", [
        // A pull request's plan: the domain still holds the homes.
        {
          name: "before_domain_apply",
          json: moving["domain-rc"],
          refusedBy: [],
          outputs: { domain: { live_homes: beforeHomes } },
        },
        { name: "after_domain_apply", json: moving["domain-rc"], refusedBy: [], outputs: domainApplied },
        { name: "new_member_same_change", json: withDave["domain-rc"], refusedBy: [], outputs: domainApplied },
      ]);
      expectPassed(results, ["before_domain_apply", "after_domain_apply", "new_member_same_change"]);
      const rcAddresses = homeAddresses(moving["domain-rc"]);
      expect(rcAddresses).toHaveLength(2 * homesOfTeam("rc").length);
      for (const run of ["before_domain_apply", "after_domain_apply"]) {
        const changes = homeChanges(results[run]);
        expect(Object.keys(changes).sort()).toEqual(rcAddresses);
        for (const [address, change] of Object.entries<any>(changes)) {
          expect({ run, address, importing: change.importing?.id }).toEqual({
            run,
            address,
            importing: expect.stringMatching(
              /^arn:aws:sagemaker:ap-northeast-1:123456789012:(user-profile|space)\/d-000000000000\/(profile|space)-rc-/,
            ),
          });
          expect(change.actions).not.toContain("create");
          expect(change.actions).not.toContain("delete");
        }
      }
      const withNew = homeChanges(results.new_member_same_change);
      for (const [address, change] of Object.entries<any>(withNew))
        if (address.includes("-dave_")) {
          expect({ address, actions: change.actions, importing: change.importing }).toEqual({
            address,
            actions: ["create"],
            importing: undefined,
          });
        } else expect({ address, importing: typeof change.importing?.id }).toEqual({ address, importing: "string" });
      expect(Object.keys(withNew).filter((a) => a.includes("-dave_"))).toHaveLength(2);
    },
    600_000,
  );
});
