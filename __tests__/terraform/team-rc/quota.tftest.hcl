# §14.10: with the account's IAM quota "Managed policies per role" at its default of 10, the
# plan of the team workspace fails before anything is created (the ExecutionRole needs 13).
mock_provider "aws" {}

mock_provider "aws" {
  alias = "iam_quotas"
  mock_data "aws_servicequotas_service_quota" {
    defaults = { value = 10 }
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

run "unraised_quota_fails_the_plan" {
  command = plan

  expect_failures = [data.aws_servicequotas_service_quota.managed-policies-per-role_quota_A05C185C]
}
