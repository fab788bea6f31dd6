import { Construct } from "constructs";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { escapedForTerraform, iamPolicyLength, type PolicyDocument } from "../../catalog/policies/policy-document";
import { LIMITS } from "../../catalog/names";
import { ValidationError } from "../validation-error";

export interface ManagedPolicyProps {
  /** IAM policy name, e.g. `SageMaker-User-Boundary`. */
  readonly policyName: string;
  /** IAM path, e.g. `/acme-sagemaker/`. */
  readonly path: string;
  /** The policy document; refused when it exceeds IAM's 6,144-character quota. */
  readonly document: PolicyDocument;
  /**
   * Console description. Changing it replaces the policy (IAM cannot update descriptions).
   * @default none
   */
  readonly description?: string;
}

/**
 * A customer-managed policy from a typed document: serialized with IAM policy variables escaped
 * for Terraform (§11.1), size-checked at synthesis, and without tags (§0.3).
 */
export class ManagedPolicy extends IamPolicy {
  readonly document: PolicyDocument;

  constructor(scope: Construct, id: string, props: ManagedPolicyProps) {
    // Serialized once: measured, then escaped for Terraform.
    const json = JSON.stringify(props.document);
    const size = iamPolicyLength(json);
    if (size > LIMITS.managedPolicySize)
      throw new ValidationError(
        `policy document is ${size} characters, IAM allows ${LIMITS.managedPolicySize}`,
        props.policyName,
      );
    super(scope, id, {
      name: props.policyName,
      path: props.path,
      description: props.description,
      policy: escapedForTerraform(json),
    });
    this.document = props.document;
  }
}
