/**
 * The network catalogue (platform-spec §4): the VPC endpoints of §4.3 and the security groups and
 * rules of §4.2, as data. The org schema validates against it, the network workspace renders it.
 */

/** `10.0.0.1/16` -> `10.0.0.0/16`; undefined for text that is no IPv4 CIDR. */
export function cidrNetwork(cidr: string): string | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  if (!m || m.slice(1, 5).some((o) => Number(o) > 255) || Number(m[5]) > 32) return undefined;
  const bits = Number(m[5]);
  const address = m.slice(1, 5).reduce((a, o) => a * 256 + Number(o), 0);
  const size = 2 ** (32 - bits);
  const base = address - (address % size);
  return `${[24, 16, 8, 0].map((s) => Math.floor(base / 2 ** s) % 256).join(".")}/${bits}`;
}

export const ENDPOINT_SUFFIXES = [
  "sagemaker-api",
  "sagemaker-runtime",
  "sagemaker-studio",
  "sts",
  "logs",
  "s3",
  "ecr-api",
  "ecr-dkr",
  "kms",
  "ssm",
  "bedrock-runtime",
] as const;
export type EndpointSuffix = (typeof ENDPOINT_SUFFIXES)[number];

export type OptionalEndpointFlag = "ecr" | "kms" | "ssm" | "bedrockRuntime";

export interface EndpointSpec {
  readonly suffix: EndpointSuffix;
  /** Service name; `{region}` is replaced by the platform region. */
  readonly service: string;
  readonly type: "Interface" | "Gateway";
  /** The `optionalEndpoints` flag that enables it; undefined: always present. */
  readonly flag?: OptionalEndpointFlag;
}

/** The endpoint catalogue of §4.3, in table order. */
export const ENDPOINTS: readonly EndpointSpec[] = [
  { suffix: "sagemaker-api", service: "com.amazonaws.{region}.sagemaker.api", type: "Interface" },
  { suffix: "sagemaker-runtime", service: "com.amazonaws.{region}.sagemaker.runtime", type: "Interface" },
  // Not the com.amazonaws form: this is the service's real name, do not "normalise" it (§4.3).
  { suffix: "sagemaker-studio", service: "aws.sagemaker.{region}.studio", type: "Interface" },
  { suffix: "sts", service: "com.amazonaws.{region}.sts", type: "Interface" },
  { suffix: "logs", service: "com.amazonaws.{region}.logs", type: "Interface" },
  { suffix: "s3", service: "com.amazonaws.{region}.s3", type: "Gateway" },
  { suffix: "ecr-api", service: "com.amazonaws.{region}.ecr.api", type: "Interface", flag: "ecr" },
  { suffix: "ecr-dkr", service: "com.amazonaws.{region}.ecr.dkr", type: "Interface", flag: "ecr" },
  { suffix: "kms", service: "com.amazonaws.{region}.kms", type: "Interface", flag: "kms" },
  { suffix: "ssm", service: "com.amazonaws.{region}.ssm", type: "Interface", flag: "ssm" },
  {
    suffix: "bedrock-runtime",
    service: "com.amazonaws.{region}.bedrock-runtime",
    type: "Interface",
    flag: "bedrockRuntime",
  },
];

export const SECURITY_GROUP_KEYS = ["studio", "vpc-endpoints", "training", "processing", "inference"] as const;
export type SecurityGroupKey = (typeof SECURITY_GROUP_KEYS)[number];

/** Rule keys of the §4.2 table; a rule's key is its Terraform identity (adding one never replaces a group). */
export const SECURITY_GROUP_RULE_KEYS = [
  "ingress-self",
  "ingress-https-vpc",
  "ingress-8080-vpc",
  "egress-self",
  "egress-all",
] as const;
export type SecurityGroupRuleKey = (typeof SECURITY_GROUP_RULE_KEYS)[number];

export interface SecurityGroupRuleSpec {
  readonly direction: "ingress" | "egress";
  /** `-1`: all protocols and ports; `tcp` with `port`. */
  readonly protocol: "-1" | "tcp";
  readonly port?: number;
  /** `self`: the group itself; `vpc`: `network.vpcCidr`; `anywhere`: 0.0.0.0/0. */
  readonly peer: "self" | "vpc" | "anywhere";
  readonly description: string;
}

export const SECURITY_GROUP_RULES: Readonly<Record<SecurityGroupRuleKey, SecurityGroupRuleSpec>> = {
  "ingress-self": {
    direction: "ingress",
    protocol: "-1",
    peer: "self",
    description: "All traffic from members of this group",
  },
  "ingress-https-vpc": {
    direction: "ingress",
    protocol: "tcp",
    port: 443,
    peer: "vpc",
    description: "HTTPS from the VPC",
  },
  "ingress-8080-vpc": {
    direction: "ingress",
    protocol: "tcp",
    port: 8080,
    peer: "vpc",
    description: "Model server port from the VPC",
  },
  "egress-self": {
    direction: "egress",
    protocol: "-1",
    peer: "self",
    description: "All traffic to members of this group",
  },
  // Declared explicitly: Terraform removes the allow-all egress rule EC2 adds to a new group (§4.2).
  "egress-all": { direction: "egress", protocol: "-1", peer: "anywhere", description: "All outbound IPv4 traffic" },
};

export interface SecurityGroupSpec {
  readonly description: string;
  /** Workload groups carry `Type=workload` (§0.3). */
  readonly workload: boolean;
  readonly rules: readonly SecurityGroupRuleKey[];
}

/** The §4.2 table. */
export const SECURITY_GROUPS: Readonly<Record<SecurityGroupKey, SecurityGroupSpec>> = {
  studio: {
    description: "Studio apps",
    workload: false,
    rules: ["ingress-self", "ingress-https-vpc", "egress-self", "egress-all"],
  },
  "vpc-endpoints": { description: "interface endpoints", workload: false, rules: ["ingress-https-vpc", "egress-all"] },
  training: {
    description: "distributed training jobs",
    workload: true,
    rules: ["ingress-self", "ingress-https-vpc", "egress-self", "egress-all"],
  },
  processing: {
    description: "processing / Spark jobs",
    workload: true,
    rules: ["ingress-self", "ingress-https-vpc", "egress-self", "egress-all"],
  },
  inference: {
    description: "inference endpoints / batch transform",
    workload: true,
    rules: ["ingress-https-vpc", "ingress-8080-vpc", "egress-all"],
  },
};
