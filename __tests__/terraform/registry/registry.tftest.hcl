# Registry workspace of the example org, planned against a mocked AWS provider: the protected
# registry resources keep their fixed addresses and the settings of platform-spec §7.
mock_provider "aws" {}

run "registry_settings" {
  command = plan

  assert {
    condition     = aws_sagemaker_model_package_group.model-group-rc-fraud-detection.model_package_group_name == "rc-fraud-detection"
    error_message = "model package group of rc/fraud-detection must be named {team}-{project}"
  }

  assert {
    condition     = aws_sagemaker_model_package_group.model-group-algo-user-intent.tags["Team"] == "algorithm"
    error_message = "model package group Team tag must be the team's full name"
  }

  assert {
    condition     = aws_ecr_repository.ecr-shared-base-sklearn.name == "acme-sm-shared-base-sklearn"
    error_message = "shared repository names must match repository/{company}-sm-shared-*"
  }

  assert {
    condition     = aws_ecr_repository.ecr-shared-base-pytorch.image_scanning_configuration[0].scan_on_push
    error_message = "repositories scan on push"
  }

  assert {
    condition     = aws_ecr_repository.ecr-shared-base-xgboost.encryption_configuration[0].encryption_type == "AES256" && !aws_ecr_repository.ecr-shared-base-xgboost.force_delete
    error_message = "repositories are AES256-encrypted and not force-deletable"
  }
}
