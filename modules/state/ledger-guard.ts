/**
 * The plan-time mechanism behind the retention, team and homes guards: synthesis cannot see what
 * an earlier apply created, Terraform can.
 *
 * - the workspace publishes a ledger output (`key => status`) of what this apply leaves live;
 * - it reads its previous ledger back through its own `terraform_remote_state`;
 * - a `terraform_data` precondition fails the plan for every previous key that may not go: not
 *   kept by this configuration, not in a free status, and not explicitly released.
 */
import { Construct } from "constructs";
import { DataResource, TerraformLocal, TerraformOutput, type TerraformRemoteState } from "cdktf";
import { fixAddress } from "../address";

/**
 * Makes a workspace's read of its own state conditional on the state existing: Terraform fails a
 * `terraform_remote_state` read of a local state file that does not exist yet (defaults do not
 * help). With a remote backend (`localStateFile` undefined) the state is always read.
 */
export function readOnlyExistingState(state: TerraformRemoteState, localStateFile: string | undefined): void {
  state.addOverride(
    "count",
    localStateFile ? `\${try(length(file(${JSON.stringify(localStateFile)})) > 0, false) ? 1 : 0}` : 1,
  );
}

export interface LedgerGuardProps {
  /** Terraform address name of the guard (`terraform_data.<guardId>`) and of its local (`<guardId>_lost`). */
  readonly guardId: string;
  /** Name of the ledger output: a state contract, never renamed. */
  readonly outputName: string;
  /** Description of the ledger output (empty: none). */
  readonly outputDescription: string;
  /**
   * The state holding the previous ledger: the workspace's own, or (with `entries` undefined)
   * another workspace's whose ledger this one depends on. Its defaults must include `outputName`.
   */
  readonly previousState: TerraformRemoteState;
  /**
   * This apply's ledger, published as the output `outputName`.
   * @default undefined: nothing is published (the ledger is another workspace's)
   */
  readonly entries?: Readonly<Record<string, string>>;
  /**
   * Only previous keys starting with this are this workspace's business.
   * @default every key
   */
  readonly keyPrefix?: string;
  /** Keys that may be absent from the next ledger (at least every key of `entries`). */
  readonly keep: readonly string[];
  /**
   * Statuses whose keys may go without anything else.
   * @default none
   */
  readonly freeStatuses?: readonly string[];
  /**
   * Keys explicitly released by the org file.
   * @default none
   */
  readonly released?: readonly string[];
  /**
   * A released key may go only if its previous status is one of these.
   * @default any status
   */
  readonly releaseStatuses?: readonly string[];
  /** The precondition's message; `${lost}` stands for the joined lost keys. */
  readonly message: (lost: string) => string;
}

export class LedgerGuard extends Construct {
  readonly output: TerraformOutput | undefined;
  readonly guard: DataResource;

  constructor(scope: Construct, id: string, props: LedgerGuardProps) {
    super(scope, id);
    if (props.entries) {
      const entries: Record<string, string> = {};
      for (const key of Object.keys(props.entries).sort()) entries[key] = props.entries[key];
      // Fixed addresses: the output name is read back by the next plan, the guard is named in tests.
      this.output = new TerraformOutput(this, "Output", { value: entries, description: props.outputDescription });
      fixAddress(this.output, props.outputName);
    }

    const list = (xs: readonly string[] | undefined) => JSON.stringify([...new Set(xs ?? [])].sort());
    const state = `data.terraform_remote_state.${props.previousState.friendlyUniqueId}`;
    const goes = [
      ...(props.keyPrefix ? [`startswith(key, ${JSON.stringify(props.keyPrefix)})`] : []),
      `!contains(${list(props.keep)}, key)`,
      ...(props.freeStatuses?.length ? [`!contains(${list(props.freeStatuses)}, status)`] : []),
      ...(props.released?.length
        ? [
            props.releaseStatuses?.length
              ? `!(contains(${list(props.released)}, key) && contains(${list(props.releaseStatuses)}, status))`
              : `!contains(${list(props.released)}, key)`,
          ]
        : []),
    ].join(" && ");
    const lostName = `${props.guardId.replace(/-/g, "_")}_lost`;
    const lost = new TerraformLocal(
      this,
      "Lost",
      `\${sort([for key, status in merge([for s in ${state} : try(s.outputs.${props.outputName}, {})]...) : key if ${goes}])}`,
    );
    fixAddress(lost, lostName);

    this.guard = new DataResource(this, "Guard", {
      lifecycle: {
        precondition: [
          {
            condition: `\${length(local.${lostName}) == 0}`,
            errorMessage: props.message(`\${join(", ", local.${lostName})}`),
          },
        ],
      },
    });
    fixAddress(this.guard, props.guardId);
  }
}
