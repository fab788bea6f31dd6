import { editExampleOrg } from "../support/org";
import { resourceList, synthExample, synthOrg } from "../support/synth";

describe("workspaces of the example org", () => {
  const out = synthExample();

  it("synthesizes network, foundation, domain, registry and a team and a homes workspace per team", () => {
    expect(Object.keys(out.json).sort()).toEqual([
      "domain",
      "domain-algo",
      "domain-rc",
      "foundation",
      "network",
      "registry",
      "team-algo",
      "team-rc",
    ]);
  });

  it("uses a relative local state path per workspace (no machine paths in the JSON)", () => {
    for (const [ws, stack] of Object.entries(out.json)) {
      expect(stack.terraform.backend.local.path).toBe(`../../../terraform-state/${ws}.tfstate`);
      expect(out.text[ws]).not.toMatch(/\/(tmp|home|root|work)\//);
    }
  });

  it("guards every workspace with the configured account id and region, and the Terraform version", () => {
    for (const stack of Object.values(out.json)) {
      expect(stack.terraform.required_version).toBe(">= 1.7.0");
      expect(stack.provider.aws[0].allowed_account_ids).toEqual(["123456789012"]);
      expect(stack.provider.aws[0].region).toBe("ap-northeast-1");
    }
  });

  it("the domain reads network and foundation outputs through remote state with defaults (and its own, for the homes guard)", () => {
    const remote = out.json.domain.data.terraform_remote_state;
    expect(Object.keys(remote).sort()).toEqual(["remote-domain", "remote-foundation", "remote-network"]);
    expect(remote["remote-network"].defaults.studio_security_group_id).toMatch(/^sg-/);
    const domain = resourceList(out.json.domain, "aws_sagemaker_domain")[0];
    expect(domain.default_user_settings.security_groups).toEqual([
      "${data.terraform_remote_state.remote-network.outputs.studio_security_group_id}",
    ]);
    expect(out.json.network.output.studio_security_group_id.value).toMatch(/aws_security_group/);
  });
});

describe("consumers warn while an upstream workspace has not applied its outputs", () => {
  const out = synthExample();

  it("each remote-state read comes with a check block comparing every output with its placeholder", () => {
    const checks = out.json.domain.check;
    expect(Object.keys(checks).sort()).toEqual(["foundation_outputs_applied", "network_outputs_applied"]);
    const condition: string = checks.network_outputs_applied.assert[0].condition;
    expect(condition).toContain(
      'try(jsonencode(data.terraform_remote_state.remote-network.outputs.studio_security_group_id), "") != "\\"sg-00000000000000000\\""',
    );
    expect(checks.network_outputs_applied.assert[0].error_message).toMatch(/Apply 'network' first/);
    expect(Object.keys(out.json["team-rc"].check)).toEqual(["network_outputs_applied"]);
    // Producers read nobody: no check.
    expect(out.json.network.check).toBeUndefined();
  });
});

describe("workspaces with the Terraform Cloud backend", () => {
  const out = synthOrg(
    editExampleOrg({
      platform: (d) => (d.backend = { type: "cloud", organization: "acme", workspacePrefix: "sagemaker-" }),
    }),
  );

  it("gives each stack its own named cloud workspace", () => {
    for (const [ws, stack] of Object.entries(out.json)) {
      expect(stack.terraform.cloud).toEqual({
        hostname: "app.terraform.io",
        organization: "acme",
        workspaces: { name: `sagemaker-${ws}` },
      });
      expect(stack.terraform.backend).toBeUndefined();
    }
  });

  it("reads upstream workspaces through remote state of the same organization", () => {
    const remote = out.json.domain.data.terraform_remote_state["remote-network"];
    expect(remote.backend).toBe("remote");
    expect(remote.config).toEqual({
      hostname: "app.terraform.io",
      organization: "acme",
      workspaces: { name: "sagemaker-network" },
    });
    expect(remote.defaults.studio_security_group_id).toMatch(/^sg-/);
  });
});
