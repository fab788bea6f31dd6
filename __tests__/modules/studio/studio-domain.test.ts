import { StudioDomain, type StudioDomainProps } from "../../../modules/studio/studio-domain";
import { only, synthModule } from "./support";

const LCC = "arn:aws:sagemaker:ap-northeast-1:123456789012:studio-lifecycle-config/acme-sagemaker-disable-download";
const ROLE = "arn:aws:iam::123456789012:role/SageMaker-Domain-DefaultExecutionRole";

const base: StudioDomainProps = {
  domainName: "acme-ml-platform",
  vpcId: "vpc-1",
  subnetIds: ["subnet-b", "subnet-a"],
  defaultExecutionRoleArn: ROLE,
  appSecurityGroupIds: ["sg-studio"],
  defaultInstanceType: "ml.t3.medium",
  defaultLifecycleConfigArn: LCC,
  idleShutdown: { timeoutMinutes: 90, minTimeoutMinutes: 60, maxTimeoutMinutes: 240 },
  defaultEbsGb: 100,
  maxEbsGb: 200,
  tags: { Name: "acme-ml-platform" },
};

const domainOf = (props: StudioDomainProps) =>
  only(
    synthModule((s) => new StudioDomain(s, "domain", props)),
    "aws_sagemaker_domain",
  );

describe("StudioDomain", () => {
  const d = domainOf(base);

  it("is IAM-authenticated and VPC-only in the given VPC and (sorted) subnets", () => {
    expect(d.auth_mode).toBe("IAM");
    expect(d.app_network_access_type).toBe("VpcOnly");
    expect(d.vpc_id).toBe("vpc-1");
    expect(d.subnet_ids).toEqual(["subnet-a", "subnet-b"]);
    expect(d.domain_name).toBe("acme-ml-platform");
    expect(d.kms_key_id).toBeUndefined();
    expect(d.domain_settings).toBeUndefined();
  });

  it("sets the default user settings: role, Studio SG, landing URI, web portal", () => {
    const u = d.default_user_settings;
    expect(u.execution_role).toBe(ROLE);
    expect(u.security_groups).toEqual(["sg-studio"]);
    expect(u.default_landing_uri).toBe("studio::");
    expect(u.studio_web_portal).toBe("ENABLED");
  });

  it("enables built-in idle shutdown with min and max bounds on users and shared spaces", () => {
    const idle = {
      lifecycle_management: "ENABLED",
      idle_timeout_in_minutes: 90,
      min_idle_timeout_in_minutes: 60,
      max_idle_timeout_in_minutes: 240,
    };
    expect(d.default_user_settings.jupyter_lab_app_settings.app_lifecycle_management.idle_settings).toEqual(idle);
    expect(d.default_space_settings.jupyter_lab_app_settings.app_lifecycle_management.idle_settings).toEqual(idle);
  });

  it("uses the default lifecycle config as default and as the only allowed config", () => {
    for (const lab of [
      d.default_user_settings.jupyter_lab_app_settings,
      d.default_space_settings.jupyter_lab_app_settings,
    ]) {
      expect(lab.default_resource_spec).toEqual({ instance_type: "ml.t3.medium", lifecycle_config_arn: LCC });
      expect(lab.lifecycle_config_arns).toEqual([LCC]);
    }
  });

  it("sets default and maximum space storage", () => {
    expect(d.default_user_settings.space_storage_settings.default_ebs_storage_settings).toEqual({
      default_ebs_volume_size_in_gb: 100,
      maximum_ebs_volume_size_in_gb: 200,
    });
  });

  it("gives shared spaces the default role and the Studio SG", () => {
    expect(d.default_space_settings.execution_role).toBe(ROLE);
    expect(d.default_space_settings.security_groups).toEqual(["sg-studio"]);
  });

  it("retains the home EFS unless told otherwise", () => {
    expect(d.retention_policy).toEqual({ home_efs_file_system: "Retain" });
    expect(domainOf({ ...base, retainHomeEfs: false }).retention_policy).toEqual({ home_efs_file_system: "Delete" });
  });

  it("renders a KMS key and domain security groups only when given", () => {
    const k = domainOf({
      ...base,
      kmsKeyId: "arn:aws:kms:ap-northeast-1:123456789012:key/abc",
      domainSecurityGroupIds: ["sg-2", "sg-1"],
    });
    expect(k.kms_key_id).toBe("arn:aws:kms:ap-northeast-1:123456789012:key/abc");
    expect(k.domain_settings).toEqual({ security_group_ids: ["sg-1", "sg-2"] });
  });

  it("rejects idle settings outside 60-525600 or out of order, and max EBS below default", () => {
    expect(() => domainOf({ ...base, idleShutdown: { timeoutMinutes: 59 } })).toThrow(/60-525600/);
    expect(() => domainOf({ ...base, idleShutdown: { timeoutMinutes: 60, maxTimeoutMinutes: 525601 } })).toThrow(
      /525600/,
    );
    expect(() => domainOf({ ...base, idleShutdown: { timeoutMinutes: 120, maxTimeoutMinutes: 90 } })).toThrow(
      /min 120 <= timeout 120 <= max 90/,
    );
    expect(() => domainOf({ ...base, maxEbsGb: 50 })).toThrow(/maxEbsGb 50 is below defaultEbsGb 100/);
  });

  it("pins min and max to the timeout when they are not given (the provider would send 0)", () => {
    const p = domainOf({ ...base, idleShutdown: { timeoutMinutes: 120 } });
    expect(p.default_user_settings.jupyter_lab_app_settings.app_lifecycle_management.idle_settings).toEqual({
      lifecycle_management: "ENABLED",
      idle_timeout_in_minutes: 120,
      min_idle_timeout_in_minutes: 120,
      max_idle_timeout_in_minutes: 120,
    });
  });
});
