/**
 * The team policy documents (platform-spec §8.8, §8.9), kept as templates in the spec's shape
 * (`team/<suffix>.json`). Pure functions of plain values so the org loader can measure them
 * against the managed-policy size quota before synthesis.
 */
import type { Names } from "../names";
import type { PolicyDocument } from "./policy-document";
import { policyTemplate, renderPolicy, type PolicyTemplate, type PolicyValues } from "./render-policy";
import teamAccess from "./team/Team-Access.json";
import denyCrossTeam from "./team/DenyCrossTeam.json";

export interface TeamPolicyProps {
  readonly names: Names;
  /** Short team id (`rc`): the prefix of every workload resource of the team (§0.2). */
  readonly team: string;
  /** Team full name (`risk-control`): the value of every `Team` tag (§11.4). */
  readonly teamFullName: string;
}

export type TeamPolicySuffix = "Team-Access" | "DenyCrossTeam";

/** Attachment order of the team policies on the team group (§6.1). */
export const TEAM_POLICY_SUFFIXES: readonly TeamPolicySuffix[] = ["Team-Access", "DenyCrossTeam"];

/** §8.8 and §8.9, in the spec's shape. */
export const TEAM_POLICY_TEMPLATES: Readonly<Record<TeamPolicySuffix, PolicyTemplate>> = {
  "Team-Access": policyTemplate(teamAccess),
  DenyCrossTeam: policyTemplate(denyCrossTeam),
};

/** The placeholder values of a team's policies. */
function teamPolicyValues(p: TeamPolicyProps): PolicyValues {
  const { region, accountId: account } = p.names.p;
  return { region, account, team: p.team, teamFullName: p.teamFullName };
}

/** Both team policies, in attachment order. */
export function teamPolicyDocuments(p: TeamPolicyProps): Record<TeamPolicySuffix, PolicyDocument> {
  const values = teamPolicyValues(p);
  return {
    "Team-Access": renderPolicy(TEAM_POLICY_TEMPLATES["Team-Access"], values),
    DenyCrossTeam: renderPolicy(TEAM_POLICY_TEMPLATES.DenyCrossTeam, values),
  };
}
