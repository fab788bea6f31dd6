/** What the `foundation` workspace publishes. */
import { WorkspaceContract, type Value } from "./contract";

export interface FoundationOutputs {
  readonly domainDefaultRoleArn: string;
  readonly sharedBucketName: string;
  [key: string]: Value;
}

export const foundationContract = new WorkspaceContract<FoundationOutputs>("foundation", {
  domainDefaultRoleArn: {
    output: "domain_default_role_arn",
    placeholder: "arn:aws:iam::000000000000:role/SageMaker-Domain-DefaultExecutionRole",
    description: "ARN of the domain default execution role",
  },
  sharedBucketName: {
    output: "shared_bucket_name",
    placeholder: "placeholder-sm-shared-assets",
    description: "Name of the shared-assets bucket",
  },
});
