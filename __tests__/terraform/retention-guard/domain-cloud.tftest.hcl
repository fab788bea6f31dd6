# The homes guard of the domain workspace (workspaces/domain.ts) with a Terraform Cloud backend,
# for the example org with algo/user-intent deleted and deleteHomes = ["algo/user-intent/eve",
# "algo/user-intent/frank"]. The homes live in the domain-<team> workspaces: a home the domain's
# last apply still held may go only in the move (__tests__/terraform/homes-move.test.ts).
# Each run stands in a different "last apply" through override_data.

mock_provider "aws" {}

override_data {
  target = data.terraform_remote_state.remote-network
  values = { outputs = { studio_security_group_id = "sg-0123456789abcdef0" } }
}

override_data {
  target = data.terraform_remote_state.remote-foundation
  values = { outputs = { domain_default_role_arn = "arn:aws:iam::123456789012:role/SageMaker-Domain-DefaultExecutionRole" } }
}

run "no_home_left_in_the_domain_passes" {
  command = plan
  override_data {
    target = data.terraform_remote_state.remote-domain
    values = { outputs = { live_homes = {} } }
  }
}

# Even a home named in deleteHomes: outside the move, the domain workspace lets no home go.
run "home_still_in_the_domain_fails_the_plan_without_the_move" {
  command = plan
  override_data {
    target = data.terraform_remote_state.remote-domain
    values = { outputs = { live_homes = { "algo/user-intent/eve" = "home", "rc/fraud-detection/bob" = "home" } } }
  }
  expect_failures = [terraform_data.homes-guard]
}

# The company pin (platform.companyRenamedFrom: oldco in this org): the company of the last apply
# may be the current one or the one being renamed from, nothing else.
run "company_renamed_from_the_named_company_passes" {
  command = plan
  override_data {
    target = data.terraform_remote_state.remote-domain
    values = { outputs = { domain_identity = "{\"authMode\":\"IAM\",\"domainName\":\"acme-ml-platform\",\"domainSecurityGroupIds\":[],\"privateSubnetIds\":[\"subnet-0a1b2c3d4e5f60001\",\"subnet-0a1b2c3d4e5f60002\"],\"vpcId\":\"vpc-0a1b2c3d4e5f60718\"}", company = "oldco" } }
  }
}

run "company_changed_from_another_company_fails_the_plan" {
  command = plan
  override_data {
    target = data.terraform_remote_state.remote-domain
    values = { outputs = { domain_identity = "{\"authMode\":\"IAM\",\"domainName\":\"acme-ml-platform\",\"domainSecurityGroupIds\":[],\"privateSubnetIds\":[\"subnet-0a1b2c3d4e5f60001\",\"subnet-0a1b2c3d4e5f60002\"],\"vpcId\":\"vpc-0a1b2c3d4e5f60718\"}", company = "globex" } }
  }
  expect_failures = [terraform_data.company-pin]
}

# The domain-identity pin: deleting studio.domainIdentity (the synthesis-time baseline) disarms
# nothing; the identity of the last apply is read back from state.
run "unchanged_domain_identity_passes" {
  command = plan
  override_data {
    target = data.terraform_remote_state.remote-domain
    values = { outputs = { company = "acme", domain_identity = "{\"authMode\":\"IAM\",\"domainName\":\"acme-ml-platform\",\"domainSecurityGroupIds\":[],\"privateSubnetIds\":[\"subnet-0a1b2c3d4e5f60001\",\"subnet-0a1b2c3d4e5f60002\"],\"vpcId\":\"vpc-0a1b2c3d4e5f60718\"}" } }
  }
}

run "changed_domain_identity_fails_the_plan" {
  command = plan
  override_data {
    target = data.terraform_remote_state.remote-domain
    values = { outputs = { company = "acme", domain_identity = "{\"authMode\":\"SSO\",\"domainName\":\"acme-ml-platform\",\"domainSecurityGroupIds\":[],\"privateSubnetIds\":[\"subnet-0a1b2c3d4e5f60001\",\"subnet-0a1b2c3d4e5f60002\"],\"vpcId\":\"vpc-0a1b2c3d4e5f60718\"}" } }
  }
  expect_failures = [terraform_data.domain-identity-pin]
}
