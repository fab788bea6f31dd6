import { Construct } from "constructs";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { policyDocument, toTerraformPolicyJson, type PolicyDocument } from "../../catalog/policies/policy-document";

export interface AlertSubscriber {
  readonly protocol: string;
  readonly endpoint: string;
}

export interface AlertTopicProps {
  /** SNS topic name, e.g. `acme-sm-platform-alerts`. */
  readonly topicName: string;
  /** The topic's account: its policy admits publishers of this account only. */
  readonly accountId: string;
  /** The topic's region. */
  readonly region: string;
  /**
   * Subscribers keyed by a stable name (the key names the subscription resource).
   * @default none
   */
  readonly subscribers?: Readonly<Record<string, AlertSubscriber>>;
  /**
   * EventBridge rules allowed to publish (ArnLike patterns, e.g. `arn:aws:events:…:rule/acme-sm-*`).
   * @default none
   */
  readonly eventRuleArnPatterns?: readonly string[];
  /**
   * CloudWatch alarms allowed to publish (ArnLike patterns).
   * @default none
   */
  readonly alarmArnPatterns?: readonly string[];
  /**
   * Customer-managed KMS key. EventBridge and CloudWatch cannot publish to a topic encrypted with
   * the AWS-managed `alias/aws/sns` key (they would need kms:GenerateDataKey on it).
   * @default undefined: unencrypted
   */
  readonly kmsKeyArn?: string;
  /**
   * Tags of the topic.
   * @default none
   */
  readonly tags?: Record<string, string>;
}

/** The platform alert topic (§9.2, §9.4) with a resource policy scoped to the platform's own rules and alarms. */
export class AlertTopic extends Construct {
  readonly topic: SnsTopic;
  /** Known at synth time (derived from the name), so policies and alarms need no reference. */
  readonly topicArn: string;

  constructor(scope: Construct, id: string, props: AlertTopicProps) {
    super(scope, id);
    this.topicArn = `arn:aws:sns:${props.region}:${props.accountId}:${props.topicName}`;
    this.topic = new SnsTopic(this, "Topic", {
      name: props.topicName,
      kmsMasterKeyId: props.kmsKeyArn,
      policy: toTerraformPolicyJson(alertTopicPolicy(this.topicArn, props)),
      tags: props.tags,
    });
    const subscribers = props.subscribers ?? {};
    for (const key of Object.keys(subscribers).sort())
      new SnsTopicSubscription(this, `Subscription-${key}`, {
        topicArn: this.topicArn,
        dependsOn: [this.topic],
        protocol: subscribers[key].protocol,
        endpoint: subscribers[key].endpoint,
      });
  }
}

export function alertTopicPolicy(
  topicArn: string,
  props: Pick<AlertTopicProps, "accountId" | "eventRuleArnPatterns" | "alarmArnPatterns">,
): PolicyDocument {
  const publish = (sid: string, service: string, patterns: readonly string[] | undefined) =>
    patterns?.length
      ? [
          {
            Sid: sid,
            Effect: "Allow" as const,
            Principal: { Service: service },
            Action: "sns:Publish",
            Resource: topicArn,
            Condition: {
              ArnLike: { "aws:SourceArn": [...patterns] },
              StringEquals: { "aws:SourceAccount": props.accountId },
            },
          },
        ]
      : [];
  return policyDocument([
    // Replacing the default topic policy must keep the owning account's own access.
    {
      Sid: "AllowAccountOwner",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${props.accountId}:root` },
      Action: [
        "sns:GetTopicAttributes",
        "sns:SetTopicAttributes",
        "sns:AddPermission",
        "sns:RemovePermission",
        "sns:DeleteTopic",
        "sns:Subscribe",
        "sns:ListSubscriptionsByTopic",
        "sns:Publish",
      ],
      Resource: topicArn,
    },
    ...publish("AllowPlatformEventRules", "events.amazonaws.com", props.eventRuleArnPatterns),
    ...publish("AllowPlatformAlarms", "cloudwatch.amazonaws.com", props.alarmArnPatterns),
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "sns:Publish",
      Resource: topicArn,
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  ]);
}
