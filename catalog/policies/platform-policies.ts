/**
 * The platform customer-managed policy documents (platform-spec §8.1-§8.7) and the admin MFA
 * hardening policy (§3.3). Pure functions of the platform values, so the org loader can measure
 * them against the 6,144-character quota before anything is synthesized.
 *
 * `${aws:username}`, `${sagemaker:DomainId}` and `${sagemaker:UserProfileName}` are IAM policy
 * variables: they stay literal here and are escaped only when serialized for Terraform
 * (toTerraformPolicyJson).
 */
import { PLATFORM_POLICY_NAMES as POLICY_NAMES, type Names } from "../names";
import { policyDocument, type PolicyDocument, type PolicyStatement } from "./policy-document";
import { domainDefaultDenyPolicy, GUARD_TAG_KEYS } from "./scope-policies";

export type PlatformPolicyKey = keyof typeof POLICY_NAMES;

/**
 * Actions a session without MFA may still call: enrol a device, change the password, look itself
 * up. Never deactivating or deleting a device (§14.6): with only the password, an attacker could
 * otherwise remove the owner's device and enrol their own.
 */
export const MFA_EXEMPT_ACTIONS = [
  "iam:CreateVirtualMFADevice",
  "iam:EnableMFADevice",
  "iam:ListMFADevices",
  "iam:ListVirtualMFADevices",
  "iam:ResyncMFADevice",
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

const MFA_ENROL_ACTIONS = [
  "iam:CreateVirtualMFADevice",
  "iam:EnableMFADevice",
  "iam:ListMFADevices",
  "iam:ResyncMFADevice",
];
/** Removing a device needs a session that already carries MFA (§14.6). */
const MFA_REMOVE_ACTIONS = ["iam:DeactivateMFADevice", "iam:DeleteVirtualMFADevice"];
const WITH_MFA = { Bool: { "aws:MultiFactorAuthPresent": "true" } };

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
export function platformPolicyDocuments(names: Names): Record<PlatformPolicyKey, PolicyDocument> {
  const { accountId: account, region, company, iamPath } = names.p;
  const sm = `arn:aws:sagemaker:${region}:${account}`;
  // The SageMaker default bucket `sagemaker-{region}-{account}` is nobody's (§14.5): Studio's SDK
  // default bucket is the project bucket.
  const companyBuckets = [`arn:aws:s3:::${company}-sm-*`, `arn:aws:s3:::${company}-sm-*/*`];
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
      // Read only: with AddTags anyone could write `Owner=<self>` on another person's profile (§14.1).
      Sid: "AllowListTags",
      Effect: "Allow",
      Action: "sagemaker:ListTags",
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
      Resource: companyBuckets,
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
      NotResource: companyBuckets,
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
      Resource: companyBuckets,
    },
    {
      // No Glue, Athena, Service Catalog or secrets (§14.3): account-wide, not project-scoped.
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
      Action: ["iam:ChangePassword", "iam:GetUser", ...MFA_ENROL_ACTIONS],
      Resource: [`arn:aws:iam::${account}:user${iamPath}*`, `arn:aws:iam::${account}:mfa/*`],
    },
    {
      Sid: "AllowSelfServiceMFARemovalWithMFA",
      Effect: "Allow",
      Action: MFA_REMOVE_ACTIONS,
      Resource: [`arn:aws:iam::${account}:user${iamPath}*`, `arn:aws:iam::${account}:mfa/*`],
      Condition: WITH_MFA,
    },
    {
      Sid: "DenyGuardTagChanges",
      Effect: "Deny",
      Action: ["sagemaker:AddTags", "sagemaker:DeleteTags"],
      Resource: [`${sm}:domain/*`, `${sm}:user-profile/*`, `${sm}:space/*`, `${sm}:app/*`],
      Condition: { "ForAnyValue:StringEquals": { "aws:TagKeys": GUARD_TAG_KEYS } },
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
      Action: MFA_ENROL_ACTIONS,
      Resource: [`arn:aws:iam::${account}:mfa/*`, ownUser],
    },
    {
      Sid: "AllowRemoveOwnMFAWithMFA",
      Effect: "Allow",
      Action: MFA_REMOVE_ACTIONS,
      Resource: [`arn:aws:iam::${account}:mfa/*`, ownUser],
      Condition: WITH_MFA,
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

  // §14.5: admins publish shared assets (bucket and shared ECR repositories); the shared bucket's
  // policy denies every other platform principal's writes. Admin sessions carry MFA (requireMfa).
  const sharedBucket = names.bucketArn(names.sharedBucket);
  const adminPublish = policyDocument([
    {
      Sid: "AllowPublishSharedAssets",
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "s3:GetBucketLocation"],
      Resource: [sharedBucket, `${sharedBucket}/*`],
    },
    {
      Sid: "AllowPushSharedImages",
      Effect: "Allow",
      Action: [
        "ecr:BatchCheckLayerAvailability",
        "ecr:BatchGetImage",
        "ecr:CompleteLayerUpload",
        "ecr:DescribeImages",
        "ecr:GetDownloadUrlForLayer",
        "ecr:InitiateLayerUpload",
        "ecr:ListImages",
        "ecr:PutImage",
        "ecr:UploadLayerPart",
      ],
      Resource: `arn:aws:ecr:${region}:${account}:repository/${names.sharedRepository("*")}`,
    },
    { Sid: "AllowECRAuth", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
  ]);

  return {
    studioBaseAccess,
    readOnlyAccess,
    userBoundary,
    userSelfService,
    studioAppPermissions,
    mlflowAppAccess,
    sharedDenyAdmin,
    requireMfa,
    domainDefaultDeny: domainDefaultDenyPolicy(names),
    adminPublish,
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
  domainDefaultDeny:
    "Keeps the domain default role from acting as a deputy: no workloads, presigning, PassRole or data",
  adminPublish: "Admins publish the shared assets bucket and shared ECR repositories",
};
