/**
 * Registry, monitoring and audit rules (§7, §9, §10 op 5): the purge flag, ECR and derived
 * resource names, declared endpoints, alert subscribers and the trail's selector budget.
 */
import type { PathSegment } from "../problems";
import type { OrgDocument } from "../schema";
import type { Finding, RuleContext } from "./context";
import { auditEventSelectors, auditedS3ArnPrefixes, selectorValueCount } from "../../catalog/audit-selectors";

/** ECR repository names (without namespaces, which the platform does not use) and their limit. */
export const ECR_NAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
export const ECR_NAME_MAX = 256;
/** SageMaker endpoint names. */
export const ENDPOINT_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
export const EVENT_RULE_NAME_MAX = 64;
/** Values of all advanced event selectors of one trail, together. */
export const TRAIL_SELECTOR_VALUES_MAX = 500;

export function registryRules(doc: OrgDocument, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const add = ctx.reporter(out);
  const { names } = ctx;
  const ecr = doc.registry.ecr;

  const checkRepoName = (name: string, path: PathSegment[], atKey = false) => {
    if (!ECR_NAME.test(name))
      add(
        path,
        `ECR repository name '${name}' is invalid: lowercase letters and digits, separated by single '.', '_' or '-'`,
        atKey,
      );
    else if (name.length > ECR_NAME_MAX)
      add(path, `ECR repository name '${name}' exceeds ${ECR_NAME_MAX} characters`, atKey);
  };
  const duplicates = (list: readonly string[], path: PathSegment[]) => {
    const seen = new Map<string, number>();
    list.forEach((v, i) => {
      if (seen.has(v)) add([...path, i], `duplicate entry '${v}' (already at index ${seen.get(v)})`);
      else seen.set(v, i);
    });
  };
  duplicates(ecr.sharedRepos, ["registry", "ecr", "sharedRepos"]);
  duplicates(ecr.projectRepoTypes, ["registry", "ecr", "projectRepoTypes"]);
  if (ecr.enabled)
    ecr.sharedRepos.forEach((type, i) =>
      checkRepoName(names.sharedRepository(type), ["registry", "ecr", "sharedRepos", i]),
    );

  for (const [teamId, team] of Object.entries(doc.teams))
    for (const [projectName, project] of Object.entries(team.projects)) {
      const pp: PathSegment[] = ["teams", teamId, "projects", projectName];
      // Purging is the last step of removing a project: access is gone first (§10 op 4/5).
      if (project.registry.purge && project.status !== "retired")
        add(
          [...pp, "registry", "purge"],
          "registry.purge deletes the model package group and the project's ECR repositories with their images; it is only allowed on a retired project (set status: retired first)",
        );
      if (ecr.enabled && ecr.createProjectRepos)
        for (const type of ecr.projectRepoTypes)
          checkRepoName(names.projectRepository(teamId, projectName, type), pp, true);
    }
  return out;
}

export function monitoringRules(doc: OrgDocument, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const add = ctx.reporter(out);
  const { names } = ctx;
  const m = doc.monitoring;
  const activeProjects = Object.entries(doc.teams).flatMap(([teamId, team]) =>
    Object.entries(team.projects)
      .filter(([, p]) => p.status === "active")
      .map(([projectName]) => ({ teamId, projectName })),
  );

  if (m.enabled) {
    const kinds = [
      ...(m.alarms.trainingJobFailures ? ["training-failed"] : []),
      ...(m.alarms.processingJobFailures ? ["processing-failed"] : []),
    ];
    for (const { teamId, projectName } of activeProjects)
      for (const kind of kinds) {
        const rule = names.monitoringResource(`${teamId}-${projectName}-${kind}`);
        if (rule.length > EVENT_RULE_NAME_MAX)
          add(
            ["teams", teamId, "projects", projectName],
            `EventBridge rule name '${rule}' would exceed ${EVENT_RULE_NAME_MAX} characters (shorten platform.company or the project name)`,
            true,
          );
      }

    for (const name of Object.keys(m.endpoints)) {
      const path: PathSegment[] = ["monitoring", "endpoints", name];
      if (!ENDPOINT_NAME.test(name)) {
        add(path, `endpoint name '${name}' is invalid: letters, digits and '-', at most 63 characters`, true);
        continue;
      }
      const owner = activeProjects.find((p) => name.startsWith(names.resourcePrefix(p.teamId, p.projectName)));
      if (!owner)
        add(
          path,
          `endpoint '${name}' does not start with '{team}-{project}-' of an active project (e.g. '${activeProjects[0] ? names.resourcePrefix(activeProjects[0].teamId, activeProjects[0].projectName) : "rc-fraud-detection-"}...')`,
          true,
        );
    }

    for (const [key, s] of Object.entries(m.alerts.subscribers)) {
      const path: PathSegment[] = ["monitoring", "alerts", "subscribers", key, "endpoint"];
      const ok =
        s.protocol === "email" || s.protocol === "email-json"
          ? /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s.endpoint)
          : s.protocol === "https"
            ? s.endpoint.startsWith("https://")
            : s.protocol === "sms"
              ? /^\+[0-9]{6,15}$/.test(s.endpoint)
              : s.endpoint.startsWith(`arn:aws:${s.protocol}:`);
      if (!ok) add(path, `'${s.endpoint}' is not a valid ${s.protocol} endpoint`);
    }
  }

  const a = doc.audit;
  if (a.enabled) {
    const buckets = auditedBucketArnPrefixes(doc, ctx);
    if (buckets.length === 0 && !a.management.enabled)
      add(
        ["audit"],
        "the audit trail would record nothing: enable audit.buckets.projects/shared or audit.management, or set audit.enabled: false",
      );
    const values = selectorValueCount(auditEventSelectors(a, buckets, doc.platform.accountId, ctx.derived.iamPath));
    if (values > TRAIL_SELECTOR_VALUES_MAX)
      add(
        ["audit", "buckets"],
        `the trail's advanced event selectors would hold ${values} values; CloudTrail allows ${TRAIL_SELECTOR_VALUES_MAX} per trail (audit fewer teams' buckets, or the shared bucket with them: one prefix)`,
      );
  }
  return out;
}

/** ARN prefixes of the buckets whose object events the trail records (the model carries them to the registry workspace). */
export function auditedBucketArnPrefixes(
  doc: Pick<OrgDocument, "audit" | "storage" | "teams" | "decommissionedTeams">,
  ctx: Pick<RuleContext, "names">,
): string[] {
  // Teams whose buckets hold data: declared or decommissioned projects, or a decommissioned team.
  const teams = [
    ...Object.entries(doc.teams)
      .filter(([, team]) => Object.keys(team.projects).length > 0 || team.decommissioned.length > 0)
      .map(([teamId]) => teamId),
    ...doc.decommissionedTeams,
  ];
  return auditedS3ArnPrefixes({
    projects: doc.audit.buckets.projects,
    sharedBucket: doc.audit.buckets.shared && doc.storage.sharedBucket ? ctx.names.sharedBucket : undefined,
    platformPrefix: ctx.names.platformBucketPrefix,
    teamPrefixes: teams.map((teamId) => ctx.names.teamBucketPrefix(teamId)),
  });
}
