/**
 * `team-<id>` workspace (platform-spec §6): the team's IAM users and groups, the project groups,
 * roles and policies, and each project's bucket (§3.5, moved here from `foundation`: issue 14,
 * bounded workspaces) with its bucket policy. One workspace per team keeps a team's changes
 * reviewable on their own and bounds every plan's blast radius to one team.
 *
 * Retired projects keep their bucket, protected, with a deny-only bucket policy (no group,
 * policies, roles or memberships). The foundation keeps the buckets' retention ledger, which this
 * workspace's bucket-policy guard reads.
 */
import { Construct } from "constructs";
import { TerraformOutput, type ITerraformDependable } from "cdktf";
import { IamGroup } from "@cdktf/provider-aws/lib/iam-group";
import { IamGroupPolicyAttachment } from "@cdktf/provider-aws/lib/iam-group-policy-attachment";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { WorkspaceStack, type PrincipalTags, type WorkspaceStackProps } from "./workspace-stack";
import { networkContract } from "./contracts/index";
import type { Membership, OrgModel, Team } from "../org/model";
import { userScopePolicies, type DownloadPinning } from "../catalog/policies/scope-policies";
import { Names, PLATFORM_POLICY_NAMES, type PlatformNaming } from "../catalog/names";
import { SynthesisRefused } from "../org/problems";
import { toTerraformPolicyJson, type PolicyDocument } from "../catalog/policies/policy-document";
import { TEAM_POLICY_SUFFIXES, TEAM_POLICY_TEMPLATES, teamPolicyDocuments } from "../catalog/policies/team-policies";
import { renderPolicyText } from "../catalog/policies/render-policy";
import { passRoleScopePolicy } from "../catalog/policies/project-policies";
import { ProjectIdentity } from "../modules/identity/project-identity";
import { projectIam } from "../catalog/policies/project-iam";
import { TeamUser, type UserScope } from "../modules/identity/team-user";
import { projectBucketPolicyDocument } from "../catalog/policies/project-bucket-policy";
import { RemovedBlock } from "../modules/state/removed-block";
import { fixAddress, resourceAddress } from "../modules/address";
import { RolePolicyQuotaCheck } from "../modules/identity/role-policy-quota";
import { addBucketPolicyGuard, addFoundationCompanyPin, foundationLedgerState, type CompanySetting } from "./retention";
import {
  adoptFromFoundation,
  projectBucket,
  refuseWhileFoundationHoldsBuckets,
  releaseProjectBucket,
  type BucketSettings,
} from "./project-buckets";
import type { ProjectBucket } from "../modules/storage/project-bucket";

/** Terraform name of a project's bucket policy. */
function bucketPolicyName(project: string): string {
  return `bucket-policy-${project}`;
}

export function teamWorkspaceName(teamId: string): string {
  return `team-${teamId}`;
}

/** Output holding a console user's PGP-encrypted initial password (docs/identity.md). */
export function consolePasswordOutput(iamUserName: string): string {
  return `console_password_${iamUserName.replace(/-/g, "_")}`;
}

export interface TeamStackProps extends WorkspaceStackProps {
  /** The team as the model holds it: its users, projects, memberships and decommissioned projects. */
  readonly team: Team;
  /**
   * The platform's naming values (company, account, region, IAM path, ...): the team's names and
   * policy documents follow from them by the catalogue's rules (catalog/names.ts).
   */
  readonly naming: PlatformNaming;
  /** The platform's IAM path, e.g. `/acme-sagemaker/`. */
  readonly iamPath: string;
  readonly company: CompanySetting;
  /** Tags of the team's IAM roles and users: `ManagedBy` and `Company`. */
  readonly principalTags: PrincipalTags;
  readonly features: OrgModel["features"];
  /** Every configured private subnet: models may only be created there (§8.20). */
  readonly privateSubnetIds: readonly string[];
  /** `storage.restrictToVpc`: the project buckets deny requests from outside the VPC, deployers aside. */
  readonly bucketVpcRestriction?: { readonly vpcId: string; readonly exemptPrincipalArns: readonly string[] };
  readonly buckets: BucketSettings;
  /** `storage.moveBucketsToTeamWorkspaces`: import the buckets the foundation held. */
  readonly moveBucketsToTeamWorkspaces: boolean;
  /** `identity.pgpKey`: encrypts console passwords; required by any console login. */
  readonly pgpKey?: string;
  /** The allow-download lifecycle config (created by `domain`): pinned to the entitled profiles (§14.9). */
  readonly allowDownloadConfigArn: string;
}

export class TeamStack extends WorkspaceStack {
  readonly projects: ReadonlyMap<string, ProjectIdentity>;
  readonly users: ReadonlyMap<string, TeamUser>;
  readonly team: Team;

