import { studioOwnerPrivate } from "../../../checks/guardrails/rules/studio-owner-private";
import { studioDomainAccess } from "../../../checks/guardrails/rules/studio-domain-access";
import { studioLifecycleConfig } from "../../../checks/guardrails/rules/studio-lifecycle-config";
import { edited, run, type Resources } from "./fixtures";

const LCC = "arn:aws:sagemaker:ap-northeast-1:123456789012:studio-lifecycle-config/acme-sagemaker-disable-download";
const lab = {
  jupyter_lab_app_settings: { default_resource_spec: { lifecycle_config_arn: LCC }, lifecycle_config_arns: [LCC] },
};

const studio: Resources = {
  aws_sagemaker_domain: {
    d: { auth_mode: "IAM", app_network_access_type: "VpcOnly", default_user_settings: lab, default_space_settings: {} },
  },
  aws_sagemaker_user_profile: {
    p: { user_profile_name: "profile-rc-frauddet-alice", tags: { Owner: "sm-rc-alice" }, user_settings: lab },
  },
  aws_sagemaker_space: {
    s: {
      space_name: "space-rc-frauddet-alice",
      space_sharing_settings: { sharing_type: "Private" },
      ownership_settings: { owner_user_profile_name: "${aws_sagemaker_user_profile.p.user_profile_name}" },
      tags: { Owner: "sm-rc-alice" },
    },
  },
};

describe("SMP-SM-1 profile Owner and private spaces", () => {
  it("passes a profile owned by its IAM user and a private space owned by its profile", () => {
    expect(run(studioOwnerPrivate, studio)).toEqual([]);
  });

  it("finds an Owner that is not the profile's IAM user, a shared space, and a space owned by another profile", () => {
    const bad = edited(studio, (r) => {
      r.aws_sagemaker_user_profile.p.tags.Owner = "alice";
      r.aws_sagemaker_user_profile.q = { user_profile_name: "profile-rc-frauddet-bob", tags: { Owner: "sm-rc-alice" } };
      r.aws_sagemaker_space.s.space_sharing_settings.sharing_type = "Shared";
      r.aws_sagemaker_space.s.ownership_settings.owner_user_profile_name =
        "${aws_sagemaker_user_profile.q.user_profile_name}";
      r.aws_sagemaker_space.t = { space_name: "space-rc-frauddet-carol", tags: { Owner: "sm-rc-carol" } };
    });
    expect(run(studioOwnerPrivate, bad)).toEqual([
      'aws_sagemaker_user_profile.p: has Owner tag "alice", expected "sm-rc-alice"',
      'aws_sagemaker_user_profile.q: has Owner tag "sm-rc-alice", expected "sm-rc-bob"',
      'aws_sagemaker_space.s: has sharing_type "Shared"; the platform creates only Private spaces',
      'aws_sagemaker_space.s: is owned by "profile-rc-frauddet-bob", not by profile-rc-frauddet-alice',
      "aws_sagemaker_space.t: has sharing_type undefined; the platform creates only Private spaces",
      "aws_sagemaker_space.t: has no ownership_settings.owner_user_profile_name naming a profile of this workspace",
    ]);
  });

  it("an admin or read-only user cannot own a profile", () => {
    const admin = edited(studio, (r) => {
      r.aws_sagemaker_user_profile.p.user_profile_name = "custom-name";
      delete r.aws_sagemaker_space;
    });
    expect(run(studioOwnerPrivate, admin)).toEqual([]);
    admin.aws_sagemaker_user_profile.p.tags.Owner = "sm-admin-jason";
    expect(run(studioOwnerPrivate, admin)).toEqual([
      'aws_sagemaker_user_profile.p: has Owner tag "sm-admin-jason", expected a team IAM user name sm-{team}-{user}',
    ]);
  });
});

describe("SMP-SM-2 domain access", () => {
  it("passes IAM + VpcOnly", () => expect(run(studioDomainAccess, studio)).toEqual([]));

  it("finds SSO auth and public internet access", () => {
    const bad = edited(studio, (r) => {
      r.aws_sagemaker_domain.d.auth_mode = "SSO";
      delete r.aws_sagemaker_domain.d.app_network_access_type;
    });
    expect(run(studioDomainAccess, bad)).toEqual([
      'aws_sagemaker_domain.d: has auth_mode "SSO", expected "IAM"',
      'aws_sagemaker_domain.d: has app_network_access_type undefined, expected "VpcOnly"',
    ]);
  });
});

describe("SMP-SM-3 lifecycle config references", () => {
  it("passes a default config that is in the allowed list (and a space default that inherits)", () => {
    expect(run(studioLifecycleConfig, studio)).toEqual([]);
  });

  it("finds a profile without a default config, and defaults missing from the allowed list", () => {
    const bad = edited(studio, (r) => {
      r.aws_sagemaker_user_profile.p.user_settings = {};
      r.aws_sagemaker_domain.d.default_user_settings.jupyter_lab_app_settings.lifecycle_config_arns = [];
      r.aws_sagemaker_domain.d.default_space_settings = {
        jupyter_lab_app_settings: { default_resource_spec: { lifecycle_config_arn: LCC } },
      };
    });
    expect(run(studioLifecycleConfig, bad)).toEqual([
      "aws_sagemaker_domain.d: default_user_settings has a default lifecycle config that is not in lifecycle_config_arns",
      "aws_sagemaker_domain.d: default_space_settings has a default lifecycle config that is not in lifecycle_config_arns",
      "aws_sagemaker_user_profile.p: user_settings has no jupyter_lab_app_settings.default_resource_spec.lifecycle_config_arn",
    ]);
  });
});
