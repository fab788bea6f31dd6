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
import { WorkspaceStack, type WorkspaceStackProps } from "./workspace-stack";
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
import { DataAuditTrail, type DataAuditTrailProps } from "../modules/audit/data-audit-trail";
import { RemovedBlock } from "../modules/state/removed-block";
import { RetentionGuard } from "../modules/state/retention-guard";
import { addCompanyPin, addRetentionGuard, type CompanySetting, type RetainedTeam } from "./retention";
import { SAGEMAKER_LOG_GROUPS, type SageMakerLogGroupKey } from "../catalog/log-groups";
import type { OrgModel } from "../org/model";

/** Terraform addresses of the data-bearing registry resources (stable, from YAML keys). */
export const registryAddress = {
  sharedRepository: (type: string) => `aws_ecr_repository.ecr-shared-${type}`,
  projectRepository: (team: string, project: string, type: string) =>
    `aws_ecr_repository.ecr-${team}-${project}-${type}`,
  modelPackageGroup: (team: string, project: string) =>
    `aws_sagemaker_model_package_group.model-group-${team}-${project}`,
};

const logicalId = (address: string) => address.slice(address.indexOf(".") + 1);

/** A declared project (active or retired) as the registry holds it. */
export interface RegistryProject {
  readonly team: string;
  readonly name: string;
  readonly status: "active" | "retired";
  /** `registry.purge` (retired projects only): the data may go. */
  readonly purge: boolean;
  /** Its ECR repositories' names, by type (`registry.ecr.projectRepoTypes`). */
  readonly repositoryNames: Readonly<Record<string, string>>;
  readonly modelPackageGroupName: string;
  /** `{team}-{project}-`: the prefix of the project's jobs and endpoints (§0.2). */
  readonly resourcePrefix: string;
}

export interface RegistryTeam extends RetainedTeam<RegistryProject> {
  /** The `Team` tag value. */
  readonly fullName: string;
}

export interface RegistryStackProps extends WorkspaceStackProps {
  /** `registry.ecr` as written. */
  readonly ecr: OrgModel["registry"]["ecr"];
  /** Shared repositories' names, by type. */
  readonly sharedRepositoryNames: Readonly<Record<string, string>>;
  readonly modelRegistryEnabled: boolean;
  /** Every team, sorted by id, with its declared and decommissioned projects. */
  readonly teams: readonly RegistryTeam[];
  /** Monitoring (§9) when enabled. */
  readonly monitoring?: {
    readonly settings: OrgModel["monitoring"];
    readonly alertsTopicName: string;
    /** Prefix of every rule and alarm name, e.g. `acme-sm-`. */
    readonly namePrefix: string;
  };
  /** The data-event audit trail when enabled. */
  readonly audit?: Omit<DataAuditTrailProps, "accountId" | "region" | "tags">;
  readonly company: CompanySetting;
}

export class RegistryStack extends WorkspaceStack {
  /** Addresses dropped from the configuration by a flag or `decommissioned`: forgotten, never destroyed. */
  private readonly retained = new Set<string>();

  constructor(scope: Construct, props: RegistryStackProps) {
    super(scope, "registry", props);
    this.repositories(props);
    this.modelRegistry(props);
    if (props.monitoring) this.monitoring(props, props.monitoring);
    if (props.audit)
      new DataAuditTrail(this, "audit-trail", {
        ...props.audit,
        accountId: props.accountId,
        region: props.region,
        tags: { Purpose: "Audit" },
      });
    this.releaseDecommissioned(props);
    this.retentionGuard(props);
    const released = new Construct(this, "released");
    for (const from of [...this.retained].sort()) new RemovedBlock(released, from, { from });
  }

  /** Like the foundation's buckets: a decommissioned project's registry data leaves state, kept in AWS. */
  private releaseDecommissioned(props: RegistryStackProps): void {
    for (const team of props.teams)
      for (const name of team.decommissioned) {
        this.retained.add(registryAddress.modelPackageGroup(team.id, name));
        for (const type of props.ecr.projectRepoTypes)
          this.retained.add(registryAddress.projectRepository(team.id, name, type));
      }
  }

  /** Projects whose model group or project repositories live here; `registry.purge` lifts their protection. */
  private retentionGuard(props: RegistryStackProps): void {
    const ecr = props.ecr;
    const holdsData = props.modelRegistryEnabled || (ecr.enabled && ecr.createProjectRepos);
    addRetentionGuard(this, props.teams, {
      protection: (project) => (holdsData ? (project.purge ? "purge-armed" : "protected") : undefined),
      data: "model package group and project ECR repositories",
      purgeFlag: "registry: { purge: true }",
      docs: "docs/registry-and-monitoring.md",
    });
    addCompanyPin(this, props.company, RetentionGuard.STATE_DEFAULTS);
  }

