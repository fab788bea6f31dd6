/**
 * The one place that maps the org model to the workspaces' props: each stack declares what it
 * needs (`XxxStackProps`, values only) and is built from them, so a stack can be built and
 * tested from small props and a reader sees every input of a workspace in one type. Called inside
 * each build with the model it is given (the synthesis cache records these reads).
 */
import {
  allMemberships,
  bucketKmsKeyArn,
  membershipKey,
  sharedBucketPublishers,
  teamById,
  teamMemberships,
  type OrgModel,
} from "../org/model";
import { enabledEndpoints, existingEndpointAction } from "../org/sections/network";
import { SECURITY_GROUP_KEYS, type SecurityGroupKey } from "../catalog/network";
import type { PrincipalTags, WorkspaceStackProps } from "./workspace-stack";
import type { NetworkStackProps } from "./network";
import { downloadConfigArn } from "../modules/studio/download-lifecycle-configs";
import { studioUserId, type DomainTeamStackProps } from "./domain-team";
import type { IdleShutdown } from "../modules/studio/jupyter-lab";
import type { DomainStackProps } from "./domain";
import type { CompanySetting } from "./retention";
import type { RegistryStackProps } from "./registry";
import { auditEventSelectors } from "../catalog/audit-selectors";
import type { FoundationStackProps } from "./foundation";
import type { TeamStackProps } from "./team";
import type { BucketSettings } from "./project-buckets";
import { PLATFORM_POLICY_NAMES } from "../catalog/names";
import { managedBy, type ManagedFamily } from "../catalog/tags";
import { platformPolicyDocuments, type PlatformPolicyKey } from "../catalog/policies/platform-policies";
import { configuredDomainIdentity, idleBounds } from "../org/rules/studio";

/** The JupyterLab idle-shutdown settings of the domain and of every profile (§5.1). */
function idleShutdownOf(studio: OrgModel["studio"]): IdleShutdown {
  const { min, max } = idleBounds(studio);
  return { timeoutMinutes: studio.idleTimeoutMinutes, minTimeoutMinutes: min, maxTimeoutMinutes: max };
}

/** The company pin's inputs (workspaces/retention.ts). */
function companySetting({ platform }: OrgModel): CompanySetting {
  return { company: platform.company, companyRenamedFrom: platform.companyRenamedFrom };
}

/** Tags of the platform's IAM roles and users besides `ManagedBy` (the workspace's tags aspect adds it). */
function principalTags(org: OrgModel): PrincipalTags {
  return { Company: org.platform.company };
}

/** The ARN of a download lifecycle config, created by the domain workspace (applied first): from its name. */
function lifecycleConfigArn({ names, platform }: OrgModel, kind: "allow-download" | "disable-download"): string {
  return downloadConfigArn(platform.region, platform.accountId, names.lifecycleConfig(kind));
}

/** The backend, the AWS provider's settings and the `ManagedBy` of a workspace of `family` (§0.3). */
function workspaceProps(org: OrgModel, family: ManagedFamily): WorkspaceStackProps {
  return {
    backend: org.backend,
    region: org.platform.region,
    accountId: org.platform.accountId,
    defaultTags: org.platform.defaultTags,
    managedBy: managedBy(org.platform, family),
  };
}

/** The network workspace: the VPC section as written, names and endpoints resolved. */
export function networkStackProps(org: OrgModel): NetworkStackProps {
  const { names, network, platform } = org;
  return {
    ...workspaceProps(org, "infrastructure"),
    network,
    securityGroupNames: Object.fromEntries(SECURITY_GROUP_KEYS.map((k) => [k, names.securityGroup(k)])) as Record<
      SecurityGroupKey,
      string
    >,
    endpoints: enabledEndpoints(network).map((e) => ({
      suffix: e.suffix,
      serviceName: e.service.replace("{region}", platform.region),
      type: e.type,
      existing: existingEndpointAction(network, e.suffix),
      nameTag: names.endpointNameTag(e.suffix),
    })),
  };
}

