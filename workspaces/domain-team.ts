/**
 * `domain-<team>` workspaces (issue 14, bounded workspaces; docs/decisions.md): one per team, the
 * Studio homes of that team's memberships (§5.3 user profile and §5.4 private space each). The
 * `domain` workspace keeps the Studio domain and the download lifecycle configs, so a team's
 * membership change plans only that team's two workspaces, whatever the size of the org.
 *
 * Inputs: the domain id from the domain contract, the Studio security group from the network
 * contract, the ExecutionRole and lifecycle-config ARNs from their deterministic names. Applied
 * after `domain` and the team's `team-<team>` (its ExecutionRoles must exist before profiles).
 */
import { Construct } from "constructs";
import { WorkspaceStack, type WorkspaceStackProps } from "./workspace-stack";
import { networkContract } from "./contracts/index";
import { domainContract } from "./contracts/domain";
import type { Membership } from "../org/model";
import { partitionOf } from "../modules/studio/download-lifecycle-configs";
import { StudioUser } from "../modules/studio/studio-user";
import { HomesGuard } from "../modules/state/homes-guard";
import { importResources } from "../modules/state/import-block";
import type { IdleShutdown } from "../modules/studio/jupyter-lab";

export const DOMAIN_WORKSPACE = "domain";

export function domainTeamWorkspaceName(teamId: string): string {
  return `${DOMAIN_WORKSPACE}-${teamId}`;
}

/** Construct id (and Terraform address prefix) of a membership's Studio resources: YAML keys only. */
export function studioUserId(m: Pick<Membership, "team" | "project" | "user">): string {
  return `member-${m.team}-${m.project}-${m.user}`;
}

/** One membership's Studio home: its user profile (§5.3) and private space (§5.4). */
export interface StudioHome {
  /** `team/project/user`: the homes guard's key, as `deleteHomes` names it. */
  readonly key: string;
  /** Construct id and Terraform address prefix (`studioUserId`): YAML keys only. */
  readonly id: string;
  readonly userProfileName: string;
  readonly spaceName: string;
  /** The project's ExecutionRole (created by `team-<team>`, applied before). */
  readonly executionRoleArn: string;
  /** The download lifecycle config of this membership (created by `domain`, applied before). */
  readonly lifecycleConfigArn: string;
  readonly profileTags: Readonly<Record<string, string>>;
  readonly spaceTags: Readonly<Record<string, string>>;
}

export interface DomainTeamStackProps extends WorkspaceStackProps {
  readonly teamId: string;
  /** The team's active memberships' homes. */
  readonly homes: readonly StudioHome[];
  /** JupyterLab default instance type of every home. */
  readonly instanceType: string;
  readonly idleShutdown: IdleShutdown;
  /** EBS size of each private space, in GB. */
  readonly spaceEbsGb: number;
  /** `studio.moveHomesOutOfDomain`: import the homes the `domain` workspace held. */
  readonly moveHomesOutOfDomain: boolean;
  /** Acknowledged deletions of this team's homes (`deleteHomes` keys). */
  readonly acknowledgedDeletions: readonly string[];
}

export class DomainTeamStack extends WorkspaceStack {
  /** Studio resources per membership, keyed `team/project/user`. */
  readonly users = new Map<string, StudioUser>();

  constructor(scope: Construct, props: DomainTeamStackProps) {
    super(scope, domainTeamWorkspaceName(props.teamId), props);
    if (props.homes.length) {
      const domain = domainContract.read(this);
      const studioSecurityGroups = [networkContract.read(this).studioSecurityGroupId];
      const adopt = props.moveHomesOutOfDomain ? adoption(this, props, domain.domainId) : undefined;
      for (const home of props.homes) {
        const user = new StudioUser(this, home.id, {
          domainId: domain.domainId,
          userProfileName: home.userProfileName,
          spaceName: home.spaceName,
          executionRoleArn: home.executionRoleArn,
          securityGroupIds: studioSecurityGroups,
          jupyterLab: {
            instanceType: props.instanceType,
            lifecycleConfigArn: home.lifecycleConfigArn,
            idleShutdown: props.idleShutdown,
          },
          spaceEbsGb: props.spaceEbsGb,
          profileTags: { ...home.profileTags },
          spaceTags: { ...home.spaceTags },
        });
        this.users.set(home.key, user);
        adopt?.(home, user);
      }
    }

    // Issue 10: deleting a home needs a named acknowledgement, in Terraform, not only in review.
    new HomesGuard(this, "homes-guard", {
      previousState: this.remoteState(this.workspace, HomesGuard.STATE_DEFAULTS),
      localStateFile: this.localStateFile,
      homes: [...this.users.keys()],
      acknowledged: [...props.acknowledgedDeletions],
    });
  }
}

/**
 * `studio.moveHomesOutOfDomain`: imports a membership's profile and space when the domain
 * workspace held them (its last apply's `live_homes`, or `moved_homes` once it has forgotten
 * them). A home created by this change is not in either list and is created as usual.
 */
function adoption(stack: WorkspaceStack, at: { region: string; accountId: string }, domainId: string) {
  const state = stack.remoteState(DOMAIN_WORKSPACE, {});
  const outputs = `data.terraform_remote_state.${state.friendlyUniqueId}.outputs`;
  const held = `concat(try(${outputs}.moved_homes, []), keys(try(${outputs}.live_homes, {})))`;
  const arn = (kind: string, name: string) =>
    `arn:${partitionOf(at.region)}:sagemaker:${at.region}:${at.accountId}:${kind}/${domainId}/${name}`;
  return (home: StudioHome, user: StudioUser) =>
    importResources(user, `contains(${held}, ${JSON.stringify(home.key)})`, (r) =>
      r === user.profile ? arn("user-profile", home.userProfileName) : arn("space", home.spaceName),
    );
}
