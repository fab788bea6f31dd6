/**
 * The team policy documents (platform-spec §8.8, §8.9). Pure functions of plain values so the
 * org loader can measure them against the managed-policy size quota before synthesis.
 */
import type { Names } from "../names";
import { denyOutside, policyDocument, type PolicyDocument } from "./policy-document";

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

/** §8.8: describe the team's spaces. The condition compares with the `Team` tag = full name. */
export function teamAccessPolicy(p: TeamPolicyProps): PolicyDocument {
  const { region, accountId } = p.names.p;
  return policyDocument([
    {
      Sid: "AllowDescribeTeamSpaces",
      Effect: "Allow",
      Action: ["sagemaker:DescribeSpace", "sagemaker:ListApps"],
      Resource: `arn:aws:sagemaker:${region}:${accountId}:space/*`,
      // §11.4: the same value the domain workspace writes into the space's Team tag.
      Condition: { StringEquals: { "sagemaker:ResourceTag/Team": p.teamFullName } },
    },
  ]);
}

/** §8.9: deny mutating or invoking SageMaker resources outside the `{team}-` prefix. */
export function denyCrossTeamPolicy(p: TeamPolicyProps): PolicyDocument {
  const { region, accountId } = p.names.p;
  const arn = (type: string) => `arn:aws:sagemaker:${region}:${accountId}:${type}/${p.team}-*`;
  const deny = denyOutside;
  return policyDocument([
    deny("DenyDeleteOtherTeamModels", "sagemaker:DeleteModel", arn("model")),
    deny("DenyDeleteOtherTeamEndpointConfigs", "sagemaker:DeleteEndpointConfig", arn("endpoint-config")),
    deny(
      "DenyModifyOtherTeamEndpoints",
      ["sagemaker:DeleteEndpoint", "sagemaker:UpdateEndpoint", "sagemaker:UpdateEndpointWeightsAndCapacities"],
      arn("endpoint"),
    ),
    deny(
      "DenyInvokeOtherTeamEndpoints",
      ["sagemaker:InvokeEndpoint", "sagemaker:InvokeEndpointAsync", "sagemaker:InvokeEndpointWithResponseStream"],
      arn("endpoint"),
    ),
    deny("DenyStopOtherTeamTransformJobs", "sagemaker:StopTransformJob", arn("transform-job")),
    deny("DenyStopOtherTeamTrainingJobs", "sagemaker:StopTrainingJob", arn("training-job")),
    deny("DenyStopOtherTeamProcessingJobs", "sagemaker:StopProcessingJob", arn("processing-job")),
    deny("DenyStopOtherTeamHPOJobs", "sagemaker:StopHyperParameterTuningJob", arn("hyper-parameter-tuning-job")),
    deny(
      "DenyModifyOtherTeamExperiments",
      [
        "sagemaker:DeleteExperiment",
        "sagemaker:UpdateExperiment",
        "sagemaker:DeleteTrial",
        "sagemaker:UpdateTrial",
        "sagemaker:DeleteTrialComponent",
        "sagemaker:UpdateTrialComponent",
      ],
      [arn("experiment"), arn("experiment-trial"), arn("experiment-trial-component")],
    ),
    deny(
      "DenyModifyOtherTeamModelPackages",
      ["sagemaker:DeleteModelPackage", "sagemaker:UpdateModelPackage", "sagemaker:DeleteModelPackageGroup"],
      [arn("model-package"), arn("model-package-group")],
    ),
  ]);
}

/** Both team policies, in attachment order. */
export function teamPolicyDocuments(p: TeamPolicyProps): Record<TeamPolicySuffix, PolicyDocument> {
  return { "Team-Access": teamAccessPolicy(p), DenyCrossTeam: denyCrossTeamPolicy(p) };
}
