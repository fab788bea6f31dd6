/**
 * `registry` workspace (platform-spec §7, §9): ECR repositories, one model package group per
 * project, and the platform's monitoring (log retention, alert topic, job-failure rules, endpoint
 * alarms) and audit trail. Everything here depends on names only, never on another workspace's
 * outputs, which is why monitoring and audit live here (docs/registry-and-monitoring.md).
 *
 * Registries outlive projects: a retired project keeps its repositories and model group; only
 * `registry.purge: true` on a retired project lifts their protection. A project listed in
 * `teams.<id>.decommissioned` is released from state; one deleted any other way fails the plan
 * (RetentionGuard).
 */
import { Construct } from "constructs";
import { WorkspaceStack } from "./workspace-stack";
import { workspaceProps } from "./props";
import { ImageRepository } from "../modules/registry/ecr-repository";
import { ModelRegistryGroup } from "../modules/registry/model-package-group";
import { RetainedLogGroup } from "../modules/monitoring/retained-log-group";
import { AlertTopic } from "../modules/monitoring/alert-topic";
import { JobFailureAlert, type SageMakerJobKind } from "../modules/monitoring/job-failure-alert";
import {
  AccountEndpointAlarms,
  EndpointAlarms,
  type EndpointAlarmSettings,
} from "../modules/monitoring/endpoint-alarms";
import { DataAuditTrail } from "../modules/audit/data-audit-trail";
import { RemovedBlock } from "../modules/state/removed-block";
import { RetentionGuard } from "../modules/state/retention-guard";
import { addCompanyPin, addRetentionGuard } from "./retention";
import { auditEventSelectors } from "../catalog/audit-selectors";
import { SAGEMAKER_LOG_GROUPS, type SageMakerLogGroupKey } from "../org/sections/monitoring";
import { activeProjects, allProjects, type OrgModel, type Project } from "../org/model";

/** Terraform addresses of the data-bearing registry resources (stable, from YAML keys). */
export const registryAddress = {
  sharedRepository: (type: string) => `aws_ecr_repository.ecr-shared-${type}`,
  projectRepository: (team: string, project: string, type: string) =>
    `aws_ecr_repository.ecr-${team}-${project}-${type}`,
  modelPackageGroup: (team: string, project: string) =>
    `aws_sagemaker_model_package_group.model-group-${team}-${project}`,
};

const logicalId = (address: string) => address.slice(address.indexOf(".") + 1);

export class RegistryStack extends WorkspaceStack {
  /** Addresses dropped from the configuration by a flag or `decommissioned`: forgotten, never destroyed. */
  private readonly retained = new Set<string>();

  constructor(scope: Construct, org: OrgModel) {
    super(scope, "registry", workspaceProps(org));
    this.repositories(org);
    this.modelRegistry(org);
    if (org.monitoring.enabled) this.monitoring(org);
    if (org.audit.enabled) this.audit(org);
    this.releaseDecommissioned(org);
    this.retentionGuard(org);
    const released = new Construct(this, "released");
    for (const from of [...this.retained].sort()) new RemovedBlock(released, from, { from });
  }

  /** Like the foundation's buckets: a decommissioned project's registry data leaves state, kept in AWS. */
  private releaseDecommissioned(org: OrgModel): void {
    for (const team of org.teams)
      for (const name of team.decommissioned) {
        this.retained.add(registryAddress.modelPackageGroup(team.id, name));
        for (const type of org.registry.ecr.projectRepoTypes)
          this.retained.add(registryAddress.projectRepository(team.id, name, type));
      }
  }

  /** Projects whose model group or project repositories live here; `registry.purge` lifts their protection. */
  private retentionGuard(org: OrgModel): void {
    const ecr = org.registry.ecr;
    const holdsData = org.registry.modelRegistry.enabled || (ecr.enabled && ecr.createProjectRepos);
    addRetentionGuard(this, org, {
      protection: (project) => (holdsData ? (project.registryPurge ? "purge-armed" : "protected") : undefined),
      data: "model package group and project ECR repositories",
      purgeFlag: "registry: { purge: true }",
      docs: "docs/registry-and-monitoring.md",
    });
    addCompanyPin(this, org.platform, RetentionGuard.STATE_DEFAULTS);
  }

  private repositories(org: OrgModel): void {
    const { names, platform } = org;
    const ecr = org.registry.ecr;
    const tags = { ManagedBy: platform.tagPrefix, Phase: "2B" };
    for (const type of [...ecr.sharedRepos].sort()) {
      const address = registryAddress.sharedRepository(type);
      if (!ecr.enabled) {
        this.retained.add(address);
        continue;
      }
      new ImageRepository(this, logicalId(address), {
        repositoryName: names.sharedRepository(type),
        imageRetention: ecr.imageRetention,
        tags,
        logicalId: logicalId(address),
      });
    }
    for (const project of allProjects(org))
      for (const type of [...ecr.projectRepoTypes].sort()) {
        const address = registryAddress.projectRepository(project.team, project.name, type);
        // A purged project's repositories must really go, so they are never merely forgotten.
        if (!ecr.enabled || !ecr.createProjectRepos) {
          if (!project.registryPurge) this.retained.add(address);
          continue;
        }
        new ImageRepository(this, logicalId(address), {
          repositoryName: names.projectRepository(project.team, project.name, type),
          imageRetention: ecr.imageRetention,
          purge: project.registryPurge,
          tags,
          logicalId: logicalId(address),
        });
      }
  }

