/**
 * A value that may not change between applies unless the org file says so explicitly (the company,
 * which is in every physical name; the Studio domain's replacement-forcing settings). The workspace
 * publishes the value as an output and reads it back from its own previous state; a
 * `terraform_data` precondition fails the plan when it differs from this configuration's value.
 *
 * Synthesis-time checks compare the org file with itself; this compares it with what was applied,
 * so deleting the setting that arms a check (e.g. `studio.domainIdentity`) disarms nothing.
 */
import { Construct } from "constructs";
import { DataResource, TerraformOutput, type TerraformRemoteState } from "cdktf";
import { readOnlyExistingState } from "./ledger-guard";
import { fixAddress } from "../address";

export interface PinnedValueProps {
  /** Terraform address name of the guard (`terraform_data.<guardId>`). */
  readonly guardId: string;
  /** Output read back by the next plan: a state contract, never renamed. */
  readonly outputName: string;
  /** Description of the output that publishes the value. */
  readonly outputDescription: string;
  /**
   * The state holding the previous value: the workspace's own, or (with `publish: false`) the
   * state of the workspace that publishes it.
   */
  readonly previousState: TerraformRemoteState;
  /**
   * Whether this workspace publishes the value as output `outputName`.
   * @default true
   */
  readonly publish?: boolean;
  /** Local state file with a local backend (the read happens only when it exists). */
  readonly localStateFile: string | undefined;
  /** This apply's value. */
  readonly value: string;
  /**
   * Previous values this configuration may replace (an explicit migration in the org file), or
   * `"any"` when the org file allows any change for this apply.
   * @default none
   */
  readonly accept?: readonly string[] | "any";
  /** The precondition's message; `${previous}` stands for the applied value. */
  readonly message: (previous: string) => string;
}

export class PinnedValue extends Construct {
  readonly output: TerraformOutput | undefined;
  readonly guard: DataResource;

  constructor(scope: Construct, id: string, props: PinnedValueProps) {
    super(scope, id);
    readOnlyExistingState(props.previousState, props.localStateFile);
    if (props.publish !== false) {
      this.output = new TerraformOutput(this, "Output", { value: props.value, description: props.outputDescription });
      fixAddress(this.output, props.outputName);
    }

    const state = `data.terraform_remote_state.${props.previousState.friendlyUniqueId}`;
    // No previous value (first apply with this output) reads as "": never a pinned value. Terraform
    // 1.11 evaluates both sides of `||`, so the condition avoids null instead of short-circuiting.
    const previous = `try(tostring(s.outputs.${props.outputName}), "")`;
    const allowed = JSON.stringify(["", props.value, ...(props.accept === "any" ? [] : (props.accept ?? []))]);
    const condition =
      props.accept === "any" ? "true" : `alltrue([for s in ${state} : contains(${allowed}, ${previous})])`;
    this.guard = new DataResource(this, "Guard", {
      lifecycle: {
        precondition: [
          {
            condition: `\${${condition}}`,
            errorMessage: props.message(`\${join(", ", [for s in ${state} : ${previous}])}`),
          },
        ],
      },
    });
    fixAddress(this.guard, props.guardId);
  }
}
