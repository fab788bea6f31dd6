/**
 * Team-workspace identity rules (§0.4, §6, §11.2, §11.12): IAM quotas measured on the very
 * documents the team workspace renders (same pure builders), console-login secrets of team
 * users, and the deployer exemption of the VPC-only bucket deny. Each finding points at the
 * YAML node to change.
 */
import { LIMITS, PLATFORM_POLICY_NAMES } from "../../catalog/names";
import type { PathSegment } from "../problems";
import type { OrgDocument } from "../schema";
import { memberName, whitelistRef, type Finding, type RuleContext } from "./context";
import { bucketKmsKeyArn } from "../model";
import { policySize, type PolicyDocument } from "../../catalog/policies/policy-document";
import { teamPolicyDocuments } from "../../catalog/policies/team-policies";
import { passRoleScopePolicy, projectPolicyDocuments } from "../../catalog/policies/project-policies";
import { projectRoleAttachments } from "../../catalog/policies/role-attachments";
import { projectBucketPolicyDocument } from "../../catalog/policies/project-bucket-policy";
import { userScopePolicies, type InstanceWhitelist } from "../../catalog/policies/scope-policies";
import { presetApps, presetJobs } from "../sections/teams";

/** Security-group ids come from the network workspace at apply time; measure with a full-length id. */
const SG_ID_PLACEHOLDER = "sg-00000000000000000";
/** Longest plausible allow-download config ARN (measured, like the SG ids above). */
const PINNING_ARN_PLACEHOLDER = `arn:aws:sagemaker:ap-southeast-1:000000000000:studio-lifecycle-config/${"x".repeat(63)}`;
/** Aggregate size of a user's inline policies (IAM quota, whitespace not counted). */
const USER_INLINE_POLICY_SIZE = 2048;
/** S3 bucket policy size limit. */
const BUCKET_POLICY_SIZE = 20480;

/** The effective whitelist of a project (apps and jobs), or undefined when unrestricted or unresolvable. */
export function effectiveWhitelist(
  doc: OrgDocument,
  team: string,
  project: string,
): (InstanceWhitelist & { source: string }) | undefined {
  const { value } = whitelistRef(doc, team, project);
  if (value === undefined || value === "unrestricted") return undefined;
  if (typeof value === "string") {
    const preset = doc.instanceWhitelistPresets[value];
    return preset ? { source: value, apps: presetApps(preset), jobs: presetJobs(preset) } : undefined;
  }
  return { source: "custom", apps: [...value.custom], jobs: [...(value.jobs ?? value.custom)] };
}

type ProjectInput = OrgDocument["teams"][string]["projects"][string];

/** §1.3 download resolution: membership -> project -> `studio.disableDownload`. */
export function resolvedDownload(
  doc: OrgDocument,
  project: ProjectInput,
  m: ProjectInput["members"][number],
): "allow" | "deny" {
  const own = typeof m === "string" ? "inherit" : m.downloadAccess;
  if (own !== "inherit") return own;
  if (project.downloadAccess !== "inherit") return project.downloadAccess;
  return doc.studio.disableDownload ? "deny" : "allow";
}

