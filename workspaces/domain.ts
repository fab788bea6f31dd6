/**
 * `domain` workspace (platform-spec §5): the Studio domain and the two download lifecycle configs.
 * The Studio homes (one user profile plus one private space per active membership) live in the
 * `domain-<team>` workspaces (workspaces/domain-team.ts), so this one does not grow with the org.
 *
 * Inputs: the VPC and subnets come from the org model (known at synthesis, so the replacement
 * tripwire and `terraform validate` see them), the Studio security group from the network
 * contract, the domain default role from the foundation contract.
 */
import { Construct } from "constructs";
import { Token } from "cdktf";
import { WorkspaceStack, type WorkspaceStackProps } from "./workspace-stack";
import { foundationContract, networkContract } from "./contracts/index";
import { domainContract, type DomainOutputs } from "./contracts/domain";
import { DOMAIN_WORKSPACE } from "./domain-team";
import { SynthesisRefused } from "../org/problems";
import { domainIdentityChanges, replacementMessage, type DomainIdentity } from "../catalog/domain-identity";
import { DownloadLifecycleConfigs } from "../modules/studio/download-lifecycle-configs";
import { StudioDomain } from "../modules/studio/studio-domain";
import { StudioUser } from "../modules/studio/studio-user";
import { HomesGuard, LIVE_HOMES_OUTPUT } from "../modules/state/homes-guard";
import { LedgerGuard, readOnlyExistingState } from "../modules/state/ledger-guard";
import { PinnedValue } from "../modules/state/pinned-value";
import { RemovedBlock } from "../modules/state/removed-block";
import { resourceAddress } from "../modules/address";
import { SagemakerUserProfile } from "@cdktf/provider-aws/lib/sagemaker-user-profile";
import { SagemakerSpace } from "@cdktf/provider-aws/lib/sagemaker-space";
import type { IdleShutdown } from "../modules/studio/jupyter-lab";
import { addCompanyPin, type CompanySetting } from "./retention";

export interface DomainStackProps extends WorkspaceStackProps {
  /** The domain's replacement-forcing settings as the org files configure them. */
  readonly identity: DomainIdentity;
  /** `studio.domainIdentity`: the settings of the applied domain, the tripwire's baseline (§1.4). */
  readonly identityBaseline?: DomainIdentity;
  /** `studio.allowDomainReplacement`: the one change that may replace the domain. */
  readonly allowDomainReplacement: boolean;
  /** Names of the two download lifecycle configs (§14.9). */
  readonly lifecycleConfigNames: { readonly disable: string; readonly allow: string };
  /** `studio.disableDownload`: the domain's default config is the one that disables downloads. */
  readonly disableDownload: boolean;
  readonly defaultInstanceType: string;
  readonly idleShutdown: IdleShutdown;
  /** Default and largest EBS size of a space, in GB. */
  readonly defaultEbsGb: number;
  readonly maxEbsGb: number;
  /** `studio.homeEfsOnDelete: Retain`: the home EFS outlives the domain. */
  readonly retainHomeEfs: boolean;
  /** The homes this workspace hands to the `domain-<team>` workspaces (`studio.moveHomesOutOfDomain`), else none. */
  readonly movingHomes?: readonly { readonly key: string; readonly id: string }[];
  /** `deleteHomes`: acknowledged deletions, honoured only while the homes move. */
  readonly acknowledgedDeletions: readonly string[];
  readonly company: CompanySetting;
  readonly environmentTag: string;
}

export class DomainStack extends WorkspaceStack {
  readonly outputs: DomainOutputs;
  readonly domain: StudioDomain;
  readonly downloadConfigs: DownloadLifecycleConfigs;

  constructor(scope: Construct, props: DomainStackProps) {
    super(scope, DOMAIN_WORKSPACE, props);
    const network = networkContract.read(this);
    const foundation = foundationContract.read(this);
    const { identity } = props;
    const environment = props.environmentTag;
    this.downloadConfigs = new DownloadLifecycleConfigs(this, "download-lifecycle-configs", {
      disableName: props.lifecycleConfigNames.disable,
      allowName: props.lifecycleConfigNames.allow,
      region: props.region,
      accountId: props.accountId,
      tags: { Environment: environment },
    });

    const studioSecurityGroups = [network.studioSecurityGroupId];

    this.domain = new StudioDomain(this, "domain", {
      domainName: identity.domainName,
      vpcId: identity.vpcId,
      subnetIds: identity.privateSubnetIds,
      kmsKeyId: identity.kmsKeyId,
      domainSecurityGroupIds: identity.domainSecurityGroupIds,
      defaultExecutionRoleArn: foundation.domainDefaultRoleArn,
      appSecurityGroupIds: studioSecurityGroups,
      defaultInstanceType: props.defaultInstanceType,
      defaultLifecycleConfigArn: this.downloadConfigs.arnFor(props.disableDownload ? "deny" : "allow"),
      idleShutdown: props.idleShutdown,
      defaultEbsGb: props.defaultEbsGb,
      maxEbsGb: props.maxEbsGb,
      retainHomeEfs: props.retainHomeEfs,
      tags: { Name: identity.domainName, Environment: environment },
    });
    refuseDomainReplacement(props, renderedDomainIdentity(this.domain));

    const movedHomes = this.homesLeaveForTeamWorkspaces(props);
    addCompanyPin(this, props.company, HomesGuard.STATE_DEFAULTS);
    pinDomainIdentity(this, props, renderedDomainIdentity(this.domain));

    this.outputs = {
      domainId: this.domain.domainId,
      domainArn: this.domain.domainArn,
      homeEfsFileSystemId: this.domain.homeEfsFileSystemId,
      movedHomes,
    };
    domainContract.publish(this, this.outputs);
  }

