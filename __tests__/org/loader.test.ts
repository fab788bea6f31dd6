import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadOrg, loadOrgFromSources, orgFilesFromEnv } from "../../org/loader";
import { OrgValidationError, formatProblem, type Problem } from "../../org/problems";
import { editedExampleSources, exampleSources, EXAMPLE_PLATFORM, loadExampleOrg, problemsIn } from "../support/org";
import { synthExample } from "../support/synth";

const PLATFORM = fs.readFileSync(EXAMPLE_PLATFORM, "utf8");

/** Problems reported for a teams file (with the example platform file). */
function problemsOf(teamsYaml: string, platformYaml = PLATFORM): Problem[] {
  try {
    loadOrgFromSources([
      { path: "org/teams.yaml", text: teamsYaml },
      { path: "org/platform.yaml", text: platformYaml },
    ]);
  } catch (e) {
    if (e instanceof OrgValidationError) return [...e.problems];
    throw e;
  }
  throw new Error("expected validation problems, got none");
}

const lines = (ps: Problem[]) => ps.map(formatProblem);

describe("org loader: the example org", () => {
  const org = loadExampleOrg();

  it("resolves teams, projects and memberships sorted by name", () => {
    expect(org.teams.map((t) => t.id)).toEqual(["algo", "rc"]);
    const rc = org.teams.find((t) => t.id === "rc")!;
    expect(rc.projects.map((p) => p.name)).toEqual(["anti-money-laundering", "fraud-detection"]);
    expect(rc.projects[1].memberships.map((m) => m.user)).toEqual(["alice", "bob"]);
  });

  it("applies defaults and derived names (§0.1, §1.2)", () => {
    expect(org.platform.iamPath).toBe("/acme-sagemaker/");
    expect(org.platform.tagPrefix).toBe("acme-sagemaker");
    expect(org.platform.domainName).toBe("acme-ml-platform");
    const aml = org.teams[1].projects[0];
    expect(aml.pascal).toBe("AntiMoneyLaundering");
    expect(aml.short).toBe("antimonlau");
    expect(aml.memberships.map((m) => m.userProfileName)).toEqual([
      "profile-rc-antimonlau-alice",
      "profile-rc-antimonlau-carol",
    ]);
  });

  it("resolves download access: membership -> project -> domain default (§1.3)", () => {
    const aml = org.teams[1].projects[0];
    expect(aml.memberships.map((m) => [m.user, m.downloadAccess])).toEqual([
      ["alice", "deny"],
      ["carol", "allow"],
    ]);
  });

  it("resolves instance whitelists: project -> team -> default (§1.3)", () => {
    const [rec, intent] = org.teams[0].projects;
    expect(rec.whitelist).toEqual(expect.objectContaining({ kind: "list", source: "gpu" }));
    expect(intent.whitelist).toEqual(expect.objectContaining({ kind: "list", source: "default" }));
  });

  it("gives a person in two projects one user with both projects", () => {
    const alice = org.teams[1].users.find((u) => u.name === "alice")!;
    expect(alice.projects).toEqual(["anti-money-laundering", "fraud-detection"]);
    expect(alice.consoleLogin).toBe(true);
    expect(alice.iamUserName).toBe("sm-rc-alice");
  });

  it("is frozen", () => {
    expect(Object.isFrozen(org)).toBe(true);
    expect(Object.isFrozen(org.teams[0].projects[0].memberships)).toBe(true);
    expect(() => (org.teams as unknown as unknown[]).push({})).toThrow();
  });

  it("reads ORG_FILE and PLATFORM_FILE from the environment", () => {
    expect(orgFilesFromEnv({})).toEqual({
      teamsFile: "org/teams.yaml",
      platformFile: "org/platform.yaml",
      platformFileRequired: false,
    });
    expect(orgFilesFromEnv({ ORG_FILE: "x.yaml", PLATFORM_FILE: "p.yaml" })).toEqual({
      teamsFile: "x.yaml",
      platformFile: "p.yaml",
      platformFileRequired: true,
    });
  });

  it("accepts one combined file holding every section", () => {
    const [teams, platform] = exampleSources();
    const combined = platform.text + "\n" + teams.text.replace(/^version: 1$/m, "");
    const org2 = loadOrgFromSources([{ path: "org.yaml", text: combined }]);
    expect(org2.teams.map((t) => t.id)).toEqual(["algo", "rc"]);
  });

  it("fails with a located message for a missing file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "org-"));
    expect(() => loadOrg({ teamsFile: path.join(dir, "nope.yaml") })).toThrow(
      /nope\.yaml:1:1 \(document\): cannot read file \(ENOENT\)/,
    );
  });
});

