/**
 * The single-pass synthesis (workspaces/single-pass-stack.ts) against cdktf's own three-pass path:
 * every workspace of the example org, with a local and a Terraform Cloud backend, renders the same
 * Terraform JSON, and cdktf's preparing pass would add no element (no cross-stack reference).
 */
import * as os from "os";
import * as path from "path";
import * as fs from "fs";
import { TerraformStack } from "cdktf";
import { buildApp } from "../../workspaces/app";
import { editExampleOrg, loadExampleOrg } from "../support/org";

const CLOUD = { type: "cloud", organization: "acme", workspacePrefix: "sagemaker-" };

/** Stable (sorted-key) JSON, as cdktf's synthesizer writes it. */
const stable = (v: unknown): string =>
  JSON.stringify(v, (_k, x) =>
    x && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(
          Object.keys(x as object)
            .sort()
            .map((k) => [k, (x as any)[k]]),
        )
      : x,
  );

describe.each([
  ["local backend", () => loadExampleOrg()],
  ["cloud backend", () => editExampleOrg({ platform: (d) => (d.backend = CLOUD) })],
])("single-pass stacks (%s)", (_name, org) => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "single-pass-"));
  const { app } = buildApp(org(), outdir);
  const stacks = app.node.findAll().filter(TerraformStack.isStack);
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  it("covers every workspace, the tfc stack included with a cloud backend", () => {
    expect(stacks.length).toBeGreaterThanOrEqual(6);
    expect(stacks.every((s) => s.toTerraform !== TerraformStack.prototype.toTerraform)).toBe(true);
  });

  it.each(stacks.map((s) => [s.node.id, s] as const))("%s renders what cdktf's own passes render", (_id, stack) => {
    stack.prepareStack();
    const ours = stable(stack.toTerraform());
    const count = stack.node.findAll().length;
    TerraformStack.prototype.prepareStack.call(stack);
    expect(stack.node.findAll().length).toBe(count);
    expect(ours).toBe(stable(TerraformStack.prototype.toTerraform.call(stack)));
  });
});
