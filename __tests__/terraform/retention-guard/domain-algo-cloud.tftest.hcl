# The homes guard of the algo team's homes workspace (modules/state/homes-guard.ts) with a
# Terraform Cloud backend, for the example org with algo/user-intent deleted (eve's and frank's
# homes there go) and deleteHomes = ["algo/user-intent/eve", "algo/user-intent/frank"]. Each run
# stands in a different "last apply" through override_data.

mock_provider "aws" {}

override_data {
  target = data.terraform_remote_state.remote-network
  values = { outputs = { studio_security_group_id = "sg-0123456789abcdef0" } }
}

override_data {
  target = data.terraform_remote_state.remote-domain
  values = { outputs = { domain_id = "d-0example0000" } }
}

run "acknowledged_homes_may_go" {
  command = plan
  override_data {
    target = data.terraform_remote_state.remote-domain-algo
    values = {
      outputs = {
        live_homes = {
          "algo/user-intent/eve"            = "home"
          "algo/user-intent/frank"          = "home"
          "algo/recommendation-engine/eve"  = "home"
        }
      }
    }
  }
}

run "unacknowledged_home_fails_the_plan" {
  command = plan
  override_data {
    target = data.terraform_remote_state.remote-domain-algo
    values = { outputs = { live_homes = { "algo/user-intent/zed" = "home", "algo/recommendation-engine/eve" = "home" } } }
  }
  expect_failures = [terraform_data.homes-guard]
}
