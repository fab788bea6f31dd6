import { problemsOf } from "../support/org";

describe("registry, monitoring and audit rules", () => {
  it("the example org passes", () => {
    expect(problemsOf({})).toEqual([]);
  });

  it("rejects invalid and duplicate ECR repository types with their locations", () => {
    const problems = problemsOf({
      platform: (d) => (d.registry.ecr.sharedRepos = ["base--torch", "base-sklearn", "base-sklearn"]),
    });
    expect(problems).toEqual([
      expect.stringMatching(
        /^org\/platform\.yaml:\d+:\d+ registry\.ecr\.sharedRepos\[0\]: ECR repository name 'acme-sm-shared-base--torch' is invalid/,
      ),
      expect.stringMatching(
        /^org\/platform\.yaml:\d+:\d+ registry\.ecr\.sharedRepos\[2\]: duplicate entry 'base-sklearn'/,
      ),
    ]);
  });

  it("allows registry.purge on a retired project", () => {
    expect(
      problemsOf({
        teams: (d) => {
          d.teams.algo.projects["user-intent"].status = "retired";
          d.teams.algo.projects["user-intent"].registry = { purge: true };
        },
      }),
    ).toEqual([]);
  });

  it("rejects a malformed subscriber endpoint", () => {
    expect(
      problemsOf({
        platform: (d) => (d.monitoring = { alerts: { subscribers: { ops: { protocol: "email", endpoint: "ops" } } } }),
      }),
    ).toEqual([
      expect.stringMatching(/monitoring\.alerts\.subscribers\.ops\.endpoint: 'ops' is not a valid email endpoint/),
    ]);
  });

  it("rejects a trail that would record nothing", () => {
    expect(
      problemsOf({
        platform: (d) => (d.audit = { buckets: { projects: false, shared: false }, management: { enabled: false } }),
      }),
    ).toEqual([expect.stringMatching(/^org\/platform\.yaml:\d+:\d+ audit: the audit trail would record nothing/)]);
  });

  it("rejects EventBridge rule names over 64 characters at the project", () => {
    const problems = problemsOf({
      platform: (d) => (d.platform.company = "acmecorporation"),
      teams: (d) => (d.teams.rc.projects["anti-money-laundering-detect"] = { members: [] }),
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /teams\.rc\.projects\.anti-money-laundering-detect: EventBridge rule name 'acmecorporation-sm-rc-anti-money-laundering-detect-training-failed' would exceed 64/,
        ),
      ]),
    );
  });
});
