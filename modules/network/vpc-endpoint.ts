import { Construct } from "constructs";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { DataAwsVpcEndpoint } from "@cdktf/provider-aws/lib/data-aws-vpc-endpoint";
import { RemovedBlock } from "../state/removed-block";
import { ValidationError } from "../validation-error";
import { fixAddress, resourceAddress } from "../address";

export interface ExistingVpcEndpoint {
  /** Id of the endpoint already in the VPC. */
  readonly id: string;
  /**
   * `import`: bring it under management (import block, prevent_destroy; it gets this
   * construct's attributes). `reference`: read it with a data source and leave it untouched.
   */
  readonly action: "import" | "reference";
}

export interface PlatformVpcEndpointProps {
  /** The VPC of the endpoint. */
  readonly vpcId: string;
  /** Full service name, e.g. `com.amazonaws.ap-northeast-1.sts` or `aws.sagemaker.ap-northeast-1.studio`. */
  readonly serviceName: string;
  /** `Interface` (ENIs in the subnets) or `Gateway` (routes in the route tables). */
  readonly type: "Interface" | "Gateway";
  /**
   * Interface endpoints: one ENI per subnet.
   * @default none (gateway endpoints)
   */
  readonly subnetIds?: readonly string[];
  /**
   * Interface endpoints: security groups of the ENIs.
   * @default none (gateway endpoints)
   */
  readonly securityGroupIds?: readonly string[];
  /**
   * Gateway endpoints: route tables that get the service's prefix-list route.
   * @default none (interface endpoints)
   */
  readonly routeTableIds?: readonly string[];
  /** Tags of the endpoint (`Name`, `ManagedBy`). */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * An endpoint for this service that already exists in the VPC. Two private-DNS endpoints for
   * one service conflict, so an existing one is used, never duplicated.
   * @default undefined: a new endpoint is created
   */
  readonly existing?: ExistingVpcEndpoint;
}

/**
 * One VPC endpoint of the platform (platform-spec §4.3): created, imported, or referenced.
 * Interface endpoints have private DNS on and no custom policy (`policy` unset keeps the
 * service default); the gateway endpoint is attached to the route tables.
 *
 * The Terraform address is fixed by `id`: `aws_vpc_endpoint.<id>` (or `data.aws_vpc_endpoint.<id>`
 * when referenced). A referenced endpoint also renders `removed { from = aws_vpc_endpoint.<id> }`
 * with destroy = false, so switching an imported endpoint to `reference` forgets it instead of
 * deleting it (a no-op when it was never in state). `id` must be unique in the stack.
 */
export class PlatformVpcEndpoint extends Construct {
  /** Id of the endpoint, whichever way it was obtained. */
  readonly endpointId: string;
  readonly resource?: VpcEndpoint;
  readonly data?: DataAwsVpcEndpoint;

  constructor(scope: Construct, id: string, props: PlatformVpcEndpointProps) {
    super(scope, id);
    const isInterface = props.type === "Interface";
    if (isInterface && !(props.subnetIds?.length && props.securityGroupIds?.length))
      throw new ValidationError(`an interface endpoint needs subnetIds and securityGroupIds`, this);
    if (!isInterface && !props.routeTableIds?.length)
      throw new ValidationError(`a gateway endpoint needs routeTableIds`, this);

    if (props.existing?.action === "reference") {
      // Filters by VPC and service: an id of another VPC or service fails the plan instead of
      // silently standing in for this endpoint.
      this.data = new DataAwsVpcEndpoint(this, "Endpoint", {
        id: props.existing.id,
        vpcId: props.vpcId,
        serviceName: props.serviceName,
      });
      fixAddress(this.data, id);
      this.endpointId = this.data.id;
      new RemovedBlock(this, "Released", { from: resourceAddress(VpcEndpoint, id) });
      return;
    }

    const imported = props.existing?.action === "import";
    this.resource = new VpcEndpoint(this, "Endpoint", {
      vpcId: props.vpcId,
      serviceName: props.serviceName,
      // The provider defaults to Gateway: interface endpoints must say so (§4.3).
      vpcEndpointType: props.type,
      subnetIds: isInterface ? [...props.subnetIds!] : undefined,
      securityGroupIds: isInterface ? [...props.securityGroupIds!] : undefined,
      privateDnsEnabled: isInterface ? true : undefined,
      routeTableIds: isInterface ? undefined : [...props.routeTableIds!],
      tags: { ...props.tags },
      // An endpoint that existed before the platform is never deleted by a later change.
      lifecycle: imported ? { preventDestroy: true } : undefined,
    });
    fixAddress(this.resource, id);
    if (imported) this.resource.importFrom(props.existing!.id);
    this.endpointId = this.resource.id;
  }
}
