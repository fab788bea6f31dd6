import * as fs from "fs";
import { loadOrgFromSources } from "../../org/loader";
import { OrgValidationError, formatProblem, type Problem } from "../../org/problems";
import { EXAMPLE_PLATFORM, EXAMPLE_TEAMS } from "../support/org";

const PLATFORM = fs.readFileSync(EXAMPLE_PLATFORM, "utf8");
const TEAMS = fs.readFileSync(EXAMPLE_TEAMS, "utf8");
const NETWORK_START = PLATFORM.indexOf("network:\n");
const NETWORK_END = PLATFORM.indexOf("\nstudio:");

/** The example platform file with its `network:` section replaced. */
function withNetwork(section: string): string {
  return PLATFORM.slice(0, NETWORK_START) + section.trimEnd() + "\n" + PLATFORM.slice(NETWORK_END);
}

/** Line of the first occurrence of `needle` in the platform file (1-based). */
function lineOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`'${needle}' not in text`);
  return text.slice(0, i).split("\n").length;
}

function problemsOf(platformYaml: string): Problem[] {
  try {
    loadOrgFromSources([
      { path: "org/teams.yaml", text: TEAMS },
      { path: "org/platform.yaml", text: platformYaml },
    ]);
  } catch (e) {
    if (e instanceof OrgValidationError) return [...e.problems];
    throw e;
  }
  throw new Error("expected validation problems, got none");
}

function loads(platformYaml: string): void {
  loadOrgFromSources([
    { path: "org/teams.yaml", text: TEAMS },
    { path: "org/platform.yaml", text: platformYaml },
  ]);
}

const BASE = `network:
  vpcId: vpc-0a1b2c3d4e5f60718
  vpcCidr: 10.20.0.0/16
  privateSubnetIds: [subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60002]
  routeTableIds: [rtb-0a1b2c3d4e5f60001]
`;

const ADOPT = `network:
  mode: adopt
  vpcId: vpc-0a1b2c3d4e5f60718
  vpcCidr: 10.20.0.0/16
  privateSubnetIds: [subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60002]
  routeTableIds: [rtb-0a1b2c3d4e5f60001]
  adopt:
    subnets:
      subnet-0a1b2c3d4e5f60001: { cidrBlock: 10.20.0.0/19, availabilityZone: ap-northeast-1a }
      subnet-0a1b2c3d4e5f60002: { cidrBlock: 10.20.32.0/19, availabilityZone: ap-northeast-1c }
`;

describe("network section: well-formed configurations load", () => {
  it("lookup with referenced endpoints, and adopt with groups, rules and endpoints", () => {
    expect(() =>
      loads(
        withNetwork(
          BASE +
            "  optionalEndpoints: { kms: true }\n  adoptExistingEndpoints: { sts: vpce-0abc, kms: { id: vpce-0def, action: import } }\n",
        ),
      ),
    ).not.toThrow();
    expect(() =>
      loads(
        withNetwork(
          ADOPT +
            "  adoptExistingSecurityGroups:\n    studio: { id: sg-0abc, description: Studio, rules: { egress-all: sgr-0abc } }\n    training: sg-0def\n" +
            "  adoptExistingEndpoints: { logs: vpce-0abc, s3: { id: vpce-0def, action: reference } }\n",
        ),
      ),
    ).not.toThrow();
  });
});

