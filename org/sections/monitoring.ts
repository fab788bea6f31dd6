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
    processingJobs: retentionDays.default(30),
    trainingJobs: retentionDays.default(90),
    /** Applied to the `/aws/sagemaker/Endpoints/{endpoint}` groups of `monitoring.endpoints`. */
    endpoints: retentionDays.default(14),
    studio: retentionDays.default(7),
    /**
     * Groups SageMaker already created in the account (it creates them lazily on first use):
     * adopted with an import block instead of failing with ResourceAlreadyExistsException.
     */
    adoptExisting: z.array(z.enum(["processingJobs", "trainingJobs", "studio"])).default([]),
  })
  .strict();

const subscriberSchema = z
  .object({
    protocol: z.enum(["email", "email-json", "https", "sqs", "lambda", "sms"]),
    endpoint: z.string().min(1),
  })
  .strict();

const alarmWindow = (periodDefault: number, evaluationDefault: number) => ({
  enabled: z.boolean().default(true),
  periodSeconds: periodSeconds.default(periodDefault),
  evaluationPeriods: z.number().int().min(1).max(100).default(evaluationDefault),
});

const endpoint5xxSchema = z.object({ ...alarmWindow(300, 1), threshold: z.number().min(0).default(0) }).strict();
const endpointLatencySchema = z
  .object({ ...alarmWindow(300, 3), thresholdMs: z.number().positive().default(1000) })
  .strict();
const endpointMemorySchema = z
  .object({ ...alarmWindow(300, 3), thresholdPercent: z.number().min(1).max(100).default(80) })
  .strict();

const alarmsSchema = z
  .object({
    /** EventBridge rule per active project: `SageMaker Training Job State Change` -> Failed. */
    trainingJobFailures: z.boolean().default(true),
    /** Same for processing jobs. */
    processingJobFailures: z.boolean().default(false),
    /** `Invocation5XXErrors` sum above the threshold. */
    endpoint5xxErrors: endpoint5xxSchema.default(endpoint5xxSchema.parse({})),
    /** `ModelLatency` maximum above the threshold (milliseconds; the metric is in microseconds). */
    endpointLatency: endpointLatencySchema.default(endpointLatencySchema.parse({})),
    /** `MemoryUtilization` (namespace `/aws/sagemaker/Endpoints`) of declared endpoints. */
    endpointMemory: endpointMemorySchema.default(endpointMemorySchema.parse({})),
  })
  .strict();

const endpointSchema = z
  .object({
    /** Production variants to alarm on; SageMaker SDKs name the single variant `AllTraffic`. */
    variants: z
      .array(z.string().regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/, "must be a SageMaker variant name"))
      .min(1)
      .default(["AllTraffic"]),
  })
  .strict();

export const monitoringSchema = z
  .object({
    enabled: z.boolean().default(true),
    logGroups: logGroupsSchema.default(logGroupsSchema.parse({})),
    alerts: z
      .object({
        /** Subscribers of the alert topic, keyed by a stable name (the key names the resource). */
        subscribers: z
          .record(
            z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be lowercase letters, digits and '-'"),
            subscriberSchema,
          )
          .default({}),
        /**
         * Customer-managed key for the topic. Its key policy must let events.amazonaws.com and
         * cloudwatch.amazonaws.com use it (the AWS-managed alias/aws/sns key cannot).
         * @default none: unencrypted topic
         */
        kmsKeyArn: kmsKeyArn.optional(),
      })
      .strict()
      .default({ subscribers: {} }),
    alarms: alarmsSchema.default(alarmsSchema.parse({})),
    /**
     * Endpoints known by name (SageMaker creates endpoints at run time, so the platform cannot
     * discover them): each gets its `/aws/sagemaker/Endpoints/{name}` log group with retention and
     * per-variant alarms. The name must start with `{team}-{project}-` of an active project.
     */
    endpoints: z.record(z.string(), endpointSchema.nullable()).default({}),
  })
  .strict();

const auditManagementSchema = z
  .object({
    /**
     * Log management events too. A trail cannot select them by service (`eventSource` only
     * accepts NotEquals kms/rdsdata on trails), so this records every service's management
     * events, SageMaker's included.
     */
    enabled: z.boolean().default(true),
    readOnly: z.enum(["all", "writes", "reads"]).default("writes"),
    /** Excluded noisy sources (the only ones a trail can exclude). */
    excludeSources: z
      .array(z.enum(["kms.amazonaws.com", "rdsdata.amazonaws.com"]))
      .default(["kms.amazonaws.com", "rdsdata.amazonaws.com"]),
  })
  .strict();

export const auditSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Which buckets' object-level events are recorded. */
    buckets: z
      .object({
        projects: z.boolean().default(true),
        shared: z.boolean().default(true),
      })
      .strict()
      .default({ projects: true, shared: true }),
    /** `all` = both, `writes` = readOnly false, `reads` = readOnly true. */
    readOnly: z.enum(["all", "writes", "reads"]).default("all"),
    /**
     * `roleSessions`: the platform's principals, sessions of `SageMaker-*` roles (§9.1: who in
     * which execution-role session touched which object) and the platform's IAM users (§14.8);
     * `all`: every principal (the deployer and other account principals too).
     */
    principals: z.enum(["roleSessions", "all"]).default("roleSessions"),
    management: auditManagementSchema.default(auditManagementSchema.parse({})),
    multiRegion: z.boolean().default(true),
    /** Days the trail bucket keeps log files (current and noncurrent versions). */
    retentionDays: z.number().int().min(1).max(3650).default(365),
    /** Days the access-log bucket keeps server access logs of the trail bucket. */
    accessLogRetentionDays: z.number().int().min(1).max(3650).default(90),
    /**
     * Customer-managed key for log files (trail `kms_key_id` and bucket SSE-KMS). Its key policy
     * must allow cloudtrail.amazonaws.com (GenerateDataKey*, DescribeKey).
     * @default none: SSE-S3
     */
    kmsKeyArn: kmsKeyArn.optional(),
    cloudWatchLogs: z
      .object({
        enabled: z.boolean().default(false),
        retentionDays: retentionDays.default(90),
      })
      .strict()
      .default({ enabled: false, retentionDays: 90 }),
  })
  .strict();
