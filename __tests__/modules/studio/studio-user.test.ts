import { StudioUser, type StudioUserProps } from "../../../modules/studio/studio-user";
import { synthModule } from "./support";

const LCC = "arn:aws:sagemaker:ap-northeast-1:123456789012:studio-lifecycle-config/acme-sagemaker-allow-download";
const ROLE = "arn:aws:iam::123456789012:role/SageMaker-RiskControl-FraudDetection-ExecutionRole";

const base: StudioUserProps = {
  domainId: "d-123",
  userProfileName: "profile-rc-frauddet-alice",
  spaceName: "space-rc-frauddet-alice",
  executionRoleArn: ROLE,
  securityGroupIds: ["sg-studio"],
  jupyterLab: { instanceType: "ml.t3.medium", lifecycleConfigArn: LCC, idleShutdown: { timeoutMinutes: 60 } },
  spaceEbsGb: 50,
  profileTags: { Owner: "sm-rc-alice", Team: "risk-control" },
  spaceTags: { Owner: "alice", SpaceType: "private" },
};

function build(props: StudioUserProps = base) {
  const json = synthModule((s) => new StudioUser(s, "rc-fraud-detection-alice", props));
  const [[profileAddr, profile]] = Object.entries(json.resource.aws_sagemaker_user_profile as Record<string, any>);
  const [space] = Object.values(json.resource.aws_sagemaker_space as Record<string, any>);
  return { profileAddr, profile, space };
}

describe("StudioUser", () => {
  const { profileAddr, profile, space } = build();

  it("binds the profile to the project's execution role and the Studio SG", () => {
    expect(profile.user_profile_name).toBe("profile-rc-frauddet-alice");
    expect(profile.domain_id).toBe("d-123");
    expect(profile.user_settings.execution_role).toBe(ROLE);
    expect(profile.user_settings.security_groups).toEqual(["sg-studio"]);
    expect(profile.tags).toEqual(base.profileTags);
  });

  it("renders the download config and idle shutdown explicitly on the profile", () => {
    const lab = profile.user_settings.jupyter_lab_app_settings;
    expect(lab.default_resource_spec).toEqual({ instance_type: "ml.t3.medium", lifecycle_config_arn: LCC });
    expect(lab.lifecycle_config_arns).toEqual([LCC]);
    expect(lab.app_lifecycle_management.idle_settings).toEqual({
      lifecycle_management: "ENABLED",
      idle_timeout_in_minutes: 60,
      min_idle_timeout_in_minutes: 60,
      max_idle_timeout_in_minutes: 60,
    });
  });

  it("creates a private JupyterLab space owned by the profile (so it is destroyed before it)", () => {
    expect(space.space_name).toBe("space-rc-frauddet-alice");
    expect(space.space_sharing_settings).toEqual({ sharing_type: "Private" });
    expect(space.ownership_settings.owner_user_profile_name).toBe(
      `\${aws_sagemaker_user_profile.${profileAddr}.user_profile_name}`,
    );
    expect(space.space_settings).toEqual({
      app_type: "JupyterLab",
      space_storage_settings: { ebs_storage_settings: { ebs_volume_size_in_gb: 50 } },
    });
    expect(space.tags).toEqual(base.spaceTags);
  });

  it("treats space settings as create-time only", () => {
    expect(space.lifecycle).toEqual({ ignore_changes: ["space_settings"] });
  });

  it("rejects a space volume outside 5-16384 GB and a profile without Owner", () => {
    expect(() => build({ ...base, spaceEbsGb: 4 })).toThrow(/5-16384/);
    expect(() => build({ ...base, spaceEbsGb: 16385 })).toThrow(/5-16384/);
    expect(() => build({ ...base, profileTags: { Team: "risk-control" } })).toThrow(/Owner/);
  });
});
