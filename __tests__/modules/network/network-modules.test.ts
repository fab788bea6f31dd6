import { Testing, TerraformStack } from "cdktf";
import { RuledSecurityGroup } from "../../../modules/network/security-group";
import { PlatformVpcEndpoint } from "../../../modules/network/vpc-endpoint";
import { ExistingVpc } from "../../../modules/network/existing-vpc";

const stack = () => new TerraformStack(Testing.app(), "s");
const sgProps = { name: "x-studio", description: "d", vpcId: "vpc-1", tags: {} };

describe("RuledSecurityGroup", () => {
  it("rejects a rule with no peer or two peers, a tcp rule without port, a -1 rule with one", () => {
    expect(
      () =>
        new RuledSecurityGroup(stack(), "g", { ...sgProps, rules: { a: { direction: "ingress", protocol: "-1" } } }),
    ).toThrow(/exactly one of cidrIpv4 or self/);
    expect(
      () =>
        new RuledSecurityGroup(stack(), "g", {
          ...sgProps,
          rules: { a: { direction: "ingress", protocol: "-1", self: true, cidrIpv4: "10.0.0.0/8" } },
        }),
    ).toThrow(/exactly one/);
    expect(
      () =>
        new RuledSecurityGroup(stack(), "g", {
          ...sgProps,
          rules: { a: { direction: "egress", protocol: "tcp", self: true } },
        }),
    ).toThrow(/need a port/);
    expect(
      () =>
        new RuledSecurityGroup(stack(), "g", {
          ...sgProps,
          rules: { a: { direction: "egress", protocol: "-1", port: 1, self: true } },
        }),
    ).toThrow(/take none/);
  });

  it("rejects a name starting with sg- and an adopted rule key it does not have", () => {
    expect(() => new RuledSecurityGroup(stack(), "g", { ...sgProps, name: "sg-x", rules: {} })).toThrow(
      /cannot start with 'sg-'/,
    );
    expect(
      () =>
        new RuledSecurityGroup(stack(), "g", {
          ...sgProps,
          rules: {},
          adopt: { id: "sg-1", ruleIds: { nope: "sgr-1" } },
        }),
    ).toThrow(/adopted rule 'nope'/);
  });

  it("imports an adopted group and its listed rules, protected; other rules are created", () => {
    const s = stack();
    new RuledSecurityGroup(s, "g", {
      ...sgProps,
      rules: {
        "egress-all": { direction: "egress", protocol: "-1", cidrIpv4: "0.0.0.0/0" },
        "ingress-self": { direction: "ingress", protocol: "-1", self: true },
      },
      adopt: { id: "sg-1", ruleIds: { "egress-all": "sgr-1" } },
    });
    const json = JSON.parse(Testing.synth(s));
    expect(json.import).toEqual([
      { id: "sg-1", to: "aws_security_group.g" },
      { id: "sgr-1", to: "aws_vpc_security_group_egress_rule.g-egress-all" },
    ]);
    expect(json.resource.aws_security_group.g.lifecycle.prevent_destroy).toBe(true);
    expect(json.resource.aws_vpc_security_group_ingress_rule["g-ingress-self"].lifecycle).toBeUndefined();
    expect(json.resource.aws_vpc_security_group_ingress_rule["g-ingress-self"].referenced_security_group_id).toBe(
      "${aws_security_group.g.id}",
    );
  });
});

describe("PlatformVpcEndpoint", () => {
  const base = { vpcId: "vpc-1", serviceName: "com.amazonaws.r.sts", tags: {} };
  it("requires subnets and groups for an interface endpoint, route tables for a gateway", () => {
    expect(
      () => new PlatformVpcEndpoint(stack(), "e", { ...base, type: "Interface", subnetIds: ["subnet-1"] }),
    ).toThrow(/subnetIds and securityGroupIds/);
    expect(() => new PlatformVpcEndpoint(stack(), "e", { ...base, type: "Gateway" })).toThrow(/routeTableIds/);
  });
});

describe("ExistingVpc", () => {
  it("refuses an adopted subnet without its attributes", () => {
    expect(
      () =>
        new ExistingVpc(stack(), "vpc", {
          vpcId: "vpc-1",
          vpcCidr: "10.0.0.0/16",
          subnetIds: ["subnet-1", "subnet-2"],
          routeTableIds: ["rtb-1"],
          adopt: { subnets: { "subnet-1": { cidrBlock: "10.0.0.0/24", availabilityZone: "r-1a" } } },
        }),
    ).toThrow(/subnet-2 needs its cidrBlock/);
  });
});