  private repositories(props: RegistryStackProps): void {
    const ecr = props.ecr;
    const tags = { Phase: "2B" };
    for (const type of [...ecr.sharedRepos].sort()) {
      const address = registryAddress.sharedRepository(type);
      if (!ecr.enabled) {
        this.retained.add(address);
        continue;
      }
      new ImageRepository(this, logicalId(address), {
        repositoryName: props.sharedRepositoryNames[type],
        imageRetention: ecr.imageRetention,
        tags,
        logicalId: logicalId(address),
      });
    }
    for (const project of props.teams.flatMap((t) => t.projects))
      for (const type of [...ecr.projectRepoTypes].sort()) {
        const address = registryAddress.projectRepository(project.team, project.name, type);
        // A purged project's repositories must really go, so they are never merely forgotten.
        if (!ecr.enabled || !ecr.createProjectRepos) {
          if (!project.purge) this.retained.add(address);
          continue;
        }
        new ImageRepository(this, logicalId(address), {
          repositoryName: project.repositoryNames[type],
          imageRetention: ecr.imageRetention,
          purge: project.purge,
          tags,
          logicalId: logicalId(address),
        });
      }
  }

  private modelRegistry(props: RegistryStackProps): void {
    for (const team of props.teams)
      for (const project of team.projects) {
        const address = registryAddress.modelPackageGroup(team.id, project.name);
        if (!props.modelRegistryEnabled) {
          if (!project.purge) this.retained.add(address);
          continue;
        }
        new ModelRegistryGroup(this, logicalId(address), {
          groupName: project.modelPackageGroupName,
          description: `Models for ${team.fullName}/${project.name}`,
          // Team is the full name, like every other resource's Team tag (§0.3, §11.4).
          tags: { Team: team.fullName, Project: project.name, Phase: "2C" },
          purge: project.purge,
          logicalId: logicalId(address),
        });
      }
  }

  private monitoring(props: RegistryStackProps, monitoring: NonNullable<RegistryStackProps["monitoring"]>): void {
    const { settings: m, namePrefix } = monitoring;
    const adopt = new Set<string>(m.logGroups.adoptExisting);
    for (const key of Object.keys(SAGEMAKER_LOG_GROUPS).sort() as SageMakerLogGroupKey[])
      new RetainedLogGroup(this, `log-group-${key}`, {
        logGroupName: SAGEMAKER_LOG_GROUPS[key],
        retentionDays: m.logGroups[key],
        adoptExisting: adopt.has(key),
      });

    const ruleArns = `arn:aws:events:${props.region}:${props.accountId}:rule/${namePrefix}*`;
    const alarmArns = `arn:aws:cloudwatch:${props.region}:${props.accountId}:alarm:${namePrefix}*`;
    const topic = new AlertTopic(this, "alert-topic", {
      topicName: monitoring.alertsTopicName,
      accountId: props.accountId,
      region: props.region,
      subscribers: m.alerts.subscribers,
      eventRuleArnPatterns: [ruleArns],
      alarmArnPatterns: [alarmArns],
      kmsKeyArn: m.alerts.kmsKeyArn,
    });
    const actions = [topic.topicArn];

    const jobKinds: SageMakerJobKind[] = [
      ...(m.alarms.trainingJobFailures ? (["Training"] as const) : []),
      ...(m.alarms.processingJobFailures ? (["Processing"] as const) : []),
    ];
    const active = (team: RegistryTeam) => team.projects.filter((p) => p.status === "active");
    for (const team of props.teams)
      for (const project of active(team))
        for (const kind of jobKinds) {
          const key = `${team.id}-${project.name}-${kind.toLowerCase()}-failed`;
          new JobFailureAlert(this, key, {
            kind,
            ruleName: `${namePrefix}${key}`,
            jobNamePrefix: project.resourcePrefix,
            label: `${team.id}/${project.name}`,
            topicArn: topic.topicArn,
            tags: { Team: team.fullName, Project: project.name },
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
        namePrefix: `${namePrefix}endpoints`,
        errors5xx: settings.errors5xx,
        latency: settings.latency,
        actions,
      });

    const projects = props.teams.flatMap(active);
    for (const endpoint of Object.keys(m.endpoints).sort()) {
      const owner = ownerOf(endpoint, projects);
      const team = props.teams.find((t) => t.id === owner.team)!;
      const endpointTags = { Team: team.fullName, Project: owner.name };
      new RetainedLogGroup(this, `endpoint-log-group-${endpoint}`, {
        logGroupName: `/aws/sagemaker/Endpoints/${endpoint}`,
        retentionDays: m.logGroups.endpoints,
        tags: endpointTags,
      });
      new EndpointAlarms(this, `endpoint-alarms-${endpoint}`, {
        endpointName: endpoint,
        variants: m.endpoints[endpoint]?.variants ?? ["AllTraffic"],
        namePrefix: `${namePrefix}${endpoint}`,
        ...settings,
        actions,
        tags: endpointTags,
      });
    }
  }
}

/** The active project whose `{team}-{project}-` prefix starts the endpoint name (the loader checked one exists). */
function ownerOf(endpoint: string, projects: readonly RegistryProject[]): RegistryProject {
  const owner = projects.find((p) => endpoint.startsWith(p.resourcePrefix));
  if (!owner) throw new Error(`endpoint '${endpoint}' belongs to no active project`);
  return owner;
}