/** A team's homes workspace: one home per active membership, every name, ARN and tag resolved. */
export function domainTeamStackProps(org: OrgModel, teamId: string): DomainTeamStackProps {
  const { names, platform, studio } = org;
  const team = teamById(org, teamId);
  const environment = platform.environmentTag;
  const kmsKeyArn = bucketKmsKeyArn(org.storage);
  return {
    ...workspaceProps(org, "identity-and-data"),
    teamId,
    homes: teamMemberships(team).map((m) => ({
      key: membershipKey(m),
      id: studioUserId(m),
      userProfileName: m.userProfileName,
      spaceName: m.spaceName,
      executionRoleArn: names.roleArn(names.projectRole(team.fullName, m.project, "Execution")),
      lifecycleConfigArn: lifecycleConfigArn(org, m.downloadAccess === "allow" ? "allow-download" : "disable-download"),
      profileTags: {
        Team: team.fullName,
        Project: m.project,
        // Must equal the IAM user name: the presigned-URL guard compares it with aws:username.
        Owner: m.iamUserName,
        Environment: environment,
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
      },
    })),
    instanceType: studio.defaultInstanceType,
    idleShutdown: idleShutdownOf(studio),
    spaceEbsGb: studio.privateSpaceEbsGb,
    moveHomesOutOfDomain: studio.moveHomesOutOfDomain,
    acknowledgedDeletions: org.deleteHomes.filter((key) => key.startsWith(`${teamId}/`)),
  };
}

/** The domain workspace: the domain's identity and Studio defaults resolved, the moving homes listed. */
export function domainStackProps(org: OrgModel): DomainStackProps {
  const { names, platform, studio } = org;
  return {
    ...workspaceProps(org, "infrastructure"),
    identity: configuredDomainIdentity(org, names.domain),
    identityBaseline: studio.domainIdentity,
    allowDomainReplacement: studio.allowDomainReplacement,
    lifecycleConfigNames: {
      disable: names.lifecycleConfig("disable-download"),
      allow: names.lifecycleConfig("allow-download"),
    },
    disableDownload: studio.disableDownload,
    defaultInstanceType: studio.defaultInstanceType,
    idleShutdown: idleShutdownOf(studio),
    defaultEbsGb: studio.defaultEbsGb,
    maxEbsGb: studio.maxEbsGb ?? Math.max(studio.defaultEbsGb, studio.privateSpaceEbsGb),
    retainHomeEfs: studio.homeEfsOnDelete === "Retain",
    movingHomes: studio.moveHomesOutOfDomain
      ? allMemberships(org).map((m) => ({ key: membershipKey(m), id: studioUserId(m) }))
      : undefined,
    acknowledgedDeletions: org.deleteHomes,
    company: companySetting(org),
    environmentTag: platform.environmentTag,
  };
}

/** The registry workspace: repository, model-group and monitoring names resolved per project. */
export function registryStackProps(org: OrgModel): RegistryStackProps {
  const { names, platform, registry, monitoring, audit } = org;
  return {
    ...workspaceProps(org, "infrastructure"),
    ecr: registry.ecr,
    sharedRepositoryNames: Object.fromEntries(registry.ecr.sharedRepos.map((t) => [t, names.sharedRepository(t)])),
    modelRegistryEnabled: registry.modelRegistry.enabled,
    teams: org.teams.map((team) => ({
      id: team.id,
      fullName: team.fullName,
      decommissioned: team.decommissioned,
      projects: team.projects.map((p) => ({
        team: team.id,
        name: p.name,
        status: p.status,
        purge: p.registryPurge,
        repositoryNames: Object.fromEntries(
          registry.ecr.projectRepoTypes.map((t) => [t, names.projectRepository(team.id, p.name, t)]),
        ),
        modelPackageGroupName: names.modelPackageGroup(team.id, p.name),
        resourcePrefix: names.resourcePrefix(team.id, p.name),
      })),
    })),
    monitoring: monitoring.enabled
      ? { settings: monitoring, alertsTopicName: names.alertsTopic, namePrefix: names.monitoringResource("") }
      : undefined,
    audit: audit.enabled
      ? {
          trailName: names.auditTrail,
          selectors: auditEventSelectors(audit, org.auditedBucketArnPrefixes, platform.accountId, platform.iamPath),
          bucketName: names.auditTrailBucket,
          accessLogBucketName: names.auditAccessLogBucket,
          retentionDays: audit.retentionDays,
          accessLogRetentionDays: audit.accessLogRetentionDays,
          multiRegion: audit.multiRegion,
          kmsKeyArn: audit.kmsKeyArn,
          cloudWatchLogs: audit.cloudWatchLogs.enabled
            ? { retentionDays: audit.cloudWatchLogs.retentionDays, roleName: `${names.auditTrail}-cloudwatch-logs` }
            : undefined,
        }
      : undefined,
    company: companySetting(org),
  };
}

