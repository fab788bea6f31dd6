/**
 * The plan-time guards of the workspaces, from the org: retention (data-holding workspaces), team,
 * bucket policies and company pin (modules/state/).
 */
import type { TerraformRemoteState } from "cdktf";
import {
  projectKey,
  RETAINED_PROJECTS_OUTPUT,
  RetentionGuard,
  type Protection,
} from "../modules/state/retention-guard";
import { TeamGuard } from "../modules/state/team-guard";
import { PinnedValue } from "../modules/state/pinned-value";
import { LedgerGuard, readOnlyExistingState } from "../modules/state/ledger-guard";
import type { Project, Team } from "../org/model";
import { localStatePath, type WorkspaceStack } from "./workspace-stack";

export interface WorkspaceRetention<P extends RetainedProject = Project> {
  /** How a declared project's data is held in this workspace, or undefined if it has none here. */
  readonly protection: (project: P) => Protection | undefined;
  /** What a project loses, for the message, e.g. `bucket`. */
  readonly data: string;
  /** The purge flag to set on the retired project, e.g. `bucket: { purge: true }`. */
  readonly purgeFlag: string;
  /** Operator documentation of the flows. */
  readonly docs: string;
}

/**
 * Records which projects' data `stack` manages and fails a plan that would drop one that is
 * neither declared, decommissioned nor purge-armed. Every declared or decommissioned project
 * may be absent from `managed` next time.
 */
/** A project as the retention guard sees it: its name in its team. */
export interface RetainedProject {
  readonly name: string;
}

/** A team's declared projects and the names in its `decommissioned` list. */
export interface RetainedTeam<P extends RetainedProject> {
  readonly id: string;
  readonly projects: readonly P[];
  readonly decommissioned: readonly string[];
}

export function addRetentionGuard<P extends RetainedProject>(
  stack: WorkspaceStack,
  teams: readonly RetainedTeam<P>[],
  retention: WorkspaceRetention<P>,
): RetentionGuard {
  const managed: Record<string, Protection> = {};
  const accountedFor: string[] = [];
  for (const team of teams) {
    for (const project of team.projects) {
      const key = projectKey(team.id, project.name);
      const p = retention.protection(project);
      if (p) managed[key] = p;
      accountedFor.push(key);
    }
    for (const name of team.decommissioned) accountedFor.push(projectKey(team.id, name));
  }
  return new RetentionGuard(stack, "retention-guard", {
    workspace: stack.workspace,
    previousState: stack.remoteState(stack.workspace, RetentionGuard.STATE_DEFAULTS),
    localStateFile: stack.localStateFile,
    managed,
    accountedFor,
    data: retention.data,
    purgeFlag: retention.purgeFlag,
    docs: retention.docs,
  });
}

/**
 * Fails a plan of `stack` (the foundation workspace) that drops a team still holding access:
 * only a team removed at the last apply and listed in `decommissionedTeams` may go.
 */
export function addTeamGuard(
  stack: WorkspaceStack,
  teams: readonly Pick<Team, "id" | "status">[],
  decommissioned: readonly string[],
): TeamGuard {
  return new TeamGuard(stack, "team-guard", {
    previousState: stack.remoteState(stack.workspace, RetentionGuard.STATE_DEFAULTS),
    teams: Object.fromEntries(teams.map((t) => [t.id, t.status])),
    decommissioned,
    docs: "docs/operations.md",
  });
}

/** The company (in every data name) and the one a planned rename comes from (`platform.companyRenamedFrom`). */
export interface CompanySetting {
  readonly company: string;
  readonly companyRenamedFrom?: string;
}

/** Output holding the company of the last apply: a state contract, never renamed. */
export const COMPANY_OUTPUT = "company";

/**
 * Fails a plan of a data-holding workspace (`stack`) whose company differs from the company of
 * its last apply, unless `platform.companyRenamedFrom` names that company: the company is in
 * every bucket, repository and log-group name, so a rename replaces data, never silently.
 */
export function addCompanyPin(
  stack: WorkspaceStack,
  company: CompanySetting,
  stateDefaults: Record<string, unknown>,
): PinnedValue {
  return companyPin(stack, company, stack.remoteState(stack.workspace, stateDefaults), true);
}

/**
 * The company pin of a team workspace, against the foundation's last apply (which runs first):
 * a team workspace renames every bucket policy's bucket with the company, which would lift the
 * policy off the old bucket.
 */
export function addFoundationCompanyPin(stack: WorkspaceStack, company: CompanySetting): PinnedValue {
  return companyPin(stack, company, foundationState(stack), false);
}

function companyPin(
  stack: WorkspaceStack,
  { company, companyRenamedFrom }: CompanySetting,
  previousState: TerraformRemoteState,
  publish: boolean,
) {
  return new PinnedValue(stack, "company-pin", {
    guardId: "company-pin",
    outputName: COMPANY_OUTPUT,
    outputDescription:
      "The company of this apply; the next plan fails if the org files name another one without platform.companyRenamedFrom",
    previousState,
    publish,
    localStateFile: publish ? stack.localStateFile : foundationLocalState(stack),
    value: company,
    accept: companyRenamedFrom ? [companyRenamedFrom] : [],
    message: (previous) =>
      `The company would change from '${previous}' to '${company}' in the ${stack.workspace} workspace. ` +
      "Every bucket, repository and log-group name holds it, so this plan would replace them and their data. " +
      `If this is a planned migration, set platform.companyRenamedFrom: ${previous} for this change ` +
      "(the data-protection guards still apply) and remove it after the apply (docs/operations.md); otherwise restore platform.company.",
  });
}

/** The foundation's state as a team workspace reads it (the foundation applies first). */
function foundationState(stack: WorkspaceStack): TerraformRemoteState {
  return stack.remoteState("foundation", RetentionGuard.STATE_DEFAULTS);
}

/** The foundation's last apply, read only where it exists (its ledgers and markers). */
export function foundationLedgerState(stack: WorkspaceStack): TerraformRemoteState {
  const foundation = foundationState(stack);
  readOnlyExistingState(foundation, foundationLocalState(stack));
  return foundation;
}

function foundationLocalState(stack: WorkspaceStack): string | undefined {
  return stack.localStateFile ? localStatePath("foundation") : undefined;
}

/**
 * Fails a plan of a team workspace that would delete the bucket (and its policy) of a project
 * whose bucket the foundation's ledger still protects: the data goes only purge-armed, and is
 * released with its policy when the project is decommissioned. Reads the foundation's ledger, not
 * its own state: the foundation applies first, and a new team workspace needs no state of its own
 * before its first plan.
 */
export function addBucketPolicyGuard(stack: WorkspaceStack, team: Team): LedgerGuard {
  const foundation = foundationLedgerState(stack);
  const prefix = projectKey(team.id, "");
  return new LedgerGuard(stack, "bucket-policy-guard", {
    guardId: "bucket-policy-guard",
    outputName: RETAINED_PROJECTS_OUTPUT,
    outputDescription: "",
    previousState: foundation,
    keyPrefix: prefix,
    keep: [
      ...team.projects.map((p) => projectKey(team.id, p.name)),
      ...team.decommissioned.map((n) => projectKey(team.id, n)),
    ],
    freeStatuses: ["purge-armed"],
    message: (lost) =>
      `Data would be destroyed: ${lost} still had a protected bucket at the foundation's last apply ` +
      `and no longer appear in the org files, so this plan would delete each bucket and the policy that guards its data. ` +
      "Restore the project entry (status: retired keeps the bucket and a deny-only policy), list it in " +
      "teams.<team>.decommissioned, or purge it first (docs/foundation.md).",
  });
}
