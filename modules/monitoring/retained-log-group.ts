import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";

export interface RetainedLogGroupProps {
  /** CloudWatch Logs group name, e.g. `/aws/sagemaker/TrainingJobs`. */
  readonly logGroupName: string;
  /** `retention_in_days`; 0 keeps events forever. */
  readonly retentionDays: number;
  /**
   * Adopt a group that already exists (SageMaker creates its groups lazily on first use) with an
   * import block instead of failing with ResourceAlreadyExistsException.
   * @default false
   */
  readonly adoptExisting?: boolean;
  /**
   * Tags of the group.
   * @default none
   */
  readonly tags?: Record<string, string>;
}

/**
 * A log group with retention that Terraform never deletes (`skip_destroy`): logs are data, and
 * SageMaker keeps writing to the group after the platform stops managing it.
 */
export class RetainedLogGroup extends Construct {
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: RetainedLogGroupProps) {
    super(scope, id);
    this.logGroup = new CloudwatchLogGroup(this, "LogGroup", {
      name: props.logGroupName,
      retentionInDays: props.retentionDays,
      skipDestroy: true,
      tags: props.tags,
    });
    if (props.adoptExisting) this.logGroup.importFrom(props.logGroupName);
  }
}
