/**
 * Plan-time guard against a team disappearing from the org files while it still has access.
 *
 * A team's IAM users, groups, roles and policies live in its own `team-<id>` workspace, its Studio
 * homes in `domain-<id>`. When the team's entry is deleted, those workspaces simply stop being synthesized: nothing plans the
 * destroy and the people keep their access. Synthesis cannot see what was there before; the
 * foundation workspace (applied on every change) can:
 *
 * - it publishes `live_teams` (`id => "active" | "removed"`): every declared team;
 * - it reads its previous `live_teams` back through `terraform_remote_state` (the same read as
 *   the retention guard);
 * - a `terraform_data` precondition fails the plan for a previous team that is no longer
 *   declared, unless it was `removed` at that apply and is listed in `decommissionedTeams`.
 */
import type { Construct } from "constructs";
import type { TerraformRemoteState } from "cdktf";
import { LedgerGuard } from "./ledger-guard";
import { ValidationError } from "../validation-error";

/** Output read back by the next plan: its name is a state contract, never rename it. */
export const LIVE_TEAMS_OUTPUT = "live_teams";

export type TeamStatus = "active" | "removed";

export interface TeamGuardProps {
  /**
   * The workspace's own previous state (shared with the retention guard, which sets its
   * `count`); its defaults must include `LIVE_TEAMS_OUTPUT`.
   */
  readonly previousState: TerraformRemoteState;
  /** Every declared team and its status. */
  readonly teams: Readonly<Record<string, TeamStatus>>;
  /** Teams whose absence is intended (`decommissionedTeams`). */
  readonly decommissioned: readonly string[];
  /** Operator documentation of the steps. */
  readonly docs: string;
}

export class TeamGuard extends LedgerGuard {
  constructor(scope: Construct, id: string, props: TeamGuardProps) {
    for (const team of [...Object.keys(props.teams), ...props.decommissioned])
      if (!/^[a-z]{2,4}$/.test(team))
        throw new ValidationError(`'${team}' is not a team id`, `${scope.node.path}/${id}`);
    super(scope, id, {
      guardId: id,
      outputName: LIVE_TEAMS_OUTPUT,
      outputDescription:
        "Teams declared at this apply and their status; the next plan fails if one disappears without a removed apply and decommissionedTeams",
      previousState: props.previousState,
      entries: props.teams,
      keep: Object.keys(props.teams),
      released: props.decommissioned,
      releaseStatuses: ["removed"],
      message: (lost) =>
        `Access would be left behind: team ${lost} was declared at the last foundation apply ` +
        `and no longer appears in the org files; its team workspace would stop being planned and its IAM users, ` +
        `groups and roles would stay live. A team leaves in steps: (1) restore the entry, retire or decommission its ` +
        `projects, delete its users and set status: removed; apply its team workspace (destroys its IAM), its ` +
        `domain-<team> workspace (deletes the homes named in deleteHomes) and foundation; (2) then delete the ` +
        `entry and add the id to decommissionedTeams (${props.docs}).`,
    });
  }
}
