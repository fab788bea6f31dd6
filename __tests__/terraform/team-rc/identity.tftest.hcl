# team-rc workspace of the example org, applied against a mocked provider: the values AWS would
# receive for the console login, the boundary and the bucket policy (platform-spec §6).
mock_provider "aws" {}

# The account's IAM quota "Managed policies per role", raised (§14.10).
mock_provider "aws" {
  alias = "iam_quotas"
  mock_data "aws_servicequotas_service_quota" {
    defaults = { value = 20 }
  }
}

override_data {
  target = data.terraform_remote_state.remote-network
  values = {
    outputs = {
      studio_security_group_id    = "sg-0123456789abcdef0"
      inference_security_group_id = "sg-0123456789abcdef1"
    }
  }
}

run "applies_users_roles_and_bucket_policies" {
  command = apply

  assert {
    condition     = aws_iam_user_login_profile.user-alice_LoginProfile_7129E68A.password_reset_required == true && aws_iam_user_login_profile.user-alice_LoginProfile_7129E68A.pgp_key == "keybase:acme_platform_ops"
    error_message = "console login must require a reset and encrypt the password with the PGP key"
  }
  assert {
    condition     = aws_iam_user.user-bob_User_BA2DDB84.force_destroy && aws_iam_user.user-bob_User_BA2DDB84.permissions_boundary == "arn:aws:iam::123456789012:policy/acme-sagemaker/SageMaker-User-Boundary"
    error_message = "team users carry the boundary and are force-destroyed"
  }
  assert {
    condition     = strcontains(aws_iam_policy.project-fraud-detection_policy-InferenceOpsPolicy_B7239C28.policy, "sg-0123456789abcdef0") && strcontains(aws_iam_policy.project-fraud-detection_policy-InferenceOpsPolicy_B7239C28.policy, "subnet-0a1b2c3d4e5f60001")
    error_message = "InferenceOps must carry the real subnet and security-group ids"
  }
  assert {
    condition     = jsondecode(aws_s3_bucket_policy.bucket-policy-fraud-detection.policy).Statement[0].Principal.AWS == "arn:aws:iam::123456789012:role/SageMaker-RiskControl-FraudDetection-ExecutionRole"
    error_message = "the bucket policy names the project's ExecutionRole"
  }
  assert {
    condition     = aws_iam_role.project-fraud-detection_role-Execution_Role_BAE95F9D.path == "/"
    error_message = "project roles have no IAM path"
  }
}
