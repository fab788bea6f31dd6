import { Construct } from "constructs";
import { DataResource, Fn, Op } from "cdktf";
import { DataAwsVpc } from "@cdktf/provider-aws/lib/data-aws-vpc";
import { DataAwsSubnet } from "@cdktf/provider-aws/lib/data-aws-subnet";
import { DataAwsRouteTable } from "@cdktf/provider-aws/lib/data-aws-route-table";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RemovedBlock } from "../state/removed-block";
import { ValidationError } from "../validation-error";
import { fixAddress, resourceAddress } from "../address";

export interface AdoptedSubnet {
  /** The subnet's IPv4 CIDR (a different value would replace the subnet). */
  readonly cidrBlock: string;
  /** The subnet's availability zone (a different value would replace the subnet). */
  readonly availabilityZone: string;
}

export interface AdoptVpcSettings {
  /**
   * The VPC's instance tenancy (a different value would replace the VPC).
   * @default "default"
   */
  readonly instanceTenancy?: "default" | "dedicated";
  /** Attributes of every subnet in `subnetIds`. */
  readonly subnets: Readonly<Record<string, AdoptedSubnet>>;
}

export interface ExistingVpcProps {
  /** The existing VPC (`vpc-...`): looked up, or adopted with import blocks; never created. */
  readonly vpcId: string;
  /** Primary IPv4 CIDR of the VPC. */
  readonly vpcCidr: string;
  /** Private subnets (2 or 3, in at least 2 zones). */
  readonly subnetIds: readonly string[];
  /** Route tables of the private subnets. */
  readonly routeTableIds: readonly string[];
  /**
   * Fail the plan when a subnet has fewer free IPv4 addresses.
   * @default 10 (platform-spec §4.1: each Studio app and job takes ENIs)
   */
  readonly minFreeIpsPerSubnet?: number;
  /**
   * Bring the VPC, subnets and route tables under management with import blocks
   * (prevent_destroy; only the attributes below and DNS support/hostnames are managed).
   * @default undefined: lookup only (data sources; nothing is managed)
   */
  readonly adopt?: AdoptVpcSettings;
  /**
   * Subnet and route table ids adopted earlier and no longer listed: Terraform forgets them
   * (`removed`, destroy = false) instead of deleting them.
   * @default none
   */
  readonly releasedIds?: readonly string[];
}

/** Attributes of adopted objects the platform does not own: never planned, never changed. */
const UNMANAGED = {
  vpc: [
    "tags",
    "tags_all",
    "assign_generated_ipv6_cidr_block",
    "ipv6_cidr_block",
    "ipv6_cidr_block_network_border_group",
    "ipv6_ipam_pool_id",
    "ipv6_netmask_length",
    "ipv4_ipam_pool_id",
    "ipv4_netmask_length",
    "enable_network_address_usage_metrics",
  ],
  subnet: [
    "tags",
    "tags_all",
    "map_public_ip_on_launch",
    "assign_ipv6_address_on_creation",
    "ipv6_cidr_block",
    "ipv6_native",
    "enable_dns64",
    "enable_resource_name_dns_a_record_on_launch",
    "enable_resource_name_dns_aaaa_record_on_launch",
    "private_dns_hostname_type_on_launch",
    "map_customer_owned_ip_on_launch",
    "customer_owned_ipv4_pool",
    "outpost_arn",
    "enable_lni_at_device_index",
    "availability_zone_id",
  ],
  // `route` and `propagating_vgws` left unset already mean "not managed" (an empty list would
  // delete every route); listing them here keeps it so if someone sets them by mistake.
  routeTable: ["tags", "tags_all", "route", "propagating_vgws"],
};

/**
 * The pre-existing VPC of the platform (platform-spec §4.1), never created here.
 *
 * Lookup (default): data sources by id, with conditions that fail the plan readably when DNS
 * support or DNS hostnames is off, a subnet has too few free IPs, or the subnets span fewer than
 * 2 zones. Adopt: the VPC, subnets and route tables are imported (`import` blocks) with
 * prevent_destroy, declaring only the attributes that identify them (CIDR, zone, tenancy) and
 * DNS support/hostnames = true; everything else is in `ignore_changes`, so the first plan after
 * the import changes nothing destructive.
 *
 * Addresses: `data.aws_vpc.<id>`, `aws_vpc.<id>`, `data.aws_subnet.<subnet-id>`,
 * `aws_subnet.<subnet-id>`, `data.aws_route_table.<rtb-id>`, `aws_route_table.<rtb-id>`,
 * `terraform_data.<id>-preflight`. A lookup also renders `removed` blocks (destroy = false) for
 * the adopt-mode addresses, so switching from adopt back to lookup forgets the objects instead of
 * deleting them (a no-op when they were never in state).
 */
export class ExistingVpc extends Construct {
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly subnetIds: string[];
  readonly routeTableIds: string[];
  /** The plan-time checks (subnet count and zones). */
  readonly preflight: DataResource;

