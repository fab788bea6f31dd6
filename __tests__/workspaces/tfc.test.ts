/**
 * The `tfc` workspace (Terraform Cloud as code, workspaces/tfc.ts). The tfe provider is not in
 * the offline mirror, so its Terraform JSON is asserted here; the expected sharing and triggers
 * are read from the other workspaces' own remote-state blocks, not from the code that builds them.
 */
import { editExampleOrg } from "../support/org";
import { synthExample, synthOrg, type StackJson } from "../support/synth";

const CLOUD = {
  type: "cloud",
  organization: "acme",
  workspacePrefix: "sagemaker-",
  tfc: {
    awsRunRoleArn: "arn:aws:iam::123456789012:role/tfc-deployer",
    teamAccess: { "platform-admins": "admin", reviewers: "read" },
    cliArgs: { plan: "-parallelism=20" },
  },
};

const cloudOrg = (teams?: (d: any) => void, tfc: Record<string, unknown> = CLOUD.tfc) =>
  synthOrg(editExampleOrg({ platform: (d) => (d.backend = { ...CLOUD, tfc }), teams }));

/** Workspace -> the platform workspaces whose state it reads (its remote-state blocks, self excluded). */
function reads(json: Record<string, StackJson>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [ws, stack] of Object.entries(json)) {
    if (ws === "tfc") continue;
    out[ws] = Object.values<any>(stack.data?.terraform_remote_state ?? {})
      .map((r) => String(r.config.workspaces.name).replace(/^sagemaker-/, ""))
      .filter((w) => w !== ws)
      .sort();
  }
  return out;
}

const ref = (ws: string) => `\${tfe_workspace.workspace-${ws}.id}`;

describe("tfc workspace (Terraform Cloud as code)", () => {
  const out = cloudOrg();
  const tfc = out.json.tfc;
  const platform = Object.keys(out.json).filter((w) => w !== "tfc");

  it("is synthesized only with a cloud backend", () => {
    expect(Object.keys(synthExample().json)).not.toContain("tfc");
    expect(tfc.terraform.cloud).toEqual({
      hostname: "app.terraform.io",
      organization: "acme",
      workspaces: { name: "sagemaker-tfc" },
    });
    expect(tfc.terraform.required_providers.tfe.source).toBe("hashicorp/tfe");
    expect(tfc.provider.aws).toBeUndefined();
  });

  it("one workspace per stack, in one project, with the name each stack's cloud block uses", () => {
    const workspaces = tfc.resource.tfe_workspace;
    expect(Object.keys(workspaces).sort()).toEqual(platform.map((w) => `workspace-${w}`).sort());
    for (const ws of platform) {
      expect(workspaces[`workspace-${ws}`]).toMatchObject({
        name: out.json[ws].terraform.cloud.workspaces.name,
        organization: "acme",
        project_id: "${tfe_project.project.id}",
        working_directory: `cdktf.out/stacks/${ws}`,
        auto_apply: false,
      });
      expect(tfc.resource.tfe_workspace_settings[`settings-${ws}`]).toMatchObject({
        execution_mode: "remote",
        global_remote_state: false,
      });
    }
  });

  it("shares each state exactly with the workspaces that read it, and triggers them", () => {
    const readers = reads(out.json);
    for (const ws of platform) {
      const consumers = platform.filter((c) => readers[c].includes(ws));
      expect({
        ws,
        consumers: [...tfc.resource.tfe_workspace_settings[`settings-${ws}`].remote_state_consumer_ids].sort(),
      }).toEqual({
        ws,
        consumers: consumers.map(ref).sort(),
      });
    }
    const triggers = Object.values<any>(tfc.resource.tfe_run_trigger).map(
      (t) => `${t.sourceable_id} -> ${t.workspace_id}`,
    );
    const expected = platform.flatMap((ws) => readers[ws].map((up) => `${ref(up)} -> ${ref(ws)}`));
    expect(triggers.sort()).toEqual(expected.sort());
    // The example: teams and the domain read network and foundation; nobody reads a team.
    expect(readers.domain).toEqual(["foundation", "network"]);
    expect(readers["team-rc"]).toEqual(["foundation", "network"]);
    // A team's homes read the domain's id and the Studio security group.
    expect(readers["domain-rc"]).toEqual(["domain", "network"]);
  });

  it("a new team in the org file adds its workspace, its sharing and its triggers", () => {
    const more = cloudOrg((d) => {
      d.teams.ops = { fullName: "operations", users: { zed: {} }, projects: { "ops-tooling": { members: ["zed"] } } };
    }).json.tfc;
    expect(more.resource.tfe_workspace["workspace-team-ops"].name).toBe("sagemaker-team-ops");
    expect(more.resource.tfe_workspace["workspace-domain-ops"].name).toBe("sagemaker-domain-ops");
    expect(more.resource.tfe_workspace["workspace-team-ops"].tag_names).toEqual(["sagemaker-platform", "team"]);
    expect(more.resource.tfe_workspace["workspace-domain-ops"].tag_names).toEqual(["sagemaker-platform", "team-homes"]);
    expect(more.resource.tfe_workspace["workspace-domain"].tag_names).toEqual(["sagemaker-platform", "domain"]);
    expect(more.resource.tfe_workspace_settings["settings-network"].remote_state_consumer_ids).toContain(
      ref("team-ops"),
    );
    expect(Object.keys(more.resource.tfe_run_trigger)).toEqual(
      expect.arrayContaining(["trigger-network-to-team-ops", "trigger-foundation-to-team-ops"]),
    );
  });

  it("dynamic credentials and CLI arguments for every workspace of the project; team access on the project", () => {
    const vars = Object.values<any>(tfc.resource.tfe_variable).map((v) => [v.key, v.value, v.category]);
    expect(vars.sort()).toEqual([
      ["TFC_AWS_PROVIDER_AUTH", "true", "env"],
      ["TFC_AWS_RUN_ROLE_ARN", "arn:aws:iam::123456789012:role/tfc-deployer", "env"],
      ["TF_CLI_ARGS_plan", "-parallelism=20", "env"],
    ]);
    expect(tfc.resource.tfe_project_variable_set["variables-project"]).toMatchObject({
      project_id: "${tfe_project.project.id}",
      variable_set_id: "${tfe_variable_set.variables.id}",
    });
    expect(
      Object.values<any>(tfc.resource.tfe_team_project_access)
        .map((a) => a.access)
        .sort(),
    ).toEqual(["admin", "read"]);
    expect(Object.keys(tfc.data.tfe_team).sort()).toEqual(["team-platform-admins", "team-reviewers"]);
  });

  it("without a run role no credential variables are set (runs then use the agent's or local credentials)", () => {
    const bare = cloudOrg(undefined, {}).json.tfc;
    expect(bare.resource.tfe_variable).toBeUndefined();
  });
});
