/**
 * `synthesizeOrg` (each workspace in an App of its own, on the main thread and on worker
 * threads) writes the bytes of `synthesize` (the whole platform in one App), manifest included,
 * and drops each workspace's tokens after it.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformOutput, TerraformStack } from "cdktf";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { loadOrgFromSources, type OrgSource } from "../../org/loader";
import type { OrgModel } from "../../org/model";
import { resourceCounts, synthesize, synthesizeWorkspace } from "../../workspaces/app";
import { synthesizeOrg, workerCount } from "../../workspaces/parallel-synth";
import { SinglePassStack } from "../../workspaces/single-pass-stack";
import { benchPlatformYaml, generatedTeamsYaml } from "../../bench/synth-bench";
import { outputFiles } from "../support/synth";
import { cloudBackend, editedExampleSources, exampleSources } from "../support/org";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "parallel-synth-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const orgs: [string, () => OrgSource[]][] = [
  ["the example org", exampleSources],
  [
    "the example org with a Terraform Cloud backend (tfc workspace)",
    () => editedExampleSources({ platform: cloudBackend }),
  ],
  [
    "a generated org of 100 memberships",
    () => [
      { path: "teams.yaml", text: generatedTeamsYaml(100) },
      { path: "platform.yaml", text: benchPlatformYaml() },
    ],
  ],
];

describe.each(orgs)("%s", (name, sources) => {
  const org = loadOrgFromSources(sources());
  const base = path.join(scratch, name.replace(/\W+/g, "-"));
  fs.mkdirSync(base);
  const dir = (d: string) => path.join(base, d);
  const reference = synthesize(org, dir("one-app"));
  const expected = outputFiles(dir("one-app"));

  it.each([
    ["the main thread alone", { workers: 0, cache: false }],
    ["one worker thread alone", { workers: 1, mainThread: false, cache: false }],
    ["two worker threads and the main thread", { workers: 2, cache: false }],
    ["one worker thread recording reads for the cache", { workers: 1, mainThread: false, cache: true }],
  ])("%s: the same files, byte for byte, and the same counts", async (threads, options) => {
    const out = dir(threads.replace(/\W+/g, "-"));
    const { counts } = await synthesizeOrg(org, sources(), out, () => {}, options);
    const written = outputFiles(out);
    expect(Object.keys(written).sort()).toEqual(Object.keys(expected).sort());
    for (const file of Object.keys(expected)) expect([file, written[file]]).toEqual([file, expected[file]]);
    expect(counts).toEqual(resourceCounts(reference));
  });
});

describe("a failing worker thread", () => {
  it("fails the synthesis with its message, and nothing is written", async () => {
    const org = loadOrgFromSources(exampleSources());
    const broken = [{ path: "teams.yaml", text: "version: 1\nteams: {}\n" }];
    const out = path.join(scratch, "failed");
    await expect(synthesizeOrg(org, broken, out, () => {}, { workers: 1, mainThread: false })).rejects.toThrow(
      expect.objectContaining({
        name: "SynthesisRefused",
        message: expect.stringMatching(/problems? in the org files/),
      }),
    );
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(scratch).filter((f) => f.startsWith("failed"))).toEqual([]);
  });
});

describe("a workspace's tokens", () => {
  /** These workspaces read no model. */
  const NO_MODEL = {} as OrgModel;
  const tokenMap = () =>
    (global as unknown as { __cdktfTokenMap: { stringTokenMap: Map<unknown, unknown> } }).__cdktfTokenMap;

  it("are dropped from cdktf's token map once the workspace is written", () => {
    const outdir = path.join(scratch, "tokens");
    fs.mkdirSync(outdir, { recursive: true });
    const [before] = [tokenMap()?.stringTokenMap.size ?? 0];
    const result = synthesizeWorkspace(
      {
        name: "one",
        build: (app: App) => {
          const stack = Object.assign(new SinglePassStack(app, "one"), { upstreamWorkspaces: [] });
          const bucket = new S3Bucket(stack, "bucket", { bucket: "b" });
          new TerraformOutput(stack, "arn", { value: bucket.arn });
          return stack;
        },
      },
      NO_MODEL,
      outdir,
    );
    expect(result.check.problems).toEqual([]);
    expect(tokenMap().stringTokenMap.size).toBe(before);
  });

  it("cannot be used by a later workspace: synthesis fails loudly instead of writing a stale value", () => {
    const outdir = path.join(scratch, "tokens-escaped");
    fs.mkdirSync(outdir, { recursive: true });
    let escaped = "";
    const unit = (id: string, make: (stack: TerraformStack) => void) => ({
      name: id,
      build: (app: App) => {
        const stack = Object.assign(new SinglePassStack(app, id), { upstreamWorkspaces: [] });
        make(stack);
        return stack;
      },
    });
    synthesizeWorkspace(
      unit("first", (s) => (escaped = new S3Bucket(s, "bucket", { bucket: "b" }).arn)),
      NO_MODEL,
      outdir,
    );
    expect(() =>
      synthesizeWorkspace(
        unit("second", (s) => new TerraformOutput(s, "leak", { value: escaped })),
        NO_MODEL,
        outdir,
      ),
    ).toThrow(/Unrecognized Token Key/);
  });
});

describe("workerCount", () => {
  it("is the main thread alone unless SYNTH_WORKERS says otherwise", () => {
    expect(workerCount({})).toBe(0);
    expect(workerCount({ SYNTH_WORKERS: "" })).toBe(0);
    expect(workerCount({ SYNTH_WORKERS: "2" })).toBe(2);
  });

  it("refuses a value that is not a whole number in range", () => {
    for (const bad of ["two", "-1", "1.5", "99"])
      expect(() => workerCount({ SYNTH_WORKERS: bad })).toThrow(/SYNTH_WORKERS must be a whole number from 0 to 16/);
  });
});
