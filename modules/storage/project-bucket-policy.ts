/**
 * The project bucket policy (platform-spec §6.6). It lives in the team workspace because its
 * principal is the project's ExecutionRole, which must exist before the policy is applied.
 */
import type { Names } from "../../org/names";
import { policyDocument, type PolicyDocument, type PolicyStatement } from "../identity/policy-document";
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
  const projectRoles = executionRole.replace(/ExecutionRole$/, "*");
  const grants: PolicyStatement[] = [
    {
      Sid: "AllowExecutionRoleAccess",
      Effect: "Allow",
      Principal: { AWS: executionRole },
      Action: OBJECT_READ_WRITE,
      Resource: resources,
    },
    {
      // A delegation to the account: grants nothing by itself, identity policies decide.
      Sid: "AllowProjectMembersConsoleAccess",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${names.p.accountId}:root` },
      Action: OBJECT_READ_WRITE,
      Resource: resources,
      Condition: { StringLike: { "aws:username": names.teamUser(p.team, "*") } },
    },
  ];
  // A retired project keeps its bucket but nobody of the team or project may use it.
  const allowedRoles = p.retired ? [] : [projectRoles];
  const allowedUsers = p.retired ? [] : [names.teamUser(p.team, "*")];
  const statements: PolicyStatement[] = [
    ...(p.retired ? [] : grants),
    {
      // Hardening (§6.6 stricter design): AmazonSageMakerFullAccess grants s3:ListBucket on "*",
      // so other projects' roles and the domain default role could list this bucket otherwise.
      Sid: "DenyOtherPlatformRoles",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: resources,
      Condition: {
        ArnLike: { "aws:PrincipalArn": names.roleArn("SageMaker-*") },
        ...(allowedRoles.length ? { ArnNotLike: { "aws:PrincipalArn": allowedRoles[0] } } : {}),
      },
    },
    {
      // Same reason, for platform users of other teams (admins and read-only users keep access).
      Sid: "DenyOtherTeamUsers",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: resources,
      Condition: {
        StringLike: { "aws:username": "sm-*" },
        StringNotLike: { "aws:username": [...allowedUsers, names.adminUser("*"), names.readonlyUser("*")] },
      },
    },
  ];
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
