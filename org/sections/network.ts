/** `network:` the existing VPC and its endpoints (§1.2, §4). Operator guide: docs/network.md. */
import { z } from "zod";
import {
  cidrNetwork,
  ENDPOINT_SUFFIXES,
  ENDPOINTS,
  SECURITY_GROUP_KEYS,
  SECURITY_GROUP_RULE_KEYS,
  type EndpointSpec,
  type EndpointSuffix,
} from "../../catalog/network";

const subnetId = z.string().regex(/^subnet-[0-9a-f]+$/, "must be a subnet id like subnet-0abc123");
const routeTableId = z.string().regex(/^rtb-[0-9a-f]+$/, "must be a route table id like rtb-0abc123");
const sgId = z.string().regex(/^sg-[0-9a-f]+$/, "must be a security group id like sg-0abc123");
const sgRuleId = z.string().regex(/^sgr-[0-9a-f]+$/, "must be a security group rule id like sgr-0abc123");
const vpceId = z.string().regex(/^vpce-[0-9a-f]+$/, "must be a VPC endpoint id like vpce-0abc123");
const ipv4Cidr = z
  .string()
  .regex(
    /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(\d|[12]\d|3[0-2])$/,
    "must be an IPv4 CIDR like 10.0.0.0/16",
  )
  // EC2 rejects a CIDR whose host bits are set (10.0.0.1/16);.
  .superRefine((cidr, ctx) => {
    const network = cidrNetwork(cidr);
    if (network && network !== cidr)
      ctx.addIssue({ code: "custom", message: `has host bits set: the network is ${network}` });
  });

const availabilityZone = z
  .string()
  .regex(/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/, "must be an availability zone name like ap-northeast-1a");

/**
 * An existing endpoint: the id alone (the mode's default action), or the id with an explicit
 * action. `import` brings it under management (import block, prevent_destroy); `reference`
 * only reads it (data source) and leaves it untouched.
 */
const existingEndpoint = z.union([
  vpceId,
  z
    .object({
      id: vpceId.meta({ description: "The existing endpoint's id (`vpce-...`)." }),
      action: z.enum(["import", "reference"]).optional().meta({
        description:
          "`import`: manage it (import block, never destroyed); `reference`: only read it. Default: `import` in adopt mode, `reference` in lookup mode.",
      }),
    })
    .strict(),
]);

/** An existing security group adopted in `adopt` mode. */
const existingSecurityGroup = z.union([
  sgId,
  z
    .object({
      id: sgId.meta({ description: "The existing security group's id (`sg-...`)." }),
      name: z.string().min(1).max(255).optional().meta({
        description: "The group's current name when it is not `{tagPrefix}-{key}` (a name change would replace it).",
      }),
      description: z
        .string()
        .min(1)
        .max(255)
        .optional()
        .meta({ description: "The group's current description (a description change would replace it)." }),
      rules: z.partialRecord(z.enum(SECURITY_GROUP_RULE_KEYS), sgRuleId).default({}).meta({
        description:
          "Existing rules equal to one of the platform's rules, imported instead of created (EC2 rejects duplicates).",
      }),
    })
    .strict(),
]);

/** Values of the existing resources that `adopt` mode declares; they must equal reality (docs/network.md). */
const adoptSchema = z
  .object({
    vpc: z
      .object({
        instanceTenancy: z
          .enum(["default", "dedicated"])
          .default("default")
          .meta({ description: "The VPC's `InstanceTenancy` (a change would replace the VPC)." }),
      })
      .strict()
      .default({ instanceTenancy: "default" })
      .meta({ description: "The adopted VPC's replacement-forcing values." }),
    subnets: z
      .record(
        subnetId,
        z
          .object({
            cidrBlock: ipv4Cidr.meta({ description: "The subnet's IPv4 CIDR block, as it is in AWS." }),
            availabilityZone: availabilityZone.meta({
              description: "The subnet's availability zone, as it is in AWS.",
            }),
          })
          .strict(),
      )
      .default({})
      .meta({
        description: "Every private subnet: its CIDR and availability zone (a change would replace the subnet).",
      }),
    release: z
      .array(z.union([subnetId, routeTableId]))
      .default([])
      .meta({
        description:
          "Subnet and route table ids adopted earlier and no longer used: Terraform forgets them (`removed` block, destroy = false) instead of deleting them.",
      }),
  })
  .strict();

