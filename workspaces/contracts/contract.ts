/**
 * Typed contracts between workspaces. A producer publishes explicitly named outputs; a consumer
 * reads them through remote state with placeholder defaults. The output names here are the
 * state contract between workspaces: renaming one breaks consumers, so never rename, add.
 *
 * Values computable from names (role/policy ARNs, bucket names) are derived from catalog/names.ts
 * instead of crossing workspaces (§2).
 */
import { TerraformElement, TerraformOutput, type TerraformRemoteState } from "cdktf";
import type { Construct } from "constructs";
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
    const checkId = `${this.workspace}-outputs-applied`;
    if (!stack.node.tryFindChild(checkId))
      new UpstreamAppliedCheck(stack, checkId, { workspace: this.workspace, state, defaults });
    const out: Record<string, Value> = {};
    for (const key of Object.keys(this.defs)) {
      const def = this.defs[key];
      out[key] = Array.isArray(def.placeholder) ? state.getList(def.output) : state.getString(def.output);
    }
    return out as T;
  }
}

/**
 * A Terraform `check` block in the consumer: warns (plan and apply continue) while any output
 * read from `workspace` is still its placeholder, i.e. the producer has not applied it yet. The
 * plan is still useful for review; applying it would write placeholder ids (e.g. into IAM
 * conditions), so the warning names the workspace to apply first. cdktf 0.21 has no construct
 * for `check`; the element's JSON fragment is deep-merged into the stack.
 */
class UpstreamAppliedCheck extends TerraformElement {
  constructor(
    scope: Construct,
    id: string,
    private readonly props: { workspace: string; state: TerraformRemoteState; defaults: Record<string, unknown> },
  ) {
    super(scope, id);
  }

  override toTerraform(): Record<string, unknown> {
    const ref = `data.terraform_remote_state.${this.props.state.friendlyUniqueId}.outputs`;
    // Empty placeholders ("" for a disabled optional endpoint) are legitimate values: skip them.
    // `try`: a test may override remote state with only the outputs it needs.
    const comparisons = Object.entries(this.props.defaults)
      .filter(([, placeholder]) => (Array.isArray(placeholder) ? placeholder.length > 0 : placeholder !== ""))
      .map(
        ([output, placeholder]) =>
          `try(jsonencode(${ref}.${output}), "") != ${JSON.stringify(JSON.stringify(placeholder))}`,
      );
    return {
      check: {
        [this.friendlyUniqueId.replace(/-/g, "_")]: {
          assert: [
            {
              condition: `\${alltrue([${comparisons.join(", ")}])}`,
              error_message: `Workspace '${this.props.workspace}' has not applied all of its outputs yet: this plan uses placeholder values for them. Apply '${this.props.workspace}' first, then plan this workspace again.`,
            },
          ],
        },
      },
    };
  }

  override toHclTerraform(): Record<string, unknown> {
    return this.toTerraform();
  }
}
