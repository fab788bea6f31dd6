/**
 * The synthesis cache reuses a workspace only when its build would read the same model answers
 * with the same code: after every edit below, a cached synthesis writes exactly what a fresh one
 * writes, and an edit of one person's membership builds only that team's two workspaces.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadOrgFromSources, type OrgSource } from "../../org/loader";
import { synthesizeOrg } from "../../workspaces/parallel-synth";
import { cacheEnabled, SynthCache } from "../../workspaces/synth-cache";
import { ReadLog, sameReads } from "../../workspaces/read-log";
import { Names } from "../../catalog/names";
import { outputFiles } from "../support/synth";
import { cloudBackend, editedExampleSources, exampleSources } from "../support/org";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "synth-cache-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

let runs = 0;
/** Synthesizes `sources` into `outdir` with the cache; the workspaces built (not reused). */
async function synthCached(sources: OrgSource[], outdir: string): Promise<string[]> {
  const built: string[] = [];
  const before = new Set(fs.existsSync(path.join(outdir, ".synth-cache")) ? cacheStamps(outdir) : []);
  await synthesizeOrg(loadOrgFromSources(sources), sources, outdir, () => {}, { cache: true });
  for (const stamp of cacheStamps(outdir)) if (!before.has(stamp)) built.push(stamp.split(" ")[0]);
  runs++;
  return built.sort();
}

/** `<workspace> <entry text>` for each cache entry (an entry rewritten by a build differs). */
function cacheStamps(outdir: string): string[] {
  const dir = path.join(outdir, ".synth-cache");
  return fs.readdirSync(dir).map((f) => `${f.replace(/\.json$/, "")} ${fs.readFileSync(path.join(dir, f), "utf8")}`);
}

const edits: [string, Parameters<typeof editedExampleSources>[0]][] = [
  ["add a member to a project", { teams: (d) => d.teams.rc.projects["fraud-detection"].members.push("carol") }],
  [
    "remove a user",
    {
      teams: (d) => {
        delete d.teams.algo.users.frank;
        d.teams.algo.projects["user-intent"].members = ["eve"];
      },
    },
  ],
  [
    "change a project description",
    { teams: (d) => (d.teams.rc.projects["fraud-detection"].description = "New words") },
  ],
  ["change a team's full name", { teams: (d) => (d.teams.algo.fullName = "algorithms") }],
  [
    "add a team",
    {
      teams: (d) =>
        (d.teams.ops = { fullName: "operations", users: { ann: {} }, projects: { tooling: { members: ["ann"] } } }),
    },
  ],
  [
    "change a shared instance whitelist",
    { teams: (d) => (d.teams.rc.projects["anti-money-laundering"].instanceWhitelist = "default") },
  ],
  ["change the cost centre tag", { platform: (d) => (d.platform.costCenter = "ml-research") }],
  ["change a studio default", { platform: (d) => (d.studio.idleTimeoutMinutes = 90) }],
  ["turn off the folder markers", { platform: (d) => (d.storage.folderMarkers = false) }],
  ["switch to Terraform Cloud", { platform: cloudBackend }],
  ["reorder the teams", { teams: (d) => (d.teams = Object.fromEntries(Object.entries(d.teams).reverse())) }],
];

describe("a cached synthesis after an edit writes what a fresh one writes", () => {
  const baseline = path.join(scratch, "baseline");
  beforeAll(() => synthCached(exampleSources(), baseline));

  it.each(edits)("%s", async (name, edit) => {
    const dir = (d: string) => path.join(scratch, `${name.replace(/\W+/g, "-")}-${d}`);
    fs.cpSync(baseline, dir("cached"), { recursive: true });
    const sources = editedExampleSources(edit);
    await synthCached(sources, dir("cached"));
    await synthesizeOrg(loadOrgFromSources(sources), sources, dir("fresh"), () => {}, { cache: false });
    const [cached, fresh] = [outputFiles(dir("cached")), outputFiles(dir("fresh"))];
    expect(Object.keys(cached).sort()).toEqual(Object.keys(fresh).sort());
    for (const file of Object.keys(fresh)) expect([file, cached[file]]).toEqual([file, fresh[file]]);
  });

  it("builds only the edited team's two workspaces when one membership is added, and nothing when nothing changed", async () => {
    const dir = path.join(scratch, "one-member");
    fs.cpSync(baseline, dir, { recursive: true });
    expect(await synthCached(exampleSources(), dir)).toEqual([]);
    const edited = editedExampleSources(edits[0][1]);
    expect(await synthCached(edited, dir)).toEqual(["domain-rc", "team-rc"]);
  });
});

