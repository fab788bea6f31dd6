/**
 * `network` workspace (platform-spec §4): the existing VPC (looked up or adopted), the five
 * security groups and the VPC endpoints. The VPC itself is never created here.
 * Operator guide: docs/network.md.
 */
import { Construct } from "constructs";
import { WorkspaceStack, type WorkspaceStackProps } from "./workspace-stack";
import { ENDPOINT_OUTPUT_KEYS, networkContract, type NetworkOutputs } from "./contracts/index";
import type { OrgModel } from "../org/model";
import {
  ENDPOINTS,
  SECURITY_GROUP_KEYS,
  SECURITY_GROUP_RULES,
  SECURITY_GROUPS,
  type EndpointSuffix,
  type SecurityGroupKey,
} from "../catalog/network";
import { ExistingVpc } from "../modules/network/existing-vpc";
import { RuledSecurityGroup, type SecurityGroupRule } from "../modules/network/security-group";
import { PlatformVpcEndpoint, type ExistingVpcEndpoint } from "../modules/network/vpc-endpoint";

export { SECURITY_GROUP_KEYS, type SecurityGroupKey };

/** One VPC endpoint the workspace provides (§4.3), resolved from the catalogue and the org file. */
export interface NetworkEndpoint {
  readonly suffix: EndpointSuffix;
  /** The AWS service name in this region, e.g. `com.amazonaws.ap-northeast-1.sagemaker.api`. */
  readonly serviceName: string;
  readonly type: "Interface" | "Gateway";
  /** An endpoint that already exists: imported (adopt mode) or only referenced. */
  readonly existing?: ExistingVpcEndpoint;
  /** Its `Name` tag. */
  readonly nameTag: string;
}

export interface NetworkStackProps extends WorkspaceStackProps {
  /** The org file's `network` section: the existing VPC, its subnets and route tables, adoption. */
  readonly network: Pick<
    OrgModel["network"],
    | "mode"
    | "vpcId"
    | "vpcCidr"
    | "privateSubnetIds"
    | "routeTableIds"
    | "minFreeIpsPerSubnet"
    | "adopt"
    | "adoptExistingSecurityGroups"
  >;
  /** The five security groups' physical names. */
  readonly securityGroupNames: Readonly<Record<SecurityGroupKey, string>>;
  /** The enabled endpoints, in the catalogue's order. */
  readonly endpoints: readonly NetworkEndpoint[];
}

export class NetworkStack extends WorkspaceStack {
  readonly outputs: NetworkOutputs;

  constructor(scope: Construct, props: NetworkStackProps) {
    super(scope, "network", props);
    const { network } = props;
    const adoptMode = network.mode === "adopt";

    const vpc = new ExistingVpc(this, "vpc", {
      vpcId: network.vpcId,
      vpcCidr: network.vpcCidr,
      // Sorted: declaration order in the YAML is not state.
      subnetIds: [...network.privateSubnetIds].sort(),
      routeTableIds: [...network.routeTableIds].sort(),
      minFreeIpsPerSubnet: network.minFreeIpsPerSubnet,
      adopt: adoptMode
        ? { instanceTenancy: network.adopt?.vpc.instanceTenancy, subnets: network.adopt?.subnets ?? {} }
        : undefined,
      releasedIds: network.adopt?.release,
    });

    const groups = {} as Record<SecurityGroupKey, RuledSecurityGroup>;
    for (const key of SECURITY_GROUP_KEYS) {
      const spec = SECURITY_GROUPS[key];
      const existing = adoptMode ? network.adoptExistingSecurityGroups[key] : undefined;
      const adopted = typeof existing === "string" ? { id: existing, rules: {} } : existing;
      const name = adopted?.name ?? props.securityGroupNames[key];
      const rules: Record<string, SecurityGroupRule> = {};
      for (const ruleKey of spec.rules) {
        const r = SECURITY_GROUP_RULES[ruleKey];
        rules[ruleKey] = {
          direction: r.direction,
          protocol: r.protocol,
          port: r.port,
          self: r.peer === "self" ? true : undefined,
          cidrIpv4: r.peer === "vpc" ? network.vpcCidr : r.peer === "anywhere" ? "0.0.0.0/0" : undefined,
          description: r.description,
        };
      }
      groups[key] = new RuledSecurityGroup(this, `sg-${key}`, {
        name,
        description: adopted?.description ?? spec.description,
        vpcId: vpc.vpcId,
        tags: {
          Name: name,
          ...(spec.workload ? { Type: "workload" } : {}),
        },
        rules,
        adopt: adopted ? { id: adopted.id, ruleIds: adopted.rules as Record<string, string> } : undefined,
      });
    }

    const endpointIds = {} as Record<(typeof ENDPOINT_OUTPUT_KEYS)[keyof typeof ENDPOINT_OUTPUT_KEYS], string>;
    for (const e of ENDPOINTS) endpointIds[ENDPOINT_OUTPUT_KEYS[e.suffix]] = "";
    for (const e of props.endpoints) {
      const isInterface = e.type === "Interface";
      const existing = e.existing;
      const endpoint = new PlatformVpcEndpoint(this, `endpoint-${e.suffix}`, {
        // A lookup filter must be known at plan time: the configured id, not the adopted VPC's.
        vpcId: existing?.action === "reference" ? network.vpcId : vpc.vpcId,
        serviceName: e.serviceName,
        type: e.type,
        subnetIds: isInterface ? vpc.subnetIds : undefined,
        securityGroupIds: isInterface ? [groups["vpc-endpoints"].securityGroupId] : undefined,
        routeTableIds: isInterface ? undefined : vpc.routeTableIds,
        tags: { Name: e.nameTag },
        existing,
      });
      endpointIds[ENDPOINT_OUTPUT_KEYS[e.suffix]] = endpoint.endpointId;
    }

    this.outputs = {
      vpcId: vpc.vpcId,
      vpcCidr: vpc.vpcCidr,
      privateSubnetIds: vpc.subnetIds,
      routeTableIds: vpc.routeTableIds,
      studioSecurityGroupId: groups.studio.securityGroupId,
      vpcEndpointsSecurityGroupId: groups["vpc-endpoints"].securityGroupId,
      trainingSecurityGroupId: groups.training.securityGroupId,
      processingSecurityGroupId: groups.processing.securityGroupId,
      inferenceSecurityGroupId: groups.inference.securityGroupId,
      ...endpointIds,
    };
    networkContract.publish(this, this.outputs);
  }
}
