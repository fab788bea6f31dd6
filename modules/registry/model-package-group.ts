import { Construct } from "constructs";
import { SagemakerModelPackageGroup } from "@cdktf/provider-aws/lib/sagemaker-model-package-group";
import { fixAddress } from "../address";

export interface ModelRegistryGroupProps {
  /** `{team}-{project}` from `Names.modelPackageGroup` ([A-Za-z0-9-], at most 63 characters). */
  readonly groupName: string;
  /** Description of the group, e.g. `Models for risk-control/fraud-detection`. */
  readonly description: string;
  /** Tags of the group (`Team`, `Project`, ...). */
  readonly tags: Record<string, string>;
  /**
   * Terraform logical ID of the model package group resource, for an address that is readable and can be named
   * elsewhere (e.g. in a `removed` block).
   * @default derived from the construct path
   */
  readonly logicalId?: string;
  /**
   * Explicit purge (§7.2, §10 op 5): lifts `prevent_destroy` so that dropping the group deletes it.
   * @default false: protected
   */
  readonly purge?: boolean;
}

/**
 * A SageMaker model package group (platform-spec §7.2): the project's model registry. Versions
 * are registered as PendingManualApproval and approved or rejected by a reviewer; the group
 * outlives project retirement and is deleted only through the explicit purge.
 */
export class ModelRegistryGroup extends Construct {
  readonly group: SagemakerModelPackageGroup;
  readonly groupName: string;

  constructor(scope: Construct, id: string, props: ModelRegistryGroupProps) {
    super(scope, id);
    this.groupName = props.groupName;
    this.group = new SagemakerModelPackageGroup(this, "Group", {
      modelPackageGroupName: props.groupName,
      modelPackageGroupDescription: props.description,
      tags: props.tags,
      // The description is display text (it names the team's full name) and cannot be updated
      // in place: a rename must never replace the registry (issue 10).
      lifecycle: { preventDestroy: !(props.purge ?? false), ignoreChanges: ["model_package_group_description"] },
    });
    if (props.logicalId) fixAddress(this.group, props.logicalId);
  }
}