export function identityRules(doc: OrgDocument, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const add = ctx.reporter(out);
  const { names } = ctx;
  const quota = doc.identity.managedPoliciesPerRoleQuota;

  const checkSize = (what: string, document: PolicyDocument, limit: number, path: PathSegment[], hint: string) => {
    const size = policySize(document);
    if (size > limit) add(path, `${what} would be ${size} characters; the limit is ${limit} (${hint})`, true);
  };
  const checkPolicyName = (policyName: string, path: PathSegment[]) => {
    if (policyName.length > LIMITS.policyName)
      add(path, `policy name '${policyName}' exceeds ${LIMITS.policyName} characters`, true);
  };

  // §11.12: a VPC-only bucket deny without a deployer exemption locks the deployment out.
  if (doc.storage.restrictToVpc && doc.identity.deployerPrincipalArns.length === 0)
    add(
      ["storage", "restrictToVpc"],
      "restrictToVpc denies every request from outside the VPC, the deployer's too: list the deployer's role ARN under identity.deployerPrincipalArns",
    );

  // Every customer-managed policy name is unique in the account regardless of case, across all
  // workspaces: a project called `team`, or a team `studio` with a project `base`, would render
  // the name of a team or platform policy (`…-Team-Access`, `SageMaker-Studio-Base-Access`).
  // Same-kind collisions (two projects, two teams) are reported by the name rules (rules/teams.ts).
  type Owner = { readonly kind: string; readonly entity: string; readonly policy: string };
  const policyOwners = new Map<string, Owner>();
  const reported = new Set<string>();
  for (const name of Object.values(PLATFORM_POLICY_NAMES))
    policyOwners.set(name.toLowerCase(), { kind: "platform", entity: "the platform", policy: name });
  const claimPolicyName = (name: string, owner: Owner, path: PathSegment[]) => {
    const other = policyOwners.get(name.toLowerCase());
    if (!other) return void policyOwners.set(name.toLowerCase(), owner);
    const pair = `${owner.entity}|${other.entity}`;
    if (other.kind === owner.kind || reported.has(pair)) return;
    reported.add(pair);
    add(
      path,
      `${owner.entity}'s policy ${owner.policy} would be named ${name}, which is already the name of ${other.entity}'s policy ${other.policy} (IAM names ignore case): rename one of them`,
    );
  };

  for (const [teamId, team] of Object.entries(doc.teams)) {
    const tp: PathSegment[] = ["teams", teamId];
    const teamProps = { names, team: teamId, teamFullName: team.fullName };
    for (const [suffix, document] of Object.entries(teamPolicyDocuments(teamProps))) {
      const policyName = names.teamPolicy(team.fullName, suffix as "Team-Access" | "DenyCrossTeam");
      claimPolicyName(policyName, { kind: "team", entity: `team ${teamId}`, policy: suffix }, [...tp, "fullName"]);
      checkPolicyName(policyName, [...tp, "fullName"]);
      checkSize(
        `policy ${policyName}`,
        document,
        LIMITS.managedPolicySize,
        [...tp, "fullName"],
        "IAM managed-policy quota",
      );
    }

    const activeProjectsOf = new Map<string, string[]>();
    for (const [projectName, project] of Object.entries(team.projects)) {
      if (project.status !== "active") continue; // retired: no access resources are rendered
      const pp: PathSegment[] = [...tp, "projects", projectName];
      for (const m of project.members) {
        const user = memberName(m);
        activeProjectsOf.set(user, [...(activeProjectsOf.get(user) ?? []), projectName]);
      }
      const whitelist = effectiveWhitelist(doc, teamId, projectName);
      const docs = projectPolicyDocuments({
        names,
        team: teamId,
        teamFullName: team.fullName,
        project: projectName,
        privateSubnetIds: doc.network.privateSubnetIds,
        modelSecurityGroupIds: [SG_ID_PLACEHOLDER, SG_ID_PLACEHOLDER],
        whitelist,
        bucketKmsKeyArn: bucketKmsKeyArn(doc.storage),
        // §14.9: the ExecutionJobPolicy lists the members entitled to download.
        downloadPinning: {
          allowDownloadConfigArn: PINNING_ARN_PLACEHOLDER,
          entitledProfiles: project.members
            .filter((m) => resolvedDownload(doc, project, m) === "allow")
            .map((m) => names.userProfile(teamId, projectName, memberName(m))),
        },
      });
      for (const [suffix, document] of Object.entries(docs)) {
        const policyName = names.projectPolicy(team.fullName, projectName, suffix);
        claimPolicyName(
          policyName,
          { kind: "project", entity: `project ${teamId}/${projectName}`, policy: suffix },
          pp,
        );
        checkPolicyName(policyName, pp);
        checkSize(
          `policy ${policyName}`,
          document!,
          LIMITS.managedPolicySize,
          pp,
          "IAM managed-policy quota; shorten the project name or the whitelist",
        );
      }
      checkSize(
        `bucket policy of ${names.projectBucket(teamId, projectName)}`,
        projectBucketPolicyDocument({
          names,
          team: teamId,
          teamFullName: team.fullName,
          project: projectName,
          // §14.5: the policy names every member.
          members: project.members.map((m) => names.teamUser(teamId, memberName(m))),
          vpcRestriction: doc.storage.restrictToVpc
            ? { vpcId: doc.network.vpcId, exemptPrincipalArns: doc.identity.deployerPrincipalArns }
            : undefined,
        }),
        BUCKET_POLICY_SIZE,
        pp,
        "S3 bucket-policy limit",
      );

      // §11.2: the ExecutionRole needs more managed policies than the default quota of 10.
      const roles = projectRoleAttachments({
        names,
        teamFullName: team.fullName,
        project: projectName,
        features: doc.features,
      });
      for (const [kind, policies] of roles)
        if (policies.length > quota)
          add(
            pp,
            `${names.projectRole(team.fullName, projectName, kind)} needs ${policies.length} managed policies ` +
              `(${policies.map((r) => r.key).join(", ")}) but identity.managedPoliciesPerRoleQuota is ${quota}: ` +
              `raise the IAM quota "Managed policies per role" for the account (adjustable to 20) and set ` +
              `identity.managedPoliciesPerRoleQuota (docs/identity.md), or turn off features.canvas/features.mlflow`,
            true,
          );
    }

    for (const [userName, attrs] of Object.entries(team.users)) {
      const up: PathSegment[] = [...tp, "users", userName];
      // Console login without a PGP key would put the generated password into state in clear text.
      const explicit = attrs?.consoleLogin;
      if ((explicit ?? doc.identity.consoleLoginDefault) && !doc.identity.pgpKey)
        add(
          explicit === undefined ? up : [...up, "consoleLogin"],
          `console login${explicit === undefined ? " (from identity.consoleLoginDefault)" : ""} of '${userName}' needs identity.pgpKey: ` +
            "without it the generated password is stored in Terraform state in clear text",
          explicit === undefined,
        );
      const scopes = userScopePolicies({
        names,
        projects: (activeProjectsOf.get(userName) ?? []).map((project) => ({ team: teamId, project })),
        downloadPinning: {
          allowDownloadConfigArn: PINNING_ARN_PLACEHOLDER,
          entitledProfiles: (activeProjectsOf.get(userName) ?? []).map((project) =>
            names.userProfile(teamId, project, userName),
          ),
        },
      });
      scopes.forEach((document, i) => {
        const policyName = names.userScopePolicy(team.fullName, userName, i + 1);
        checkPolicyName(policyName, up);
        claimPolicyName(
          policyName,
          { kind: "user", entity: `user ${teamId}/${userName}`, policy: `scope ${i + 1}` },
          up,
        );
        checkSize(
          `scope policy ${policyName}`,
          document,
          LIMITS.managedPolicySize,
          up,
          `IAM managed-policy quota; the scope lists every project of the user (${(activeProjectsOf.get(userName) ?? []).length}): move them to fewer projects or shorten project names`,
        );
      });
      checkSize(
        `inline PassRole scope of ${names.teamUser(teamId, userName)}`,
        passRoleScopePolicy({ names, teamFullName: team.fullName, projects: activeProjectsOf.get(userName) ?? [] }),
        USER_INLINE_POLICY_SIZE,
        up,
        "IAM inline policies per user",
      );
    }
  }

  // The account's IAM quotas (§1.2 one account): what every workspace renders together must fit.
  const teams = Object.values(doc.teams).filter((t) => t.status !== "removed");
  const activeProjects = teams.flatMap((t) => Object.values(t.projects).filter((p) => p.status === "active"));
  const rendered = {
    users: doc.admins.length + doc.readonlyUsers.length + teams.reduce((n, t) => n + Object.keys(t.users).length, 0),
    // sagemaker-admins, sagemaker-readonly, one per team, one per active project.
    groups: 2 + teams.length + activeProjects.length,
    // The domain default role, four per active project, the audit trail's log delivery role.
    roles: 1 + 4 * activeProjects.length + (doc.audit.enabled && doc.audit.cloudWatchLogs.enabled ? 1 : 0),
    managedPolicies: policyOwners.size,
  };
  for (const [kind, count] of Object.entries(rendered) as [keyof typeof rendered, number][]) {
    const limit = doc.identity.accountQuotas[kind];
    if (count > limit)
      add(
        ["identity", "accountQuotas", kind],
        `the platform would create ${count} IAM ${ACCOUNT_QUOTA_LABELS[kind]} but identity.accountQuotas.${kind} is ${limit}: ` +
          `raise the account's IAM quota (Service Quotas) and then this setting, or shrink the org (docs/identity.md)`,
      );
  }
  return out;
}

const ACCOUNT_QUOTA_LABELS = {
  users: "users",
  groups: "groups",
  roles: "roles",
  managedPolicies: "customer-managed policies",
} as const;

/** What the loader counts against `identity.accountQuotas` (exported for the test that recounts the output). */
export type AccountQuotaKind = keyof typeof ACCOUNT_QUOTA_LABELS;
