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
  readonly vpcCidr: string;
  readonly routeTableIds: string[];
  /** One id per endpoint suffix of §4.3; an empty string when that optional endpoint is off. */
  readonly sagemakerApiEndpointId: string;
  readonly sagemakerRuntimeEndpointId: string;
  readonly sagemakerStudioEndpointId: string;
  readonly stsEndpointId: string;
  readonly logsEndpointId: string;
  readonly s3EndpointId: string;
  readonly ecrApiEndpointId: string;
  readonly ecrDkrEndpointId: string;
  readonly kmsEndpointId: string;
  readonly ssmEndpointId: string;
  readonly bedrockRuntimeEndpointId: string;
  [key: string]: Value;
}

const sg = (key: string): OutputDef<string> => ({
  output: `${key}_security_group_id`,
  placeholder: "sg-00000000000000000",
  description: `Id of the ${key} security group`,
});

const endpoint = (suffix: string): OutputDef<string> => ({
  output: `vpc_endpoint_${suffix.replace(/-/g, "_")}_id`,
  placeholder: "vpce-00000000000000000",
  description: `Id of the ${suffix} VPC endpoint (empty when it is not enabled)`,
});

/** Contract field of each endpoint suffix. */
export const ENDPOINT_OUTPUT_KEYS = {
  "sagemaker-api": "sagemakerApiEndpointId",
  "sagemaker-runtime": "sagemakerRuntimeEndpointId",
  "sagemaker-studio": "sagemakerStudioEndpointId",
  sts: "stsEndpointId",
  logs: "logsEndpointId",
  s3: "s3EndpointId",
  "ecr-api": "ecrApiEndpointId",
  "ecr-dkr": "ecrDkrEndpointId",
  kms: "kmsEndpointId",
  ssm: "ssmEndpointId",
  "bedrock-runtime": "bedrockRuntimeEndpointId",
} as const satisfies Record<string, keyof NetworkOutputs>;

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
  vpcCidr: { output: "vpc_cidr", placeholder: "192.0.2.0/24", description: "Primary IPv4 CIDR of the VPC" },
  routeTableIds: {
    output: "route_table_ids",
    placeholder: ["rtb-00000000000000000"],
    description: "Route tables of the private subnets (S3 gateway endpoint)",
  },
  sagemakerApiEndpointId: endpoint("sagemaker-api"),
  sagemakerRuntimeEndpointId: endpoint("sagemaker-runtime"),
  sagemakerStudioEndpointId: endpoint("sagemaker-studio"),
  stsEndpointId: endpoint("sts"),
  logsEndpointId: endpoint("logs"),
  s3EndpointId: endpoint("s3"),
  ecrApiEndpointId: endpoint("ecr-api"),
  ecrDkrEndpointId: endpoint("ecr-dkr"),
  kmsEndpointId: endpoint("kms"),
  ssmEndpointId: endpoint("ssm"),
  bedrockRuntimeEndpointId: endpoint("bedrock-runtime"),
});
