/**
 * The platform customer-managed policy documents (platform-spec §8.1-§8.7) and the admin MFA
 * hardening policy (§3.3). Pure functions of the platform values, so the org loader can measure
 * them against the 6,144-character quota before anything is synthesized.
 *
 * `${aws:username}`, `${sagemaker:DomainId}` and `${sagemaker:UserProfileName}` are IAM policy
 * variables: they stay literal here and are escaped only when serialized for Terraform
 * (toTerraformPolicyJson).
 */
import { PLATFORM_POLICY_NAMES } from "../../org/names";
import { policyDocument, type PolicyDocument, type PolicyStatement } from "./policy-document";

export interface PlatformPolicyProps {
  readonly accountId: string;
  readonly region: string;
  readonly company: string;
  /** IAM path of platform users, e.g. `/acme-sagemaker/`. */
  readonly iamPath: string;
}

export type PlatformPolicyKey = keyof typeof PLATFORM_POLICY_NAMES;

/** Actions a session without MFA may still call: enrol a device, change the password, look itself up. */
export const MFA_EXEMPT_ACTIONS = [
  "iam:CreateVirtualMFADevice",
  "iam:DeleteVirtualMFADevice",
  "iam:EnableMFADevice",
  "iam:ListMFADevices",
  "iam:ListVirtualMFADevices",
  "iam:ResyncMFADevice",
  "iam:DeactivateMFADevice",
  "iam:GetUser",
  "iam:ChangePassword",
  "iam:GetAccountPasswordPolicy",
  "sts:GetCallerIdentity",
];

const SAGEMAKER_ADMIN_ACTIONS = [
  "sagemaker:CreateDomain",
  "sagemaker:DeleteDomain",
  "sagemaker:UpdateDomain",
  "sagemaker:CreateUserProfile",
  "sagemaker:DeleteUserProfile",
  "sagemaker:CreateSpace",
  "sagemaker:UpdateSpace",
  "sagemaker:DeleteSpace",
];

const MFA_SELF_SERVICE_ACTIONS = [
  "iam:CreateVirtualMFADevice",
  "iam:DeleteVirtualMFADevice",
  "iam:EnableMFADevice",
  "iam:ListMFADevices",
  "iam:ResyncMFADevice",
  "iam:DeactivateMFADevice",
];

function denyWithoutMfa(): PolicyStatement {
  return {
    Sid: "DenyAllWithoutMFA",
    Effect: "Deny",
    NotAction: MFA_EXEMPT_ACTIONS,
    Resource: "*",
    Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
  };
}