export const networkSchema = z
  .object({
    mode: z.enum(["lookup", "adopt"]).default("lookup").meta({
      description: "`lookup`: read the existing VPC with data sources; `adopt`: import it with import blocks.",
    }),
    vpcId: z
      .string()
      .regex(/^vpc-[0-9a-f]+$/, "must be a VPC id like vpc-0abc123")
      .meta({ description: "The existing VPC the platform uses (`vpc-...`); never created or deleted here." }),
    vpcCidr: ipv4Cidr.meta({
      description: "The VPC's IPv4 CIDR block: the source of the security groups' VPC-only rules.",
    }),
    privateSubnetIds: z
      .array(subnetId)
      .min(2, "needs 2 or 3 private subnets")
      .max(3, "needs 2 or 3 private subnets")
      .meta({
        description: "The 2 or 3 private subnets (in different availability zones) of Studio, jobs and endpoints.",
      }),
    routeTableIds: z
      .array(routeTableId)
      .min(1, "needs 1 to 3 route tables")
      .max(3, "needs 1 to 3 route tables")
      .meta({ description: "The private subnets' route tables: the S3 gateway endpoint is attached to them." }),
    minFreeIpsPerSubnet: z
      .number()
      .int()
      .min(10, "must be at least 10 (platform-spec §4.1)")
      .default(10)
      .meta({ description: "Plans fail when a private subnet has fewer free IP addresses than this (§4.1)." }),
    optionalEndpoints: z
      .object({
        ecr: z
          .boolean()
          .default(false)
          .meta({ description: "ECR API and Docker endpoints (private image pulls without a NAT)." }),
        kms: z.boolean().default(false).meta({ description: "KMS endpoint (SSE-KMS without a NAT)." }),
        ssm: z.boolean().default(false).meta({ description: "SSM endpoint." }),
        bedrockRuntime: z.boolean().default(false).meta({ description: "Bedrock runtime endpoint." }),
      })
      .strict()
      .default({ ecr: false, kms: false, ssm: false, bedrockRuntime: false })
      .meta({
        description: "Interface endpoints beyond the required ones; each costs per hour and availability zone.",
      }),
    adoptExistingEndpoints: z.partialRecord(z.enum(ENDPOINT_SUFFIXES), existingEndpoint).default({}).meta({
      description:
        "Endpoint suffix -> an endpoint that already exists in the VPC: used instead of creating a duplicate (two private-DNS endpoints for one service conflict). Default action: `import` in `adopt` mode, `reference` in `lookup` mode.",
    }),
    adoptExistingSecurityGroups: z.partialRecord(z.enum(SECURITY_GROUP_KEYS), existingSecurityGroup).default({}).meta({
      description:
        "Existing security groups to adopt in `adopt` mode: SG key -> sg id (or { id, name, description, rules }).",
    }),
    adopt: adoptSchema
      .optional()
      .meta({ description: "Attributes of the existing VPC, subnets and route tables (`adopt` mode only)." }),
  })
  .strict();

export type NetworkSettings = z.output<typeof networkSchema>;

/** Endpoints present in the VPC for these settings (required + enabled optional ones), in table order. */
export function enabledEndpoints(network: Pick<NetworkSettings, "optionalEndpoints">): EndpointSpec[] {
  return ENDPOINTS.filter((e) => e.flag === undefined || network.optionalEndpoints[e.flag]);
}

/** How an existing endpoint is used: explicit action, else the mode's default. */
export function existingEndpointAction(
  network: Pick<NetworkSettings, "mode" | "adoptExistingEndpoints">,
  suffix: EndpointSuffix,
): { id: string; action: "import" | "reference" } | undefined {
  const e = network.adoptExistingEndpoints[suffix];
  if (e === undefined) return undefined;
  const dflt = network.mode === "adopt" ? "import" : "reference";
  return typeof e === "string" ? { id: e, action: dflt } : { id: e.id, action: e.action ?? dflt };
}
