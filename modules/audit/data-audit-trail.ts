import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import { Cloudtrail } from "@cdktf/provider-aws/lib/cloudtrail";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { policyDocument, toTerraformPolicyJson } from "../../catalog/policies/policy-document";
import { LogBucket } from "./log-bucket";
import type { EventSelector } from "../../catalog/audit-selectors";
import { ValidationError } from "../validation-error";

export interface DataAuditTrailProps {
  /** Name of the trail, e.g. `acme-sm-data-audit`. */
  readonly trailName: string;
  /** The trail's account: the bucket policy admits CloudTrail for this account's trail only. */
  readonly accountId: string;
  /** The trail's home region. */
  readonly region: string;
  /** From `auditEventSelectors` (at least one). */
  readonly selectors: readonly EventSelector[];
  /** Bucket the trail delivers log files to (created here). */
  readonly bucketName: string;
  /** Bucket that receives the trail bucket's S3 server access logs (created here). */
  readonly accessLogBucketName: string;
  /** Days log files are kept in the trail bucket. */
  readonly retentionDays: number;
  /** Days server access logs of the trail bucket are kept. */
  readonly accessLogRetentionDays: number;
  /** @default true */
  readonly multiRegion?: boolean;
  /**
   * Customer-managed key for log files (its key policy must allow cloudtrail.amazonaws.com).
   * @default undefined: SSE-S3
   */
  readonly kmsKeyArn?: string;
  /**
   * Also deliver events to CloudWatch Logs (for metric filters and Logs Insights).
   * @default undefined: S3 only
   */
  readonly cloudWatchLogs?: { readonly retentionDays: number; readonly roleName: string };
  /**
   * Tags of the trail and its buckets.
   * @default none
   */
  readonly tags?: Record<string, string>;
}

/**
 * The audit trail of platform-spec §9.1: advanced event selectors only, delivering to a
 * dedicated bucket whose own accesses are logged into a second bucket.
 */
export class DataAuditTrail extends Construct {
  readonly trail: Cloudtrail;
  readonly trailArn: string;
  readonly bucket: LogBucket;
  readonly accessLogBucket: LogBucket;

  constructor(scope: Construct, id: string, props: DataAuditTrailProps) {
    super(scope, id);
    if (!props.selectors.length) throw new ValidationError(`a trail needs at least one event selector`, this);
    this.trailArn = `arn:aws:cloudtrail:${props.region}:${props.accountId}:trail/${props.trailName}`;
    const trailBucketArn = `arn:aws:s3:::${props.bucketName}`;
    const accessLogPrefix = `${props.bucketName}/`;

    this.accessLogBucket = new LogBucket(this, "AccessLogBucket", {
      bucketName: props.accessLogBucketName,
      retentionDays: props.accessLogRetentionDays,
      tags: props.tags,
      policyStatements: [
        {
          Sid: "S3ServerAccessLogsPolicy",
          Effect: "Allow",
          Principal: { Service: "logging.s3.amazonaws.com" },
          Action: "s3:PutObject",
          Resource: `arn:aws:s3:::${props.accessLogBucketName}/${accessLogPrefix}*`,
          Condition: {
            ArnLike: { "aws:SourceArn": trailBucketArn },
            StringEquals: { "aws:SourceAccount": props.accountId },
          },
        },
      ],
    });

    this.bucket = new LogBucket(this, "TrailBucket", {
      bucketName: props.bucketName,
      retentionDays: props.retentionDays,
      kmsKeyArn: props.kmsKeyArn,
      // A reference, not the name: the target bucket must exist first.
      accessLogs: { targetBucket: this.accessLogBucket.bucket.id, targetPrefix: accessLogPrefix },
      tags: props.tags,
      policyStatements: [
        {
          Sid: "AWSCloudTrailAclCheck",
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "s3:GetBucketAcl",
          Resource: trailBucketArn,
          Condition: { StringEquals: { "aws:SourceArn": this.trailArn } },
        },
        {
          Sid: "AWSCloudTrailWrite",
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "s3:PutObject",
          Resource: `${trailBucketArn}/AWSLogs/${props.accountId}/*`,
          Condition: {
            StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": this.trailArn },
          },
        },
      ],
    });

    // ARNs are built from names (the trail validates them as ARNs); dependsOn keeps the order.
    let cloudWatch: { groupArn: string; roleArn: string; ready: ITerraformDependable[] } | undefined;
    if (props.cloudWatchLogs) {
      const group = new CloudwatchLogGroup(this, "LogGroup", {
        name: `/aws/cloudtrail/${props.trailName}`,
        retentionInDays: props.cloudWatchLogs.retentionDays,
        skipDestroy: true,
        tags: props.tags,
      });
      const role = new IamRole(this, "LogsRole", {
        name: props.cloudWatchLogs.roleName,
        description: `CloudTrail ${props.trailName} delivers events to CloudWatch Logs`,
        assumeRolePolicy: toTerraformPolicyJson(
          policyDocument([
            {
              Effect: "Allow",
              Principal: { Service: "cloudtrail.amazonaws.com" },
              Action: "sts:AssumeRole",
              Condition: { StringEquals: { "aws:SourceArn": this.trailArn } },
            },
          ]),
        ),
        tags: props.tags,
      });
      const groupArn = `arn:aws:logs:${props.region}:${props.accountId}:log-group:/aws/cloudtrail/${props.trailName}`;
      const rolePolicy = new IamRolePolicy(this, "LogsRolePolicy", {
        name: "DeliverToCloudWatchLogs",
        role: role.name,
        policy: toTerraformPolicyJson(
          policyDocument([
            {
              Effect: "Allow",
              Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
              Resource: `${groupArn}:log-stream:*`,
            },
          ]),
        ),
      });
      // The trail wants the group ARN with the `:*` suffix (§9.2).
      cloudWatch = {
        groupArn: `${groupArn}:*`,
        roleArn: `arn:aws:iam::${props.accountId}:role/${props.cloudWatchLogs.roleName}`,
        ready: [group, role, rolePolicy],
      };
    }

    this.trail = new Cloudtrail(this, "Trail", {
      name: props.trailName,
      s3BucketName: props.bucketName,
      kmsKeyId: props.kmsKeyArn,
      isMultiRegionTrail: props.multiRegion ?? true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      cloudWatchLogsGroupArn: cloudWatch?.groupArn,
      cloudWatchLogsRoleArn: cloudWatch?.roleArn,
      advancedEventSelector: props.selectors.map((s) => ({
        name: s.name,
        fieldSelector: s.fieldSelector.map((f) => ({
          field: f.field,
          equalTo: f.equalTo ? [...f.equalTo] : undefined,
          notEquals: f.notEquals ? [...f.notEquals] : undefined,
          startsWith: f.startsWith ? [...f.startsWith] : undefined,
        })),
      })),
      tags: props.tags,
      // CreateTrail checks the bucket policy; the bucket is referenced by name only.
      dependsOn: [this.bucket.policy, ...(cloudWatch?.ready ?? [])],
    });
  }
}