  private modelRegistry(org: OrgModel): void {
    const { names, platform } = org;
    for (const team of org.teams)
      for (const project of team.projects) {
        const address = registryAddress.modelPackageGroup(team.id, project.name);
        if (!org.registry.modelRegistry.enabled) {
          if (!project.registryPurge) this.retained.add(address);
          continue;
        }
        new ModelRegistryGroup(this, logicalId(address), {
          groupName: names.modelPackageGroup(team.id, project.name),
          description: `Models for ${team.fullName}/${project.name}`,
          // Team is the full name, like every other resource's Team tag (§0.3, §11.4).
          tags: { ManagedBy: platform.tagPrefix, Team: team.fullName, Project: project.name, Phase: "2C" },
          purge: project.registryPurge,
          logicalId: logicalId(address),
        });
      }
  }

  private monitoring(org: OrgModel): void {
    const { names, platform } = org;
    const m = org.monitoring;
    const tags = { ManagedBy: platform.tagPrefix };
    const adopt = new Set<string>(m.logGroups.adoptExisting);
    for (const key of Object.keys(SAGEMAKER_LOG_GROUPS).sort() as SageMakerLogGroupKey[])
      new RetainedLogGroup(this, `log-group-${key}`, {
        logGroupName: SAGEMAKER_LOG_GROUPS[key],
        retentionDays: m.logGroups[key],
        adoptExisting: adopt.has(key),
        tags,
      });

    const ruleArns = `arn:aws:events:${platform.region}:${platform.accountId}:rule/${names.monitoringResource("*")}`;
    const alarmArns = `arn:aws:cloudwatch:${platform.region}:${platform.accountId}:alarm:${names.monitoringResource("*")}`;
    const topic = new AlertTopic(this, "alert-topic", {
      topicName: names.alertsTopic,
      accountId: platform.accountId,
      region: platform.region,
      subscribers: m.alerts.subscribers,
      eventRuleArnPatterns: [ruleArns],
      alarmArnPatterns: [alarmArns],
      kmsKeyArn: m.alerts.kmsKeyArn,
      tags,
    });
    const actions = [topic.topicArn];

    const jobKinds: SageMakerJobKind[] = [
      ...(m.alarms.trainingJobFailures ? (["Training"] as const) : []),
      ...(m.alarms.processingJobFailures ? (["Processing"] as const) : []),
    ];
    for (const team of org.teams)
      for (const project of activeProjects(team))
        for (const kind of jobKinds) {
          const key = `${team.id}-${project.name}-${kind.toLowerCase()}-failed`;
          new JobFailureAlert(this, key, {
            kind,
            ruleName: names.monitoringResource(key),
            jobNamePrefix: names.resourcePrefix(team.id, project.name),
            label: `${team.id}/${project.name}`,
            topicArn: topic.topicArn,
            tags: { ...tags, Team: team.fullName, Project: project.name },
          });
        }

    const a = m.alarms;
    const settings: EndpointAlarmSettings = {
      errors5xx: a.endpoint5xxErrors.enabled ? a.endpoint5xxErrors : undefined,
      latency: a.endpointLatency.enabled ? a.endpointLatency : undefined,
      memory: a.endpointMemory.enabled ? a.endpointMemory : undefined,
    };
    if (settings.errors5xx || settings.latency)
      new AccountEndpointAlarms(this, "endpoint-alarms-account", {
        namePrefix: names.monitoringResource("endpoints"),
        errors5xx: settings.errors5xx,
        latency: settings.latency,
        actions,
        tags,
      });

    const projects = org.teams.flatMap((t) => activeProjects(t));
    for (const endpoint of Object.keys(m.endpoints).sort()) {
      const owner = ownerOf(endpoint, projects, names.resourcePrefix.bind(names));
      const team = org.teams.find((t) => t.id === owner.team)!;
      const endpointTags = { ...tags, Team: team.fullName, Project: owner.name };
      new RetainedLogGroup(this, `endpoint-log-group-${endpoint}`, {
        logGroupName: `/aws/sagemaker/Endpoints/${endpoint}`,
        retentionDays: m.logGroups.endpoints,
        tags: endpointTags,
      });
      new EndpointAlarms(this, `endpoint-alarms-${endpoint}`, {
        endpointName: endpoint,
        variants: m.endpoints[endpoint]?.variants ?? ["AllTraffic"],
        namePrefix: names.monitoringResource(endpoint),
        ...settings,
        actions,
        tags: endpointTags,
      });
    }
  }

  private audit(org: OrgModel): void {
    const { names, platform } = org;
    const a = org.audit;
    new DataAuditTrail(this, "audit-trail", {
      trailName: names.auditTrail,
      accountId: platform.accountId,
      region: platform.region,
      selectors: auditEventSelectors(a, org.auditedBucketArnPrefixes, platform.accountId, platform.iamPath),
      bucketName: names.auditTrailBucket,
      accessLogBucketName: names.auditAccessLogBucket,
      retentionDays: a.retentionDays,
      accessLogRetentionDays: a.accessLogRetentionDays,
      multiRegion: a.multiRegion,
      kmsKeyArn: a.kmsKeyArn,
      cloudWatchLogs: a.cloudWatchLogs.enabled
        ? { retentionDays: a.cloudWatchLogs.retentionDays, roleName: `${names.auditTrail}-cloudwatch-logs` }
        : undefined,
      tags: { ManagedBy: platform.tagPrefix, Purpose: "Audit" },
    });
  }
}

/** The active project whose `{team}-{project}-` prefix starts the endpoint name (the loader checked one exists). */
function ownerOf(
  endpoint: string,
  projects: readonly Project[],
  prefix: (team: string, project: string) => string,
): Project {
  const owner = projects.find((p) => endpoint.startsWith(prefix(p.team, p.name)));
  if (!owner) throw new Error(`endpoint '${endpoint}' belongs to no active project`);
  return owner;
}
