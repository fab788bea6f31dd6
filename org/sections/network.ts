/** `network:` the existing VPC and its endpoints (§1.2, §4). */
import { z } from "zod";

const subnetId = z.string().regex(/^subnet-[0-9a-f]+$/, "must be a subnet id like subnet-0abc123");
const routeTableId = z.string().regex(/^rtb-[0-9a-f]+$/, "must be a route table id like rtb-0abc123");
const sgId = z.string().regex(/^sg-[0-9a-f]+$/, "must be a security group id like sg-0abc123");
const vpceId = z.string().regex(/^vpce-[0-9a-f]+$/, "must be a VPC endpoint id like vpce-0abc123");

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

export const networkSchema = z
  .object({
    /** `lookup`: read the existing VPC with data sources; `adopt`: import it with import blocks. */
    mode: z.enum(["lookup", "adopt"]).default("lookup"),
    vpcId: z.string().regex(/^vpc-[0-9a-f]+$/, "must be a VPC id like vpc-0abc123"),
    vpcCidr: z
      .string()
      .regex(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/, "must be an IPv4 CIDR like 10.0.0.0/16"),
    privateSubnetIds: z.array(subnetId).min(2, "needs 2 or 3 private subnets").max(3, "needs 2 or 3 private subnets"),
    routeTableIds: z.array(routeTableId).min(1, "needs 1 to 3 route tables").max(3, "needs 1 to 3 route tables"),
    minFreeIpsPerSubnet: z.number().int().min(0).default(10),
    optionalEndpoints: z
      .object({
        ecr: z.boolean().default(false),
        kms: z.boolean().default(false),
        ssm: z.boolean().default(false),
        bedrockRuntime: z.boolean().default(false),
      })
      .strict()
      .default({ ecr: false, kms: false, ssm: false, bedrockRuntime: false }),
    /** Endpoint suffix -> id of an endpoint that already exists in the VPC (adopted, not duplicated). */
    adoptExistingEndpoints: z.partialRecord(z.enum(ENDPOINT_SUFFIXES), vpceId).default({}),
    /** Existing security groups to adopt in `adopt` mode: SG key -> sg id. */
    adoptExistingSecurityGroups: z
      .partialRecord(z.enum(["studio", "vpc-endpoints", "training", "processing", "inference"]), sgId)
      .default({}),
  })
  .strict();

