/**
 * `monitoring:` log retention, the platform alert topic and alarms (§9.3, §9.4), and `audit:`
 * the S3 data-event trail (§9.1). Both are built by the `registry` workspace (see
 * docs/registry-and-monitoring.md for why).
 */
import { z } from "zod";

/** Values `retention_in_days` accepts (provider 5.100); 0 means "never expire". */
export const LOG_RETENTION_DAYS = [
  0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const retentionDays = z
  .number()
  .int()
  .refine((v) => (LOG_RETENTION_DAYS as readonly number[]).includes(v), {
    message: `must be one of ${LOG_RETENTION_DAYS.join(", ")} (CloudWatch Logs retention values)`,
  });

/** CloudWatch alarm periods: 10, 20, 30 or a multiple of 60 seconds (§9.4). */
const periodSeconds = z
  .number()
  .int()
  .refine((v) => v === 10 || v === 20 || v === 30 || (v >= 60 && v % 60 === 0), {
    message: "must be 10, 20, 30 or a multiple of 60 (seconds)",
  });

const kmsKeyArn = z
  .string()
  .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)\/.+$/, "must be a KMS key or alias ARN");

const logGroupsSchema = z
  .object({
    processingJobs: retentionDays
      .default(30)
      .meta({ description: "Days `/aws/sagemaker/ProcessingJobs` keeps log events." }),
    trainingJobs: retentionDays
      .default(90)
      .meta({ description: "Days `/aws/sagemaker/TrainingJobs` keeps log events." }),
    endpoints: retentionDays
      .default(14)
      .meta({ description: "Applied to the `/aws/sagemaker/Endpoints/{endpoint}` groups of `monitoring.endpoints`." }),
    studio: retentionDays.default(7).meta({ description: "Days `/aws/sagemaker/studio` keeps log events." }),
    adoptExisting: z
      .array(z.enum(["processingJobs", "trainingJobs", "studio"]))
      .default([])
      .meta({
        description:
          "Groups SageMaker already created in the account (it creates them lazily on first use): adopted with an import block instead of failing with ResourceAlreadyExistsException.",
      }),
  })
  .strict();

const subscriberSchema = z
  .object({
    protocol: z
      .enum(["email", "email-json", "https", "sqs", "lambda", "sms"])
      .meta({ description: "How the subscriber receives alerts (an SNS subscription protocol)." }),
    endpoint: z.string().min(1).meta({
      description:
        "Where alerts go: an email address, an HTTPS URL, an SQS queue or Lambda function ARN, or a phone number.",
    }),
  })
  .strict();

const alarmWindow = (periodDefault: number, evaluationDefault: number) => ({
  enabled: z.boolean().default(true).meta({ description: "Create this alarm." }),
  periodSeconds: periodSeconds
    .default(periodDefault)
    .meta({ description: "Length in seconds of each evaluation period." }),
  evaluationPeriods: z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(evaluationDefault)
    .meta({ description: "Consecutive periods above the threshold before the alarm fires." }),
});

const endpoint5xxSchema = z
  .object({
    ...alarmWindow(300, 1),
    threshold: z
      .number()
      .min(0)
      .default(0)
      .meta({ description: "Alarm when the 5XX error count of a period is above this." }),
  })
  .strict();
const endpointLatencySchema = z
  .object({
    ...alarmWindow(300, 3),
    thresholdMs: z
      .number()
      .positive()
      .default(1000)
      .meta({ description: "Alarm when the maximum model latency of a period is above this many milliseconds." }),
  })
  .strict();
const endpointMemorySchema = z
  .object({
    ...alarmWindow(300, 3),
    thresholdPercent: z
      .number()
      .min(1)
      .max(100)
      .default(80)
      .meta({ description: "Alarm when memory utilization of a period is above this percentage." }),
  })
  .strict();

const alarmsSchema = z
  .object({
    trainingJobFailures: z
      .boolean()
      .default(true)
      .meta({ description: "EventBridge rule per active project: `SageMaker Training Job State Change` -> Failed." }),
    processingJobFailures: z.boolean().default(false).meta({ description: "Same for processing jobs." }),
    endpoint5xxErrors: endpoint5xxSchema
      .default(endpoint5xxSchema.parse({}))
      .meta({ description: "`Invocation5XXErrors` sum above the threshold." }),
    endpointLatency: endpointLatencySchema.default(endpointLatencySchema.parse({})).meta({
      description: "`ModelLatency` maximum above the threshold (milliseconds; the metric is in microseconds).",
    }),
    endpointMemory: endpointMemorySchema
      .default(endpointMemorySchema.parse({}))
      .meta({ description: "`MemoryUtilization` (namespace `/aws/sagemaker/Endpoints`) of declared endpoints." }),
  })
  .strict();

const endpointSchema = z
  .object({
    variants: z
      .array(z.string().regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/, "must be a SageMaker variant name"))
      .min(1)
      .default(["AllTraffic"])
      .meta({ description: "Production variants to alarm on; SageMaker SDKs name the single variant `AllTraffic`." }),
  })
  .strict();