/** How the platform keeps its buckets: storage settings and §0.3 tags resolved. */
function bucketSettings(org: OrgModel): BucketSettings {
  const { platform, storage } = org;
  return {
    kmsKeyArn: bucketKmsKeyArn(storage),
    lifecycleRules: storage.lifecycleRules,
    folderMarkers: storage.folderMarkers,
    tags: {
      Environment: platform.environmentTag,
      ...(platform.costCenter ? { CostCenter: platform.costCenter } : {}),
    },
  };
}

/** The foundation workspace: the platform policies rendered, groups, users and buckets named. */
export function foundationStackProps(org: OrgModel): FoundationStackProps {
  const { names, platform, features, storage } = org;
  const keys = Object.keys(PLATFORM_POLICY_NAMES) as PlatformPolicyKey[];
  return {
    ...workspaceProps(org, "identity-and-data"),
    policyDocuments: platformPolicyDocuments(names),
    policyArns: Object.fromEntries(keys.map((k) => [k, names.policyArn(PLATFORM_POLICY_NAMES[k])])) as Record<
      PlatformPolicyKey,
      string
    >,
    iamPath: platform.iamPath,
    adminsGroupName: names.adminsGroup,
    readonlyGroupName: names.readonlyGroup,
    admins: org.admins,
    readonlyUsers: org.readonlyUsers,
    pgpKey: org.identity.pgpKey,
    domainDefaultRoleName: names.domainDefaultRole,
    canvas: features.canvas,
    mlflow: features.mlflow,
    sharedBucket: storage.sharedBucket
      ? { name: names.sharedBucket, publisherArns: sharedBucketPublishers(storage) }
      : undefined,
    sharedBucketName: names.sharedBucket,
    buckets: bucketSettings(org),
    teams: org.teams,
    decommissionedTeams: org.decommissionedTeams,
    moveBucketsToTeamWorkspaces: storage.moveBucketsToTeamWorkspaces,
    company: companySetting(org),
    principalTags: principalTags(org),
  };
}

/** A team's workspace: the team from the model, with the platform settings its identities and buckets need. */
export function teamStackProps(org: OrgModel, teamId: string): TeamStackProps {
  const { names, platform, storage, network, identity } = org;
  return {
    ...workspaceProps(org, "identity-and-data"),
    team: teamById(org, teamId),
    naming: names.p,
    iamPath: platform.iamPath,
    company: companySetting(org),
    principalTags: principalTags(org),
    features: org.features,
    privateSubnetIds: network.privateSubnetIds,
    bucketVpcRestriction: storage.restrictToVpc
      ? { vpcId: network.vpcId, exemptPrincipalArns: identity.deployerPrincipalArns }
      : undefined,
    buckets: bucketSettings(org),
    moveBucketsToTeamWorkspaces: storage.moveBucketsToTeamWorkspaces,
    pgpKey: identity.pgpKey,
    allowDownloadConfigArn: lifecycleConfigArn(org, "allow-download"),
  };
}
