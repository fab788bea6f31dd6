/**
 * `domain` workspace (platform-spec §5): the Studio domain, the two download lifecycle configs,
 * and one user profile plus one private space per active (person, project) membership.
 *
 * Inputs: the VPC and subnets come from the org model (known at synthesis, so the replacement
 * tripwire and `terraform validate` see them), the Studio security group from the network
 * contract, the domain default role from the foundation contract, and each project's
 * ExecutionRole ARN from its deterministic name (the team workspaces create the roles).
 */
import { Construct } from "constructs";
import { WorkspaceStack } from "./workspace-stack";
import { foundationContract, networkContract } from "./contracts/index";
import { domainContract, type DomainOutputs } from "./contracts/domain";
import { allMemberships, bucketKmsKeyArn, teamById, type OrgModel } from "../org/model";
import { SynthesisRefused } from "../org/problems";
import { configuredDomainIdentity, domainIdentityChanges, idleBounds, replacementMessage } from "../org/rules/studio";
import type { DomainIdentity } from "../org/sections/studio";
import { DownloadLifecycleConfigs } from "../modules/studio/download-lifecycle-configs";
import { StudioDomain } from "../modules/studio/studio-domain";
import { StudioUser } from "../modules/studio/studio-user";
import { HomesGuard } from "../modules/state/homes-guard";
import { PinnedValue } from "../modules/state/pinned-value";
import { addCompanyPin } from "./retention";
import type { IdleShutdown } from "../modules/studio/jupyter-lab";

export class DomainStack extends WorkspaceStack {
  readonly outputs: DomainOutputs;
  readonly domain: StudioDomain;
  readonly downloadConfigs: DownloadLifecycleConfigs;
  /** Studio resources per membership, keyed `team/project/user`. */
  readonly users = new Map<string, StudioUser>();

