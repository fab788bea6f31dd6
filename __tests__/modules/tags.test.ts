/** The tags aspect (modules/tags.ts) and the one definition of ManagedBy (catalog/tags.ts, §0.3). */
import { Aspects, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { ManagedByTag } from "../../modules/tags";
import { managedBy, TAGGED_RESOURCE_TYPES } from "../../catalog/tags";
import { synthOrg } from "../support/synth";
import { editExampleOrg } from "../support/org";

function stackWithAspect(build: (s: TerraformStack) => void): any {
  const stack = new TerraformStack(Testing.app(), "probe");
  Aspects.of(stack).add(new ManagedByTag("acme-sagemaker"));
  build(stack);
  return JSON.parse(Testing.synth(stack)).resource;
}

describe("ManagedByTag", () => {
  it("adds the workspace's ManagedBy to every resource of a tagged type, nested or not, keeping its own tags", () => {
    const r = stackWithAspect((s) => {
      new S3Bucket(new Construct(s, "Project"), "Bucket", { bucket: "b", tags: { Team: "risk-control" } });
      new SecurityGroup(s, "Group", { name: "g" });
      new IamPolicy(s, "Policy", { name: "p", policy: "{}" });
    });
    expect(Object.values(r.aws_s3_bucket)[0]).toMatchObject({
      tags: { Team: "risk-control", ManagedBy: "acme-sagemaker" },
    });
    expect(Object.values(r.aws_security_group)[0]).toMatchObject({ tags: { ManagedBy: "acme-sagemaker" } });
    // IAM policies are untagged by design (§0.3).
    expect((Object.values(r.aws_iam_policy)[0] as any).tags).toBeUndefined();
  });

  it("refuses a construct that sets ManagedBy itself: the workspace's value is the only one", () => {
    expect(() =>
      stackWithAspect((s) => new S3Bucket(s, "Bucket", { bucket: "b", tags: { ManagedBy: "someone-else" } })),
    ).toThrow("probe/Bucket: ManagedBy is the workspace's tag");
  });
});

describe("ManagedBy in the example org's output, with a tagPrefix of its own (§0.3)", () => {
  // By default both values are `acme-sagemaker`: a tagPrefix of its own tells them apart.
  const naming = { company: "acme", tagPrefix: "acme-infra" };
  const { json } = synthOrg(editExampleOrg({ platform: (p) => void (p.platform.tagPrefix = naming.tagPrefix) }));
  const INFRASTRUCTURE = new Set(["network", "domain", "registry"]);

  it("every resource of a tagged type carries its workspace's value, and no other resource is tagged", () => {
    const wrong: string[] = [];
    for (const [ws, stack] of Object.entries(json)) {
      const expected = managedBy(naming, INFRASTRUCTURE.has(ws) ? "infrastructure" : "identity-and-data");
      for (const [type, byName] of Object.entries((stack as any).resource ?? {}))
        for (const [name, body] of Object.entries(byName as Record<string, any>)) {
          const tagged = TAGGED_RESOURCE_TYPES.has(type);
          if (tagged ? body.tags?.ManagedBy !== expected : body.tags !== undefined) wrong.push(`${ws} ${type}.${name}`);
        }
    }
    expect(wrong).toEqual([]);
  });
});
