# The rc team's homes workspace (domain-rc) of the example org, applied against a mocked AWS
# provider: each profile's idle shutdown, download control, owner and role, and the private space,
# on applied values (the provider's validators have run on them). The lifecycle configs are the
# domain workspace's, named by their deterministic ARNs.

mock_provider "aws" {}

override_data {
  target = data.terraform_remote_state.remote-network
  values = {
    outputs = {
      studio_security_group_id = "sg-0studio000000000a"
    }
  }
}

override_data {
  target = data.terraform_remote_state.remote-domain
  values = {
    outputs = {
      domain_id   = "d-0example0000"
      moved_homes = []
    }
  }
}

run "homes_idle_shutdown_and_download_control" {
  command = apply

  assert {
    condition = (
      aws_sagemaker_user_profile.member-rc-fraud-detection-alice_Profile_DCF2CCF2.domain_id == "d-0example0000" &&
      aws_sagemaker_user_profile.member-rc-fraud-detection-alice_Profile_DCF2CCF2.user_settings[0].security_groups == toset(["sg-0studio000000000a"])
    )
    error_message = "profiles must join the domain of the domain workspace, in the studio security group"
  }

  assert {
    condition = (
      aws_sagemaker_user_profile.member-rc-fraud-detection-alice_Profile_DCF2CCF2.user_settings[0].jupyter_lab_app_settings[0].app_lifecycle_management[0].idle_settings[0].idle_timeout_in_minutes == 60 &&
      aws_sagemaker_user_profile.member-rc-fraud-detection-alice_Profile_DCF2CCF2.user_settings[0].jupyter_lab_app_settings[0].default_resource_spec[0].lifecycle_config_arn == "arn:aws:sagemaker:ap-northeast-1:123456789012:studio-lifecycle-config/acme-sagemaker-disable-download-v2" &&
      aws_sagemaker_user_profile.member-rc-fraud-detection-alice_Profile_DCF2CCF2.user_settings[0].jupyter_lab_app_settings[0].lifecycle_config_arns == toset(["arn:aws:sagemaker:ap-northeast-1:123456789012:studio-lifecycle-config/acme-sagemaker-disable-download-v2"])
    )
    error_message = "alice in fraud-detection (inherit -> deny) must get idle shutdown and only the disable-download config"
  }

  assert {
    condition = (
      aws_sagemaker_user_profile.member-rc-anti-money-laundering-carol_Profile_517E9C0D.user_settings[0].jupyter_lab_app_settings[0].default_resource_spec[0].lifecycle_config_arn == "arn:aws:sagemaker:ap-northeast-1:123456789012:studio-lifecycle-config/acme-sagemaker-allow-download-v2" &&
      aws_sagemaker_user_profile.member-rc-anti-money-laundering-carol_Profile_517E9C0D.user_settings[0].jupyter_lab_app_settings[0].lifecycle_config_arns == toset(["arn:aws:sagemaker:ap-northeast-1:123456789012:studio-lifecycle-config/acme-sagemaker-allow-download-v2"])
    )
    error_message = "carol's membership override (allow) must render the allow-download config explicitly"
  }

  assert {
    condition = (
      aws_sagemaker_user_profile.member-rc-fraud-detection-alice_Profile_DCF2CCF2.tags["Owner"] == "sm-rc-alice" &&
      aws_sagemaker_user_profile.member-rc-fraud-detection-alice_Profile_DCF2CCF2.user_settings[0].execution_role == "arn:aws:iam::123456789012:role/SageMaker-RiskControl-FraudDetection-ExecutionRole"
    )
    error_message = "the profile must carry Owner = IAM user name and the project's ExecutionRole"
  }

  assert {
    condition = (
      aws_sagemaker_space.member-rc-fraud-detection-alice_Space_1AC24C56.ownership_settings[0].owner_user_profile_name == "profile-rc-frauddet-alice" &&
      aws_sagemaker_space.member-rc-fraud-detection-alice_Space_1AC24C56.space_settings[0].space_storage_settings[0].ebs_storage_settings[0].ebs_volume_size_in_gb == 50
    )
    error_message = "alice's private space must belong to her fraud-detection profile with a 50 GB volume"
  }
}