  constructor(scope: Construct, org: OrgModel) {
    super(scope, "domain", org);
    const { names, platform, studio } = org;
    const network = networkContract.read(this);
    const foundation = foundationContract.read(this);

    const identity = configuredDomainIdentity(org, names.domain);

    const environment = platform.environmentTag;
    this.downloadConfigs = new DownloadLifecycleConfigs(this, "download-lifecycle-configs", {
      disableName: names.lifecycleConfig("disable-download"),
      allowName: names.lifecycleConfig("allow-download"),
      region: platform.region,
      accountId: platform.accountId,
      tags: { ManagedBy: platform.tagPrefix, Environment: environment },
    });

    const { min, max } = idleBounds(studio);
    const idleShutdown: IdleShutdown = {
      timeoutMinutes: studio.idleTimeoutMinutes,
      minTimeoutMinutes: min,
      maxTimeoutMinutes: max,
    };
    const studioSecurityGroups = [network.studioSecurityGroupId];

    this.domain = new StudioDomain(this, "domain", {
      domainName: identity.domainName,
      vpcId: identity.vpcId,
      subnetIds: identity.privateSubnetIds,
      kmsKeyId: identity.kmsKeyId,
      domainSecurityGroupIds: identity.domainSecurityGroupIds,
      defaultExecutionRoleArn: foundation.domainDefaultRoleArn,
      appSecurityGroupIds: studioSecurityGroups,
      defaultInstanceType: studio.defaultInstanceType,
      defaultLifecycleConfigArn: this.downloadConfigs.arnFor(studio.disableDownload ? "deny" : "allow"),
      idleShutdown,
      defaultEbsGb: studio.defaultEbsGb,
      maxEbsGb: studio.maxEbsGb ?? Math.max(studio.defaultEbsGb, studio.privateSpaceEbsGb),
      retainHomeEfs: studio.homeEfsOnDelete === "Retain",
      tags: { Name: names.domain, Environment: environment, ManagedBy: platform.tagPrefix },
    });
    refuseDomainReplacement(org, renderedDomainIdentity(this.domain));

    const managedBy = `${platform.company}-sagemaker`;
    const kmsKeyArn = bucketKmsKeyArn(org.storage);
    for (const m of allMemberships(org)) {
      const team = teamById(org, m.team);
      // Construct ids from YAML keys: reordering the YAML changes nothing, adding a member adds
      // exactly one profile and one space.
      const user = new StudioUser(this, `member-${m.team}-${m.project}-${m.user}`, {
        domainId: this.domain.domainId,
        userProfileName: m.userProfileName,
        spaceName: m.spaceName,
        executionRoleArn: names.roleArn(names.projectRole(team.fullName, m.project, "Execution")),
        securityGroupIds: studioSecurityGroups,
        jupyterLab: {
          instanceType: studio.defaultInstanceType,
          lifecycleConfigArn: this.downloadConfigs.arnFor(m.downloadAccess),
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
      this.users.set(`${m.team}/${m.project}/${m.user}`, user);
    }

    // Issue 10: deleting a home needs a named acknowledgement, in Terraform, not only in review.
    new HomesGuard(this, "homes-guard", {
      previousState: this.remoteState(this.workspace, HomesGuard.STATE_DEFAULTS),
      localStateFile: this.localStateFile,
      // The same team/project/user keys as `this.users`: one profile and space each.
      homes: [...this.users.keys()],
      acknowledged: org.deleteHomes,
    });
    addCompanyPin(this, org, HomesGuard.STATE_DEFAULTS);
    pinDomainIdentity(this, org, renderedDomainIdentity(this.domain));

    this.outputs = {
      domainId: this.domain.domainId,
      domainArn: this.domain.domainArn,
      homeEfsFileSystemId: this.domain.domain.homeEfsFileSystemId,
    };
    domainContract.publish(this, this.outputs);
  }
}

/**
 * Third line of the tripwire: the identity the last apply rendered, read back from state. Deleting
 * `studio.domainIdentity` (the baseline of the first two lines) in the same change as a replacing
 * edit still fails the plan; only `studio.allowDomainReplacement` lets the identity change.
 */
function pinDomainIdentity(stack: DomainStack, org: OrgModel, rendered: DomainIdentity): void {
  // Keys and lists sorted: the subnets and security groups are sets to the domain, their order is no change.
  const value = JSON.stringify(
    Object.fromEntries(
      Object.entries(rendered)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, Array.isArray(v) ? [...v].sort() : v]),
    ),
  );
  new PinnedValue(stack, "domain-identity-pin", {
    guardId: "domain-identity-pin",
    outputName: "domain_identity",
    outputDescription:
      "The Studio domain's replacement-forcing settings of this apply; the next plan fails if they change without studio.allowDomainReplacement",
    previousState: stack.remoteState(stack.workspace, HomesGuard.STATE_DEFAULTS),
    localStateFile: stack.localStateFile,
    value,
    accept: org.studio.allowDomainReplacement ? "any" : [],
    message: (previous) =>
      `The Studio domain would be replaced: its settings change from ${previous} to ${value}. ` +
      "Replacing the domain deletes every user profile, space and home. If this is intended, set " +
      "studio.allowDomainReplacement: true for this change (docs/domain.md); otherwise restore the settings.",
  });
}

/** The replacement-forcing values as the domain resource will render them. */
function renderedDomainIdentity(domain: StudioDomain): DomainIdentity {
  const d = domain.domain;
  return {
    domainName: d.domainNameInput ?? "",
    vpcId: d.vpcIdInput ?? "",
    privateSubnetIds: [...(d.subnetIdsInput ?? [])],
    authMode: d.authModeInput === "SSO" ? "SSO" : "IAM",
    kmsKeyId: d.kmsKeyIdInput,
    domainSecurityGroupIds: [...(d.domainSettingsInput?.securityGroupIds ?? [])],
  };
}

/**
 * Second line of the tripwire (§1.4): the loader already rejects configuration changes with their
 * YAML location; this compares what the domain resource actually renders, so a code change (auth
 * mode, domain security groups, a different input) cannot replace the domain unnoticed either.
 */
function refuseDomainReplacement(org: OrgModel, rendered: DomainIdentity): void {
  const baseline = org.studio.domainIdentity;
  if (!baseline || org.studio.allowDomainReplacement) return;
  const changes = domainIdentityChanges(baseline, rendered);
  if (changes.length)
    throw new SynthesisRefused(
      `domain workspace: refusing to synthesize a change that replaces the Studio domain '${baseline.domainName}':\n` +
        changes.map((c) => `  - ${replacementMessage(c, `the domain's ${c.attribute}`)}`).join("\n"),
    );
}