describe("network section: bad configurations are reported with their file location", () => {
  it("a subnet id not of the form subnet-…", () => {
    const text = withNetwork(BASE.replace("subnet-0a1b2c3d4e5f60002", "sn-0a1b2c3d4e5f60002"));
    const ps = problemsOf(text);
    expect(ps.map(formatProblem)).toEqual([
      `org/platform.yaml:${lineOf(text, "privateSubnetIds")}:${text.split("\n")[lineOf(text, "privateSubnetIds") - 1].indexOf("sn-0a1b") + 1} network.privateSubnetIds[1]: must be a subnet id like subnet-0abc123`,
    ]);
  });

  it("one private subnet only", () => {
    const text = withNetwork(BASE.replace(", subnet-0a1b2c3d4e5f60002", ""));
    const ps = problemsOf(text);
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({
      file: "org/platform.yaml",
      line: lineOf(text, "privateSubnetIds"),
      path: "network.privateSubnetIds",
    });
    expect(ps[0].message).toMatch(/needs 2 or 3 private subnets/);
  });

  it("an optional endpoint adopted but not enabled (it would be both absent and adopted)", () => {
    const text = withNetwork(
      BASE + "  optionalEndpoints: { kms: false }\n  adoptExistingEndpoints:\n    kms: vpce-0abc\n",
    );
    const ps = problemsOf(text);
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({
      line: lineOf(text, "    kms: vpce"),
      col: 5,
      path: "network.adoptExistingEndpoints.kms",
    });
    expect(ps[0].message).toMatch(/listed for adoption but not enabled \(network\.optionalEndpoints\.kms is false\)/);
  });

  it("one endpoint adopted for two services", () => {
    const text = withNetwork(BASE + "  adoptExistingEndpoints:\n    sts: vpce-0abc\n    logs: { id: vpce-0abc }\n");
    const ps = problemsOf(text);
    expect(ps.map((p) => [p.line, p.path, p.message])).toEqual([
      [
        lineOf(text, "    logs:"),
        "network.adoptExistingEndpoints.logs",
        expect.stringMatching(/vpce-0abc is already adopted as 'sts'/),
      ],
    ]);
  });

  it("an unknown endpoint suffix, an endpoint id of the wrong form, an unknown action", () => {
    const text = withNetwork(
      BASE +
        "  adoptExistingEndpoints:\n    sagemaker: vpce-0abc\n    sts: ep-1\n    logs: { id: vpce-0abc, action: create }\n",
    );
    const ps = problemsOf(text);
    expect(ps.map((p) => p.path)).toEqual(
      expect.arrayContaining(["network.adoptExistingEndpoints.sts", "network.adoptExistingEndpoints.logs.action"]),
    );
    expect(ps.some((p) => /sagemaker/.test(p.path + p.message))).toBe(true);
  });

  it("security groups adopted in lookup mode", () => {
    const text = withNetwork(BASE + "  adoptExistingSecurityGroups:\n    studio: sg-0abc\n");
    const ps = problemsOf(text);
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({
      line: lineOf(text, "    studio: sg-"),
      path: "network.adoptExistingSecurityGroups.studio",
    });
    expect(ps[0].message).toMatch(/only with network\.mode: adopt/);
  });

  it("an adopted rule key the group does not have", () => {
    const text = withNetwork(
      ADOPT + "  adoptExistingSecurityGroups:\n    inference: { id: sg-0abc, rules: { ingress-self: sgr-0abc } }\n",
    );
    const ps = problemsOf(text);
    expect(ps).toHaveLength(1);
    expect(ps[0].path).toBe("network.adoptExistingSecurityGroups.inference.rules.ingress-self");
    expect(ps[0].message).toMatch(/the inference group has no rule 'ingress-self'/);
  });

  it("adopt mode without the subnet attributes", () => {
    const text = withNetwork(ADOPT.replace(/      subnet-0a1b2c3d4e5f60002:.*\n/, ""));
    const ps = problemsOf(text);
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ line: lineOf(text, "privateSubnetIds"), path: "network.privateSubnetIds[1]" });
    expect(ps[0].message).toMatch(
      /subnet subnet-0a1b2c3d4e5f60002 needs network\.adopt\.subnets\.subnet-0a1b2c3d4e5f60002/,
    );
    const noSection = withNetwork(ADOPT.slice(0, ADOPT.indexOf("  adopt:\n")));
    expect(problemsOf(noSection).map((p) => p.path)).toEqual(["network.mode"]);
  });

  it("adopted subnets all in one zone, and an adopted subnet that is not listed", () => {
    const text = withNetwork(
      ADOPT.replace("availabilityZone: ap-northeast-1c", "availabilityZone: ap-northeast-1a") +
        "      subnet-0a1b2c3d4e5f60009: { cidrBlock: 10.20.64.0/19, availabilityZone: ap-northeast-1d }\n",
    );
    const ps = problemsOf(text);
    expect(ps.map((p) => p.path).sort()).toEqual([
      "network.adopt.subnets",
      "network.adopt.subnets.subnet-0a1b2c3d4e5f60009",
    ]);
    expect(ps.find((p) => p.path === "network.adopt.subnets")!.message).toMatch(/at least 2 availability zones/);
  });

  it("adopt.subnets in lookup mode, releasing an id still in use, a bad CIDR and zone", () => {
    const text = withNetwork(
      BASE +
        "  adopt:\n    subnets:\n      subnet-0a1b2c3d4e5f60001: { cidrBlock: 10.20.0.0/33, availabilityZone: tokyo }\n" +
        "    release: [rtb-0a1b2c3d4e5f60001]\n",
    );
    const ps = problemsOf(text);
    expect(ps.map((p) => p.path).sort()).toEqual([
      "network.adopt.subnets.subnet-0a1b2c3d4e5f60001.availabilityZone",
      "network.adopt.subnets.subnet-0a1b2c3d4e5f60001.cidrBlock",
    ]);
    const wellFormed = withNetwork(
      BASE +
        "  adopt:\n    subnets:\n      subnet-0a1b2c3d4e5f60001: { cidrBlock: 10.20.0.0/19, availabilityZone: ap-northeast-1a }\n" +
        "    release: [rtb-0a1b2c3d4e5f60001]\n",
    );
    const ps2 = problemsOf(wellFormed);
    expect(ps2.map((p) => [p.path, p.message])).toEqual([
      ["network.adopt.subnets", "network.adopt.subnets is used only with network.mode: adopt"],
      [
        "network.adopt.release[0]",
        "rtb-0a1b2c3d4e5f60001 is still in use (listed in privateSubnetIds or routeTableIds)",
      ],
    ]);
  });

  it("fewer than 10 free IPs per subnet is not a valid minimum (§4.1)", () => {
    const text = withNetwork(BASE + "  minFreeIpsPerSubnet: 4\n");
    const ps = problemsOf(text);
    expect(ps.map((p) => [p.line, p.path])).toEqual([
      [lineOf(text, "minFreeIpsPerSubnet"), "network.minFreeIpsPerSubnet"],
    ]);
  });
});