describe("org loader: every problem at once, each as file:line:col path: message", () => {
  const base = `version: 1
teams:
  rc:
    fullName: risk-control
    users:
      alice: {}
      bob: {}
    projects:
      fraud-detection:
        members: [alice, bob]
`;

  it("the example is valid before edits", () => {
    expect(() =>
      loadOrgFromSources([
        { path: "org/teams.yaml", text: base },
        { path: "org/platform.yaml", text: PLATFORM },
      ]),
    ).not.toThrow();
  });

  it("an unknown top-level section names every allowed section, from the schema", () => {
    const ps = problemsOf(base, PLATFORM.replace(/^storage:/m, "monitorring: {}\nstorage:"));
    const p = ps.find((x) => x.message.startsWith("unknown key 'monitorring'"))!;
    expect(p).toBeDefined();
    const allowed = /\(allowed sections: (.*)\)$/.exec(p.message)![1].split(", ");
    for (const section of [
      "version",
      "platform",
      "network",
      "studio",
      "storage",
      "monitoring",
      "audit",
      "backend",
      "teams",
      "deleteHomes",
    ])
      expect(allowed).toContain(section);
  });

  it("reports a YAML syntax error with its position", () => {
    const ps = problemsOf(base.replace("members: [alice, bob]", "members: [alice, bob"));
    expect(ps).toHaveLength(1);
    expect(ps[0].file).toBe("org/teams.yaml");
    expect(ps[0].line).toBeGreaterThanOrEqual(10);
    expect(ps[0].message).toMatch(/^YAML: /);
  });

  it("reports a duplicate user key at the duplicate", () => {
    const ps = problemsOf(base.replace("      bob: {}\n", "      bob: {}\n      alice: {}\n"));
    expect(lines(ps)).toEqual([
      "org/teams.yaml:8:7 teams.rc.users.alice: duplicate key (each key may appear once in a mapping)",
    ]);
  });

  it("reports a duplicate key together with the other problems of the file", () => {
    const ps = problemsOf(
      base
        .replace("      bob: {}\n", "      bob: {}\n      alice: {}\n")
        .replace("    fullName: risk-control\n", "    fullName: risk-control\n    fulName: typo\n")
        .replace("members: [alice, bob]", "members: [alice, dave]"),
    );
    expect(lines(ps)).toEqual([
      "org/teams.yaml:5:5 teams.rc.fulName: unknown key 'fulName'",
      "org/teams.yaml:9:7 teams.rc.users.alice: duplicate key (each key may appear once in a mapping)",
      "org/teams.yaml:12:26 teams.rc.projects.fraud-detection.members[1]: unknown user 'dave' (declare it under teams.rc.users)",
    ]);
  });

  it("reports unknown keys at the key, with the path", () => {
    const ps = problemsOf(
      base.replace("    fullName: risk-control\n", "    fullName: risk-control\n    fulName: typo\n"),
    );
    expect(lines(ps)).toEqual(["org/teams.yaml:5:5 teams.rc.fulName: unknown key 'fulName'"]);
  });

  it("reports an unknown member with where to declare it", () => {
    const ps = problemsOf(base.replace("members: [alice, bob]", "members: [alice, bob, dave]"));
    expect(lines(ps)).toEqual([
      "org/teams.yaml:10:31 teams.rc.projects.fraud-detection.members[2]: unknown user 'dave' (declare it under teams.rc.users)",
    ]);
  });

  it("reports a duplicate member", () => {
    const ps = problemsOf(base.replace("members: [alice, bob]", "members: [alice, bob, alice]"));
    expect(lines(ps)).toEqual([
      "org/teams.yaml:10:31 teams.rc.projects.fraud-detection.members[2]: duplicate member 'alice' (already at members[0])",
    ]);
  });

  it("reports names that are too long or have bad characters", () => {
    const ps = problemsOf(
      base
        .replace("fraud-detection:", "fraud-detection-and-more-and-more-x:")
        .replace("      bob: {}", "      Bob_1: {}")
        .replace("members: [alice, bob]", "members: [alice]"),
    );
    expect(lines(ps)).toEqual([
      "org/teams.yaml:7:7 teams.rc.users.Bob_1: user name 'Bob_1' must match ^[a-z][a-z0-9]*$ and be 2-20 characters",
      "org/teams.yaml:9:7 teams.rc.projects.fraud-detection-and-more-and-more-x: project name 'fraud-detection-and-more-and-more-x' must match ^[a-z][a-z0-9-]*[a-z0-9]$ and be 3-30 characters",
    ]);
  });

  it("reports schema and cross-field problems of one file in a single run", () => {
    const ps = problemsOf(
      base
        .replace("    fullName: risk-control\n", "    fullName: risk-control\n    fulName: typo\n")
        .replace("members: [alice, bob]", "members: [alice, dave]")
        .replace("version: 1\n", "version: 1\nadmins: [jason, jason]\n"),
    );
    expect(lines(ps)).toEqual([
      "org/teams.yaml:2:17 admins[1]: duplicate admin 'jason' (already at admins[0])",
      "org/teams.yaml:6:5 teams.rc.fulName: unknown key 'fulName'",
      "org/teams.yaml:12:26 teams.rc.projects.fraud-detection.members[1]: unknown user 'dave' (declare it under teams.rc.users)",
    ]);
  });

  it("locates problems in the platform file too", () => {
    const ps = problemsOf(
      base,
      PLATFORM.replace(
        "privateSubnetIds: [subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60002]",
        "privateSubnetIds: [subnet-0a1b2c3d4e5f60001]",
      ),
    );
    expect(ps).toHaveLength(1);
    expect(ps[0].file).toBe("org/platform.yaml");
    expect(ps[0].path).toBe("network.privateSubnetIds");
    expect(ps[0].message).toMatch(/2 or 3 private subnets/);
  });

  it("reports a wrong type and a bad enum value", () => {
    const ps = problemsOf(
      base.replace("        members: [alice, bob]", "        status: paused\n        members: alice"),
    );
    expect(lines(ps)).toEqual([
      'org/teams.yaml:10:17 teams.rc.projects.fraud-detection.status: must be one of "active", "retired"',
      'org/teams.yaml:11:18 teams.rc.projects.fraud-detection.members: expected array, got string "alice"',
    ]);
  });

  it("rejects a section defined in both files, and people sections in the platform file", () => {
    const ps = problemsOf(base, PLATFORM + "\nteams: {}\n");
    expect(lines(ps)).toEqual([
      expect.stringMatching(/^org\/platform\.yaml:\d+:1 teams: section 'teams' is also defined in org\/teams\.yaml/),
    ]);
  });

  it("rejects colliding group names and short-name clashes", () => {
    const ps = problemsOf(
      base.replace(
        "      fraud-detection:\n        members: [alice, bob]\n",
        "      fraud-detection:\n        members: [alice]\n      fraud-detector:\n        members: [bob]\n",
      ),
    );
    expect(lines(ps)).toEqual([
      "org/teams.yaml:11:7 teams.rc.projects.fraud-detector: project 'fraud-detector' and 'fraud-detection' have the same short name 'frauddet' (profile and space names would collide)",
    ]);
  });

  it("rejects projects whose IAM names differ only in case or dashes", () => {
    const ps = problemsOf(
      base.replace(
        "      fraud-detection:\n        members: [alice, bob]\n",
        "      fraud-detection:\n        members: [alice]\n      frauddetection:\n        members: [bob]\n",
      ),
    );
    expect(lines(ps)).toEqual([
      "org/teams.yaml:11:7 teams.rc.projects.frauddetection: project 'frauddetection' and 'fraud-detection' give the same IAM role and policy names (IAM names ignore case and '-' is dropped: Frauddetection)",
    ]);
  });

  it("rejects a whitelist without 'system' and an unknown preset", () => {
    const ps = problemsOf(
      base.replace(
        "        members: [alice, bob]",
        "        instanceWhitelist: { custom: [ml.t3.medium] }\n        members: [alice, bob]",
      ) + "      other:\n        instanceWhitelist: tiny\n",
    );
    expect(lines(ps)).toEqual([
      "org/teams.yaml:10:38 teams.rc.projects.fraud-detection.instanceWhitelist.custom: custom whitelist must contain 'system' (or set allowWithoutSystem: true)",
      expect.stringMatching(
        /^org\/teams\.yaml:13:28 teams\.rc\.projects\.other\.instanceWhitelist: unknown instance whitelist preset 'tiny'/,
      ),
    ]);
  });

  it("rejects more than 9 active projects per person (10 groups per IAM user)", () => {
    const projects = Array.from(
      { length: 10 },
      (_, i) => `      p${String.fromCharCode(97 + i)}x:\n        members: [alice]\n`,
    ).join("");
    const ps = problemsOf(
      `version: 1\nteams:\n  rc:\n    fullName: risk-control\n    users:\n      alice: {}\n    projects:\n${projects}`,
    );
    expect(lines(ps)).toEqual([
      "org/teams.yaml:6:7 teams.rc.users.alice: user 'alice' is in 10 active projects; an IAM user can be in at most 10 groups (team group + 9 projects)",
      // §14.3: the user's scope lists every project; reported at the same line.
      "org/teams.yaml:6:7 teams.rc.users.alice: scope policy SageMaker-RiskControl-User-Alice-Scope would be 7400 characters; the limit is 6144 (IAM managed-policy quota; the scope lists every project of the user (10): move them to fewer projects or shorten project names)",
    ]);
  });
});

