# The retention guard of the foundation workspace with a Terraform Cloud backend (the self read is
# always made there), for the example org with algo/user-intent deleted and listed in
# teams.algo.decommissioned. Each run stands in a different "last apply" through override_data.
# Run by __tests__/terraform/retention-guard.test.ts, not by the generic suite (local backend).

mock_provider "aws" {}

run "first_apply_nothing_to_compare" {
  command = plan
  override_data {
    target = data.terraform_remote_state.remote-foundation
    values = { outputs = { buckets_moved = [], retained_projects = {} } }
  }
}

run "unchanged_and_decommissioned_pass" {
  command = plan
  override_data {
    target = data.terraform_remote_state.remote-foundation
    values = {
      outputs = {
        buckets_moved = []
        retained_projects = {
          "algo/recommendation-engine" = "protected"
          "algo/user-intent"           = "protected"
          "rc/anti-money-laundering"   = "protected"
          "rc/fraud-detection"         = "protected"
        }
      }
    }
  }
  assert {
    condition     = output.retained_projects == { "algo/recommendation-engine" = "protected", "rc/anti-money-laundering" = "protected", "rc/fraud-detection" = "protected" }
    error_message = "the output lists the declared projects only"
  }
}

# A state from before the bucket move (no buckets_moved) that still lists projects: the project
# buckets are in it, and this configuration no longer holds them (docs/foundation.md).
run "state_from_before_the_bucket_move_fails_the_plan" {
  command = plan
  override_data {
    target = data.terraform_remote_state.remote-foundation
    values = { outputs = { retained_projects = { "rc/fraud-detection" = "protected" } } }
  }
  expect_failures = [terraform_data.buckets-in-foundation]
}

run "purge_armed_project_may_go" {
  command = plan
  override_data {
    target = data.terraform_remote_state.remote-foundation
    values = { outputs = { buckets_moved = [], retained_projects = { "rc/legacy-scoring" = "purge-armed", "rc/fraud-detection" = "protected" } } }
  }
}

run "protected_project_deleted_fails_the_plan" {
  command = plan
  override_data {
    target = data.terraform_remote_state.remote-foundation
    values = { outputs = { buckets_moved = [], retained_projects = { "rc/legacy-scoring" = "protected", "rc/fraud-detection" = "protected" } } }
  }
  expect_failures = [terraform_data.retention-guard]
}

# The team guard (modules/state/team-guard.ts) reads the same state: the org lists
# decommissionedTeams = ["ops"].

run "removed_and_decommissioned_team_may_go" {
  command = plan
  override_data {
    target = data.terraform_remote_state.remote-foundation
    values = { outputs = { buckets_moved = [], retained_projects = {}, live_teams = { algo = "active", rc = "active", ops = "removed" } } }
  }
  assert {
    condition     = output.live_teams == { algo = "active", rc = "active" }
    error_message = "the output lists the declared teams and their status"
  }
}

run "active_team_dropped_fails_the_plan" {
  command = plan
  override_data {
    target = data.terraform_remote_state.remote-foundation
    values = { outputs = { buckets_moved = [], retained_projects = {}, live_teams = { algo = "active", rc = "active", ops = "active" } } }
  }
  expect_failures = [terraform_data.team-guard]
}

run "removed_team_dropped_without_decommissioning_fails_the_plan" {
  command = plan
  override_data {
    target = data.terraform_remote_state.remote-foundation
    values = { outputs = { buckets_moved = [], retained_projects = {}, live_teams = { algo = "active", mlx = "removed" } } }
  }
  expect_failures = [terraform_data.team-guard]
}

# The company pin (platform.companyRenamedFrom: oldco in this org): the company of the last apply
# may be the current one or the one being renamed from, nothing else.
run "company_renamed_from_the_named_company_passes" {
  command = plan
  override_data {
    target = data.terraform_remote_state.remote-foundation
    values = { outputs = { company = "oldco" } }
  }
}

run "company_changed_from_another_company_fails_the_plan" {
  command = plan
  override_data {
    target = data.terraform_remote_state.remote-foundation
    values = { outputs = { company = "globex" } }
  }
  expect_failures = [terraform_data.company-pin]
}
