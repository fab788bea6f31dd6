/** What the `network` workspace publishes (platform-spec §4.3 outputs). */
import { WorkspaceContract, type OutputDef, type Value } from "./contract";

export interface NetworkOutputs {
  readonly vpcId: string;
  readonly privateSubnetIds: string[];
  readonly studioSecurityGroupId: string;
  readonly vpcEndpointsSecurityGroupId: string;
  readonly trainingSecurityGroupId: string;
  readonly processingSecurityGroupId: string;
  readonly inferenceSecurityGroupId: string;
  [key: string]: Value;
}

const sg = (key: string): OutputDef<string> => ({
  output: `${key}_security_group_id`,
  placeholder: "sg-00000000000000000",
  description: `Id of the ${key} security group`,
});

export const networkContract = new WorkspaceContract<NetworkOutputs>("network", {
  vpcId: { output: "vpc_id", placeholder: "vpc-00000000000000000", description: "Id of the existing VPC" },
  privateSubnetIds: {
    output: "private_subnet_ids",
    placeholder: ["subnet-00000000000000000", "subnet-00000000000000001"],
    description: "Private subnets used by Studio and jobs",
  },
  studioSecurityGroupId: sg("studio"),
  vpcEndpointsSecurityGroupId: sg("vpc_endpoints"),
  trainingSecurityGroupId: sg("training"),
  processingSecurityGroupId: sg("processing"),
  inferenceSecurityGroupId: sg("inference"),
});

