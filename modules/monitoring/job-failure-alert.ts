import { Construct } from "constructs";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";

export type SageMakerJobKind = "Training" | "Processing";

export interface JobFailureAlertProps {
  /** Which SageMaker job state changes the rule matches (`Training` or `Processing`). */
  readonly kind: SageMakerJobKind;
  /** EventBridge rule name, e.g. `acme-sm-rc-fraud-detection-training-failed`. */
  readonly ruleName: string;
  /** Jobs whose name starts with this prefix (a project's `{team}-{project}-`). */
  readonly jobNamePrefix: string;
  /** Human label in the message, e.g. `rc/fraud-detection`. */
  readonly label: string;
  /** The SNS topic the rule publishes to. */
  readonly topicArn: string;
  /**
   * Tags of the rule.
   * @default none
   */
  readonly tags?: Record<string, string>;
}

/** The EventBridge pattern for failed SageMaker jobs of one kind whose name starts with a prefix. */
export function jobFailurePattern(kind: SageMakerJobKind, jobNamePrefix: string): object {
  return {
    source: ["aws.sagemaker"],
    "detail-type": [`SageMaker ${kind} Job State Change`],
    detail: {
      [`${kind}JobStatus`]: ["Failed"],
      [`${kind}JobName`]: [{ prefix: jobNamePrefix }],
    },
  };
}

/**
 * Job failures are events, not metrics (§9.4): an EventBridge rule on the SageMaker state-change
 * event, delivered to the alert topic with a one-line message.
 */
export class JobFailureAlert extends Construct {
  readonly rule: CloudwatchEventRule;

  constructor(scope: Construct, id: string, props: JobFailureAlertProps) {
    super(scope, id);
    const lower = props.kind.toLowerCase();
    this.rule = new CloudwatchEventRule(this, "Rule", {
      name: props.ruleName,
      description: `Failed SageMaker ${lower} jobs named ${props.jobNamePrefix}*`,
      eventPattern: JSON.stringify(jobFailurePattern(props.kind, props.jobNamePrefix)),
      tags: props.tags,
    });
    new CloudwatchEventTarget(this, "Target", {
      rule: this.rule.name,
      targetId: "alert-topic",
      arn: props.topicArn,
      inputTransformer: {
        inputPaths: { job: `$.detail.${props.kind}JobName`, region: "$.region" },
        // A JSON string template: SNS delivers it as the message text.
        inputTemplate: JSON.stringify(
          `SageMaker ${lower} job <job> of ${props.label} failed in <region>. ` +
            `Details: aws sagemaker describe-${lower}-job --${lower}-job-name <job>`,
        ),
      },
    });
  }
}