describe("what invalidates a cached workspace", () => {
  const dir = path.join(scratch, "invalidation");
  const org = () => loadOrgFromSources(exampleSources());
  beforeAll(() => synthCached(exampleSources(), dir));

  it("another code version", () => {
    const staging = fs.mkdtempSync(path.join(scratch, "staging-"));
    expect(new SynthCache(dir).reuse("team-rc", org(), staging)).toBeDefined();
    expect(new SynthCache(dir, "another-version").reuse("team-rc", org(), staging)).toBeUndefined();
  });

  it("an output file edited by hand since", () => {
    const staging = fs.mkdtempSync(path.join(scratch, "staging-"));
    fs.appendFileSync(path.join(dir, "stacks", "team-algo", "cdk.tf.json"), " ");
    expect(new SynthCache(dir).reuse("team-algo", org(), staging)).toBeUndefined();
    expect(new SynthCache(dir).reuse("team-rc", org(), staging)).toBeDefined();
  });

  it("is off with SYNTH_CACHE=0 and where CI is set, unless SYNTH_CACHE=1", () => {
    expect(cacheEnabled({})).toBe(true);
    expect(cacheEnabled({ SYNTH_CACHE: "0" })).toBe(false);
    expect(cacheEnabled({ CI: "true" })).toBe(false);
    expect(cacheEnabled({ CI: "true", SYNTH_CACHE: "1" })).toBe(true);
  });
});

describe("ReadLog", () => {
  const model = Object.freeze({
    a: Object.freeze({ b: 1, c: Object.freeze(["x", "y"]) }),
    d: "text",
    names: new Names({ company: "acme" } as never),
  });

  it("is a read-only view that behaves like the model (arrays, prototypes, JSON)", () => {
    const log = new ReadLog();
    const view = log.view(model) as any;
    expect(Array.isArray(view.a.c)).toBe(true);
    expect([...view.a.c]).toEqual(["x", "y"]);
    expect(view.names).toBeInstanceOf(Names);
    expect(JSON.stringify(view.a)).toBe(JSON.stringify(model.a));
    expect(view.a).toBe(view.a);
    expect(() => {
      "use strict";
      view.d = "changed";
    }).toThrow(TypeError);
  });

  it("answers the same on an equal model, and differently when a read value, a key list or an `in` test changes", () => {
    const log = new ReadLog();
    const view = log.view(model) as any;
    void view.a.b;
    void Object.keys(view.a);
    void ("z" in view.a);
    void view.a.c.length;
    const reads = log.entries();
    expect(sameReads(JSON.parse(JSON.stringify(model)), reads)).toBe(true);
    expect(sameReads({ ...model, a: { ...model.a, b: 2 } }, reads)).toBe(false);
    expect(sameReads({ ...model, a: { ...model.a, e: 3 } }, reads)).toBe(false);
    expect(sameReads({ ...model, a: { ...model.a, z: undefined } }, reads)).toBe(false);
    expect(sameReads({ ...model, a: { ...model.a, c: ["x", "y", "z"] } }, reads)).toBe(false);
    expect(sameReads({ ...model, a: "gone" }, reads)).toBe(false);
    // What was not read does not matter.
    expect(sameReads({ ...model, d: "other" }, reads)).toBe(true);
  });
});

afterAll(() => expect(runs).toBeGreaterThan(0));
