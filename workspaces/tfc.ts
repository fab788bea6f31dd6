/**
 * `tfc` workspace (only with `backend.type: cloud`): Terraform Cloud itself as code. One
 * workspace per stack of the app in one project, remote-state sharing exactly as the workspaces
 * read each other, run triggers along the same reads, the AWS dynamic-credentials and CLI-argument
 * variables for the whole project, and team access. Adding a team in the org file adds its
 * workspace, its sharing and its triggers here. Bootstrap and the first applies:
 * docs/terraform-cloud.md.
 */
import { Construct } from "constructs";
import { CloudBackend, NamedCloudWorkspace, TerraformOutput } from "cdktf";
import { TfeProvider } from "@cdktf/provider-tfe/lib/provider";
import { Project } from "@cdktf/provider-tfe/lib/project";
import { Workspace } from "@cdktf/provider-tfe/lib/workspace";
import { WorkspaceSettings } from "@cdktf/provider-tfe/lib/workspace-settings";
import { RunTrigger } from "@cdktf/provider-tfe/lib/run-trigger";
import { VariableSet } from "@cdktf/provider-tfe/lib/variable-set";
import { Variable } from "@cdktf/provider-tfe/lib/variable";
import { ProjectVariableSet } from "@cdktf/provider-tfe/lib/project-variable-set";
import { DataTfeTeam } from "@cdktf/provider-tfe/lib/data-tfe-team";
import { TeamProjectAccess } from "@cdktf/provider-tfe/lib/team-project-access";
import type { OrgModel } from "../org/model";
import { MIN_TERRAFORM_VERSION } from "./workspace-stack";
import { SinglePassStack } from "./single-pass-stack";

export const TFC_WORKSPACE = "tfc";

/** One tag per kind of workspace: `team` for `team-<id>`, `team-homes` for `domain-<id>`, else its name. */
export function workspaceKindTag(workspace: string): string {
  if (workspace.startsWith("team-")) return "team";
  if (workspace.startsWith("domain-")) return "team-homes";
  return workspace;
}

type CloudBackendSettings = Extract<OrgModel["backend"], { type: "cloud" }>;

/** What the tfc workspace needs of each platform workspace: its name and whose state it reads. */
export interface WorkspaceReads {
  readonly workspace: string;
  readonly upstreamWorkspaces: readonly string[];
}

export interface TfcStackProps {
  /** The org's Terraform Cloud settings (`backend` with `type: cloud`). */
  readonly backend: CloudBackendSettings;
  /** Named in each workspace's description. */
  readonly company: string;
  /** Every platform workspace, with the workspaces whose state it reads. */
  readonly workspaces: readonly WorkspaceReads[];
}

export class TfcStack extends SinglePassStack {
  readonly workspace = TFC_WORKSPACE;
  /** It reads no other workspace's state. */
  readonly upstreamWorkspaces: readonly string[] = [];

  constructor(scope: Construct, props: TfcStackProps) {
    super(scope, TFC_WORKSPACE);
    const { backend, company, workspaces: stacks } = props;
    const { organization, hostname, workspacePrefix, tfc } = backend;
    const name = (workspace: string) => `${workspacePrefix}${workspace}`;
    // Its own state lives in a workspace created by hand once (the bootstrap, docs/terraform-cloud.md).
    new CloudBackend(this, { hostname, organization, workspaces: new NamedCloudWorkspace(name(TFC_WORKSPACE)) });
    this.addOverride("terraform.required_version", MIN_TERRAFORM_VERSION);
    new TfeProvider(this, "tfe", { hostname, organization });

    const project = new Project(this, "project", { name: tfc.project, organization });
    const workspaces = new Map<string, Workspace>();
    for (const stack of stacks) {
      const ws = new Workspace(this, `workspace-${stack.workspace}`, {
        name: name(stack.workspace),
        organization,
        projectId: project.id,
        description: `SageMaker platform (${company}): the ${stack.workspace} workspace, synthesized from the org files`,
        // CLI-driven runs upload cdktf.out/stacks/<workspace> (the pipeline, .github/workflows).
        workingDirectory: `cdktf.out/stacks/${stack.workspace}`,
        autoApply: false,
        terraformVersion: "~> 1.11.0",
        tagNames: ["sagemaker-platform", workspaceKindTag(stack.workspace)],
      });
      workspaces.set(stack.workspace, ws);
    }
    for (const stack of stacks) {
      // Sharing: exactly the workspaces that read this one's state (its own reads need none).
      const consumers = stacks.filter((s) => s.upstreamWorkspaces.includes(stack.workspace));
      new WorkspaceSettings(this, `settings-${stack.workspace}`, {
        workspaceId: workspaces.get(stack.workspace)!.id,
        executionMode: tfc.executionMode,
        agentPoolId: tfc.executionMode === "agent" ? tfc.agentPoolId : undefined,
        globalRemoteState: false,
        remoteStateConsumerIds: consumers.map((c) => workspaces.get(c.workspace)!.id),
      });
      // A new apply upstream queues a run of each reader (never applied without confirmation).
      for (const upstream of stack.upstreamWorkspaces)
        new RunTrigger(this, `trigger-${upstream}-to-${stack.workspace}`, {
          workspaceId: workspaces.get(stack.workspace)!.id,
          sourceableId: workspaces.get(upstream)!.id,
        });
    }

    // Variables every workspace of the project gets (new team workspaces included).
    const variables = new VariableSet(this, "variables", {
      name: `${tfc.project}-runs`,
      description: "AWS dynamic credentials and CLI arguments of the SageMaker platform's runs",
      organization,
    });
    new ProjectVariableSet(this, "variables-project", { projectId: project.id, variableSetId: variables.id });
    const env = (key: string, value: string, description: string) =>
      new Variable(this, `variable-${key.toLowerCase().replace(/_/g, "-")}`, {
        key,
        value,
        category: "env",
        description,
        variableSetId: variables.id,
      });
    if (tfc.awsRunRoleArn) {
      env("TFC_AWS_PROVIDER_AUTH", "true", "Terraform Cloud dynamic credentials for the AWS provider");
      env("TFC_AWS_RUN_ROLE_ARN", tfc.awsRunRoleArn, "The deployer role runs assume (docs/terraform-cloud.md)");
    }
    for (const [command, args] of Object.entries(tfc.cliArgs).sort())
      if (args) env(`TF_CLI_ARGS_${command}`, args, `Extra arguments of terraform ${command}`);

    for (const [team, access] of Object.entries(tfc.teamAccess).sort()) {
      const id = team.toLowerCase().replace(/[^a-z0-9]+/g, "-");
      const found = new DataTfeTeam(this, `team-${id}`, { name: team, organization });
      new TeamProjectAccess(this, `team-access-${id}`, { access, teamId: found.id, projectId: project.id });
    }

    new TerraformOutput(this, "workspace_ids", {
      value: Object.fromEntries([...workspaces].map(([ws, w]) => [ws, w.id])),
      description: "Terraform Cloud workspace id per platform workspace",
    });
  }
}