export const monitoringSchema = z
  .object({
    enabled: z.boolean().default(true).meta({
      description:
        "Log group retention, the alert topic, job-failure rules and endpoint alarms (§9); `false` creates none.",
    }),
    logGroups: logGroupsSchema
      .default(logGroupsSchema.parse({}))
      .meta({ description: "Retention in days of SageMaker's log groups, and which of them already exist." }),
    alerts: z
      .object({
        subscribers: z
          .record(
            z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be lowercase letters, digits and '-'"),
            subscriberSchema,
          )
          .default({})
          .meta({
            description: "Subscribers of the alert topic, keyed by a stable name (the key names the resource).",
          }),
        kmsKeyArn: kmsKeyArn.optional().meta({
          description:
            "Customer-managed key for the topic. Its key policy must let events.amazonaws.com and cloudwatch.amazonaws.com use it (the AWS-managed alias/aws/sns key cannot). Default: none: unencrypted topic",
        }),
      })
      .strict()
      .default({ subscribers: {} })
      .meta({ description: "The SNS topic every alarm and job-failure rule notifies." }),
    alarms: alarmsSchema
      .default(alarmsSchema.parse({}))
      .meta({ description: "Which alarms and job-failure rules exist, and their thresholds." }),
    endpoints: z.record(z.string(), endpointSchema.nullable()).default({}).meta({
      description:
        "Endpoints known by name (SageMaker creates endpoints at run time, so the platform cannot discover them): each gets its `/aws/sagemaker/Endpoints/{name}` log group with retention and per-variant alarms. The name must start with `{team}-{project}-` of an active project.",
    }),
  })
  .strict();

const auditManagementSchema = z
  .object({
    enabled: z.boolean().default(true).meta({
      description:
        "Log management events too. A trail cannot select them by service (`eventSource` only accepts NotEquals kms/rdsdata on trails), so this records every service's management events, SageMaker's included.",
    }),
    readOnly: z
      .enum(["all", "writes", "reads"])
      .default("writes")
      .meta({ description: "Which management events: `writes` (default), `reads` or `all`." }),
    excludeSources: z
      .array(z.enum(["kms.amazonaws.com", "rdsdata.amazonaws.com"]))
      .default(["kms.amazonaws.com", "rdsdata.amazonaws.com"])
      .meta({ description: "Excluded noisy sources (the only ones a trail can exclude)." }),
  })
  .strict();

export const auditSchema = z
  .object({
    enabled: z
      .boolean()
      .default(true)
      .meta({ description: "The data-event audit trail of the platform's buckets (§9.1); `false` creates none." }),
    buckets: z
      .object({
        projects: z.boolean().default(true).meta({ description: "Record object-level events of the project buckets." }),
        shared: z.boolean().default(true).meta({ description: "Record object-level events of the shared bucket." }),
      })
      .strict()
      .default({ projects: true, shared: true })
      .meta({ description: "Which buckets' object-level events are recorded." }),
    readOnly: z
      .enum(["all", "writes", "reads"])
      .default("all")
      .meta({ description: "`all` = both, `writes` = readOnly false, `reads` = readOnly true." }),
    principals: z.enum(["roleSessions", "all"]).default("roleSessions").meta({
      description:
        "`roleSessions`: the platform's principals, sessions of `SageMaker-*` roles (§9.1: who in which execution-role session touched which object) and the platform's IAM users (§14.8); `all`: every principal (the deployer and other account principals too).",
    }),
    management: auditManagementSchema
      .default(auditManagementSchema.parse({}))
      .meta({ description: "Management events (API calls other than object access) in the same trail." }),
    multiRegion: z
      .boolean()
      .default(true)
      .meta({ description: "Record events of every region, not only the platform's." }),
    retentionDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .default(365)
      .meta({ description: "Days the trail bucket keeps log files (current and noncurrent versions)." }),
    accessLogRetentionDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .default(90)
      .meta({ description: "Days the access-log bucket keeps server access logs of the trail bucket." }),
    kmsKeyArn: kmsKeyArn.optional().meta({
      description:
        "Customer-managed key for log files (trail `kms_key_id` and bucket SSE-KMS). Its key policy must allow cloudtrail.amazonaws.com (GenerateDataKey*, DescribeKey). Default: none: SSE-S3",
    }),
    cloudWatchLogs: z
      .object({
        enabled: z
          .boolean()
          .default(false)
          .meta({ description: "Deliver events to CloudWatch Logs as well as to the trail bucket." }),
        retentionDays: retentionDays
          .default(90)
          .meta({ description: "Days the CloudWatch Logs group keeps the events." }),
      })
      .strict()
      .default({ enabled: false, retentionDays: 90 })
      .meta({ description: "Also deliver the trail's events to a CloudWatch Logs group." }),
  })
  .strict();