/** Every platform policy document, keyed like PLATFORM_POLICY_NAMES. */
export function platformPolicyDocuments(p: PlatformPolicyProps): Record<PlatformPolicyKey, PolicyDocument> {
  const { accountId: account, region, company, iamPath } = p;
  const sm = `arn:aws:sagemaker:${region}:${account}`;
  const companyBuckets = [`arn:aws:s3:::${company}-sm-*`, `arn:aws:s3:::${company}-sm-*/*`];
  const defaultBucket = [
    `arn:aws:s3:::sagemaker-${region}-${account}`,
    `arn:aws:s3:::sagemaker-${region}-${account}/*`,
  ];
  const ownUser = `arn:aws:iam::${account}:user${iamPath}\${aws:username}`;
  const ownProfile = `${sm}:user-profile/\${sagemaker:DomainId}/\${sagemaker:UserProfileName}`;

  // §8.1
  const studioBaseAccess = policyDocument([
    {
      Sid: "AllowDescribeDomain",
      Effect: "Allow",
      Action: ["sagemaker:DescribeDomain", "sagemaker:ListDomains"],
      Resource: `${sm}:domain/*`,
    },
    {
      Sid: "AllowListUserProfiles",
      Effect: "Allow",
      Action: ["sagemaker:ListUserProfiles", "sagemaker:ListSpaces", "sagemaker:ListApps"],
      Resource: "*",
    },
    {
      Sid: "AllowListTags",
      Effect: "Allow",
      Action: ["sagemaker:ListTags", "sagemaker:AddTags"],
      Resource: [`${sm}:domain/*`, `${sm}:user-profile/*`, `${sm}:space/*`, `${sm}:app/*`],
    },
    {
      Sid: "AllowDescribeOwnProfile",
      Effect: "Allow",
      Action: ["sagemaker:DescribeUserProfile", "sagemaker:CreatePresignedDomainUrl"],
      Resource: `${sm}:user-profile/*/*`,
      Condition: { StringEquals: { "sagemaker:ResourceTag/Owner": "${aws:username}" } },
    },
  ]);

  // §8.2
  const readOnlyAccess = policyDocument([
    { Sid: "DenyS3BucketListing", Effect: "Deny", Action: "s3:ListAllMyBuckets", Resource: "*" },
    {
      Sid: "AllowSageMakerReadOnly",
      Effect: "Allow",
      Action: ["sagemaker:Describe*", "sagemaker:List*"],
      Resource: "*",
    },
    {
      Sid: "AllowS3ReadOnlyCompanyBuckets",
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation"],
      Resource: [...companyBuckets, ...defaultBucket],
    },
    {
      Sid: "AllowCloudWatchLogsReadOnly",
      Effect: "Allow",
      Action: ["logs:DescribeLogGroups", "logs:DescribeLogStreams", "logs:GetLogEvents"],
      Resource: `arn:aws:logs:${region}:${account}:log-group:/aws/sagemaker/*`,
    },
  ]);

  // §8.3
  const userBoundary = policyDocument([
    denyWithoutMfa(),
    { Sid: "DenyS3BucketListing", Effect: "Deny", Action: "s3:ListAllMyBuckets", Resource: "*" },
    {
      Sid: "DenyAccessToOtherBuckets",
      Effect: "Deny",
      Action: "s3:*",
      NotResource: [...companyBuckets, ...defaultBucket],
    },
    { Sid: "AllowSageMakerFullAccess", Effect: "Allow", Action: "sagemaker:*", Resource: "*" },
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
      Resource: [...companyBuckets, ...defaultBucket],
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
        "glue:*",
        "athena:*",
        "codecommit:*",
        "secretsmanager:GetSecretValue",
        "servicecatalog:*",
      ],
      Resource: "*",
    },
    {
      Sid: "AllowPassRoleToSageMaker",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: `arn:aws:iam::${account}:role/SageMaker-*`,
      Condition: { StringEquals: { "iam:PassedToService": "sagemaker.amazonaws.com" } },
    },
    { Sid: "AllowGetRole", Effect: "Allow", Action: ["iam:GetRole", "iam:ListRoles"], Resource: "*" },
    {
      Sid: "AllowViewAccountPasswordPolicy",
      Effect: "Allow",
      Action: ["iam:GetAccountPasswordPolicy", "iam:ListVirtualMFADevices"],
      Resource: "*",
    },
    {
      Sid: "AllowSelfServiceIAM",
      Effect: "Allow",
      Action: ["iam:ChangePassword", "iam:GetUser", ...MFA_SELF_SERVICE_ACTIONS],
      Resource: [`arn:aws:iam::${account}:user${iamPath}*`, `arn:aws:iam::${account}:mfa/*`],
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
      Resource: "*",
    },
    { Sid: "DenySageMakerAdminActions", Effect: "Deny", Action: SAGEMAKER_ADMIN_ACTIONS, Resource: "*" },
    {
      Sid: "DenyPresignedUrlForOthersProfile",
      Effect: "Deny",
      Action: "sagemaker:CreatePresignedDomainUrl",
      Resource: `${sm}:user-profile/*/*`,
      Condition: { StringNotEquals: { "sagemaker:ResourceTag/Owner": "${aws:username}" } },
    },
    {
      Sid: "DenyS3BucketAdmin",
      Effect: "Deny",
      Action: ["s3:CreateBucket", "s3:DeleteBucket", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy"],
      Resource: "*",
    },
  ]);

  // §8.4
  const userSelfService = policyDocument([
    {
      Sid: "AllowViewAccountInfo",
      Effect: "Allow",
      Action: ["iam:GetAccountPasswordPolicy", "iam:ListVirtualMFADevices"],
      Resource: "*",
    },
    {
      Sid: "AllowManageOwnPasswords",
      Effect: "Allow",
      Action: ["iam:ChangePassword", "iam:GetUser"],
      Resource: ownUser,
    },
    {
      Sid: "AllowManageOwnMFA",
      Effect: "Allow",
      Action: MFA_SELF_SERVICE_ACTIONS,
      Resource: [`arn:aws:iam::${account}:mfa/*`, ownUser],
    },
  ]);

  // §8.5
  const studioAppPermissions = policyDocument([
    {
      Sid: "SMStudioUserProfileAppPermissionsCreateAndDelete",
      Effect: "Allow",
      Action: ["sagemaker:CreateApp", "sagemaker:DeleteApp"],
      Resource: `${sm}:app/*`,
      Condition: { Null: { "sagemaker:OwnerUserProfileArn": "true" } },
    },
    {
      Sid: "SMStudioCreatePresignedDomainUrlForUserProfile",
      Effect: "Allow",
      Action: "sagemaker:CreatePresignedDomainUrl",
      Resource: ownProfile,
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
      Resource: "*",
    },
    {
      Sid: "SMStudioAppPermissionsTagOnCreate",
      Effect: "Allow",
      Action: "sagemaker:AddTags",
      Resource: `${sm}:*/*`,
      Condition: { Null: { "sagemaker:TaggingAction": "false" } },
    },
    {
      Sid: "SMStudioRestrictSharedSpacesWithoutOwners",
      Effect: "Allow",
      Action: ["sagemaker:CreateSpace", "sagemaker:UpdateSpace", "sagemaker:DeleteSpace"],
      Resource: `${sm}:space/\${sagemaker:DomainId}/*`,
      Condition: { Null: { "sagemaker:OwnerUserProfileArn": "true" } },
    },
    {
      Sid: "SMStudioRestrictSpacesToOwnerUserProfile",
      Effect: "Allow",
      Action: ["sagemaker:CreateSpace", "sagemaker:UpdateSpace", "sagemaker:DeleteSpace"],
      Resource: `${sm}:space/\${sagemaker:DomainId}/*`,
      Condition: {
        ArnLike: { "sagemaker:OwnerUserProfileArn": ownProfile },
        StringEquals: { "sagemaker:SpaceSharingType": ["Private", "Shared"] },
      },
    },
    {
      Sid: "SMStudioRestrictCreatePrivateSpaceAppsToOwnerUserProfile",
      Effect: "Allow",
      Action: ["sagemaker:CreateApp", "sagemaker:DeleteApp"],
      Resource: `${sm}:app/\${sagemaker:DomainId}/*`,
      Condition: {
        ArnLike: { "sagemaker:OwnerUserProfileArn": ownProfile },
        StringEquals: { "sagemaker:SpaceSharingType": ["Private"] },
      },
    },
    {
      Sid: "AllowAppActionsForSharedSpaces",
      Effect: "Allow",
      Action: ["sagemaker:CreateApp", "sagemaker:DeleteApp"],
      Resource: "arn:aws:sagemaker:*:*:app/${sagemaker:DomainId}/*/*/*",
      Condition: { StringEquals: { "sagemaker:SpaceSharingType": ["Shared"] } },
    },
  ]);

  // §8.6
  const mlflowAppAccess = policyDocument([
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
      Resource: `${sm}:mlflow-app/*`,
    },
    {
      Sid: "MLFlowAppManagementCreateAndList",
      Effect: "Allow",
      Action: ["sagemaker:CreateMlflowApp", "sagemaker:CreatePresignedMlflowAppUrl", "sagemaker:ListMlflowApps"],
      Resource: "*",
    },
    {
      Sid: "MLFlowAppTaggingOnAppAndModelRegistry",
      Effect: "Allow",
      Action: "sagemaker:AddTags",
      Resource: [`${sm}:mlflow-app/*`, `${sm}:model-package/*`, `${sm}:model-package-group/*`, `${sm}:model/*`],
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
        Bool: { "aws:SecureTransport": "true" },
        StringEquals: { "aws:ResourceAccount": account },
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
      Resource: `${sm}:*/*`,
    },
    {
      Sid: "PassRoleForMLflow",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: `arn:aws:iam::${account}:role/SageMaker-*`,
      Condition: {
        StringEquals: { "iam:PassedToService": "sagemaker.amazonaws.com" },
        ArnLike: { "iam:AssociatedResourceArn": `${sm}:mlflow-app/*` },
      },
    },
  ]);

  // §8.7
  const sharedDenyAdmin = policyDocument([
    { Sid: "DenySageMakerAdminActions", Effect: "Deny", Action: SAGEMAKER_ADMIN_ACTIONS, Resource: "*" },
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
      Resource: "*",
    },
  ]);

  // §3.3 SHOULD: admins carry no boundary, so the boundary's MFA rule does not reach them.
  const requireMfa = policyDocument([denyWithoutMfa()]);

  return {
    studioBaseAccess,
    readOnlyAccess,
    userBoundary,
    userSelfService,
    studioAppPermissions,
    mlflowAppAccess,
    sharedDenyAdmin,
    requireMfa,
  };
}

/** Descriptions shown in the IAM console (free text; not part of the §8 contract). */
export const PLATFORM_POLICY_DESCRIPTIONS: Record<PlatformPolicyKey, string> = {
  studioBaseAccess: "Studio discovery and own-profile access for every team group",
  readOnlyAccess: "Read-only SageMaker, company buckets and SageMaker logs for sagemaker-readonly",
  userBoundary: "Permissions boundary of every team user (MFA, bucket and IAM limits)",
  userSelfService: "Own password and MFA device management",
  studioAppPermissions: "Studio app and private-space ownership rules for execution roles",
  mlflowAppAccess: "SageMaker MLflow apps for execution roles",
  sharedDenyAdmin: "Denies domain, profile, space and bucket administration",
  requireMfa: "Denies everything but MFA enrolment and password change until signed in with MFA",
};
