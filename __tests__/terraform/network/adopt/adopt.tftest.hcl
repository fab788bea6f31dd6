# Network workspace in adopt mode (fixture: adoptOrg() in __tests__/workspaces/network.test.ts).
# A mocked provider cannot import, so every import target is overridden; the runs check what the
# adopted objects are declared as, and that the endpoints and groups attach to them.
mock_provider "aws" {
  mock_data "aws_subnet" {
    defaults = { available_ip_address_count = 4096 }
  }
}

override_resource {
  target = aws_vpc.vpc
  values = { id = "vpc-0a1b2c3d4e5f60718" }
}
override_resource {
  target = aws_subnet.subnet-0a1b2c3d4e5f60001
  values = { id = "subnet-0a1b2c3d4e5f60001" }
}
override_resource {
  target = aws_subnet.subnet-0a1b2c3d4e5f60002
  values = { id = "subnet-0a1b2c3d4e5f60002" }
}
override_resource {
  target = aws_route_table.rtb-0a1b2c3d4e5f60001
  values = { id = "rtb-0a1b2c3d4e5f60001" }
}
override_resource {
  target = aws_security_group.sg-studio
  values = { id = "sg-0aa0aa0aa0aa0aa01" }
}
override_resource {
  target = aws_security_group.sg-training
  values = { id = "sg-0aa0aa0aa0aa0aa02" }
}
override_resource {
  target = aws_security_group.sg-vpc-endpoints
  values = { id = "sg-0aa0aa0aa0aa0aa03" }
}
override_resource {
  target = aws_vpc_security_group_egress_rule.sg-studio-egress-all
}
override_resource {
  target = aws_vpc_endpoint.endpoint-sts
  values = { id = "vpce-0cc0cc0cc0cc0cc01" }
}
override_resource {
  target = aws_vpc_endpoint.endpoint-s3
  values = { id = "vpce-0cc0cc0cc0cc0cc03" }
}

run "adopts_the_vpc_and_attaches_to_it" {
  command = apply

  assert {
    condition     = aws_vpc.vpc.cidr_block == "10.20.0.0/16" && aws_vpc.vpc.enable_dns_support && aws_vpc.vpc.enable_dns_hostnames
    error_message = "the adopted VPC is declared with its CIDR and DNS support/hostnames on"
  }
  assert {
    condition     = aws_subnet.subnet-0a1b2c3d4e5f60002.availability_zone == "ap-northeast-1c" && aws_subnet.subnet-0a1b2c3d4e5f60002.vpc_id == "vpc-0a1b2c3d4e5f60718"
    error_message = "adopted subnets keep their zone and VPC"
  }
  assert {
    condition     = aws_security_group.sg-studio.description == "Studio apps (legacy)" && aws_security_group.sg-processing.vpc_id == "vpc-0a1b2c3d4e5f60718"
    error_message = "groups live in the adopted VPC; an adopted group keeps its description"
  }
  assert {
    condition     = aws_vpc_security_group_ingress_rule.sg-studio-ingress-self.referenced_security_group_id == "sg-0aa0aa0aa0aa0aa01"
    error_message = "rules of an adopted group attach to the existing group id"
  }
  assert {
    condition     = aws_vpc_endpoint.endpoint-sts.subnet_ids == toset(["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"])
    error_message = "an imported interface endpoint is declared in every private subnet"
  }
  assert {
    condition     = aws_vpc_endpoint.endpoint-sts.security_group_ids == toset(["sg-0aa0aa0aa0aa0aa03"])
    error_message = "an imported interface endpoint is declared with the vpc-endpoints group"
  }
  assert {
    condition     = aws_vpc_endpoint.endpoint-s3.route_table_ids == toset(["rtb-0a1b2c3d4e5f60001"])
    error_message = "the imported S3 gateway is declared on the adopted route tables"
  }
  assert {
    condition     = output.vpc_endpoint_logs_id == "vpce-0cc0cc0cc0cc0cc02" && output.vpc_endpoint_sts_id == "vpce-0cc0cc0cc0cc0cc01"
    error_message = "referenced and imported endpoints publish the existing ids"
  }
  assert {
    condition     = output.private_subnet_ids == ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"] && output.route_table_ids == ["rtb-0a1b2c3d4e5f60001"]
    error_message = "the contract publishes the adopted subnets and route tables"
  }
}

run "a_subnet_without_free_addresses_fails_the_plan" {
  command = plan
  override_data {
    target = data.aws_subnet.subnet-0a1b2c3d4e5f60001
    values = { available_ip_address_count = 3 }
  }
  expect_failures = [data.aws_subnet.subnet-0a1b2c3d4e5f60001]
}
