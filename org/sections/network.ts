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
  z.object({ id: vpceId, action: z.enum(["import", "reference"]).optional() }).strict(),
]);

/** An existing security group adopted in `adopt` mode. */
const existingSecurityGroup = z.union([
  sgId,
  z
    .object({
      id: sgId,
      /** The group's current name when it is not `{tagPrefix}-{key}` (a name change would replace it). */
      name: z.string().min(1).max(255).optional(),
      /** The group's current description (a description change would replace it). */
      description: z.string().min(1).max(255).optional(),
      /** Existing rules equal to one of the platform's rules, imported instead of created (EC2 rejects duplicates). */
      rules: z.partialRecord(z.enum(SECURITY_GROUP_RULE_KEYS), sgRuleId).default({}),
    })
    .strict(),
]);

/** Values of the existing resources that `adopt` mode declares; they must equal reality (docs/network.md). */
const adoptSchema = z
  .object({
    vpc: z
      .object({
        /** The VPC's `InstanceTenancy` (a change would replace the VPC). */
        instanceTenancy: z.enum(["default", "dedicated"]).default("default"),
      })
      .strict()
      .default({ instanceTenancy: "default" }),
    /** Every private subnet: its CIDR and availability zone (a change would replace the subnet). */
    subnets: z.record(subnetId, z.object({ cidrBlock: ipv4Cidr, availabilityZone }).strict()).default({}),
    /**
     * Subnet and route table ids adopted earlier and no longer used: Terraform forgets them
     * (`removed` block, destroy = false) instead of deleting them.
     */
    release: z.array(z.union([subnetId, routeTableId])).default([]),
  })
  .strict();

export const networkSchema = z
  .object({
    /** `lookup`: read the existing VPC with data sources; `adopt`: import it with import blocks. */
    mode: z.enum(["lookup", "adopt"]).default("lookup"),
    vpcId: z.string().regex(/^vpc-[0-9a-f]+$/, "must be a VPC id like vpc-0abc123"),
    vpcCidr: ipv4Cidr,
    privateSubnetIds: z.array(subnetId).min(2, "needs 2 or 3 private subnets").max(3, "needs 2 or 3 private subnets"),
    routeTableIds: z.array(routeTableId).min(1, "needs 1 to 3 route tables").max(3, "needs 1 to 3 route tables"),
    minFreeIpsPerSubnet: z.number().int().min(10, "must be at least 10 (platform-spec §4.1)").default(10),
    optionalEndpoints: z
      .object({
        ecr: z.boolean().default(false),
        kms: z.boolean().default(false),
        ssm: z.boolean().default(false),
        bedrockRuntime: z.boolean().default(false),
      })
      .strict()
      .default({ ecr: false, kms: false, ssm: false, bedrockRuntime: false }),
    /**
     * Endpoint suffix -> an endpoint that already exists in the VPC: used instead of creating a
     * duplicate (two private-DNS endpoints for one service conflict). Default action: `import`
     * in `adopt` mode, `reference` in `lookup` mode.
     */
    adoptExistingEndpoints: z.partialRecord(z.enum(ENDPOINT_SUFFIXES), existingEndpoint).default({}),
    /** Existing security groups to adopt in `adopt` mode: SG key -> sg id (or { id, name, description, rules }). */
    adoptExistingSecurityGroups: z.partialRecord(z.enum(SECURITY_GROUP_KEYS), existingSecurityGroup).default({}),
    /** Attributes of the existing VPC, subnets and route tables (`adopt` mode only). */
    adopt: adoptSchema.optional(),
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
