/**
 * Foundation workspace rules (§0.4, §1.4, §3, §6.2): platform policy quotas, console-login
 * secrets, readonly users, shared-bucket presence and the bucket data-safety flags.
 */
import { PROJECT_NAME } from "../sections/common";
import { LIMITS, PLATFORM_POLICY_NAMES } from "../../catalog/names";
import { platformPolicyDocuments, type PlatformPolicyKey } from "../../catalog/policies/platform-policies";
import { policySize } from "../../catalog/policies/policy-document";
import type { PathSegment } from "../problems";
import type { OrgDocument } from "../schema";
import { memberName, type Finding, type RuleContext } from "./context";

/** AWS limit on an IAM path (users, groups, policies). */
const IAM_PATH_MAX = 512;
const PGP_KEY = /^(keybase:[A-Za-z0-9_-]+|[A-Za-z0-9+/=\s]{100,})$/;

export function foundationRules(doc: OrgDocument, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const add = ctx.reporter(out);
  const { derived } = ctx;
  const platformPath = (key: "iamPath" | "company"): PathSegment[] =>
    key === "iamPath" && doc.platform.iamPath !== undefined ? ["platform", "iamPath"] : ["platform", "company"];

  // Quotas of the platform policies: they depend only on platform values, so measure them here.
  if (derived.iamPath.length > IAM_PATH_MAX)
    add(platformPath("iamPath"), `iamPath is ${derived.iamPath.length} characters; IAM allows at most ${IAM_PATH_MAX}`);
  const docs = platformPolicyDocuments(ctx.names);
  for (const key of Object.keys(docs) as PlatformPolicyKey[]) {
    const size = policySize(docs[key]);
    if (size > LIMITS.managedPolicySize)
      add(
        platformPath("iamPath"),
        `policy ${PLATFORM_POLICY_NAMES[key]} would be ${size} characters; IAM allows ${LIMITS.managedPolicySize} per managed policy (shorten iamPath or company)`,
      );
  }

  // Console passwords: without a PGP key the provider stores the generated password in state.
  const pgpKey = doc.identity.pgpKey;
  if (pgpKey !== undefined && !PGP_KEY.test(pgpKey.trim()))
    add(
      ["identity", "pgpKey"],
      "must be a base64-encoded PGP public key (gpg --export <id> | base64 -w0) or keybase:<username>",
    );
  const checkLogin = (section: "admins" | "readonlyUsers", entry: string | { consoleLogin?: boolean }, i: number) => {
    const explicit = typeof entry === "string" ? undefined : entry.consoleLogin;
    if (!(explicit ?? doc.identity.consoleLoginDefault) || pgpKey) return;
    const why = explicit === undefined ? " (from identity.consoleLoginDefault)" : "";
    add(
      explicit === undefined ? [section, i] : [section, i, "consoleLogin"],
      `console login${why} needs identity.pgpKey: the generated password is stored in Terraform state in clear text without it`,
    );
  };
  doc.admins.forEach((a, i) => checkLogin("admins", a, i));
  const seenReadonly = new Map<string, number>();
  doc.readonlyUsers.forEach((u, i) => {
    const n = memberName(u);
    if (seenReadonly.has(n))
      add(["readonlyUsers", i], `duplicate readonly user '${n}' (already at readonlyUsers[${seenReadonly.get(n)}])`);
    else seenReadonly.set(n, i);
    checkLogin("readonlyUsers", u, i);
  });

  // The shared bucket is named by every project policy (§3.6).
  const anyProject = Object.values(doc.teams).some((t) => Object.keys(t.projects).length > 0);
  if (!doc.storage.sharedBucket && anyProject)
    add(
      ["storage", "sharedBucket"],
      "the shared-assets bucket is referenced by every project's policies: it must exist while any project is declared",
    );

  // Data safety (§1.4, §10 ops 4-5).
  for (const [teamId, team] of Object.entries(doc.teams)) {
    for (const [projectName, project] of Object.entries(team.projects))
      if (project.bucket.purge && project.status !== "retired")
        add(
          ["teams", teamId, "projects", projectName, "bucket", "purge"],
          `bucket.purge deletes the bucket '${ctx.names.projectBucket(teamId, projectName)}' and all its data: only allowed on a project with status: retired`,
        );
    const seen = new Map<string, number>();
    team.decommissioned.forEach((name, i) => {
      const path: PathSegment[] = ["teams", teamId, "decommissioned", i];
      if (seen.has(name)) add(path, `duplicate entry '${name}' (already at decommissioned[${seen.get(name)}])`);
      seen.set(name, i);
      if (!PROJECT_NAME.test(name)) add(path, `'${name}' is not a project name (^[a-z][a-z0-9-]*[a-z0-9]$)`);
      else if (name in team.projects)
        add(
          path,
          `project '${name}' is still declared under teams.${teamId}.projects: remove it there, or remove it from decommissioned`,
        );
    });
  }
  return out;
}
