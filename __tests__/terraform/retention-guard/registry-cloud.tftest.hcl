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

# The company pin (platform.companyRenamedFrom: oldco in this org): the company of the last apply
# may be the current one or the one being renamed from, nothing else.
run "company_renamed_from_the_named_company_passes" {
  command = plan
  override_data {
    target = data.terraform_remote_state.remote-registry
    values = { outputs = { company = "oldco" } }
  }
}

run "company_changed_from_another_company_fails_the_plan" {
  command = plan
  override_data {
    target = data.terraform_remote_state.remote-registry
    values = { outputs = { company = "globex" } }
  }
  expect_failures = [terraform_data.company-pin]
}
