/**
 * Plan-time guard against losing data by deleting a project from the YAML.
 *
 * `prevent_destroy` only protects resources still in the configuration, and synthesis cannot see
 * state, so a project entry deleted without `decommissioned` or the purge flow would plan a
 * destroy of its data. Terraform can see state, so the check runs there:
 *
 * - the workspace publishes `retained_projects` (`"team/project" => "protected" | "purge-armed"`):
 *   the projects whose data it manages after this apply;
 * - it reads its own previous `retained_projects` back through `terraform_remote_state`;
 * - a `terraform_data` precondition fails the plan for every project in the previous output that
 *   is now neither declared, nor decommissioned, nor was purge-armed in the previous apply.
 */
import type { Construct } from "constructs";
import type { TerraformRemoteState } from "cdktf";
import { LedgerGuard, readOnlyExistingState } from "./ledger-guard";
import { LIVE_TEAMS_OUTPUT } from "./team-guard";
import { ValidationError } from "../validation-error";

/** Protection of a project's data after an apply; `purge-armed` = prevent_destroy already lifted. */
export type Protection = "protected" | "purge-armed";

/** Output read back by the next plan: its name is a state contract, never rename it. */
export const RETAINED_PROJECTS_OUTPUT = "retained_projects";

/** `team/project`, the key of the published map and of the accounted-for list. */
export const projectKey = (team: string, project: string) => `${team}/${project}`;

export interface RetentionGuardProps {
  /** Workspace name, for the message (e.g. `foundation`). */
  readonly workspace: string;
  /**
   * The workspace's own state, as `WorkspaceStack.remoteState(workspace, RetentionGuard.STATE_DEFAULTS)`
   * returns it. The guard sets its `count` (0 or 1) and must be its only reader.
   */
  readonly previousState: TerraformRemoteState;
  /**
   * Local state file, relative to the Terraform working directory. Terraform fails a
   * `terraform_remote_state` read of a state that does not exist yet (defaults do not help), so
   * with a local backend the read happens only when the file holds a state.
   * @default undefined: a remote backend; the state is always read (bootstrap in docs/foundation.md)
   */
  readonly localStateFile?: string;
  /** Data-bearing projects this configuration manages (`projectKey`) and their protection. */
  readonly managed: Readonly<Record<string, Protection>>;
  /**
   * Projects allowed to leave `managed` without a purge: every declared project (any status) and
   * every project listed in `teams.<id>.decommissioned`.
   */
  readonly accountedFor: readonly string[];
  /** What a project loses, for the message, e.g. `bucket`. */
  readonly data: string;
  /** The purge flag to set on the retired project, e.g. `bucket: { purge: true }`. */
  readonly purgeFlag: string;
  /** Operator documentation of the flows, e.g. `docs/foundation.md`. */
  readonly docs: string;
}

export class RetentionGuard extends LedgerGuard {
  /** Defaults for the self remote-state read: an applied state without the output is a first apply. */
  static readonly STATE_DEFAULTS: Readonly<Record<string, unknown>> = {
    [RETAINED_PROJECTS_OUTPUT]: {},
    // The foundation's team guard reads the same state (modules/state/team-guard.ts).
    [LIVE_TEAMS_OUTPUT]: {},
  };

  constructor(scope: Construct, id: string, props: RetentionGuardProps) {
    for (const key of [...Object.keys(props.managed), ...props.accountedFor])
      if (!/^[a-z0-9-]+\/[a-z0-9-]+$/.test(key))
        throw new ValidationError(`'${key}' is not a team/project key`, `${scope.node.path}/${id}`);
    readOnlyExistingState(props.previousState, props.localStateFile);
    super(scope, id, {
      guardId: id,
      outputName: RETAINED_PROJECTS_OUTPUT,
      outputDescription:
        "Projects whose data this workspace manages (protected, or purge-armed: prevent_destroy lifted); the next plan fails if one disappears from the org files unaccounted for",
      previousState: props.previousState,
      entries: props.managed,
      keep: props.accountedFor,
      freeStatuses: ["purge-armed"],
      message: (lost) =>
        `Data would be destroyed: ${lost} had data in the ${props.workspace} workspace at its last apply ` +
        `and no longer appear in the org files, so this plan would destroy the ${props.data} of each. ` +
        `For each team/project, choose one: ` +
        `(1) restore the project entry (status: retired removes access and keeps the data); ` +
        `(2) keep the data outside Terraform: add the project name to teams.<team>.decommissioned; ` +
        `(3) delete the data: restore the entry with status: retired and ${props.purgeFlag}, apply, then delete the entry (purge flow, ${props.docs}).`,
    });
  }
}
