# The registry workspace's retention guard with a Terraform Cloud backend (see foundation-cloud).

mock_provider "aws" {}

run "decommissioned_passes" {
  command = plan
  override_data {
    target = data.terraform_remote_state.remote-registry
    values = { outputs = { retained_projects = { "algo/user-intent" = "protected", "rc/fraud-detection" = "protected" } } }
  }
}

run "purge_armed_project_may_go" {
  command = plan
  override_data {
    target = data.terraform_remote_state.remote-registry
    values = { outputs = { retained_projects = { "rc/legacy-scoring" = "purge-armed" } } }
  }
}

run "protected_project_deleted_fails_the_plan" {
  command = plan
  override_data {
    target = data.terraform_remote_state.remote-registry
    values = { outputs = { retained_projects = { "rc/legacy-scoring" = "protected" } } }
  }
  expect_failures = [terraform_data.retention-guard]
}
