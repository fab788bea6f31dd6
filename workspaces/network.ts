/**
 * `network` workspace (platform-spec §4): security groups and VPC endpoints in the existing VPC.
 * The VPC itself is never created here.
 */
import { Construct } from "constructs";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { WorkspaceStack } from "./workspace-stack";
import { networkContract, type NetworkOutputs } from "./contracts/index";
import type { OrgModel } from "../org/model";

export const SECURITY_GROUP_KEYS = ["studio", "vpc-endpoints", "training", "processing", "inference"] as const;
export type SecurityGroupKey = (typeof SECURITY_GROUP_KEYS)[number];

export class NetworkStack extends WorkspaceStack {
  readonly outputs: NetworkOutputs;

  constructor(scope: Construct, org: OrgModel) {
    super(scope, "network", org);
    const { names, network } = org;
    const groups = {} as Record<SecurityGroupKey, SecurityGroup>;
    for (const key of SECURITY_GROUP_KEYS) {
      const name = names.securityGroup(key);
      groups[key] = new SecurityGroup(this, `sg-${key}`, {
        name,
        description: `SageMaker platform: ${key}`,
        vpcId: network.vpcId,
        tags: { Name: name, ManagedBy: org.platform.tagPrefix },
      });
    }
    this.outputs = {
      vpcId: network.vpcId,
      privateSubnetIds: [...network.privateSubnetIds],
      studioSecurityGroupId: groups.studio.id,
      vpcEndpointsSecurityGroupId: groups["vpc-endpoints"].id,
      trainingSecurityGroupId: groups.training.id,
      processingSecurityGroupId: groups.processing.id,
      inferenceSecurityGroupId: groups.inference.id,
    };
    networkContract.publish(this, this.outputs);
  }
}
