/**
 * Bucket-policy statements shared by the foundation workspace (shared bucket) and the team
 * workspaces (project buckets, §6.6). A bucket has exactly one policy resource, so statements
 * every data bucket needs (TLS only) are exported here and included by whoever owns the policy.
 */
import type { PolicyStatement } from "./policy-document";

function bucketResources(bucketName: string): string[] {
  return [`arn:aws:s3:::${bucketName}`, `arn:aws:s3:::${bucketName}/*`];
}

/**
 * Denies every request to the bucket and its objects that does not use TLS. Plain-HTTP requests
 * are refused for every principal, the deployer included; TLS requests are unaffected.
 */
export function tlsOnlyStatement(bucketName: string): PolicyStatement {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: bucketResources(bucketName),
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

export interface SharedBucketPolicyProps {
  readonly accountId: string;
  readonly bucketName: string;
  /** IAM path of platform users (`/acme-sagemaker/`): their writes are denied unless they are admins. */
  readonly iamPath: string;
  /**
   * Further principals allowed to write (`storage.sharedBucket.publishers`, e.g. a CI role).
   * @default none: admins only
   */
  readonly publisherArns?: readonly string[];
}

/** Writes that change what every project reads from the shared bucket (supply chain, §14.5). */
const SHARED_WRITES = [
  "s3:DeleteObject",
  "s3:DeleteObjectVersion",
  "s3:PutBucketCors",
  "s3:PutLifecycleConfiguration",
  "s3:PutObject",
  "s3:PutObjectAcl",
];

const READ_ONLY = ["s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation"];

/** Statements of the shared-assets bucket policy (§3.6), TLS-only deny last. */
export function sharedBucketStatements(props: SharedBucketPolicyProps): PolicyStatement[] {
  const root = { AWS: `arn:aws:iam::${props.accountId}:root` };
  const resources = bucketResources(props.bucketName);
  return [
    {
      Sid: "AllowAllExecutionRolesReadOnly",
      Effect: "Allow",
      Principal: root,
      Action: READ_ONLY,
      Resource: resources,
      Condition: {
        StringLike: { "aws:PrincipalArn": `arn:aws:iam::${props.accountId}:role/SageMaker-*-ExecutionRole` },
      },
    },
    {
      Sid: "AllowAllSageMakerUsersReadOnly",
      Effect: "Allow",
      Principal: root,
      Action: READ_ONLY,
      Resource: resources,
      Condition: { StringLike: { "aws:username": "sm-*" } },
    },
    {
      // Scoped to platform principals, so the deployer (outside the platform) still manages the
      // bucket; `AmazonSageMakerFullAccess` would otherwise let any project write here.
      Sid: "DenyWritesExceptPublishers",
      Effect: "Deny",
      Principal: "*",
      Action: SHARED_WRITES,
      Resource: resources,
      Condition: {
        ArnLike: {
          "aws:PrincipalArn": [
            `arn:aws:iam::${props.accountId}:user${props.iamPath}*`,
            `arn:aws:iam::${props.accountId}:role/SageMaker-*`,
          ],
        },
        ArnNotLike: {
          "aws:PrincipalArn": [
            `arn:aws:iam::${props.accountId}:user${props.iamPath}sm-admin-*`,
            ...(props.publisherArns ?? []),
          ],
        },
      },
    },
    {
      Sid: "AllowAdminFullAccess",
      Effect: "Allow",
      Principal: root,
      Action: "s3:*",
      Resource: resources,
      Condition: { StringLike: { "aws:username": "sm-admin-*" } },
    },
    tlsOnlyStatement(props.bucketName),
  ];
}
