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
import { WorkspaceStack } from "./workspace-stack";
import { workspaceProps } from "./props";
import { networkContract } from "./contracts/index";
import { domainContract } from "./contracts/domain";
import {
  bucketKmsKeyArn,
  membershipKey,
  teamMemberships,
  type Membership,
  type OrgModel,
  type Team,
} from "../org/model";
import { idleBounds } from "../org/rules/studio";
import { downloadConfigArn, partitionOf } from "../modules/studio/download-lifecycle-configs";
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

/** The JupyterLab idle-shutdown settings of the domain and of every profile (§5.1). */
export function idleShutdownOf(studio: OrgModel["studio"]): IdleShutdown {
  const { min, max } = idleBounds(studio);
  return { timeoutMinutes: studio.idleTimeoutMinutes, minTimeoutMinutes: min, maxTimeoutMinutes: max };
}

export class DomainTeamStack extends WorkspaceStack {
  /** Studio resources per membership, keyed `team/project/user`. */
  readonly users = new Map<string, StudioUser>();

  constructor(
    scope: Construct,
    org: OrgModel,
    readonly team: Team,
  ) {
    super(scope, domainTeamWorkspaceName(team.id), workspaceProps(org));
    const { names, platform, studio } = org;
    const memberships = teamMemberships(team);
    const environment = platform.environmentTag;
    const managedBy = `${platform.company}-sagemaker`;
    const kmsKeyArn = bucketKmsKeyArn(org.storage);
    const idleShutdown = idleShutdownOf(studio);

    if (memberships.length) {
      const domain = domainContract.read(this);
      const studioSecurityGroups = [networkContract.read(this).studioSecurityGroupId];
      const adopt = studio.moveHomesOutOfDomain ? adoption(this, platform, domain.domainId) : undefined;
      for (const m of memberships) {
        const id = studioUserId(m);
        const user = new StudioUser(this, id, {
          domainId: domain.domainId,
          userProfileName: m.userProfileName,
          spaceName: m.spaceName,
          executionRoleArn: names.roleArn(names.projectRole(team.fullName, m.project, "Execution")),
          securityGroupIds: studioSecurityGroups,
          jupyterLab: {
            instanceType: studio.defaultInstanceType,
            // The domain workspace creates both configs (applied first): ARNs from their names.
            lifecycleConfigArn: downloadConfigArn(
              platform.region,
              platform.accountId,
              names.lifecycleConfig(m.downloadAccess === "allow" ? "allow-download" : "disable-download"),
            ),
            idleShutdown,
          },
          spaceEbsGb: studio.privateSpaceEbsGb,
          profileTags: {
            Team: team.fullName,
            Project: m.project,
            // Must equal the IAM user name: the presigned-URL guard compares it with aws:username.
            Owner: m.iamUserName,
            Environment: environment,
            ManagedBy: managedBy,
          },
          spaceTags: {
            Team: team.fullName,
            Project: m.project,
            // The IAM user name, like the profile's: owner conditions compare it with aws:username (§14.1).
            Owner: m.iamUserName,
            SpaceType: "private",
            // Read by the Studio start-up script for the SageMaker SDK defaults (§14.11).
            DefaultBucket: names.projectBucket(m.team, m.project),
            ...(kmsKeyArn ? { DefaultKmsKeyId: kmsKeyArn } : {}),
            Environment: environment,
            ManagedBy: managedBy,
          },
        });
        this.users.set(membershipKey(m), user);
        adopt?.(m, user);
      }
    }

    // Issue 10: deleting a home needs a named acknowledgement, in Terraform, not only in review.
    new HomesGuard(this, "homes-guard", {
      previousState: this.remoteState(this.workspace, HomesGuard.STATE_DEFAULTS),
      localStateFile: this.localStateFile,
      homes: [...this.users.keys()],
      acknowledged: org.deleteHomes.filter((key) => key.startsWith(`${team.id}/`)),
    });
  }
}

/**
 * `studio.moveHomesOutOfDomain`: imports a membership's profile and space when the domain
 * workspace held them (its last apply's `live_homes`, or `moved_homes` once it has forgotten
 * them). A home created by this change is not in either list and is created as usual.
 */
function adoption(stack: WorkspaceStack, platform: OrgModel["platform"], domainId: string) {
  const state = stack.remoteState(DOMAIN_WORKSPACE, {});
  const outputs = `data.terraform_remote_state.${state.friendlyUniqueId}.outputs`;
  const held = `concat(try(${outputs}.moved_homes, []), keys(try(${outputs}.live_homes, {})))`;
  const arn = (kind: string, name: string) =>
    `arn:${partitionOf(platform.region)}:sagemaker:${platform.region}:${platform.accountId}:${kind}/${domainId}/${name}`;
  return (m: Membership, user: StudioUser) =>
    importResources(user, `contains(${held}, ${JSON.stringify(membershipKey(m))})`, (r) =>
      r === user.profile ? arn("user-profile", m.userProfileName) : arn("space", m.spaceName),
    );
}
