/**
 * Plan-time guard for Studio homes (issue 10): a person's private space is their home (its EBS
 * volume holds their work) and deleting the space deletes it. Removing a membership, retiring a
 * project or removing a person or a team would plan that delete as a side effect; this guard
 * makes it fail unless the org file names the home in `deleteHomes`. The plan guard
 * (scripts/plan-guard.ts) stays the second line.
 */
import type { Construct } from "constructs";
import type { TerraformRemoteState } from "cdktf";
import { LedgerGuard, readOnlyExistingState } from "./ledger-guard";

/** Output read back by the next plan: its name is a state contract, never rename it. */
export const LIVE_HOMES_OUTPUT = "live_homes";

export interface HomesGuardProps {
  /** The workspace's own previous state, with `LIVE_HOMES_OUTPUT` in its defaults. */
  readonly previousState: TerraformRemoteState;
  /**
   * Local state file relative to the working directory; undefined with a remote backend.
   * @default undefined: a remote backend
   */
  readonly localStateFile?: string;
  /** Every home (`team/project/user`) this configuration keeps. */
  readonly homes: readonly string[];
  /** Homes the org file acknowledges may be deleted (`deleteHomes`). */
  readonly acknowledged: readonly string[];
}

export class HomesGuard extends LedgerGuard {
  static readonly STATE_DEFAULTS: Readonly<Record<string, unknown>> = { [LIVE_HOMES_OUTPUT]: {} };

  constructor(scope: Construct, id: string, props: HomesGuardProps) {
    readOnlyExistingState(props.previousState, props.localStateFile);
    super(scope, id, {
      guardId: id,
      outputName: LIVE_HOMES_OUTPUT,
      outputDescription:
        "Studio homes (private space and profile of team/project/user) after this apply; the next plan fails if one is deleted without a deleteHomes acknowledgement",
      previousState: props.previousState,
      entries: Object.fromEntries(props.homes.map((h) => [h, "home"])),
      keep: props.homes,
      released: props.acknowledged,
      message: (lost) =>
        `Studio homes would be deleted: ${lost} (team/project/user). Their private spaces and profiles, with ` +
        `everything only in them, go with this apply. Tell each person to push code to Git and data to S3 and to ` +
        `stop their apps, then acknowledge each home by name under deleteHomes in the org file (docs/domain.md).`,
    });
  }
}
