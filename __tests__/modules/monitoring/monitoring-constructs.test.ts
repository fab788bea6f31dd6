import { jobFailurePattern } from "../../../modules/monitoring/job-failure-alert";
import { allEndpointsQuery } from "../../../modules/monitoring/endpoint-alarms";
import { alertTopicPolicy } from "../../../modules/monitoring/alert-topic";

describe("monitoring building blocks", () => {
  it("job failure pattern keys on status and name prefix of the job kind", () => {
    expect(jobFailurePattern("Processing", "rc-x-")).toEqual({
      source: ["aws.sagemaker"],
      "detail-type": ["SageMaker Processing Job State Change"],
      detail: { ProcessingJobStatus: ["Failed"], ProcessingJobName: [{ prefix: "rc-x-" }] },
    });
  });

  it("the Metrics Insights query aggregates every endpoint variant into one series (no GROUP BY)", () => {
    const q = allEndpointsQuery("SUM", "Invocation5XXErrors");
    expect(q).toBe('SELECT SUM(Invocation5XXErrors) FROM SCHEMA("AWS/SageMaker", EndpointName, VariantName)');
    expect(q).not.toMatch(/GROUP BY/i);
  });

  it("the topic policy grants publishing only to the given services and source patterns", () => {
    const p = alertTopicPolicy("arn:aws:sns:r:1:t", {
      accountId: "1",
      eventRuleArnPatterns: ["arn:aws:events:r:1:rule/acme-sm-*"],
    });
    expect(p.Statement.map((s) => s.Sid)).toEqual([
      "AllowAccountOwner",
      "AllowPlatformEventRules",
      "DenyInsecureTransport",
    ]);
    const events = p.Statement[1];
    expect(events.Condition).toEqual({
      ArnLike: { "aws:SourceArn": ["arn:aws:events:r:1:rule/acme-sm-*"] },
      StringEquals: { "aws:SourceAccount": "1" },
    });
  });
});
