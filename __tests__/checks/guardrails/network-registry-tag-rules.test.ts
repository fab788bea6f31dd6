import { sgExplicitEgress } from "../../../checks/guardrails/rules/sg-explicit-egress";
import { registryProtection } from "../../../checks/guardrails/rules/registry-protection";
import { REQUIRED_TAGS, tagsManagedBy } from "../../../checks/guardrails/rules/tags-managed-by";
import { providerAccount } from "../../../checks/guardrails/rules/provider-account";
import { edited, run, type Resources } from "./fixtures";

describe("SMP-SG-1 explicit egress, no inline rules", () => {
  const ok: Resources = {
    aws_security_group: { studio: { name: "acme-sagemaker-studio", tags: {} } },
    aws_vpc_security_group_egress_rule: {
      "studio-egress-all": {
        security_group_id: "${aws_security_group.studio.id}",
        ip_protocol: "-1",
        cidr_ipv4: "0.0.0.0/0",
      },
    },
  };

  it("passes a group with an egress rule resource", () => expect(run(sgExplicitEgress, ok)).toEqual([]));

  it("finds inline rules and a group whose only egress rule belongs to another group", () => {
    const bad = edited(ok, (r) => {
      r.aws_security_group.studio.ingress = [];
      r.aws_vpc_security_group_egress_rule["studio-egress-all"].security_group_id = "${aws_security_group.other.id}";
    });
    expect(run(sgExplicitEgress, bad)).toEqual([
      "aws_security_group.studio: has inline ingress blocks; use aws_vpc_security_group_ingress_rule resources",
      "aws_security_group.studio: has no aws_vpc_security_group_egress_rule (Terraform removes the default egress)",
    ]);
  });
});

describe("SMP-REG-1 registry protection", () => {
  const ok: Resources = {
    aws_ecr_repository: {
      kept: {
        force_delete: false,
        lifecycle: { prevent_destroy: true },
        image_scanning_configuration: { scan_on_push: true },
      },
      purged: {
        force_delete: true,
        lifecycle: { prevent_destroy: false },
        image_scanning_configuration: [{ scan_on_push: true }],
      },
    },
    aws_sagemaker_model_package_group: {
      kept: { model_package_group_name: "rc-fraud-detection", lifecycle: { prevent_destroy: true } },
      purged: { model_package_group_name: "rc-old-project", lifecycle: { prevent_destroy: false } },
    },
  };
  const retained = (protection: string) => ({
    output: {
      retained_projects: { value: { "rc/fraud-detection": "protected", "rc/old-project": protection } },
    },
  });

  it("passes protected resources, a force_delete repository and a group of a purge-armed project", () => {
    expect(run(registryProtection, ok, retained("purge-armed"))).toEqual([]);
  });

  it("finds an unprotected group whose project is not purge-armed, unprotected and contradictory repos, no scan", () => {
    expect(run(registryProtection, ok, retained("protected"))).toEqual([
      "aws_sagemaker_model_package_group.purged: has no lifecycle.prevent_destroy and its project is not purge-armed in the retained_projects output",
    ]);
    const bad = edited(ok, (r) => {
      r.aws_ecr_repository.kept.force_delete = true;
      r.aws_ecr_repository.purged.force_delete = false;
      r.aws_ecr_repository.purged.image_scanning_configuration = [{ scan_on_push: false }];
      delete r.aws_sagemaker_model_package_group.kept.lifecycle;
    });
    expect(run(registryProtection, bad, retained("purge-armed"))).toEqual([
      "aws_ecr_repository.kept: has force_delete = true together with prevent_destroy",
      "aws_ecr_repository.purged: has neither lifecycle.prevent_destroy nor force_delete (purge): images are unprotected",
      "aws_ecr_repository.purged: does not set image_scanning_configuration.scan_on_push = true",
      "aws_sagemaker_model_package_group.kept: has no lifecycle.prevent_destroy and its project is not purge-armed in the retained_projects output",
    ]);
  });
});

describe("SMP-TAG-1 tags", () => {
  /** One resource of every listed type with exactly its required tags. */
  const ok: Resources = Object.fromEntries(
    Object.entries(REQUIRED_TAGS).map(([type, keys]) => [
      type,
      {
        x: { name: "sm-rc-alice", tags: Object.fromEntries(keys.map((k) => [k, k === "Owner" ? "sm-rc-alice" : "v"])) },
      },
    ]),
  );

  it("passes every listed type with its §0.3 tags, untagged unlisted types, and tagged ones with ManagedBy", () => {
    const more = edited(ok, (r) => {
      r.aws_iam_policy = { p: { name: "P" } };
      r.aws_cloudwatch_log_group = { l: { tags: { ManagedBy: "acme-sagemaker" } } };
    });
    expect(run(tagsManagedBy, more)).toEqual([]);
  });

  it("finds a missing tag, an empty ManagedBy, an untagged listed resource, and a user whose Owner is not its name", () => {
    const bad = edited(ok, (r) => {
      delete r.aws_sagemaker_space.x.tags.SpaceType;
      r.aws_s3_bucket.x.tags.ManagedBy = "";
      delete r.aws_sagemaker_domain.x.tags;
      r.aws_iam_user.x.tags.Owner = "sm-rc-bob";
      r.aws_cloudwatch_log_group = { l: { tags: { Team: "rc" } } };
    });
    expect(run(tagsManagedBy, bad).sort()).toEqual(
      [
        "aws_sagemaker_space.x: has no SpaceType tag",
        "aws_s3_bucket.x: has no ManagedBy tag",
        "aws_sagemaker_domain.x: has no ManagedBy, Name, Environment tags",
        'aws_iam_user.x: has Owner tag "sm-rc-bob", expected the user name "sm-rc-alice"',
        "aws_cloudwatch_log_group.l: has no ManagedBy tag",
      ].sort(),
    );
  });
});

describe("SMP-PRV-1 provider pinned to the account", () => {
  it("passes one allowed account and a region", () => {
    expect(run(providerAccount, { aws_s3_bucket: {} })).toEqual([]);
  });

  it("finds a missing pin, two accounts, no region, and AWS resources without any provider", () => {
    const findings = (provider: Record<string, unknown> | undefined) =>
      providerAccount
        .check("ws", { provider, resource: { aws_s3_bucket: { b: {} } } })
        .map((f) => `${f.address}: ${f.message}`);
    expect(findings({ aws: [{ region: "ap-northeast-1" }] })).toEqual([
      "provider.aws: has allowed_account_ids undefined, expected the one platform account",
    ]);
    expect(findings({ aws: [{ allowed_account_ids: ["111111111111", "222222222222"], alias: "x" }] })).toEqual([
      'provider.aws.x: has allowed_account_ids ["111111111111","222222222222"], expected the one platform account',
      "provider.aws.x: has no region",
    ]);
    expect(findings(undefined)).toEqual([
      "provider.aws: is not configured: resources would use ambient credentials unpinned",
    ]);
  });
});