  constructor(scope: Construct, id: string, props: ExistingVpcProps) {
    super(scope, id);
    const minFree = props.minFreeIpsPerSubnet ?? 10;
    const adopt = props.adopt;
    const released = new Construct(this, "Released");
    const release = (from: string) => new RemovedBlock(released, from, { from });
    for (const rid of new Set(props.releasedIds ?? []))
      release(`${rid.startsWith("rtb-") ? "aws_route_table" : "aws_subnet"}.${rid}`);

    // Free addresses change all the time: read them in both modes.
    const subnetData = props.subnetIds.map((sid) => {
      const d = new DataAwsSubnet(this, `SubnetData-${sid}`, {
        id: sid,
        // A subnet of another VPC finds nothing and fails the plan.
        vpcId: props.vpcId,
        lifecycle: {
          postcondition: [
            {
              condition: `\${self.available_ip_address_count >= ${minFree}}`,
              errorMessage:
                `Subnet ${sid} has \${self.available_ip_address_count} free IP addresses; the platform needs at least ${minFree} ` +
                "(network.minFreeIpsPerSubnet): every Studio app and job takes ENIs. Use a larger subnet.",
            },
          ],
        },
      });
      fixAddress(d, sid);
      return d;
    });

    if (!adopt) {
      const vpc = new DataAwsVpc(this, "VpcData", {
        id: props.vpcId,
        lifecycle: {
          postcondition: [
            {
              condition: "${self.enable_dns_support}",
              errorMessage: `VPC ${props.vpcId} has DNS support (enableDnsSupport) off; VPC-only Studio and private-DNS endpoints need it on: aws ec2 modify-vpc-attribute --vpc-id ${props.vpcId} --enable-dns-support`,
            },
            {
              condition: "${self.enable_dns_hostnames}",
              errorMessage: `VPC ${props.vpcId} has DNS hostnames (enableDnsHostnames) off; VPC-only Studio and private-DNS endpoints need it on: aws ec2 modify-vpc-attribute --vpc-id ${props.vpcId} --enable-dns-hostnames`,
            },
          ],
        },
      });
      fixAddress(vpc, id);
      this.vpcId = vpc.id;
      this.subnetIds = subnetData.map((d) => d.id);
      this.routeTableIds = props.routeTableIds.map((rid) => {
        const rt = new DataAwsRouteTable(this, `RouteTableData-${rid}`, { routeTableId: rid, vpcId: props.vpcId });
        fixAddress(rt, rid);
        // route_table_id is what was looked up (equal to id in AWS, and echoed by mocks).
        return rt.routeTableId;
      });
      release(resourceAddress(Vpc, id));
      for (const sid of props.subnetIds) release(resourceAddress(Subnet, sid));
      for (const rid of props.routeTableIds) release(resourceAddress(RouteTable, rid));
    } else {
      const vpc = new Vpc(this, "Vpc", {
        cidrBlock: props.vpcCidr,
        instanceTenancy: adopt.instanceTenancy ?? "default",
        // Declared true: adopting the VPC enforces what VPC-only Studio needs (§4.1).
        enableDnsSupport: true,
        enableDnsHostnames: true,
        lifecycle: { preventDestroy: true, ignoreChanges: UNMANAGED.vpc },
      });
      fixAddress(vpc, id);
      vpc.importFrom(props.vpcId);
      this.vpcId = vpc.id;
      this.subnetIds = props.subnetIds.map((sid) => {
        const a = adopt.subnets[sid];
        if (!a) throw new ValidationError(`adopted subnet ${sid} needs its cidrBlock and availabilityZone`, this);
        const s = new Subnet(this, `Subnet-${sid}`, {
          vpcId: vpc.id,
          cidrBlock: a.cidrBlock,
          availabilityZone: a.availabilityZone,
          lifecycle: { preventDestroy: true, ignoreChanges: UNMANAGED.subnet },
        });
        fixAddress(s, sid);
        s.importFrom(sid);
        return s.id;
      });
      this.routeTableIds = props.routeTableIds.map((rid) => {
        const rt = new RouteTable(this, `RouteTable-${rid}`, {
          vpcId: vpc.id,
          lifecycle: { preventDestroy: true, ignoreChanges: UNMANAGED.routeTable },
        });
        fixAddress(rt, rid);
        rt.importFrom(rid);
        return rt.id;
      });
    }
    this.vpcCidr = props.vpcCidr;

    const zones = subnetData.map((d) => d.availabilityZone);
    this.preflight = new DataResource(this, "Preflight", {
      input: { subnets: this.subnetIds, zones },
      lifecycle: {
        precondition: [
          {
            condition: Op.gte(Fn.lengthOf(subnetData.map((d) => d.id)), 2),
            errorMessage: `The platform needs at least 2 private subnets (network.privateSubnetIds has ${props.subnetIds.length}).`,
          },
          {
            condition: Op.gte(Fn.lengthOf(Fn.distinct(zones)), 2),
            errorMessage:
              "The private subnets (network.privateSubnetIds) must be in at least 2 different availability zones; " +
              `they are all in \${join(", ", distinct([${props.subnetIds.map((s) => `data.aws_subnet.${s}.availability_zone`).join(", ")}]))}.`,
          },
        ],
      },
    });
    fixAddress(this.preflight, `${id}-preflight`);
  }
}
