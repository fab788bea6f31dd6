/**
 * Typed contracts between workspaces. A producer publishes explicitly named outputs; a consumer
 * reads them through remote state with placeholder defaults. The output names here are the
 * state contract between workspaces: renaming one breaks consumers, so never rename, add.
 *
 * Values computable from names (role/policy ARNs, bucket names) are derived from org/names.ts
 * instead of crossing workspaces (§2).
 */
import { TerraformOutput } from "cdktf";
import type { WorkspaceStack } from "../workspace-stack";

export type Value = string | string[];

export interface OutputDef<V extends Value> {
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

