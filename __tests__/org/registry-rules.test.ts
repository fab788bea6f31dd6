import { benchPlatformYaml, generatedTeamsYaml } from "../../bench/synth-bench";
import { problemsIn, problemsOf } from "../support/org";

/** `n` teams of one project each, with nobody in them (the trail only counts teams and projects). */
function teamsYaml(n: number): string {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  const id = (i: number) => `t${letters[Math.floor(i / 26)]}${letters[i % 26]}`;
  const lines = ["version: 1", "admins: [jason]", "teams:"];
  for (let i = 0; i < n; i++)
    lines.push(`  ${id(i)}:`, `    fullName: team-${id(i)}`, "    projects:", "      data: { members: [] }");
  return `${lines.join("\n")}\n`;
}
const withPlatform = (teams: string, platform = benchPlatformYaml()) => [
  { path: "teams.yaml", text: teams },
  { path: "org/platform.yaml", text: platform },
];

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

  it("accepts an org the trail's old per-bucket list refused: 600 projects (the selector is one prefix)", () => {
    // 3,000 memberships: 150 teams x 4 projects (one value per bucket was 600 + 6 > 500).
    expect(problemsIn(withPlatform(generatedTeamsYaml(3000))).map((p) => p.message)).toEqual([]);
  });

  it("without the shared bucket the trail holds one prefix per team, and the loader stops at CloudTrail's 500", () => {
    expect(benchPlatformYaml()).not.toMatch(/^audit:/m);
    const sharedOff = `${benchPlatformYaml()}audit:\n  buckets: { shared: false }\n`;
    expect(problemsIn(withPlatform(teamsYaml(480), sharedOff))).toEqual([]);
    expect(problemsIn(withPlatform(teamsYaml(500), sharedOff)).map((p) => p.message)).toEqual([
      expect.stringMatching(
        /^the trail's advanced event selectors would hold 50\d values; CloudTrail allows 500 per trail/,
      ),
    ]);
  });
});
