/**
 * A real, offline `terraform plan -refresh=false` of one synthesized workspace, in the layout
 * `npm run synth` produces: `<root>/cdktf.out/stacks/<workspace>/cdk.tf.json` with its local
 * backend state in `<root>/terraform-state/<workspace>.tfstate` (the same file the workspace's
 * self remote-state read opens). Only for workspaces without AWS data sources or imports (a
 * `transform` may drop a data source the plan does not need).
 *
 * The account guard is dropped and fake credentials are used; the provider is told not to call AWS.
 */
import { spawnSync, type SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { App } from "cdktf";
import type { TerraformEnv } from "../../scripts/terraform-offline";

export const AWS_PROVIDER = 'provider["registry.terraform.io/hashicorp/aws"]';

/** One managed resource instance as an earlier apply left it in state. */
export function stateResource(type: string, name: string, attributes: Record<string, unknown>) {
  return { mode: "managed", type, name, provider: AWS_PROVIDER, instances: [{ schema_version: 0, attributes }] };
}

/**
 * A v4 state file holding these resources and a `retained_projects` output (and `extraOutputs`,
 * string lists: e.g. the foundation's `buckets_moved`).
 */
export function stateFile(
  resources: unknown[],
  retainedProjects: Record<string, string>,
  extraOutputs: Record<string, string[]> = {},
) {
  return {
    version: 4,
    terraform_version: "1.11.4",
    serial: 1,
    lineage: "6f1c1a52-0000-4000-8000-000000000001",
    outputs: {
      retained_projects: {
        value: retainedProjects,
        type: ["object", Object.fromEntries(Object.keys(retainedProjects).map((k) => [k, "string"]))],
      },
      ...Object.fromEntries(
        Object.entries(extraOutputs).map(([name, value]) => [
          name,
          { value, type: ["tuple", value.map(() => "string")] },
        ]),
      ),
    },
    resources,
  };
}

export class OfflinePlan {
  readonly dir: string;
  readonly stateFile: string;
  private readonly env: NodeJS.ProcessEnv;

  /** Copies `workspace` from the synthesized app output into `<root>/cdktf.out/stacks/` and runs `init`. */
  constructor(
    private readonly tf: TerraformEnv,
    app: App,
    readonly workspace: string,
    private readonly root: string,
    transform: (json: any) => void = () => {},
  ) {
    this.dir = path.join(root, "cdktf.out", "stacks", workspace);
    this.stateFile = path.join(root, "terraform-state", `${workspace}.tfstate`);
    this.env = {
      ...tf.env,
      AWS_ACCESS_KEY_ID: "AKIAOFFLINEPLAN0000",
      AWS_SECRET_ACCESS_KEY: "offline",
      AWS_EC2_METADATA_DISABLED: "true",
    };
    const json = JSON.parse(fs.readFileSync(path.join(app.outdir, "stacks", workspace, "cdk.tf.json"), "utf8"));
    if (json.terraform.backend?.local?.path !== `../../../terraform-state/${workspace}.tfstate`)
      throw new Error(`${workspace}: expected the local backend of an example-like org`);
    for (const provider of json.provider.aws) delete provider.allowed_account_ids;
    transform(json);
    fs.mkdirSync(this.dir, { recursive: true });
    // Indented like `npm run synth` writes it, so diagnostics quote one line, not the whole file.
    fs.writeFileSync(path.join(this.dir, "cdk.tf.json"), JSON.stringify(json, null, 2));
    fs.writeFileSync(
      path.join(this.dir, "offline_override.tf.json"),
      JSON.stringify({
        provider: {
          aws: [{ skip_credentials_validation: true, skip_requesting_account_id: true, skip_metadata_api_check: true }],
        },
      }),
    );
    this.run(["init"]);
  }

  terraform([command, ...args]: string[]): SpawnSyncReturns<string> {
    const flags = ["-no-color", ...(command === "show" ? [] : ["-input=false"])];
    return spawnSync(this.tf.bin, [command, ...flags, ...args], {
      cwd: this.dir,
      env: this.env,
      encoding: "utf8",
      timeout: 300_000,
    });
  }

  run(args: string[]): string {
    const r = this.terraform(args);
    if (r.status !== 0) throw new Error(`terraform ${args[0]} failed:\n${r.stdout}\n${r.stderr}`);
    return r.stdout;
  }

  /** Replaces the workspace's state (`undefined`: no state file, as before the first apply). */
  writeState(state: unknown | undefined): void {
    this.writeWorkspaceState(this.workspace, state);
  }

  /** Replaces another workspace's state next to this one's, as its remote-state reads find it. */
  writeWorkspaceState(workspace: string, state: unknown | undefined): void {
    const file = path.join(this.root, "terraform-state", `${workspace}.tfstate`);
    fs.rmSync(file, { force: true });
    if (state === undefined) return;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(state));
  }

  /** The plan as `terraform show -json`; throws with Terraform's output when planning fails. */
  plan(): any {
    this.run(["plan", "-refresh=false", "-out=plan.bin"]);
    return JSON.parse(this.run(["show", "-json", "plan.bin"]));
  }

  /** A plan expected to fail: Terraform's diagnostics on one line (box-drawing frames removed). */
  failedPlan(): string {
    const r = this.terraform(["plan", "-refresh=false"]);
    if (r.status === 0) throw new Error(`terraform plan succeeded, a failure was expected:\n${r.stdout}`);
    return r.stderr.replace(/\s*│\s*/g, " ").replace(/\s+/g, " ");
  }
}

/** Planned actions by resource address. */
export function plannedActions(plan: any): Record<string, string[]> {
  return Object.fromEntries((plan.resource_changes ?? []).map((c: any) => [c.address, c.change.actions]));
}

/** The evaluated message of a failed retention guard (it follows the source line quoting its template). */
export function guardMessage(diagnostics: string): string {
  const at = diagnostics.lastIndexOf("Data would be destroyed:");
  if (at < 0) throw new Error(`no retention-guard message in:\n${diagnostics}`);
  return diagnostics.slice(at);
}
