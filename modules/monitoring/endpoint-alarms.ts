import { Construct } from "constructs";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";

/** Evaluation settings shared by the endpoint alarms. */
export interface AlarmWindow {
  /** Seconds: 10, 20, 30 or a multiple of 60. */
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
}

export interface EndpointAlarmSettings {
  /** `Invocation5XXErrors` sum above which the alarm fires. @default undefined: no alarm */
  readonly errors5xx?: AlarmWindow & { readonly threshold: number };
  /** `ModelLatency` maximum in milliseconds. @default undefined: no alarm */
  readonly latency?: AlarmWindow & { readonly thresholdMs: number };
  /** `MemoryUtilization` average in percent. @default undefined: no alarm */
  readonly memory?: AlarmWindow & { readonly thresholdPercent: number };
}

const SAGEMAKER = "AWS/SageMaker";
/** Instance metrics of endpoints live in their own namespace (§9.4). */
const ENDPOINT_INSTANCES = "/aws/sagemaker/Endpoints";

/**
 * Metrics Insights query over every endpoint variant of the account. Without GROUP BY it returns
 * one aggregated series, which an alarm can evaluate; `WHERE` supports only exact matches, so a
 * per-project name filter is not expressible (hence the per-endpoint alarms below).
 */
export function allEndpointsQuery(fn: "SUM" | "MAX" | "AVG", metric: string): string {
  return `SELECT ${fn}(${metric}) FROM SCHEMA("${SAGEMAKER}", EndpointName, VariantName)`;
}

export interface AccountEndpointAlarmsProps extends Pick<EndpointAlarmSettings, "errors5xx" | "latency"> {
  /** Name prefix, e.g. `acme-sm-endpoints`. */
  readonly namePrefix: string;
  /** ARNs the alarms notify (the alert topic). */
  readonly actions: readonly string[];
  /**
   * Tags of the alarms.
   * @default none
   */
  readonly tags?: Record<string, string>;
}

/** Account-wide endpoint alarms: catch every endpoint, including ones nobody declared. */
export class AccountEndpointAlarms extends Construct {
  constructor(scope: Construct, id: string, props: AccountEndpointAlarmsProps) {
    super(scope, id);
    const insights = (key: string, description: string, query: string, window: AlarmWindow, threshold: number) =>
      new CloudwatchMetricAlarm(this, key, {
        alarmName: `${props.namePrefix}-${key}`,
        alarmDescription: description,
        comparisonOperator: "GreaterThanThreshold",
        threshold,
        evaluationPeriods: window.evaluationPeriods,
        metricQuery: [{ id: "q1", expression: query, period: window.periodSeconds, returnData: true }],
        // An idle endpoint publishes nothing: silence is not an error.
        treatMissingData: "notBreaching",
        alarmActions: [...props.actions],
        okActions: [...props.actions],
        tags: props.tags,
      });
    if (props.errors5xx)
      insights(
        "5xx-errors",
        "5xx errors summed over all SageMaker endpoints of the account",
        allEndpointsQuery("SUM", "Invocation5XXErrors"),
        props.errors5xx,
        props.errors5xx.threshold,
      );
    if (props.latency)
      insights(
        "model-latency",
        `Highest ModelLatency over all endpoints above ${props.latency.thresholdMs} ms`,
        allEndpointsQuery("MAX", "ModelLatency"),
        props.latency,
        props.latency.thresholdMs * 1000,
      );
  }
}

export interface EndpointAlarmsProps extends EndpointAlarmSettings {
  /** The SageMaker endpoint the alarms watch. */
  readonly endpointName: string;
  /** Its production variants: one alarm per variant and metric. */
  readonly variants: readonly string[];
  /** Name prefix of the alarms, e.g. `acme-sm-rc-fraud-detection-scoring`. */
  readonly namePrefix: string;
  /** ARNs the alarms notify (the alert topic). */
  readonly actions: readonly string[];
  /**
   * Tags of the alarms.
   * @default none
   */
  readonly tags?: Record<string, string>;
}

/** Alarms on one declared endpoint, per production variant (metrics carry EndpointName + VariantName). */
export class EndpointAlarms extends Construct {
  constructor(scope: Construct, id: string, props: EndpointAlarmsProps) {
    super(scope, id);
    for (const variant of [...props.variants].sort()) {
      const dimensions = { EndpointName: props.endpointName, VariantName: variant };
      const alarm = (
        key: string,
        description: string,
        namespace: string,
        metricName: string,
        statistic: string,
        window: AlarmWindow,
        threshold: number,
      ) =>
        new CloudwatchMetricAlarm(this, `${variant}-${key}`, {
          alarmName: `${props.namePrefix}-${variant}-${key}`,
          alarmDescription: description,
          namespace,
          metricName,
          dimensions,
          statistic,
          period: window.periodSeconds,
          evaluationPeriods: window.evaluationPeriods,
          comparisonOperator: "GreaterThanThreshold",
          threshold,
          treatMissingData: "notBreaching",
          alarmActions: [...props.actions],
          okActions: [...props.actions],
          tags: props.tags,
        });
      const at = `${props.endpointName}/${variant}`;
      if (props.errors5xx)
        alarm(
          "5xx-errors",
          `5xx errors of ${at}`,
          SAGEMAKER,
          "Invocation5XXErrors",
          "Sum",
          props.errors5xx,
          props.errors5xx.threshold,
        );
      if (props.latency)
        alarm(
          "model-latency",
          `ModelLatency of ${at} above ${props.latency.thresholdMs} ms`,
          SAGEMAKER,
          "ModelLatency",
          "Maximum",
          props.latency,
          // ModelLatency is reported in microseconds.
          props.latency.thresholdMs * 1000,
        );
      if (props.memory)
        alarm(
          "memory",
          `MemoryUtilization of ${at} above ${props.memory.thresholdPercent} %`,
          ENDPOINT_INSTANCES,
          "MemoryUtilization",
          "Average",
          props.memory,
          props.memory.thresholdPercent,
        );
    }
  }
}