describe("org loader: names that would break the name-prefix isolation (§14.3)", () => {
  it("rejects a project whose name starts with another project's name and a dash", () => {
    const ps = problemsOf(
      "version: 1\nteams:\n  rc:\n    fullName: risk-control\n    users:\n      alice: {}\n    projects:\n      fraud:\n        members: [alice]\n      fraud-detection:\n        status: retired\n",
    );
    expect(lines(ps)).toEqual([
      "org/teams.yaml:10:7 teams.rc.projects.fraud-detection: project name 'fraud-detection' starts with 'fraud-': the 'rc-fraud-*' resource patterns would cover it",
    ]);
  });

  it("accepts the same project name in two teams and names that only share letters", () => {
    const org = loadOrgFromSources([
      {
        path: "org/teams.yaml",
        text: "version: 1\nteams:\n  rc:\n    fullName: risk-control\n    projects:\n      fraud: {}\n      fraudster: {}\n  algo:\n    fullName: algorithm\n    projects:\n      fraud: {}\n",
      },
      { path: "org/platform.yaml", text: PLATFORM },
    ]);
    expect(org.teams.flatMap((t) => t.projects.map((p) => `${t.id}/${p.name}`))).toEqual([
      "algo/fraud",
      "rc/fraud",
      "rc/fraudster",
    ]);
  });
});

