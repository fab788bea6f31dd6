/**
 * Platform-spec §8.1-§8.7 as amended by §14 (§14.1 no AddTags and the guard-tag deny, §14.3 no
 * Glue/Athena/Service Catalog/secrets in the boundary, §14.5 no SageMaker default bucket, §14.6
 * MFA removal only with MFA), transcribed statement by statement with the spec's placeholders
 * ({account}, {region}, {company}, {iamPath}). The oracle for the foundation policy tests: it is
 * written independently of catalog/policies/platform-policies.ts.
 */
export interface SpecStatement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action?: string[];
  readonly NotAction?: string[];
  readonly Resource?: string[];
  readonly NotResource?: string[];
  readonly Condition?: Record<string, Record<string, string[]>>;
}

export const SPEC_PLATFORM_POLICIES: Record<string, { name: string; statements: SpecStatement[] }> = {
  // §8.1
  studioBaseAccess: {
    name: "SageMaker-Studio-Base-Access",
    statements: [
      {
        Sid: "AllowDescribeDomain",
        Effect: "Allow",
        Action: ["sagemaker:DescribeDomain", "sagemaker:ListDomains"],
        Resource: ["arn:aws:sagemaker:{region}:{account}:domain/*"],
      },
      {
        Sid: "AllowListUserProfiles",
        Effect: "Allow",
        Action: ["sagemaker:ListUserProfiles", "sagemaker:ListSpaces", "sagemaker:ListApps"],
        Resource: ["*"],
      },
      {
        Sid: "AllowListTags",
        Effect: "Allow",
        Action: ["sagemaker:ListTags"],
        Resource: [
          "arn:aws:sagemaker:{region}:{account}:domain/*",
          "arn:aws:sagemaker:{region}:{account}:user-profile/*",
          "arn:aws:sagemaker:{region}:{account}:space/*",
          "arn:aws:sagemaker:{region}:{account}:app/*",
        ],
      },
      {
        Sid: "AllowDescribeOwnProfile",
        Effect: "Allow",
        Action: ["sagemaker:DescribeUserProfile", "sagemaker:CreatePresignedDomainUrl"],
        Resource: ["arn:aws:sagemaker:{region}:{account}:user-profile/*/*"],
        Condition: { StringEquals: { "sagemaker:ResourceTag/Owner": ["${aws:username}"] } },
      },
    ],
  },
  // §8.2
  readOnlyAccess: {
    name: "SageMaker-ReadOnly-Access",
    statements: [
      { Sid: "DenyS3BucketListing", Effect: "Deny", Action: ["s3:ListAllMyBuckets"], Resource: ["*"] },
      {
        Sid: "AllowSageMakerReadOnly",
        Effect: "Allow",
        Action: ["sagemaker:Describe*", "sagemaker:List*"],
        Resource: ["*"],
      },
      {
        Sid: "AllowS3ReadOnlyCompanyBuckets",
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation"],
        Resource: ["arn:aws:s3:::{company}-sm-*", "arn:aws:s3:::{company}-sm-*/*"],
      },
      {
        Sid: "AllowCloudWatchLogsReadOnly",
        Effect: "Allow",
        Action: ["logs:DescribeLogGroups", "logs:DescribeLogStreams", "logs:GetLogEvents"],
        Resource: ["arn:aws:logs:{region}:{account}:log-group:/aws/sagemaker/*"],
      },
    ],
  },
  // §8.3
  userBoundary: {
    name: "SageMaker-User-Boundary",
    statements: [
      {
        Sid: "DenyAllWithoutMFA",
        Effect: "Deny",
        NotAction: [
          "iam:CreateVirtualMFADevice",
          "iam:EnableMFADevice",
          "iam:ListMFADevices",
          "iam:ListVirtualMFADevices",
          "iam:ResyncMFADevice",
          "iam:GetUser",
          "iam:ChangePassword",
          "iam:GetAccountPasswordPolicy",
          "sts:GetCallerIdentity",
        ],
        Resource: ["*"],
        Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": ["false"] } },
      },
      { Sid: "DenyS3BucketListing", Effect: "Deny", Action: ["s3:ListAllMyBuckets"], Resource: ["*"] },
      {
        Sid: "DenyAccessToOtherBuckets",
        Effect: "Deny",
        Action: ["s3:*"],
        NotResource: ["arn:aws:s3:::{company}-sm-*", "arn:aws:s3:::{company}-sm-*/*"],
      },
      { Sid: "AllowSageMakerFullAccess", Effect: "Allow", Action: ["sagemaker:*"], Resource: ["*"] },
      {
        Sid: "AllowS3SageMakerBuckets",
        Effect: "Allow",
        Action: [
          "s3:GetObject",
          "s3:PutObject",
          "s3:DeleteObject",
          "s3:ListBucket",
          "s3:GetBucketLocation",
          "s3:AbortMultipartUpload",
          "s3:ListMultipartUploadParts",
        ],
        Resource: ["arn:aws:s3:::{company}-sm-*", "arn:aws:s3:::{company}-sm-*/*"],
      },
      {
        Sid: "AllowSupportingServices",
        Effect: "Allow",
        Action: [
          "ecr:*",
          "logs:*",
          "cloudwatch:*",
          "ec2:Describe*",
          "kms:Describe*",
          "kms:List*",
          "sts:GetCallerIdentity",
          "sts:AssumeRole",
          "codecommit:*",
        ],
        Resource: ["*"],
      },
      {
        Sid: "AllowPassRoleToSageMaker",
        Effect: "Allow",
        Action: ["iam:PassRole"],
        Resource: ["arn:aws:iam::{account}:role/SageMaker-*"],
        Condition: { StringEquals: { "iam:PassedToService": ["sagemaker.amazonaws.com"] } },
      },
      { Sid: "AllowGetRole", Effect: "Allow", Action: ["iam:GetRole", "iam:ListRoles"], Resource: ["*"] },
      {
        Sid: "AllowViewAccountPasswordPolicy",
        Effect: "Allow",
        Action: ["iam:GetAccountPasswordPolicy", "iam:ListVirtualMFADevices"],
        Resource: ["*"],
      },
      {
        Sid: "AllowSelfServiceIAM",
        Effect: "Allow",
        Action: [
          "iam:ChangePassword",
          "iam:GetUser",
          "iam:CreateVirtualMFADevice",
          "iam:EnableMFADevice",
          "iam:ListMFADevices",
          "iam:ResyncMFADevice",
        ],
        Resource: ["arn:aws:iam::{account}:user{iamPath}*", "arn:aws:iam::{account}:mfa/*"],
      },
      {
        Sid: "AllowSelfServiceMFARemovalWithMFA",
        Effect: "Allow",
        Action: ["iam:DeactivateMFADevice", "iam:DeleteVirtualMFADevice"],
        Resource: ["arn:aws:iam::{account}:user{iamPath}*", "arn:aws:iam::{account}:mfa/*"],
        Condition: { Bool: { "aws:MultiFactorAuthPresent": ["true"] } },
      },
      {
        Sid: "DenyGuardTagChanges",
        Effect: "Deny",
        Action: ["sagemaker:AddTags", "sagemaker:DeleteTags"],
        Resource: [
          "arn:aws:sagemaker:{region}:{account}:domain/*",
          "arn:aws:sagemaker:{region}:{account}:user-profile/*",
          "arn:aws:sagemaker:{region}:{account}:space/*",
          "arn:aws:sagemaker:{region}:{account}:app/*",
        ],
        Condition: { "ForAnyValue:StringEquals": { "aws:TagKeys": ["Owner", "Team", "Project"] } },
      },
      {
        Sid: "DenyDangerousIAMActions",
        Effect: "Deny",
        Action: [
          "iam:CreateUser",
          "iam:DeleteUser",
          "iam:CreateRole",
          "iam:DeleteRole",
          "iam:AttachUserPolicy",
          "iam:DetachUserPolicy",
          "iam:AttachRolePolicy",
          "iam:DetachRolePolicy",
          "iam:PutUserPolicy",
          "iam:DeleteUserPolicy",
          "iam:PutRolePolicy",
          "iam:DeleteRolePolicy",
          "iam:CreatePolicy",
          "iam:DeletePolicy",
          "iam:CreatePolicyVersion",
          "iam:DeletePolicyVersion",
          "iam:PutUserPermissionsBoundary",
          "iam:DeleteUserPermissionsBoundary",
          "iam:PutRolePermissionsBoundary",
          "iam:DeleteRolePermissionsBoundary",
        ],
        Resource: ["*"],
      },
      {
        Sid: "DenySageMakerAdminActions",
        Effect: "Deny",
        Action: [
          "sagemaker:CreateDomain",
          "sagemaker:DeleteDomain",
          "sagemaker:UpdateDomain",
          "sagemaker:CreateUserProfile",
          "sagemaker:DeleteUserProfile",
          "sagemaker:CreateSpace",
          "sagemaker:UpdateSpace",
          "sagemaker:DeleteSpace",
        ],
        Resource: ["*"],
      },
      {
        Sid: "DenyPresignedUrlForOthersProfile",
        Effect: "Deny",
        Action: ["sagemaker:CreatePresignedDomainUrl"],
        Resource: ["arn:aws:sagemaker:{region}:{account}:user-profile/*/*"],
        Condition: { StringNotEquals: { "sagemaker:ResourceTag/Owner": ["${aws:username}"] } },
      },
      {
        Sid: "DenyS3BucketAdmin",
        Effect: "Deny",
        Action: ["s3:CreateBucket", "s3:DeleteBucket", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy"],
        Resource: ["*"],
      },
    ],
  },
  // §8.4
  userSelfService: {
    name: "SageMaker-User-SelfService",
    statements: [
      {
        Sid: "AllowViewAccountInfo",
        Effect: "Allow",
        Action: ["iam:GetAccountPasswordPolicy", "iam:ListVirtualMFADevices"],
        Resource: ["*"],
      },
      {
        Sid: "AllowManageOwnPasswords",
        Effect: "Allow",
        Action: ["iam:ChangePassword", "iam:GetUser"],
        Resource: ["arn:aws:iam::{account}:user{iamPath}${aws:username}"],
      },
      {
        Sid: "AllowManageOwnMFA",
        Effect: "Allow",
        Action: ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice"],
        Resource: ["arn:aws:iam::{account}:mfa/*", "arn:aws:iam::{account}:user{iamPath}${aws:username}"],
      },
      {
        Sid: "AllowRemoveOwnMFAWithMFA",
        Effect: "Allow",
        Action: ["iam:DeactivateMFADevice", "iam:DeleteVirtualMFADevice"],
        Resource: ["arn:aws:iam::{account}:mfa/*", "arn:aws:iam::{account}:user{iamPath}${aws:username}"],
        Condition: { Bool: { "aws:MultiFactorAuthPresent": ["true"] } },
      },
    ],
  },
  // §8.5
  studioAppPermissions: {
    name: "SageMaker-StudioAppPermissions",
    statements: [
      {
        Sid: "SMStudioUserProfileAppPermissionsCreateAndDelete",
        Effect: "Allow",
        Action: ["sagemaker:CreateApp", "sagemaker:DeleteApp"],
        Resource: ["arn:aws:sagemaker:{region}:{account}:app/*"],
        Condition: { Null: { "sagemaker:OwnerUserProfileArn": ["true"] } },
      },
      {
        Sid: "SMStudioCreatePresignedDomainUrlForUserProfile",
        Effect: "Allow",
        Action: ["sagemaker:CreatePresignedDomainUrl"],
        Resource: [
          "arn:aws:sagemaker:{region}:{account}:user-profile/${sagemaker:DomainId}/${sagemaker:UserProfileName}",
        ],
      },
      {
        Sid: "SMStudioAppPermissionsListAndDescribe",
        Effect: "Allow",
        Action: [
          "sagemaker:ListApps",
          "sagemaker:ListDomains",
          "sagemaker:ListUserProfiles",
          "sagemaker:ListSpaces",
          "sagemaker:DescribeApp",
          "sagemaker:DescribeDomain",
          "sagemaker:DescribeUserProfile",
          "sagemaker:DescribeSpace",
        ],
        Resource: ["*"],
      },
      {
        Sid: "SMStudioAppPermissionsTagOnCreate",
        Effect: "Allow",
        Action: ["sagemaker:AddTags"],
        Resource: ["arn:aws:sagemaker:{region}:{account}:*/*"],
        Condition: { Null: { "sagemaker:TaggingAction": ["false"] } },
      },
      {
        Sid: "SMStudioRestrictSharedSpacesWithoutOwners",
        Effect: "Allow",
        Action: ["sagemaker:CreateSpace", "sagemaker:UpdateSpace", "sagemaker:DeleteSpace"],
        Resource: ["arn:aws:sagemaker:{region}:{account}:space/${sagemaker:DomainId}/*"],
        Condition: { Null: { "sagemaker:OwnerUserProfileArn": ["true"] } },
      },
      {
        Sid: "SMStudioRestrictSpacesToOwnerUserProfile",
        Effect: "Allow",
        Action: ["sagemaker:CreateSpace", "sagemaker:UpdateSpace", "sagemaker:DeleteSpace"],
        Resource: ["arn:aws:sagemaker:{region}:{account}:space/${sagemaker:DomainId}/*"],
        Condition: {
          ArnLike: {
            "sagemaker:OwnerUserProfileArn": [
              "arn:aws:sagemaker:{region}:{account}:user-profile/${sagemaker:DomainId}/${sagemaker:UserProfileName}",
            ],
          },
          StringEquals: { "sagemaker:SpaceSharingType": ["Private", "Shared"] },
        },
      },
      {
        Sid: "SMStudioRestrictCreatePrivateSpaceAppsToOwnerUserProfile",
        Effect: "Allow",
        Action: ["sagemaker:CreateApp", "sagemaker:DeleteApp"],
        Resource: ["arn:aws:sagemaker:{region}:{account}:app/${sagemaker:DomainId}/*"],
        Condition: {
          ArnLike: {
            "sagemaker:OwnerUserProfileArn": [
              "arn:aws:sagemaker:{region}:{account}:user-profile/${sagemaker:DomainId}/${sagemaker:UserProfileName}",
            ],
          },
          StringEquals: { "sagemaker:SpaceSharingType": ["Private"] },
        },
      },
      {
        Sid: "AllowAppActionsForSharedSpaces",
        Effect: "Allow",
        Action: ["sagemaker:CreateApp", "sagemaker:DeleteApp"],
        Resource: ["arn:aws:sagemaker:*:*:app/${sagemaker:DomainId}/*/*/*"],
        Condition: { StringEquals: { "sagemaker:SpaceSharingType": ["Shared"] } },
      },
    ],
  },
  // §8.6
  mlflowAppAccess: {
    name: "SageMaker-MLflowAppAccess",
    statements: [
      {
        Sid: "MLFlowAppManagement",
        Effect: "Allow",
        Action: [
          "sagemaker:CallMlflowAppApi",
          "sagemaker:DeleteMlflowApp",
          "sagemaker:DescribeMlflowApp",
          "sagemaker:UpdateMlflowApp",
          "sagemaker:ListTags",
        ],
        Resource: ["arn:aws:sagemaker:{region}:{account}:mlflow-app/*"],
      },
      {
        Sid: "MLFlowAppManagementCreateAndList",
        Effect: "Allow",
        Action: ["sagemaker:CreateMlflowApp", "sagemaker:CreatePresignedMlflowAppUrl", "sagemaker:ListMlflowApps"],
        Resource: ["*"],
      },
      {
        Sid: "MLFlowAppTaggingOnAppAndModelRegistry",
        Effect: "Allow",
        Action: ["sagemaker:AddTags"],
        Resource: [
          "arn:aws:sagemaker:{region}:{account}:mlflow-app/*",
          "arn:aws:sagemaker:{region}:{account}:model-package/*",
          "arn:aws:sagemaker:{region}:{account}:model-package-group/*",
          "arn:aws:sagemaker:{region}:{account}:model/*",
        ],
        Condition: {
          StringEquals: {
            "sagemaker:TaggingAction": [
              "CreateMlflowApp",
              "UpdateMlflowApp",
              "CreateModelPackage",
              "CreateModelPackageGroup",
              "DescribeModelPackageGroup",
              "UpdateModelPackage",
              "RegisterModel",
            ],
          },
        },
      },
      {
        Sid: "MLFlowAppExecutionBucketPermissions",
        Effect: "Allow",
        Action: [
          "s3:ListBucket",
          "s3:GetObject",
          "s3:PutObject",
          "s3:DeleteObject",
          "s3:AbortMultipartUpload",
          "s3:GetBucketLocation",
          "s3:GetBucketCors",
          "s3:PutBucketCors",
        ],
        Resource: ["arn:aws:s3:::sagemaker-*", "arn:aws:s3:::sagemaker-*/*"],
        Condition: {
          Bool: { "aws:SecureTransport": ["true"] },
          StringEquals: { "aws:ResourceAccount": ["{account}"] },
        },
      },
      {
        Sid: "MLFlowAppExecutionModelRegistry",
        Effect: "Allow",
        Action: [
          "sagemaker:CreateModelPackage",
          "sagemaker:CreateModelPackageGroup",
          "sagemaker:UpdateModelPackage",
          "sagemaker:DescribeModelPackageGroup",
        ],
        Resource: ["arn:aws:sagemaker:{region}:{account}:*/*"],
      },
      {
        Sid: "PassRoleForMLflow",
        Effect: "Allow",
        Action: ["iam:PassRole"],
        Resource: ["arn:aws:iam::{account}:role/SageMaker-*"],
        Condition: {
          StringEquals: { "iam:PassedToService": ["sagemaker.amazonaws.com"] },
          ArnLike: { "iam:AssociatedResourceArn": ["arn:aws:sagemaker:{region}:{account}:mlflow-app/*"] },
        },
      },
    ],
  },
  // §8.7
  sharedDenyAdmin: {
    name: "SageMaker-Shared-DenyAdmin",
    statements: [
      {
        Sid: "DenySageMakerAdminActions",
        Effect: "Deny",
        Action: [
          "sagemaker:CreateDomain",
          "sagemaker:DeleteDomain",
          "sagemaker:UpdateDomain",
          "sagemaker:CreateUserProfile",
          "sagemaker:DeleteUserProfile",
          "sagemaker:CreateSpace",
          "sagemaker:UpdateSpace",
          "sagemaker:DeleteSpace",
        ],
        Resource: ["*"],
      },
      {
        Sid: "DenyS3BucketAdmin",
        Effect: "Deny",
        Action: [
          "s3:CreateBucket",
          "s3:DeleteBucket",
          "s3:PutBucketPolicy",
          "s3:DeleteBucketPolicy",
          "s3:ListAllMyBuckets",
        ],
        Resource: ["*"],
      },
    ],
  },
};
