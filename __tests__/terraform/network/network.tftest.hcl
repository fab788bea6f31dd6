# Network workspace of the example org (lookup mode): security-group rules and endpoints as
# applied, and the plan-time checks of §4.1 firing on a VPC or subnets that do not qualify.
# The data sources return what the real VPC would: DNS on, plenty of free addresses.
mock_provider "aws" {
  mock_data "aws_vpc" {
    defaults = { enable_dns_support = true, enable_dns_hostnames = true }
  }
  mock_data "aws_subnet" {
    defaults = { available_ip_address_count = 4096 }
  }
}

run "applies_groups_rules_and_endpoints" {
  command = apply

  assert {
    condition     = aws_vpc_security_group_ingress_rule.sg-studio-ingress-self.referenced_security_group_id == aws_security_group.sg-studio.id
    error_message = "the studio self rule must reference the studio group itself"
  }
  assert {
    condition     = aws_vpc_security_group_egress_rule.sg-training-egress-self.referenced_security_group_id == aws_security_group.sg-training.id
    error_message = "the training egress self rule must reference the training group itself"
  }
  assert {
    condition     = aws_vpc_security_group_egress_rule.sg-inference-egress-all.cidr_ipv4 == "0.0.0.0/0" && aws_vpc_security_group_egress_rule.sg-inference-egress-all.ip_protocol == "-1"
    error_message = "every group keeps an explicit allow-all IPv4 egress rule"
  }
  assert {
    condition     = aws_vpc_security_group_ingress_rule.sg-inference-ingress-8080-vpc.from_port == 8080 && aws_vpc_security_group_ingress_rule.sg-inference-ingress-8080-vpc.cidr_ipv4 == "10.20.0.0/16"
    error_message = "inference accepts TCP 8080 from the VPC CIDR"
  }
  assert {
    condition     = aws_vpc_endpoint.endpoint-sagemaker-studio.service_name == "aws.sagemaker.ap-northeast-1.studio"
    error_message = "the Studio endpoint keeps its non-com.amazonaws service name"
  }
  assert {
    condition     = aws_vpc_endpoint.endpoint-sts.vpc_endpoint_type == "Interface" && aws_vpc_endpoint.endpoint-sts.private_dns_enabled
    error_message = "interface endpoints have private DNS"
  }
  assert {
    condition     = aws_vpc_endpoint.endpoint-sts.security_group_ids == toset([aws_security_group.sg-vpc-endpoints.id])
    error_message = "interface endpoints use the vpc-endpoints group"
  }
  assert {
    condition     = aws_vpc_endpoint.endpoint-logs.subnet_ids == toset(["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"])
    error_message = "interface endpoints sit in every private subnet"
  }
  assert {
    condition     = aws_vpc_endpoint.endpoint-s3.vpc_endpoint_type == "Gateway" && aws_vpc_endpoint.endpoint-s3.route_table_ids == toset(["rtb-0a1b2c3d4e5f60001"])
    error_message = "the S3 gateway endpoint is on the configured route tables"
  }
  assert {
    condition     = output.private_subnet_ids == ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"] && output.vpc_id == "vpc-0a1b2c3d4e5f60718"
    error_message = "the contract publishes the looked-up VPC and subnets"
  }
  assert {
    condition     = output.vpc_endpoint_sts_id == aws_vpc_endpoint.endpoint-sts.id && output.vpc_endpoint_kms_id == ""
    error_message = "endpoint ids are published; a disabled optional endpoint publishes an empty string"
  }
}

run "dns_support_off_fails_the_plan" {
  command = plan
  override_data {
    target = data.aws_vpc.vpc
    values = { enable_dns_support = false, enable_dns_hostnames = true }
  }
  expect_failures = [data.aws_vpc.vpc]
}

run "dns_hostnames_off_fails_the_plan" {
  command = plan
  override_data {
    target = data.aws_vpc.vpc
    values = { enable_dns_support = true, enable_dns_hostnames = false }
  }
  expect_failures = [data.aws_vpc.vpc]
}

run "a_subnet_without_free_addresses_fails_the_plan" {
  command = plan
  override_data {
    target = data.aws_subnet.subnet-0a1b2c3d4e5f60002
    values = { available_ip_address_count = 9 }
  }
  expect_failures = [data.aws_subnet.subnet-0a1b2c3d4e5f60002]
}

run "subnets_in_one_zone_fail_the_plan" {
  command = plan
  override_data {
    target = data.aws_subnet.subnet-0a1b2c3d4e5f60001
    values = { availability_zone = "ap-northeast-1a", available_ip_address_count = 4096 }
  }
  override_data {
    target = data.aws_subnet.subnet-0a1b2c3d4e5f60002
    values = { availability_zone = "ap-northeast-1a", available_ip_address_count = 4096 }
  }
  expect_failures = [terraform_data.vpc-preflight]
}
