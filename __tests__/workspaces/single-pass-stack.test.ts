/**
 * The single-pass synthesis (workspaces/single-pass-stack.ts) against cdktf's own three-pass path:
 * every workspace of the example org, with a local and a Terraform Cloud backend, renders the same
 * Terraform JSON, and cdktf's preparing pass would add no element (no cross-stack reference).
 */
import * as os from "os";
import * as path from "path";
import * as fs from "fs";
import { TerraformStack } from "cdktf";
import { buildApp, synthesize } from "../../workspaces/app";
import { stableJson } from "../../workspaces/stable-json";
import type { SinglePassStack } from "../../workspaces/single-pass-stack";
import { editExampleOrg, loadExampleOrg } from "../support/org";

const CLOUD = { type: "cloud", organization: "acme", workspacePrefix: "sagemaker-" };

// The serializer cdktf's own synthesizer writes with (a dependency of cdktf, resolved from it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cdktfStringify = require(require.resolve("json-stable-stringify", { paths: [require.resolve("cdktf")] })) as (
  v: unknown,
  o: { space: number },
) => string;
/** The bytes cdktf 0.21 writes for a stack's JSON. */
const cdktfText = (v: unknown) => cdktfStringify(v, { space: 2 });

describe("stableJson", () => {
  it.each([
    ["empty containers", { a: [], b: {}, c: [{}], d: "" }],
    ["key order: code units, integer-like keys", { b: 1, a: 2, "10": 3, "9": 4, Z: 5, é: 6, "": 7 }],
    ["nulls, undefined, numbers, escapes", { n: null, u: undefined, l: [undefined, 1.5, -0, 1e21], s: 'q"\\n\u2028' }],
    ["nesting", { x: [[["deep", { y: [true, false] }]]] }],
  ])("writes what cdktf's serializer writes: %s", (_name, value) => {
    expect(stableJson(value)).toBe(cdktfText(value));
  });
});

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

  it.each(stacks.map((s) => [s.node.id, s] as const))("%s: the bytes cdktf's own passes write", (_id, stack) => {
    stack.prepareStack();
    const ours = stableJson(stack.toTerraform());
    const count = stack.node.findAll().length;
    TerraformStack.prototype.prepareStack.call(stack);
    expect(stack.node.findAll().length).toBe(count);
    expect(ours).toBe(cdktfText(TerraformStack.prototype.toTerraform.call(stack)));
  });

  it("synthesis writes each workspace's file from the text it keeps for the checks", () => {
    const dir = path.join(outdir, "synth");
    const platform = synthesize(org(), dir);
    for (const stack of platform.app.node.children as SinglePassStack[]) {
      const file = fs.readFileSync(path.join(dir, "stacks", stack.node.id, "cdk.tf.json"), "utf8");
      expect(stack.rendered?.text).toBe(file);
      expect(stack.rendered?.json).toEqual(JSON.parse(file));
    }
  });
});