describe("org loader: hostile input is a located error, never a crash (issue 10)", () => {
  const only = (teamsYaml: string) => lines(problemsOf(teamsYaml));
  const nested = (depth: number) =>
    "version: 1\nteams:\n" + Array.from({ length: depth }, (_, i) => `${"  ".repeat(i + 1)}k${i}:\n`).join("");

  it("an alias bomb", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (const [prev, name] of [
      ["a", "b"],
      ["b", "c"],
      ["c", "d"],
      ["d", "e"],
    ])
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(", ")}]`);
    expect(only(`version: 1\n${levels.join("\n")}\n`)).toEqual([
      "org/teams.yaml:1:1 (document): YAML: Excessive alias count indicates a resource exhaustion attack",
    ]);
  });

  it("2,000 nested mappings", () => {
    const ps = only(nested(2000));
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatch(/^org\/teams\.yaml:\d+:\d+ teams\.k0\.k1\..*: YAML: nested deeper than 24 levels/);
  });

  it("5,000 nested flow sequences", () => {
    const ps = only(`version: 1\nteams: ${"[".repeat(5000)}${"]".repeat(5000)}\n`);
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatch(/nested deeper than 24 levels/);
  });

  it("an empty teams file (it would remove every team)", () => {
    expect(only("")).toEqual([
      "org/teams.yaml:1:1 (document): the teams file is empty: it must declare `version` and `teams` (an empty file would remove every team, profile and space)",
    ]);
  });

  it("a %YAML 1.1 directive (on: would become true)", () => {
    expect(only("%YAML 1.1\n---\nversion: 1\nteams: {}\n")).toEqual([
      "org/teams.yaml:1:1 (document): YAML: %YAML 1.1 directive: org files are YAML 1.2 (remove the directive)",
    ]);
  });

  it("an unknown tag", () => {
    expect(only("version: 1\nteams: !!python/object:os.system {}\n")).toEqual([
      "org/teams.yaml:2:8 (document): YAML: Unresolved tag: tag:yaml.org,2002:python/object:os.system (tags are not allowed)",
    ]);
  });

  it("keys that are not strings", () => {
    expect(
      only("version: 1\nteams:\n  rc:\n    fullName: risk-control\n    users:\n      1: {}\n      null: {}\n"),
    ).toEqual([
      "org/teams.yaml:6:7 teams.rc.users.1: YAML: key 1 is a number, not a string (quote it)",
      "org/teams.yaml:7:7 teams.rc.users.null: YAML: key null is a null, not a string (quote it)",
    ]);
  });
});

describe("org loader: free text and derived names (issue 10)", () => {
  const platformWith = (edit: (p: string) => string) => edit(PLATFORM);
  const teams = "version: 1\nteams: {}\n";

  it("Terraform template syntax in tags is refused, never rendered", () => {
    const ps = lines(
      problemsOf(
        teams,
        platformWith((p) =>
          p
            .replace("environmentTag: production", 'environmentTag: "${path.cwd}"')
            .replace("costCenter: ml-platform", 'costCenter: "%{ for x in [1] }x%{ endfor }"'),
        ),
      ),
    );
    expect(ps).toEqual([
      expect.stringMatching(
        /^org\/platform\.yaml:\d+:\d+ platform\.environmentTag: may contain only letters, digits, spaces and _ \. : \/ = \+ - @ \(AWS tag rules\)$/,
      ),
      expect.stringMatching(/^org\/platform\.yaml:\d+:\d+ platform\.costCenter: may contain only letters/),
    ]);
  });

  it("default tags follow AWS tag rules and never use the aws: prefix", () => {
    const ps = lines(
      problemsOf(
        teams,
        platformWith((p) =>
          p.replace(
            "  costCenter: ml-platform",
            '  costCenter: ml-platform\n  defaultTags: { "aws:owner": x, Team: "${x}" }',
          ),
        ),
      ),
    );
    expect(ps).toEqual([
      expect.stringMatching(/platform\.defaultTags\.aws:owner: must not start with 'aws:'/),
      expect.stringMatching(/platform\.defaultTags\.Team: may contain only letters/),
    ]);
  });

  it("descriptions refuse template syntax and invisible characters", () => {
    const ps = lines(
      problemsOf(
        'version: 1\nteams:\n  rc:\n    fullName: risk-control\n    description: "a ${b}"\n    projects:\n      fraud:\n        description: "zero\\u200bwidth"\n',
      ),
    );
    expect(ps).toEqual([
      expect.stringMatching(/teams\.rc\.description: must not contain '\$\{' or '%\{'/),
      expect.stringMatching(/teams\.rc\.projects\.fraud\.description: must be printable text/),
    ]);
  });

  it("a company containing sagemaker or a reserved bucket prefix is refused", () => {
    for (const [company, why] of [
      ["mysagemaker", /must not contain 'sagemaker'/],
      ["xn--acme", /reserved bucket-name prefixes/],
    ] as const)
      expect(
        lines(
          problemsOf(
            teams,
            platformWith((p) => p.replace("company: acme", `company: ${company}`)),
          ),
        ),
      ).toEqual(expect.arrayContaining([expect.stringMatching(why)]));
  });

  it("project names with '--' or a reserved S3 suffix are refused", () => {
    const ps = lines(
      problemsOf(
        "version: 1\nteams:\n  rc:\n    fullName: risk-control\n    projects:\n      a--b: {}\n      data-s3alias: {}\n",
      ),
    );
    expect(ps).toEqual([
      expect.stringMatching(/teams\.rc\.projects\.a--b: project name 'a--b' must not contain '--'/),
      expect.stringMatching(/teams\.rc\.projects\.data-s3alias: .*'-s3alias'/),
    ]);
  });
});

describe("org loader: a team leaves in steps (issue 10)", () => {
  it("a removed team may keep no users and no active project", () => {
    const ps = lines(
      problemsOf(
        "version: 1\nteams:\n  rc:\n    fullName: risk-control\n    status: removed\n    users:\n      alice: {}\n    projects:\n      fraud:\n        members: [alice]\n      old:\n        status: retired\n",
      ),
    );
    expect(ps).toEqual([
      "org/teams.yaml:7:7 teams.rc.users.alice: team 'rc' is removed: delete its user 'alice' (removing the team destroys every IAM user of it)",
      "org/teams.yaml:9:7 teams.rc.projects.fraud: team 'rc' is removed: retire project 'fraud' (status: retired keeps its data) or move it to decommissioned",
    ]);
  });

  it("decommissionedTeams names only teams that are gone from teams:", () => {
    const ps = lines(
      problemsOf("version: 1\ndecommissionedTeams: [rc, ops, ops, Bad]\nteams:\n  rc:\n    fullName: risk-control\n"),
    );
    expect(ps).toEqual([
      expect.stringMatching(/decommissionedTeams\[0\]: team 'rc' is still declared under teams/),
      expect.stringMatching(/decommissionedTeams\[2\]: duplicate entry 'ops'/),
      expect.stringMatching(/decommissionedTeams\[3\]: 'Bad' is not a team id/),
    ]);
  });
});

describe("org loader: deleting a Studio home needs its name (issue 10)", () => {
  it("an acknowledgement names team/project/user of a membership that goes away", () => {
    const ps = lines(
      problemsOf(
        "version: 1\ndeleteHomes: [rc/fraud/alice, rc/fraud, rc/fraud/bob]\nteams:\n  rc:\n    fullName: risk-control\n    users:\n      alice: {}\n    projects:\n      fraud:\n        members: [alice]\n",
      ),
    );
    expect(ps).toEqual([
      "org/teams.yaml:2:15 deleteHomes[0]: 'rc/fraud/alice' is still a member of rc/fraud: remove the membership, or remove this acknowledgement",
      "org/teams.yaml:2:31 deleteHomes[1]: 'rc/fraud' must name a home as team/project/user, e.g. rc/fraud-detection/alice",
    ]);
  });
});

describe("org loader: derived IAM names never collide (issue 10)", () => {
  it("a project called team would render the team's own policy name", () => {
    const ps = lines(
      problemsOf("version: 1\nteams:\n  rc:\n    fullName: risk-control\n    projects:\n      team: {}\n"),
    );
    expect(ps).toEqual(
      expect.arrayContaining([
        "org/teams.yaml:6:13 teams.rc.projects.team: project rc/team's policy Access would be named SageMaker-RiskControl-Team-Access, which is already the name of team rc's policy Team-Access (IAM names ignore case): rename one of them",
      ]),
    );
  });

  it("a team studio with a project base would render a platform policy name", () => {
    const ps = lines(problemsOf("version: 1\nteams:\n  st:\n    fullName: studio\n    projects:\n      base: {}\n"));
    expect(ps).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /SageMaker-Studio-Base-Access, which is already the name of the platform's policy SageMaker-Studio-Base-Access/,
        ),
      ]),
    );
  });
});

describe("org loader: AWS's catalogues, CIDRs, account quotas and look-alikes (issue 10)", () => {
  const platformWith = (from: string, to: string) => {
    expect(PLATFORM).toContain(from);
    return PLATFORM.replace(from, to);
  };
  const teams = "version: 1\nteams: {}\n";

  it("a made-up region, and a region outside the aws partition", () => {
    expect(lines(problemsOf(teams, platformWith("region: ap-northeast-1", "region: ap-fictional-9")))).toEqual([
      expect.stringMatching(
        /^org\/platform\.yaml:\d+:\d+ platform\.region: is not a region of the aws partition \(catalog\/aws-regions\.json\)$/,
      ),
    ]);
    expect(lines(problemsOf(teams, platformWith("region: ap-northeast-1", "region: cn-north-1")))).toEqual([
      expect.stringMatching(/platform\.region: is not a region of the aws partition/),
    ]);
  });

  it("made-up instance types: the Studio default, a preset's jobs, a project whitelist", () => {
    const ps = lines(
      problemsOf(
        "version: 1\nteams:\n  rc:\n    fullName: risk-control\n    projects:\n      fraud:\n        instanceWhitelist: { custom: [system, ml.t3.medium, ml.t3.huge], jobs: [ml.t3.medium] }\n",
        platformWith("defaultInstanceType: ml.t3.medium", "defaultInstanceType: ml.g9.xlarge"),
      ),
    );
    expect(ps).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /platform\.yaml:\d+:\d+ studio\.defaultInstanceType: 'ml\.g9\.xlarge' is not a SageMaker Studio app instance type \(catalog\/sagemaker-instance-types\.json\)$/,
        ),
        expect.stringMatching(
          /teams\.yaml:7:\d+ teams\.rc\.projects\.fraud\.instanceWhitelist\.custom\[2\]: 'ml\.t3\.huge' is not a SageMaker app, job or endpoint instance type/,
        ),
      ]),
    );
    expect(ps.some((p) => p.includes("jobs[0]"))).toBe(false);
  });

  it("a whitelist entry of a newer family with a '-' in its name is accepted (ml.p6-b200.48xlarge)", () => {
    const teamsYaml =
      "version: 1\nteams:\n  rc:\n    fullName: risk-control\n    projects:\n      fraud:\n        instanceWhitelist: { custom: [system, ml.t3.medium], jobs: [ml.p6-b200.48xlarge] }\n";
    expect(
      problemsIn([
        { path: "org/teams.yaml", text: teamsYaml },
        { path: "org/platform.yaml", text: PLATFORM },
      ]),
    ).toEqual([]);
  });

  it("a CIDR with host bits set names the network it means", () => {
    expect(lines(problemsOf(teams, platformWith("vpcCidr: 10.20.0.0/16", "vpcCidr: 10.20.0.1/16")))).toEqual([
      expect.stringMatching(
        /^org\/platform\.yaml:\d+:\d+ network\.vpcCidr: has host bits set: the network is 10\.20\.0\.0\/16$/,
      ),
    ]);
  });

  it("look-alike and invisible characters are shown escaped", () => {
    const ps = lines(
      problemsOf(
        "version: 1\nteams:\n  rc:\n    fullName: risk-control\n    users:\n      \u0430lice: {}\n      bo\u200bb: {}\n",
      ),
    );
    expect(ps).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^org\/teams\.yaml:6:7 teams\.rc\.users\.\\u\{430\}lice: user name '\\u\{430\}lice' must match/,
        ),
        expect.stringMatching(
          /^org\/teams\.yaml:7:7 teams\.rc\.users\.bo\\u\{200B\}b: user name 'bo\\u\{200B\}b' must match/,
        ),
      ]),
    );
    expect(ps.join("\n")).not.toMatch(/[\u0430\u200b]/);
  });

  it("the platform's IAM users, groups, roles and policies must fit the account's quotas, counted as rendered", () => {
    // What the workspaces actually render, counted in the synthesized Terraform JSON.
    const out = synthExample();
    const count = (type: string) =>
      Object.values(out.json).reduce((n, stack) => n + Object.keys(stack.resource?.[type] ?? {}).length, 0);
    const rendered = {
      users: count("aws_iam_user"),
      groups: count("aws_iam_group"),
      roles: count("aws_iam_role"),
      managedPolicies: count("aws_iam_policy"),
    };
    const withQuotas = (q: Record<string, number>) =>
      lines(problemsIn(editedExampleSources({ platform: (d) => (d.identity.accountQuotas = q) })));
    expect(withQuotas(rendered)).toEqual([]);
    const tight = Object.fromEntries(Object.entries(rendered).map(([k, n]) => [k, n - 1]));
    expect(withQuotas(tight)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^org/platform\\.yaml:\\d+:\\d+ identity\\.accountQuotas\\.users: the platform would create ${rendered.users} IAM users but identity\\.accountQuotas\\.users is ${rendered.users - 1}: raise the account's IAM quota`,
        ),
      ),
      expect.stringContaining(`would create ${rendered.groups} IAM groups`),
      expect.stringContaining(`would create ${rendered.roles} IAM roles`),
      expect.stringContaining(`would create ${rendered.managedPolicies} IAM customer-managed policies`),
    ]);
  });
});

describe("org loader: the Terraform backend", () => {
  it("agent execution without an agent pool is reported at agentPoolId", () => {
    expect(
      lines(
        problemsIn(
          editedExampleSources({
            platform: (d) => (d.backend = { type: "cloud", organization: "acme", tfc: { executionMode: "agent" } }),
          }),
        ),
      ),
    ).toEqual([expect.stringMatching(/backend\.tfc\.agentPoolId: executionMode agent needs agentPoolId/)]);
  });

  it("a cloud backend without organization names the missing field", () => {
    expect(
      lines(
        problemsIn(
          editedExampleSources({ platform: (d) => (d.backend = { type: "cloud", workspacePrefix: "sagemaker-" }) }),
        ),
      ),
    ).toEqual([expect.stringMatching(/^org\/platform\.yaml:\d+:\d+ backend\.organization: required/)]);
  });
});
