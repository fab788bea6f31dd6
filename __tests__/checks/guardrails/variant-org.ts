/** An org that switches on what the example org leaves off, so the rule pack sees those shapes too. */
import { editExampleOrg } from "../../support/org";

export function variantOrg() {
  return editExampleOrg({
    teams: (d) => {
      d.readonlyUsers = ["rita"];
      d.admins = [{ name: "jason", consoleLogin: true }];
      const p = d.teams.algo.projects["user-intent"];
      p.status = "retired";
      p.bucket = { purge: true };
      p.registry = { purge: true };
      d.teams.rc.projects["fraud-detection"].instanceWhitelist = "unrestricted";
    },
    platform: (d) => {
      d.identity.consoleLoginDefault = true;
      d.storage.encryption = "SSE-KMS";
      d.storage.kmsKeyArn = "arn:aws:kms:ap-northeast-1:123456789012:key/0a1b2c3d-0000-4000-8000-000000000001";
      d.storage.restrictToVpc = true;
      d.identity.deployerPrincipalArns = ["arn:aws:iam::123456789012:role/platform-deployer"];
      d.registry.ecr.createProjectRepos = true;
      d.network.optionalEndpoints = { ecr: true, kms: true, ssm: true, bedrockRuntime: true };
      d.network.mode = "adopt";
      d.network.adopt = {
        vpc: { instanceTenancy: "default" },
        subnets: {
          "subnet-0a1b2c3d4e5f60001": { cidrBlock: "10.20.0.0/19", availabilityZone: "ap-northeast-1a" },
          "subnet-0a1b2c3d4e5f60002": { cidrBlock: "10.20.32.0/19", availabilityZone: "ap-northeast-1c" },
        },
      };
      d.network.adoptExistingSecurityGroups = {
        studio: { id: "sg-0aa0aa0aa0aa0aa01", rules: { "egress-all": "sgr-0bb0bb0bb0bb0bb01" } },
      };
      d.network.adoptExistingEndpoints = { sts: "vpce-0cc0cc0cc0cc0cc01" };
      d.monitoring = { alerts: { subscribers: { ops: { protocol: "email", endpoint: "ops@acme.example" } } } };
    },
  });
}
