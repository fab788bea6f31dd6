/**
 * Data safety of model package groups and project ECR repositories, on a real offline Terraform
 * plan of the registry workspace (the foundation test's twin), against a local state holding a
 * model group and a `training` repository for five projects and the previous `retained_projects`:
 *
 *   declared (active or retired)   kept
 *   decommissioned                 forget (removed blocks), like the foundation's bucket
 *   entry deleted, protected at the last apply     the plan FAILS (retention guard)
 *   entry deleted, purge-armed at the last apply   delete (the purge flow's second step)
 *
 * SKIPPED (loudly) where terraform or the provider mirror is absent.
 */
import { registryStackProps } from "../../workspaces/props";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { offlineTerraform } from "../../scripts/terraform-offline";
import { RegistryStack } from "../../workspaces/registry";
import { editExampleOrg } from "../support/org";
import { guardMessage, OfflinePlan, plannedActions, stateFile, stateResource } from "../support/offline-plan";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tf-registry-safety-"));
const tf = offlineTerraform(scratch);
const maybe = "skipped" in tf ? it.skip : it;
if ("skipped" in tf) process.stderr.write(`\n!! SKIPPED: registry data-safety plan (${tf.skipped})\n`);

/** `{team}-{project}` -> `{teamFullName}/{project}` (the group description). */
const PROJECTS: Record<string, string> = {
  "algo-recommendation-engine": "algorithm/recommendation-engine",
  "algo-user-intent": "algorithm/user-intent",
  "rc-anti-money-laundering": "risk-control/anti-money-laundering",
  "rc-fraud-detection": "risk-control/fraud-detection",
  "rc-legacy-scoring": "risk-control/legacy-scoring",
};

function previousState(legacyScoring: "protected" | "purge-armed") {
  const purgeArmed = legacyScoring === "purge-armed";
  return stateFile(
    // Every replacement-forcing attribute as the earlier apply set it, so kept resources plan no replacement.
    Object.entries(PROJECTS).flatMap(([p, description]) => [
      stateResource("aws_sagemaker_model_package_group", `model-group-${p}`, {
        id: p,
        model_package_group_name: p,
        model_package_group_description: `Models for ${description}`,
        arn: `arn:aws:sagemaker:ap-northeast-1:123456789012:model-package-group/${p}`,
      }),
      stateResource("aws_ecr_repository", `ecr-${p}-training`, {
        id: `acme-sm-${p}-training`,
        name: `acme-sm-${p}-training`,
        encryption_configuration: [{ encryption_type: "AES256", kms_key: "" }],
        force_delete: purgeArmed && p === "rc-legacy-scoring",
      }),
    ]),
    {
      "algo/recommendation-engine": "protected",
      "algo/user-intent": "protected",
      "rc/anti-money-laundering": "protected",
      "rc/fraud-detection": "protected",
      "rc/legacy-scoring": legacyScoring,
    },
  );
}

describe("registry data safety on a Terraform plan", () => {
  let plan: OfflinePlan;

  beforeAll(() => {
    if ("skipped" in tf) return;
    const org = editExampleOrg({
      platform: (d) => (d.registry.ecr.createProjectRepos = true),
      teams: (d) => {
        const rc = d.teams.rc.projects;
        rc["anti-money-laundering"].status = "retired";
        rc["fraud-detection"].status = "retired";
        rc["fraud-detection"].registry = { purge: true };
        delete d.teams.algo.projects["user-intent"];
        d.teams.algo.decommissioned = ["user-intent"];
      },
    });
    const app = new App({ outdir: path.join(scratch, "out") });
    new RegistryStack(app, registryStackProps(org));
    app.synth();
    plan = new OfflinePlan(tf, app, "registry", path.join(scratch, "repo"));
  }, 300_000);

  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  maybe(
    "a project deleted while protected at the last apply fails the plan, naming it and the registry purge flag",
    () => {
      plan.writeState(previousState("protected"));
      const message = guardMessage(plan.failedPlan());
      expect(message).toMatch(
        /^Data would be destroyed: rc\/legacy-scoring had data in the registry workspace at its last apply .* would destroy the model package group and project ECR repositories of each/,
      );
      expect(message).not.toMatch(/user-intent|fraud-detection|anti-money-laundering|recommendation-engine/);
      expect(message).toContain("registry: { purge: true }");
    },
    300_000,
  );

  maybe(
    "purge-armed at the last apply: its group and repository are deleted; decommissioned ones forgotten; nothing else",
    () => {
      plan.writeState(previousState("purge-armed"));
      const p = plan.plan();
      const touched = Object.entries(plannedActions(p))
        .filter(([, actions]) => actions.includes("delete") || actions.includes("forget"))
        .map(([address, actions]) => `${actions.join("+")} ${address}`)
        .sort();
      expect(touched).toEqual([
        "delete aws_ecr_repository.ecr-rc-legacy-scoring-training",
        "delete aws_sagemaker_model_package_group.model-group-rc-legacy-scoring",
        "forget aws_ecr_repository.ecr-algo-user-intent-training",
        "forget aws_sagemaker_model_package_group.model-group-algo-user-intent",
      ]);
      expect(p.planned_values.outputs.retained_projects.value).toEqual({
        "algo/recommendation-engine": "protected",
        "rc/anti-money-laundering": "protected",
        "rc/fraud-detection": "purge-armed",
      });
    },
    300_000,
  );
});
