/**
 * The cdktf CLI (pinned cdktf-cli 0.21.0) drives our app as cdktf.json says: `cdktf synth` writes
 * every workspace, `cdktf list` names them. Offline: the checkpoint service is disabled and no
 * provider is downloaded (the app needs none to synthesize). `cdktf diff/deploy <stack>` run
 * `terraform init/plan/apply` in `cdktf.out/stacks/<stack>` and need credentials (README).
 *
 * SKIPPED (loudly) where terraform is absent: the CLI checks its version before synthesizing.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { terraformBinary } from "../scripts/terraform-offline";
import { ROOT } from "./support/org";

const terraform = terraformBinary();
const maybe = terraform ? it : it.skip;
if (!terraform) process.stderr.write("\n!! SKIPPED: cdktf CLI test (terraform is not on the PATH)\n");

const out = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-cli-"));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

function cdktf(...args: string[]) {
  return spawnSync(path.join(ROOT, "node_modules", ".bin", "cdktf"), args, {
    cwd: ROOT,
    env: { ...process.env, CI: "1", CHECKPOINT_DISABLE: "1" },
    encoding: "utf8",
    timeout: 240_000,
  });
}

const WORKSPACES = ["domain", "domain-algo", "domain-rc", "foundation", "network", "registry", "team-algo", "team-rc"];

describe("cdktf CLI with our app", () => {
  maybe(
    "cdktf synth writes every workspace; cdktf list names them",
    () => {
      const synth = cdktf("synth", "--output", out);
      expect({ status: synth.status, stderr: synth.status ? synth.stderr : "" }).toEqual({ status: 0, stderr: "" });
      for (const ws of WORKSPACES) expect(fs.existsSync(path.join(out, "stacks", ws, "cdk.tf.json"))).toBe(true);
      const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8"));
      expect(Object.keys(manifest.stacks).sort()).toEqual(WORKSPACES);

      const list = cdktf("list", "--output", out);
      expect(list.status).toBe(0);
      const names = list.stdout
        .split("\n")
        .map((l) => l.trim().split(/\s+/)[0])
        .filter((n) => WORKSPACES.includes(n));
      expect(names.sort()).toEqual(WORKSPACES);
    },
    480_000,
  );
});
