/**
 * The project bucket policy (platform-spec §6.6). It lives in the team workspace because its
 * principal is the project's ExecutionRole, which must exist before the policy is applied.
 */
import { PROJECT_ROLE_KINDS, type Names } from "../names";
import { policyDocument, type PolicyDocument, type PolicyStatement } from "./policy-document";
import { tlsOnlyStatement } from "./bucket-policy-statements";

export interface VpcRestriction {
  readonly vpcId: string;
  /**
   * Principals exempt from the VPC-only deny: the deployer at least, or every later bucket
   * policy/lifecycle update from outside the VPC fails (§11.12).
   */
  readonly exemptPrincipalArns: readonly string[];
}

export interface ProjectBucketPolicyProps {
  readonly names: Names;
  readonly team: string;
  readonly teamFullName: string;
  readonly project: string;
  /**
   * IAM user names of the project's members (§14.5): every other platform user is denied, except
   * admins and read-only users. Ignored when retired (nobody).
   * @default none
   */
  readonly members?: readonly string[];
  /**
   * Deny every request that does not come through the VPC (`storage.restrictToVpc`).
   * @default undefined: no VPC restriction
   */
  readonly vpcRestriction?: VpcRestriction;
  /**
   * The project is retired: its roles and members are gone, but the bucket (and its data) stays.
   * The policy then grants nobody and denies every platform role and team user (admins and
   * read-only users keep access for data hand-over), still TLS-only.
   * @default false
   */
  readonly retired?: boolean;
}

const OBJECT_READ_WRITE = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "s3:GetBucketLocation"];

export function projectBucketPolicyDocument(p: ProjectBucketPolicyProps): PolicyDocument {
  const { names } = p;
  const bucketName = names.projectBucket(p.team, p.project);
  const bucket = names.bucketArn(bucketName);
  const resources = [bucket, `${bucket}/*`];
  const executionRole = names.roleArn(names.projectRole(p.teamFullName, p.project, "Execution"));
  // A retired project keeps its bucket, but none of its former roles or members may use it.
  const ownRoles = p.retired
    ? []
    : PROJECT_ROLE_KINDS.map((kind) => names.roleArn(names.projectRole(p.teamFullName, p.project, kind)));
  const members = p.retired ? [] : [...(p.members ?? [])].sort();
  const statements: PolicyStatement[] = [];
  if (!p.retired)
    statements.push({
      Sid: "AllowExecutionRoleAccess",
      Effect: "Allow",
      Principal: { AWS: executionRole },
      Action: OBJECT_READ_WRITE,
      Resource: resources,
    });
  if (members.length)
    statements.push({
      // A delegation to the account: grants nothing by itself, identity policies decide.
      Sid: "AllowProjectMembersConsoleAccess",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${names.p.accountId}:root` },
      Action: OBJECT_READ_WRITE,
      Resource: resources,
      Condition: { StringEquals: { "aws:username": members } },
    });
  statements.push(
    {
      // §14.5: exact roles, not a pattern. AmazonSageMakerFullAccess grants s3:ListBucket on "*"
      // and object access on `*sagemaker*` keys to every other project's roles and the domain role.
      Sid: "DenyOtherPlatformRoles",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: resources,
      Condition: {
        ArnLike: { "aws:PrincipalArn": names.roleArn("SageMaker-*") },
        ...(ownRoles.length ? { ArnNotEquals: { "aws:PrincipalArn": ownRoles } } : {}),
      },
    },
    {
      // §14.5: every platform user who is not a member of this project, same team included
      // (admins and read-only users keep access, for support and data hand-over).
      Sid: "DenyNonMemberUsers",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: resources,
      Condition: {
        StringLike: { "aws:username": "sm-*" },
        ...(members.length ? { StringNotEquals: { "aws:username": members } } : {}),
        StringNotLike: { "aws:username": [names.adminUser("*"), names.readonlyUser("*")] },
      },
    },
  );
  if (p.vpcRestriction) {
    const condition: NonNullable<PolicyStatement["Condition"]> = {
      StringNotEquals: { "aws:SourceVpc": p.vpcRestriction.vpcId },
      Bool: { "aws:ViaAWSService": "false" },
    };
    if (p.vpcRestriction.exemptPrincipalArns.length)
      condition.ArnNotLike = { "aws:PrincipalArn": [...p.vpcRestriction.exemptPrincipalArns] };
    statements.push({
      Sid: "DenyNonVPCAccess",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: resources,
      Condition: condition,
    });
  }
  statements.push(tlsOnlyStatement(bucketName));
  return policyDocument(statements);
}
