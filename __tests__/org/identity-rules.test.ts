/** org/rules/identity.ts: IAM quotas, console-login secrets and the VPC-deny exemption, reported with YAML locations. */
import type { OrgSource } from "../../org/loader";
import instanceCatalog from "../../catalog/sagemaker-instance-types.json";
import { editedExampleSources, problemsIn } from "../support/org";

/** 1-based line of the first line of `text` containing `needle`. */
function lineOf(source: OrgSource, needle: string): number {
  const i = source.text.split("\n").findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`'${needle}' not in ${source.path}`);
  return i + 1;
}

describe("identity rules", () => {
  it("the example org is valid", () => {
    expect(problemsIn(editedExampleSources({}))).toEqual([]);
  });

  it("an ExecutionRole above identity.managedPoliciesPerRoleQuota is reported at the project key", () => {
    const sources = editedExampleSources({ platform: (d) => (d.identity.managedPoliciesPerRoleQuota = 10) });
    const problems = problemsIn(sources).filter((p) => p.message.includes("managed policies"));
    expect(problems.map((p) => p.path).sort()).toEqual([
      "teams.algo.projects.recommendation-engine",
      "teams.algo.projects.user-intent",
      "teams.rc.projects.anti-money-laundering",
      "teams.rc.projects.fraud-detection",
    ]);
    const fraud = problems.find((p) => p.path === "teams.rc.projects.fraud-detection")!;
    expect(fraud.file).toBe("org/teams.yaml");
    expect(fraud.line).toBe(lineOf(sources[0], "  fraud-detection:"));
    expect(fraud.message).toMatch(
      /SageMaker-RiskControl-FraudDetection-ExecutionRole needs 13 managed policies .*identity.managedPoliciesPerRoleQuota is 10:/,
    );
  });

  it("the count follows the features and the whitelist: 10 fits the default quota", () => {
    const sources = editedExampleSources({
      platform: (d) => {
        d.identity.managedPoliciesPerRoleQuota = 10;
        d.features.canvas = false;
      },
      teams: (d) => {
        d.teams.algo.projects["user-intent"].instanceWhitelist = "unrestricted";
      },
    });
    // 13 - 4 Canvas = 9 for restricted projects; unrestricted user-intent: 8.
    expect(problemsIn(sources).filter((p) => p.message.includes("managed policies"))).toEqual([]);
  });

  it("an oversized policy is reported with the project's location", () => {
    // Every real app and training instance type: the whitelist statement outgrows a managed policy.
    const custom = [...new Set([...instanceCatalog.apps, ...instanceCatalog.training])].filter(
      (t) => t !== "ml.t3.medium" && t !== "system",
    );
    const sources = editedExampleSources({
      teams: (d) =>
        (d.teams.algo.projects["user-intent"].instanceWhitelist = { custom: [...custom, "ml.t3.medium", "system"] }),
    });
    const problem = problemsIn(sources).find((p) => /would be \d+ characters/.test(p.message));
    expect(problem).toMatchObject({ file: "org/teams.yaml", path: "teams.algo.projects.user-intent" });
    expect(problem!.line).toBe(lineOf(sources[0], '"user-intent": {'));
    expect(problem!.message).toMatch(/would be \d{4,} characters; the limit is 6144/);
  });

  it("console login of a team user without identity.pgpKey is rejected at the user's consoleLogin", () => {
    const sources = editedExampleSources({ platform: (d) => delete d.identity.pgpKey });
    const problem = problemsIn(sources).find((p) => p.path === "teams.rc.users.alice.consoleLogin");
    expect(problem).toBeDefined();
    expect(problem!.line).toBe(lineOf(sources[0], "alice: { consoleLogin: true }"));
    expect(problem!.message).toMatch(/needs identity.pgpKey/);
  });

  it("consoleLoginDefault without a key blames every user that inherits it", () => {
    const sources = editedExampleSources({
      platform: (d) => {
        delete d.identity.pgpKey;
        d.identity.consoleLoginDefault = true;
      },
    });
    const paths = problemsIn(sources)
      .filter((p) => p.message.includes("from identity.consoleLoginDefault") && p.path.startsWith("teams."))
      .map((p) => p.path);
    expect(paths).toContain("teams.algo.users.david");
  });

  it("restrictToVpc without a deployer exemption is rejected (§11.12)", () => {
    const problems = problemsIn(editedExampleSources({ platform: (d) => (d.storage.restrictToVpc = true) }));
    expect(problems).toContainEqual(
      expect.objectContaining({ path: "storage.restrictToVpc", file: "org/platform.yaml" }),
    );
    const fixed = problemsIn(
      editedExampleSources({
        platform: (d) => {
          d.storage.restrictToVpc = true;
          d.identity.deployerPrincipalArns = ["arn:aws:iam::123456789012:role/platform-deployer"];
        },
      }),
    );
    expect(fixed).toEqual([]);
  });

  it("a malformed deployer ARN is a schema error", () => {
    const problems = problemsIn(
      editedExampleSources({ platform: (d) => (d.identity.deployerPrincipalArns = ["deployer"]) }),
    );
    expect(problems).toContainEqual(expect.objectContaining({ path: "identity.deployerPrincipalArns[0]" }));
  });
});
