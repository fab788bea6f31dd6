/**
 * `team-<id>` workspace (platform-spec §6): the team's IAM users and groups, the project groups,
 * roles and policies, and each project's bucket policy. One workspace per team keeps a team's
 * changes reviewable on their own and bounds every plan's blast radius to one team.
 */
import { Construct } from "constructs";
import { IamGroup } from "@cdktf/provider-aws/lib/iam-group";
import { IamUser } from "@cdktf/provider-aws/lib/iam-user";
import { IamUserGroupMembership } from "@cdktf/provider-aws/lib/iam-user-group-membership";
import { WorkspaceStack } from "./workspace-stack";
import { activeProjects, type OrgModel, type Team } from "../org/model";

export function teamWorkspaceName(teamId: string): string {
  return `team-${teamId}`;
}

export class TeamStack extends WorkspaceStack {
  constructor(scope: Construct, org: OrgModel, readonly team: Team) {
    super(scope, teamWorkspaceName(team.id), org);
    const { names, platform } = org;

    const teamGroup = new IamGroup(this, "team-group", {
      name: names.teamGroup(team.fullName),
      path: platform.iamPath,
    });
    const projectGroups = new Map<string, IamGroup>();
    for (const project of activeProjects(team))
      projectGroups.set(
        project.name,
        new IamGroup(this, `project-group-${project.name}`, {
          name: names.projectGroup(team.id, project.name),
          path: platform.iamPath,
        }),
      );

    for (const user of team.users) {
      const iamUser = new IamUser(this, `user-${user.name}`, {
        name: user.iamUserName,
        path: platform.iamPath,
        // Deleting a user must also delete its login profile, keys and MFA devices (§6.2).
        forceDestroy: true,
        tags: {
          Team: team.fullName,
          ManagedBy: `${platform.company}-sagemaker`,
          Owner: user.iamUserName,
          Company: platform.company,
          ...(user.primaryProject ? { Project: user.primaryProject } : {}),
        },
      });
      // One non-exclusive membership resource per user (never exclusive group memberships, §11.9):
      // adding a person adds only their own resources.
      new IamUserGroupMembership(this, `user-${user.name}-groups`, {
        user: iamUser.name,
        groups: [teamGroup.name, ...user.projects.map((p) => projectGroups.get(p)!.name)],
      });
    }
  }
}
