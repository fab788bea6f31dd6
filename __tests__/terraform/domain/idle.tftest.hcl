# Domain workspace of the example org (org/teams.yaml + org/platform.yaml), applied against a
# mocked AWS provider. `terraform validate` skips nested blocks holding unknown values (the
# remote-state SG and role), so the idle-shutdown and download settings are asserted here, on
# applied values, where the provider's validators have run on them.

mock_provider "aws" {}

override_data {
  target = data.terraform_remote_state.remote-network
  values = {
    outputs = {
      vpc_id                               = "vpc-0a1b2c3d4e5f60718"
      private_subnet_ids                   = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
      studio_security_group_id             = "sg-0studio000000000a"
      vpc_endpoints_security_group_id      = "sg-0endpoints0000000"
      training_security_group_id           = "sg-0training00000000"
      processing_security_group_id         = "sg-0processing000000"
      inference_security_group_id          = "sg-0inference0000000"
    }
  }
}

override_data {
  target = data.terraform_remote_state.remote-foundation
  values = {
    outputs = {
      domain_default_role_arn = "arn:aws:iam::123456789012:role/SageMaker-Domain-DefaultExecutionRole"
      shared_bucket_name      = "acme-sm-shared-assets"
    }
  }
}

run "domain_idle_shutdown_and_download_control" {
  command = apply

  assert {
    condition     = aws_sagemaker_domain.domain_Domain_1FEF3C90.app_network_access_type == "VpcOnly" && aws_sagemaker_domain.domain_Domain_1FEF3C90.auth_mode == "IAM"
    error_message = "the domain must be IAM-authenticated and VPC-only"
  }

  assert {
    condition = (
      aws_sagemaker_domain.domain_Domain_1FEF3C90.default_user_settings[0].jupyter_lab_app_settings[0].app_lifecycle_management[0].idle_settings[0].lifecycle_management == "ENABLED" &&
      aws_sagemaker_domain.domain_Domain_1FEF3C90.default_user_settings[0].jupyter_lab_app_settings[0].app_lifecycle_management[0].idle_settings[0].idle_timeout_in_minutes == 60 &&
      aws_sagemaker_domain.domain_Domain_1FEF3C90.default_user_settings[0].jupyter_lab_app_settings[0].app_lifecycle_management[0].idle_settings[0].min_idle_timeout_in_minutes == 60 &&
      aws_sagemaker_domain.domain_Domain_1FEF3C90.default_user_settings[0].jupyter_lab_app_settings[0].app_lifecycle_management[0].idle_settings[0].max_idle_timeout_in_minutes == 60
    )
    error_message = "built-in idle shutdown must be ENABLED on the domain defaults with 60 minutes, pinned by min/max"
  }

  assert {
    condition     = aws_sagemaker_domain.domain_Domain_1FEF3C90.default_space_settings[0].jupyter_lab_app_settings[0].app_lifecycle_management[0].idle_settings[0].idle_timeout_in_minutes == 60
    error_message = "shared spaces must inherit the idle shutdown from the default space settings"
  }

  assert {
    condition     = aws_sagemaker_domain.domain_Domain_1FEF3C90.default_user_settings[0].security_groups == toset(["sg-0studio000000000a"])
    error_message = "Studio apps must run in the studio security group from the network workspace"
  }

  assert {
    condition     = aws_sagemaker_domain.domain_Domain_1FEF3C90.default_user_settings[0].jupyter_lab_app_settings[0].default_resource_spec[0].lifecycle_config_arn == "arn:aws:sagemaker:ap-northeast-1:123456789012:studio-lifecycle-config/acme-sagemaker-disable-download-v2"
    error_message = "studio.disableDownload: true must make the disable-download config the domain default"
  }

  assert {
    condition     = aws_sagemaker_domain.domain_Domain_1FEF3C90.retention_policy[0].home_efs_file_system == "Retain"
    error_message = "the home EFS must be retained when the domain is deleted"
  }
}
