/**
 * `domain` workspace (platform-spec §5): the Studio domain, one user profile and one private
 * space per active (person, project) membership.
 */
import { Construct } from "constructs";
import { SagemakerDomain } from "@cdktf/provider-aws/lib/sagemaker-domain";
import { SagemakerUserProfile } from "@cdktf/provider-aws/lib/sagemaker-user-profile";
import { SagemakerSpace } from "@cdktf/provider-aws/lib/sagemaker-space";
import { WorkspaceStack } from "./workspace-stack";
import { foundationContract, networkContract } from "./contracts/index";
import { allMemberships, teamById, type OrgModel } from "../org/model";

export class DomainStack extends WorkspaceStack {
  constructor(scope: Construct, org: OrgModel) {
    super(scope, "domain", org);
    const { names, platform, studio } = org;
    const network = networkContract.read(this);
    const foundation = foundationContract.read(this);

    const domain = new SagemakerDomain(this, "domain", {
      domainName: names.domain,
      authMode: "IAM",
      appNetworkAccessType: "VpcOnly",
      vpcId: network.vpcId,
      subnetIds: network.privateSubnetIds,
      defaultUserSettings: {
        executionRole: foundation.domainDefaultRoleArn,
        securityGroups: [network.studioSecurityGroupId],
      },
      retentionPolicy: { homeEfsFileSystem: studio.homeEfsOnDelete },
      tags: { Name: names.domain, Environment: "production", ManagedBy: platform.tagPrefix },
    });

    for (const m of allMemberships(org)) {
      const team = teamById(org, m.team);
      const id = `${m.team}-${m.project}-${m.user}`;
      const profile = new SagemakerUserProfile(this, `profile-${id}`, {
        domainId: domain.id,
        userProfileName: m.userProfileName,
        userSettings: {
          executionRole: names.roleArn(names.projectRole(team.fullName, m.project, "Execution")),
          securityGroups: [network.studioSecurityGroupId],
        },
        tags: {
          Team: team.fullName,
          Project: m.project,
          Owner: m.iamUserName,
          Environment: "production",
          ManagedBy: `${platform.company}-sagemaker`,
        },
      });
      // The space references its profile: Terraform creates it after and destroys it before.
      new SagemakerSpace(this, `space-${id}`, {
        domainId: domain.id,
        spaceName: m.spaceName,
        spaceSharingSettings: { sharingType: "Private" },
        ownershipSettings: { ownerUserProfileName: profile.userProfileName },
        spaceSettings: {
          appType: "JupyterLab",
          spaceStorageSettings: { ebsStorageSettings: { ebsVolumeSizeInGb: studio.privateSpaceEbsGb } },
        },
        tags: {
          Team: team.fullName,
          Project: m.project,
          Owner: m.user,
          SpaceType: "private",
          Environment: "production",
          ManagedBy: `${platform.company}-sagemaker`,
        },
      });
    }
  }
}