  constructor(scope: Construct, props: TeamStackProps) {
    super(scope, teamWorkspaceName(props.team.id), props);
    const { team, features, allowDownloadConfigArn } = props;
    const names = new Names(props.naming);
    this.team = team;

    // §6.1 team group and policies; a removed team keeps none (its apply destroys them).
    const teamGroup = team.status === "active" ? this.teamGroup(names, props) : undefined;
    if (!teamGroup && team.users.length)
      throw new SynthesisRefused(`${team.id}: a removed team declares users (checked by the loader)`);

    // §6.3-§6.6 per active project.
    const active = team.projects.filter((p) => p.status === "active");
    const network = active.length ? networkContract.read(this) : undefined;
    // §14.9: the allow-download config only on the profiles entitled to it.
    const downloadPinning = (memberships: readonly Membership[]): DownloadPinning => ({
      allowDownloadConfigArn,
      entitledProfiles: memberships.filter((m) => m.downloadAccess === "allow").map((m) => m.userProfileName),
    });
    // §3.5 every declared project's bucket (retired ones too: buckets outlive access).
    const buckets = new Map<string, ProjectBucket>();
    const foundation = foundationLedgerState(this);
    for (const project of team.projects) {
      const bucket = projectBucket(this, props.buckets, team, project);
      buckets.set(project.name, bucket);
      if (props.moveBucketsToTeamWorkspaces) adoptFromFoundation(bucket, foundation, team.id, project.name);
    }
    if (team.projects.length && !props.moveBucketsToTeamWorkspaces)
      refuseWhileFoundationHoldsBuckets(this, "buckets-in-foundation", foundation);

    const projects = new Map<string, ProjectIdentity>();
    for (const project of active) {
      const whitelist = project.whitelist;
      const iam = projectIam({
        names,
        team: team.id,
        teamFullName: team.fullName,
        project: project.name,
        features,
        // Known from the org file: the policy carries real subnet ids (§8.20).
        privateSubnetIds: props.privateSubnetIds,
        modelSecurityGroupIds: [network!.studioSecurityGroupId, network!.inferenceSecurityGroupId],
        whitelist:
          whitelist.kind === "list" ? { apps: whitelist.instanceTypes, jobs: whitelist.jobInstanceTypes } : undefined,
        bucketKmsKeyArn: props.buckets.kmsKeyArn,
        downloadPinning: downloadPinning(project.memberships),
      });
      const identityResources = new ProjectIdentity(this, `project-${project.name}`, {
        iam,
        iamPath: props.iamPath,
        roleTags: { Team: team.fullName, Project: project.name, ...props.principalTags },
      });
      projects.set(project.name, identityResources);

      const bucketPolicy = projectBucketPolicyDocument({
        names,
        team: team.id,
        teamFullName: team.fullName,
        project: project.name,
        members: project.memberships.map((m) => m.iamUserName),
        vpcRestriction: props.bucketVpcRestriction,
      });
      // S3 rejects a policy naming a principal that does not exist yet (§6.6, §11.8).
      this.bucketPolicy(project, bucketPolicy, [buckets.get(project.name)!.bucket, identityResources.executionRole]);
    }
    this.projects = projects;
    // §14.10: the account's quota must hold the largest attachment list, checked at plan time.
    if (active.length) {
      const required = Math.max(
        ...[...projects.values()].flatMap((p) => [...p.roles.values()].map((r) => r.policyCount)),
      );
      new RolePolicyQuotaCheck(this, "managed-policies-per-role", { accountId: props.accountId, required });
    }

    // A retired project keeps its bucket; its policy now only denies (same address as while
    // active: retiring updates the policy in place).
    for (const project of team.projects.filter((p) => p.status === "retired"))
      this.bucketPolicy(
        project,
        projectBucketPolicyDocument({
          names,
          team: team.id,
          teamFullName: team.fullName,
          project: project.name,
          retired: true,
        }),
        [buckets.get(project.name)!.bucket],
      );
    // Issue 10: a project deleted from the org file cannot take its bucket's policy with it, and
    // a company rename cannot lift the policies off the buckets.
    addBucketPolicyGuard(this, team);
    addFoundationCompanyPin(this, props.company);
    // A decommissioned project's bucket leaves Terraform with its policy still on it.
    for (const name of team.decommissioned) {
      new RemovedBlock(this, `bucket-policy-${name}-released`, {
        from: resourceAddress(S3BucketPolicy, bucketPolicyName(name)),
      });
      releaseProjectBucket(this, team.id, name);
    }

    // §14.3 user scopes, from the user's active memberships.
    const userScopes = (user: Team["users"][number]) => {
      const docs = userScopePolicies({
        names,
        projects: user.projects.map((project) => ({ team: team.id, project })),
        downloadPinning: downloadPinning(
          team.projects.flatMap((p) => p.memberships.filter((m) => m.user === user.name)),
        ),
      });
      const scopes: Record<string, UserScope> = {};
      docs.forEach((document, i) => {
        const policyName = names.userScopePolicy(team.fullName, user.name, i + 1);
        scopes[i === 0 ? "Scope" : `Scope${i + 1}`] = { policyName, policyArn: names.policyArn(policyName), document };
      });
      return scopes;
    };

    // §6.2 team users.
    const users = new Map<string, TeamUser>();
    for (const user of team.users) {
      if (user.consoleLogin && !props.pgpKey)
        throw new SynthesisRefused(`${user.iamUserName}: console login needs identity.pgpKey (checked by the loader)`);
      const teamUser = new TeamUser(this, `user-${user.name}`, {
        userName: user.iamUserName,
        path: props.iamPath,
        permissionsBoundaryArn: names.policyArn(PLATFORM_POLICY_NAMES.userBoundary),
        tags: {
          Team: team.fullName,
          ...props.principalTags,
          Owner: user.iamUserName,
          // Alphabetically first active project (or `primaryProject`), not declaration order:
          // reordering the YAML must not retag anyone (docs/decisions.md).
          ...(user.primaryProject ? { Project: user.primaryProject } : {}),
        },
        groups: [teamGroup!.name, ...user.projects.map((p) => projects.get(p)!.group.name)],
        passRoleScope: passRoleScopePolicy({ names, teamFullName: team.fullName, projects: user.projects }),
        scopes: userScopes(user),
        consoleLogin: user.consoleLogin ? { pgpKey: props.pgpKey! } : undefined,
      });
      users.set(user.name, teamUser);
      if (teamUser.encryptedPassword)
        new TerraformOutput(this, consolePasswordOutput(user.iamUserName), {
          value: teamUser.encryptedPassword,
          sensitive: true,
          description: `PGP-encrypted initial console password of ${user.iamUserName} (base64; decrypt with gpg, see docs/identity.md)`,
        });
    }
    this.users = users;
  }

