/**
 * Typed contracts between workspaces. A producer publishes explicitly named outputs; a consumer
 * reads them through remote state with placeholder defaults. The output names here are the
 * state contract between workspaces: renaming one breaks consumers, so never rename, add.
 *
 * Values computable from names (role/policy ARNs, bucket names) are derived from org/names.ts
 * instead of crossing workspaces (§2).
 */
import { TerraformOutput } from "cdktf";
import type { WorkspaceStack } from "./workspace-stack";

type Value = string | string[];

interface OutputDef<V extends Value> {
  /** Terraform output name in the producer. */
  readonly output: string;
  /** Placeholder while the producer has not applied this output yet (must pass validators). */
  readonly placeholder: V;
  readonly description: string;
}

export type ContractDefs<T extends Record<string, Value>> = { readonly [K in keyof T]: OutputDef<T[K]> };

export class WorkspaceContract<T extends Record<string, Value>> {
  constructor(
    /** Producer workspace name. */
    readonly workspace: string,
    readonly defs: ContractDefs<T>,
  ) {}

  /** In the producer: one named output per contract field. */
  publish(stack: WorkspaceStack, values: T): void {
    if (stack.workspace !== this.workspace)
      throw new Error(`${stack.workspace}: only workspace '${this.workspace}' may publish its contract`);
    for (const key of Object.keys(this.defs).sort() as (keyof T & string)[]) {
      const def = this.defs[key];
      new TerraformOutput(stack, def.output, { value: values[key], description: def.description });
    }
  }

  /** In a consumer: the producer's values as tokens (remote state with placeholder defaults). */
  read(stack: WorkspaceStack): T {
    const defaults: Record<string, unknown> = {};
    for (const key of Object.keys(this.defs).sort()) defaults[this.defs[key].output] = this.defs[key].placeholder;
    const state = stack.remoteState(this.workspace, defaults);
    const out: Record<string, Value> = {};
    for (const key of Object.keys(this.defs)) {
      const def = this.defs[key];
      out[key] = Array.isArray(def.placeholder) ? state.getList(def.output) : state.getString(def.output);
    }
    return out as T;
  }
}

// ----------------------------------------------------------------------------------------------

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

export interface FoundationOutputs {
  readonly domainDefaultRoleArn: string;
  readonly sharedBucketName: string;
  [key: string]: Value;
}

export const foundationContract = new WorkspaceContract<FoundationOutputs>("foundation", {
  domainDefaultRoleArn: {
    output: "domain_default_role_arn",
    placeholder: "arn:aws:iam::000000000000:role/SageMaker-Domain-DefaultExecutionRole",
    description: "ARN of the domain default execution role",
  },
  sharedBucketName: {
    output: "shared_bucket_name",
    placeholder: "placeholder-sm-shared-assets",
    description: "Name of the shared-assets bucket",
  },
});