  /**
   * The homes this workspace held before they moved to the `domain-<team>` workspaces. Its ledger
   * (`live_homes`) is now empty; a home its last apply still held may leave only in the move
   * (`studio.moveHomesOutOfDomain`: forgotten here and imported there, or deleted if named in
   * `deleteHomes`). Returns the `moved_homes` output: what this workspace's state ever handed
   * over, read back so that it outlives the apply that forgot them.
   */
  private homesLeaveForTeamWorkspaces(props: DomainStackProps): string[] {
    const moving = props.movingHomes !== undefined;
    const previous = this.remoteState(this.workspace, { ...HomesGuard.STATE_DEFAULTS, moved_homes: [] });
    readOnlyExistingState(previous, this.localStateFile);
    const moved = props.movingHomes ?? [];
    for (const { id } of moved) {
      const { profile, space } = StudioUser.addressNames(id);
      new RemovedBlock(this, `${id}-moved-profile`, { from: resourceAddress(SagemakerUserProfile, profile) });
      new RemovedBlock(this, `${id}-moved-space`, { from: resourceAddress(SagemakerSpace, space) });
    }
    new LedgerGuard(this, "homes-guard", {
      guardId: "homes-guard",
      outputName: LIVE_HOMES_OUTPUT,
      outputDescription:
        "Studio homes this workspace still holds (none since they live in the domain-<team> workspaces); the next plan fails if one is deleted without a move or a deleteHomes acknowledgement",
      previousState: previous,
      entries: {},
      keep: moved.map((home) => home.key),
      // Only while moving: otherwise a people change (deleteHomes) would re-plan this workspace.
      released: moving ? [...props.acknowledgedDeletions] : [],
      message: (lost) =>
        `Studio homes would be deleted: ${lost} (team/project/user). This release keeps each team's homes in its ` +
        `domain-<team> workspace; the domain workspace still holds them. Set studio.moveHomesOutOfDomain: true for ` +
        `one change (the domain workspace forgets them, each domain-<team> workspace imports them; nothing is ` +
        `deleted), apply domain and then the domain-<team> workspaces, and remove the setting (docs/domain.md).`,
    });
    const stateRef = `data.terraform_remote_state.${previous.friendlyUniqueId}`;
    return Token.asList(
      moving
        ? `\${sort(distinct(flatten([for s in ${stateRef} : concat(try(s.outputs.moved_homes, []), keys(try(s.outputs.${LIVE_HOMES_OUTPUT}, {})))])))}`
        : "${[]}",
    );
  }
}

/**
 * Third line of the tripwire: the identity the last apply rendered, read back from state. Deleting
 * `studio.domainIdentity` (the baseline of the first two lines) in the same change as a replacing
 * edit still fails the plan; only `studio.allowDomainReplacement` lets the identity change.
 */
function pinDomainIdentity(stack: DomainStack, props: DomainStackProps, rendered: DomainIdentity): void {
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
    accept: props.allowDomainReplacement ? "any" : [],
    message: (previous) =>
      `The Studio domain would be replaced: its settings change from ${previous} to ${value}. ` +
      "Replacing the domain deletes every user profile, space and home. If this is intended, set " +
      "studio.allowDomainReplacement: true for this change (docs/domain.md); otherwise restore the settings.",
  });
}

/** The replacement-forcing values as the domain resource will render them. */
function renderedDomainIdentity(domain: StudioDomain): DomainIdentity {
  const d = domain.renderedIdentity;
  return {
    domainName: d.domainName,
    vpcId: d.vpcId,
    privateSubnetIds: [...d.subnetIds],
    authMode: d.authMode === "SSO" ? "SSO" : "IAM",
    kmsKeyId: d.kmsKeyId,
    domainSecurityGroupIds: [...d.domainSecurityGroupIds],
  };
}

/**
 * Second line of the tripwire (§1.4): the loader already rejects configuration changes with their
 * YAML location; this compares what the domain resource actually renders, so a code change (auth
 * mode, domain security groups, a different input) cannot replace the domain unnoticed either.
 */
function refuseDomainReplacement(props: DomainStackProps, rendered: DomainIdentity): void {
  const baseline = props.identityBaseline;
  if (!baseline || props.allowDomainReplacement) return;
  const changes = domainIdentityChanges(baseline, rendered);
  if (changes.length)
    throw new SynthesisRefused(
      `domain workspace: refusing to synthesize a change that replaces the Studio domain '${baseline.domainName}':\n` +
        changes.map((c) => `  - ${replacementMessage(c, `the domain's ${c.attribute}`)}`).join("\n"),
    );
}