  /**
   * A project's bucket policy at its fixed address: the same while the project is active or
   * retired (retiring updates it in place), and named by the removed block when it is released.
   */
  private bucketPolicy(
    project: { readonly name: string; readonly bucketName: string },
    document: PolicyDocument,
    dependsOn: ITerraformDependable[],
  ): void {
    const name = bucketPolicyName(project.name);
    const policy = new S3BucketPolicy(this, name, {
      bucket: project.bucketName,
      policy: toTerraformPolicyJson(document),
      dependsOn,
    });
    fixAddress(policy, name);
  }

  /** §6.1: the team group, the team policies and the group's five attachments. */
  private teamGroup(names: Names, { team, iamPath }: TeamStackProps): IamGroup {
    const teamGroup = new IamGroup(this, "team-group", {
      name: names.teamGroup(team.fullName),
      path: iamPath,
    });
    const teamDocs = teamPolicyDocuments({ names, team: team.id, teamFullName: team.fullName });
    const teamPolicies = new Map(
      TEAM_POLICY_SUFFIXES.map((suffix) => [
        suffix,
        new IamPolicy(this, `team-policy-${suffix}`, {
          name: names.teamPolicy(team.fullName, suffix),
          path: iamPath,
          description: renderPolicyText(TEAM_POLICY_TEMPLATES[suffix].description, { teamFullName: team.fullName }),
          policy: toTerraformPolicyJson(teamDocs[suffix]),
        }),
      ]),
    );
    const teamAttachments: [string, string, IamPolicy?][] = [
      ["AmazonSageMakerFullAccess", names.awsManagedPolicyArn("AmazonSageMakerFullAccess")],
      // Platform policies are created by the foundation workspace (applied first): ARNs from names.
      [PLATFORM_POLICY_NAMES.studioBaseAccess, names.policyArn(PLATFORM_POLICY_NAMES.studioBaseAccess)],
      [PLATFORM_POLICY_NAMES.userSelfService, names.policyArn(PLATFORM_POLICY_NAMES.userSelfService)],
      ...TEAM_POLICY_SUFFIXES.map((s): [string, string, IamPolicy] => [
        s,
        names.policyArn(names.teamPolicy(team.fullName, s)),
        teamPolicies.get(s)!,
      ]),
    ];
    for (const [key, policyArn, policy] of teamAttachments)
      new IamGroupPolicyAttachment(this, `team-group-attach-${key}`, {
        group: teamGroup.name,
        policyArn,
        dependsOn: policy ? [policy] : undefined,
      });
    return teamGroup;
  }
}
