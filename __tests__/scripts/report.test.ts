/**
 * Read-only reports (platform-spec §10 op 18): rows derived from the org model, as the workspaces
 * would synthesize them, and the thin CLI around them (in-process: same code as the compiled script).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  buildReport,
  formatJson,
  formatTable,
  main,
  ReportArgumentError,
  type ProjectRow,
  type UserRow,
} from "../../scripts/report";
import {
  editExampleOrg,
  EXAMPLE_PLATFORM,
  EXAMPLE_TEAMS,
  loadExampleOrg,
  orgFromYaml,
  exampleSources,
} from "../support/org";

const org = loadExampleOrg();

function user(rows: readonly UserRow[], team: string | null, name: string): UserRow {
  const row = rows.find((r) => r.team === team && r.user === name);
  if (!row) throw new Error(`no row for ${team}/${name}`);
  return row;
}
function project(rows: readonly ProjectRow[], team: string, name: string): ProjectRow {
  const row = rows.find((r) => r.team === team && r.project === name);
  if (!row) throw new Error(`no row for ${team}/${name}`);
  return row;
}

function cli(args: string[], env: Record<string, string> = {}) {
  let stdout = "";
  let stderr = "";
  const code = main(
    args,
    { ORG_FILE: EXAMPLE_TEAMS, PLATFORM_FILE: EXAMPLE_PLATFORM, ...env },
    {
      out: (t) => (stdout += t),
      err: (t) => (stderr += t),
    },
  );
  return { code, stdout, stderr };
}

describe("users report", () => {
  const { rows } = buildReport(org, "users");

  it("a member of two projects has two profiles and is tagged with the alphabetically first", () => {
    expect(user(rows, "rc", "alice")).toEqual({
      kind: "team",
      team: "rc",
      user: "alice",
      iamUserName: "sm-rc-alice",
      consoleLogin: true,
      projects: ["anti-money-laundering", "fraud-detection"],
      profileCount: 2,
      primaryProject: "anti-money-laundering",
    });
  });

  it("carol has one profile, in anti-money-laundering, and no console login by default", () => {
    const carol = user(rows, "rc", "carol");
    expect([carol.projects, carol.profileCount, carol.consoleLogin]).toEqual([["anti-money-laundering"], 1, false]);
  });

  it("lists platform users first and then team users by (team, user)", () => {
    expect(rows.map((r) => `${r.team ?? r.kind}/${r.user}`)).toEqual([
      "admin/jason",
      "algo/david",
      "algo/eve",
      "algo/frank",
      "rc/alice",
      "rc/bob",
      "rc/carol",
    ]);
    expect(user(rows, null, "jason")).toMatchObject({
      kind: "admin",
      iamUserName: "sm-admin-jason",
      profileCount: 0,
      projects: [],
    });
  });

  it("--team keeps only that team's users (no platform users)", () => {
    const rc = buildReport(org, "users", "rc");
    expect(rc.team).toBe("rc");
    expect(rc.rows.map((r) => r.iamUserName)).toEqual(["sm-rc-alice", "sm-rc-bob", "sm-rc-carol"]);
  });

  it("a user whose only project is retired keeps the IAM user but no profile", () => {
    const retired = editExampleOrg({ teams: (d) => void (d.teams.rc.projects["fraud-detection"].status = "retired") });
    const { rows: r } = buildReport(retired, "users", "rc");
    expect(user(r, "rc", "bob")).toMatchObject({
      iamUserName: "sm-rc-bob",
      projects: [],
      profileCount: 0,
      primaryProject: null,
    });
    expect(user(r, "rc", "alice")).toMatchObject({ projects: ["anti-money-laundering"], profileCount: 1 });
  });
});

describe("projects report", () => {
  const { rows } = buildReport(org, "projects");

  it("an active project: members, managed bucket, group, all four roles, model group, whitelist", () => {
    const aml = project(rows, "rc", "anti-money-laundering");
    expect(aml).toMatchObject({
      status: "active",
      memberCount: 2,
      members: ["alice", "carol"],
      bucket: "acme-sm-rc-anti-money-laundering",
      bucketState: "managed",
      projectGroup: "sagemaker-rc-anti-money-laundering",
      modelPackageGroup: "rc-anti-money-laundering",
      modelPackageGroupState: "managed",
      whitelist: "large_memory",
      whitelistTypeCount: 7,
      whitelistPolicy: "SageMaker-RiskControl-AntiMoneyLaundering-InstanceWhitelist",
    });
    // Canvas x4, MLflow and the whitelist are on in the example: the 13 of §6.4.
    expect(aml.roles).toEqual([
      { kind: "Execution", name: "SageMaker-RiskControl-AntiMoneyLaundering-ExecutionRole", managedPolicies: 13 },
      { kind: "Training", name: "SageMaker-RiskControl-AntiMoneyLaundering-TrainingRole", managedPolicies: 5 },
      { kind: "Processing", name: "SageMaker-RiskControl-AntiMoneyLaundering-ProcessingRole", managedPolicies: 5 },
      { kind: "Inference", name: "SageMaker-RiskControl-AntiMoneyLaundering-InferenceRole", managedPolicies: 5 },
    ]);
  });

  it("is sorted by (team, project) and --team filters", () => {
    expect(rows.map((r) => `${r.team}/${r.project}`)).toEqual([
      "algo/recommendation-engine",
      "algo/user-intent",
      "rc/anti-money-laundering",
      "rc/fraud-detection",
    ]);
    expect(buildReport(org, "projects", "algo").rows.map((r) => r.project)).toEqual([
      "recommendation-engine",
      "user-intent",
    ]);
  });

  it("a retired project keeps its bucket and model group but has no members, group, roles or whitelist policy", () => {
    const retired = editExampleOrg({ teams: (d) => void (d.teams.rc.projects["fraud-detection"].status = "retired") });
    const fd = project(buildReport(retired, "projects").rows, "rc", "fraud-detection");
    expect(fd).toMatchObject({
      status: "retired",
      memberCount: 0,
      members: [],
      bucket: "acme-sm-rc-fraud-detection",
      bucketState: "retained",
      projectGroup: null,
      roles: [],
      modelPackageGroup: "rc-fraud-detection",
      modelPackageGroupState: "retained",
      whitelist: "default",
      whitelistPolicy: null,
    });
    const line = formatTable(buildReport(retired, "projects", "rc"))
      .split("\n")
      .find((l) => l.startsWith("rc    fraud-detection"));
    expect(line?.split(/\s{2,}/)).toEqual([
      "rc",
      "fraud-detection",
      "retired",
      "0",
      "acme-sm-rc-fraud-detection (retained)",
      "-",
      "rc-fraud-detection (retained)",
      "-",
    ]);
  });

  it("purge flags and decommissioned projects show what happens to the data", () => {
    const edited = editExampleOrg({
      teams: (d) => {
        Object.assign(d.teams.rc.projects["fraud-detection"], {
          status: "retired",
          bucket: { purge: true },
          registry: { purge: true },
        });
        d.teams.algo.decommissioned = ["old-churn"];
      },
    });
    const { rows: r } = buildReport(edited, "projects");
    expect(project(r, "rc", "fraud-detection")).toMatchObject({
      bucketState: "purge requested",
      modelPackageGroupState: "purge requested",
    });
    expect(project(r, "algo", "old-churn")).toEqual({
      team: "algo",
      project: "old-churn",
      status: "decommissioned",
      memberCount: 0,
      members: [],
      bucket: "acme-sm-algo-old-churn",
      bucketState: "decommissioned",
      projectGroup: null,
      roles: [],
      modelPackageGroup: "algo-old-churn",
      modelPackageGroupState: "decommissioned",
      whitelist: null,
      whitelistTypeCount: 0,
      whitelistPolicy: null,
    });
    expect(r.map((x) => x.project).slice(0, 2)).toEqual(["old-churn", "recommendation-engine"]);
  });

  it("roles and model groups follow the feature flags; unrestricted drops the whitelist policy", () => {
    const edited = editExampleOrg({
      platform: (d) => {
        d.features.trainingRole = false;
        d.features.canvas = false;
        d.registry.modelRegistry.enabled = false;
      },
      teams: (d) => void (d.teams.algo.projects["user-intent"].instanceWhitelist = "unrestricted"),
    });
    const ui = project(buildReport(edited, "projects").rows, "algo", "user-intent");
    expect(ui.roles.map((r) => [r.kind, r.managedPolicies])).toEqual([
      ["Execution", 9],
      ["Processing", 5],
      ["Inference", 5],
    ]);
    expect([ui.modelPackageGroup, ui.modelPackageGroupState, ui.whitelist, ui.whitelistPolicy]).toEqual([
      null,
      null,
      "unrestricted",
      null,
    ]);
    expect(formatTable(buildReport(edited, "projects", "algo"))).toMatch(
      /user-intent +active +2 +acme-sm-algo-user-intent +Execution,Processing,Inference +- +unrestricted\n/,
    );
  });
});

describe("whitelists and presets reports", () => {
  it("per project: effective source (project, then team, then default) and the deployed list", () => {
    const edited = editExampleOrg({
      teams: (d) => {
        d.teams.algo.instanceWhitelist = "high_performance";
        d.teams.rc.projects["fraud-detection"].instanceWhitelist = { custom: ["ml.t3.medium", "system"] };
        d.teams.rc.projects["anti-money-laundering"].status = "retired";
      },
    });
    const rows = buildReport(edited, "whitelists").rows;
    expect(rows.map((r) => [r.team, r.project, r.source, r.policy, r.deployedInstanceTypes.length])).toEqual([
      ["algo", "recommendation-engine", "gpu", "SageMaker-Algorithm-RecommendationEngine-InstanceWhitelist", 7],
      ["algo", "user-intent", "high_performance", "SageMaker-Algorithm-UserIntent-InstanceWhitelist", 7],
      ["rc", "anti-money-laundering", "large_memory", null, 0],
      ["rc", "fraud-detection", "custom", "SageMaker-RiskControl-FraudDetection-InstanceWhitelist", 2],
    ]);
    expect(rows[3].deployedInstanceTypes).toEqual(["ml.t3.medium", "system"]);
    // The configured preset is still shown for the retired project, with nothing deployed.
    expect(rows[2].instanceTypes).toHaveLength(7);
  });

  it("the catalogue lists every preset with the projects using it (within --team)", () => {
    const all = buildReport(org, "presets").rows;
    expect(all.map((r) => [r.preset, r.usedBy])).toEqual([
      ["default", ["algo/user-intent", "rc/fraud-detection"]],
      ["gpu", ["algo/recommendation-engine"]],
      ["high_performance", []],
      ["large_memory", ["rc/anti-money-laundering"]],
    ]);
    expect(all[0].instanceTypes).toEqual(org.instanceWhitelistPresets.default);
    expect(buildReport(org, "presets", "rc").rows.find((r) => r.preset === "default")?.usedBy).toEqual([
      "rc/fraud-detection",
    ]);
  });
});

describe("formats", () => {
  it("table: a header, aligned columns, no trailing spaces", () => {
    const text = formatTable(buildReport(org, "users", "rc"));
    expect(text).toBe(
      [
        "TEAM  USER   IAM USER     CONSOLE  PROJECTS                               PROFILES  PROJECT TAG",
        "rc    alice  sm-rc-alice  yes      anti-money-laundering,fraud-detection  2         anti-money-laundering",
        "rc    bob    sm-rc-bob    no       fraud-detection                        1         fraud-detection",
        "rc    carol  sm-rc-carol  no       anti-money-laundering                  1         anti-money-laundering",
        "",
      ].join("\n"),
    );
  });

  it("json: the same rows, with the report name and team filter", () => {
    const report = buildReport(org, "projects", "rc");
    expect(JSON.parse(formatJson(report))).toEqual({
      report: "projects",
      team: "rc",
      rows: JSON.parse(JSON.stringify(report.rows)),
    });
  });

  it("declaration order in the YAML does not change any report", () => {
    const [teams, platform] = exampleSources();
    const reordered = teams.text
      .replace(/(  rc:\n[\s\S]*?)(  algo:\n[\s\S]*)$/, "$2\n$1")
      .replace("members: [alice, bob]", "members: [bob, alice]");
    expect(reordered).not.toBe(teams.text);
    const shuffled = orgFromYaml(reordered, platform.text);
    for (const kind of ["users", "projects", "whitelists", "presets"] as const)
      expect(formatJson(buildReport(shuffled, kind))).toBe(formatJson(buildReport(org, kind)));
  });

  it("an unknown team is a clear error naming the known teams", () => {
    expect(() => buildReport(org, "users", "xx")).toThrow(ReportArgumentError);
    expect(() => buildReport(org, "projects", "xx")).toThrow("unknown team 'xx' (teams in the org files: algo, rc)");
  });
});

describe("CLI", () => {
  let work: string;
  beforeAll(() => (work = fs.mkdtempSync(path.join(os.tmpdir(), "report-"))));
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it("prints the table by default and JSON with --format json", () => {
    const table = cli(["projects", "--team", "rc"]);
    expect([table.code, table.stderr]).toEqual([0, ""]);
    expect(table.stdout).toBe(formatTable(buildReport(org, "projects", "rc")));
    const json = cli(["users", "--format", "json"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).rows).toHaveLength(7);
  });

  it.each([
    [["nodes"], /unknown report 'nodes'/],
    [[], /missing report name/],
    [["users", "extra"], /unexpected argument 'extra'/],
    [["users", "--colour"], /Unknown option '--colour'/],
    [["users", "--team"], /argument missing/],
    [["users", "--format", "yaml"], /unknown format 'yaml'/],
  ])("usage error %j: exit 2 with the usage text", (args, message) => {
    const r = cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/usage: node dist\/scripts\/report\.js <users\|projects\|whitelists\|presets>/);
  });

  it("an unknown team: exit 2 with the known teams", () => {
    const r = cli(["users", "--team", "xx"]);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, "", "unknown team 'xx' (teams in the org files: algo, rc)\n"]);
  });

  it("--help prints the usage and exits 0", () => {
    const r = cli(["--help"]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toMatch(/^usage: /);
  });

  it("reads ORG_FILE; an invalid org prints the loader's problems and exits 1 without a stack trace", () => {
    const good = path.join(work, "teams.yaml");
    fs.writeFileSync(good, fs.readFileSync(EXAMPLE_TEAMS, "utf8").replace("members: [eve, frank]", "members: [frank]"));
    const r = cli(["users", "--team", "algo", "--format", "json"], { ORG_FILE: good });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).rows.find((u: UserRow) => u.user === "eve").projects).toEqual([
      "recommendation-engine",
    ]);

    const bad = path.join(work, "bad.yaml");
    fs.writeFileSync(
      bad,
      fs.readFileSync(EXAMPLE_TEAMS, "utf8").replace("members: [eve, frank]", "members: [eve, frank, zoe]"),
    );
    const before = fs.readFileSync(bad, "utf8");
    const b = cli(["users"], { ORG_FILE: bad });
    expect(b.code).toBe(1);
    expect(b.stdout).toBe("");
    expect(b.stderr).toMatch(
      new RegExp(
        `${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:\\d+ teams\\.algo\\.projects\\.user-intent\\.members\\[2\\]: unknown user 'zoe'`,
      ),
    );
    expect(b.stderr).not.toMatch(/\n\s+at /);
    expect(fs.readFileSync(bad, "utf8")).toBe(before);
  });
});
