import { DataTerraformRemoteStateLocal, Testing, TerraformStack } from "cdktf";
import { RetentionGuard, type RetentionGuardProps } from "../../../modules/state/retention-guard";

type Props = Omit<RetentionGuardProps, "previousState">;

const base: Props = {
  workspace: "foundation",
  managed: { "rc/b": "purge-armed", "rc/a": "protected" },
  accountedFor: ["rc/b", "rc/a", "algo/gone", "rc/a"],
  data: "bucket",
  purgeFlag: "bucket: { purge: true }",
  docs: "docs/foundation.md",
  localStateFile: "../state.tfstate",
};

function synth(props: Partial<Props> = {}): any {
  const stack = new TerraformStack(Testing.app(), "test");
  const previousState = new DataTerraformRemoteStateLocal(stack, "self", {
    path: "../state.tfstate",
    defaults: { ...RetentionGuard.STATE_DEFAULTS },
  });
  new RetentionGuard(stack, "retention-guard", { ...base, ...props, previousState });
  return JSON.parse(Testing.synth(stack));
}

describe("RetentionGuard", () => {
  it("publishes the managed projects and their protection, sorted by key", () => {
    const json = synth();
    expect(json.output.retained_projects.value).toEqual({ "rc/a": "protected", "rc/b": "purge-armed" });
    expect(Object.keys(json.output.retained_projects.value)).toEqual(["rc/a", "rc/b"]);
  });

  it("reads the previous output back, with an empty map as the default", () => {
    const json = synth();
    expect(json.data.terraform_remote_state.self.defaults).toEqual({ retained_projects: {}, live_teams: {} });
    expect(json.locals.retention_guard_lost).toContain(
      "for s in data.terraform_remote_state.self : try(s.outputs.retained_projects, {})",
    );
  });

  it("with a local backend, reads only a state file that holds a state (a missing state fails the read)", () => {
    expect(synth().data.terraform_remote_state.self.count).toBe(
      '${try(length(file("../state.tfstate")) > 0, false) ? 1 : 0}',
    );
    expect(synth({ localStateFile: undefined }).data.terraform_remote_state.self.count).toBe(1);
  });

  it("lets purge-armed projects and the accounted-for list (sorted, once each) leave; anything else fails the guard", () => {
    const json = synth();
    const lost: string = json.locals.retention_guard_lost;
    expect(lost).toContain('!contains(["purge-armed"], status)');
    expect(lost).toContain('!contains(["algo/gone","rc/a","rc/b"], key)');
    const [pre] = json.resource.terraform_data["retention-guard"].lifecycle.precondition;
    expect(pre.condition).toBe("${length(local.retention_guard_lost) == 0}");
    expect(pre.error_message).toContain(
      '${join(", ", local.retention_guard_lost)} had data in the foundation workspace',
    );
    expect(pre.error_message).toContain("teams.<team>.decommissioned");
    expect(pre.error_message).toContain("bucket: { purge: true }");
  });

  it("rejects keys that are not team/project", () => {
    expect(() => synth({ accountedFor: ["fraud-detection"] })).toThrow(/'fraud-detection' is not a team\/project key/);
    expect(() => synth({ managed: { 'rc/"x': "protected" } })).toThrow(/not a team\/project key/);
  });
});
