/**
 * The operations CLI (scripts/org-cli.ts) on a copy of the commented example org: every command's
 * success and refusal paths, bytes outside the edited nodes identical, --dry-run, --json, usage
 * errors without stack traces, and the editor's refusal to overwrite a file changed meanwhile.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { run } from "../../scripts/org-cli";
import { OrgFileEditor } from "../../org/editor";
import { EXAMPLE_PLATFORM, EXAMPLE_TEAMS } from "../support/org";

let dir: string;
let files: { teams: string; platform: string };
let out: string[];
let err: string[];
const ORIGINAL = fs.readFileSync(EXAMPLE_TEAMS, "utf8");

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "org-cli-"));
  files = { teams: path.join(dir, "teams.yaml"), platform: path.join(dir, "platform.yaml") };
  fs.copyFileSync(EXAMPLE_TEAMS, files.teams);
  fs.copyFileSync(EXAMPLE_PLATFORM, files.platform);
  out = [];
  err = [];
  jest.spyOn(console, "log").mockImplementation((...a) => void out.push(a.join(" ")));
  jest.spyOn(console, "error").mockImplementation((...a) => void err.push(a.join(" ")));
  jest.spyOn(process.stdout, "write").mockImplementation((s) => (out.push(String(s)), true));
  jest.spyOn(process.stderr, "write").mockImplementation((s) => (err.push(String(s)), true));
});
afterEach(() => {
  jest.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

const org = (...args: string[]) => run(args, files);
const teams = () => fs.readFileSync(files.teams, "utf8");

/** Lines added and removed against the original (a line diff by longest common subsequence). */
function lineDiff(before: string, after: string): { added: string[]; removed: string[] } {
  const a = before.split("\n");
  const b = after.split("\n");
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const added: string[] = [];
  const removed: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])) added.push(b[j++]);
    else removed.push(a[i++]);
  }
  return { added, removed };
}

describe("npm run org -- <command>", () => {
  it("add-user and add-user-to-project: only the edited lines change, comments and layout stay", () => {
    expect(org("add-user", "rc", "grace", "--no-diff")).toBe(0);
    expect(org("add-user-to-project", "rc", "fraud-detection", "grace", "--no-diff")).toBe(0);
    expect(lineDiff(ORIGINAL, teams())).toEqual({
      added: ["      grace: {}", "        members: [alice, bob, grace]"],
      removed: ["        members: [alice, bob]"],
    });
  });

  it("a mutating command prints the org diff; --dry-run writes nothing", () => {
    expect(org("add-user", "rc", "grace", "--dry-run")).toBe(0);
    expect(out.join("\n")).toMatch(/\+ rc\/grace \(IAM user sm-rc-grace\)/);
    expect(out.join("\n")).toMatch(/dry run: nothing written/);
    expect(teams()).toBe(ORIGINAL);
  });

  it("remove-user-from-project names the home in deleteHomes; remove-user removes every membership and the user", () => {
    expect(org("remove-user-from-project", "rc", "fraud-detection", "bob", "--no-diff")).toBe(0);
    expect(lineDiff(ORIGINAL, teams())).toEqual({
      added: ["        members: [alice]", "deleteHomes: [rc/fraud-detection/bob]"],
      removed: ["        members: [alice, bob]"],
    });
    expect(org("remove-user", "rc", "carol", "--no-diff")).toBe(0);
    const d = lineDiff(ORIGINAL, teams());
    expect(d.removed).toEqual(
      expect.arrayContaining(["      carol: {}", "          - { name: carol, downloadAccess: allow }"]),
    );
    expect(d.added).toContain("deleteHomes: [rc/fraud-detection/bob, rc/anti-money-laundering/carol]");
  });

  it("retire-project, then purge-project (confirmed); purge of an active project is refused", () => {
    expect(org("purge-project", "algo", "user-intent", "--confirm", "algo/user-intent", "--no-diff")).toBe(1);
    expect(err.join("\n")).toMatch(/is active: retire-project first/);
    expect(org("retire-project", "algo", "user-intent", "--no-diff")).toBe(0);
    expect(teams()).toContain("deleteHomes: [algo/user-intent/eve, algo/user-intent/frank]");
    expect(org("purge-project", "algo", "user-intent", "--confirm", "algo/user-inten", "--no-diff")).toBe(1);
    expect(org("purge-project", "algo", "user-intent", "--confirm", "algo/user-intent", "--no-diff")).toBe(0);
    expect(teams()).toMatch(/status: retired\n\s+bucket: \{ purge: true \}\n\s+registry: \{ purge: true \}/);
    expect(out.join("\n")).toMatch(/WARNING: algo\/user-intent: purge armed/);
  });

  it("remove-team: refused while people or active projects remain, then in two steps", () => {
    expect(org("remove-team", "algo", "--no-diff")).toBe(1);
    expect(err.join("\n")).toMatch(/team 'algo' still has people \(david, eve, frank\): remove-user; active projects/);
    for (const u of ["david", "eve", "frank"]) expect(org("remove-user", "algo", u, "--no-diff")).toBe(0);
    for (const p of ["recommendation-engine", "user-intent"])
      expect(org("retire-project", "algo", p, "--no-diff")).toBe(0);
    expect(org("remove-team", "algo", "--no-diff")).toBe(0);
    expect(teams()).toMatch(/status: removed/);
    expect(org("remove-team", "algo", "--no-diff")).toBe(1);
    expect(err.join("\n")).toMatch(/still holds retired projects \(recommendation-engine, user-intent\)/);
  });

  it("add-team, add-project, whitelist, download access, console login, admins", () => {
    expect(org("add-team", "ops", "--full-name", "operations", "--no-diff")).toBe(0);
    expect(org("add-user", "ops", "zed", "--no-diff")).toBe(0);
    expect(org("add-project", "ops", "tooling", "--members", "zed", "--no-diff")).toBe(0);
    expect(
      org("set-instance-whitelist", "ops", "tooling", "--to", "custom:system,ml.t3.medium,ml.m5.xlarge", "--no-diff"),
    ).toBe(0);
    expect(org("set-download-access", "rc", "fraud-detection", "bob", "--to", "allow", "--no-diff")).toBe(0);
    expect(org("set-console-login", "rc", "bob", "--to", "on", "--no-diff")).toBe(0);
    expect(org("add-admin", "kim", "--no-diff")).toBe(0);
    const t = teams();
    expect(t).toMatch(
      /  ops:\n    fullName: operations\n    users:\n      zed: \{\}\n    projects:\n      tooling:\n        members: \[zed\]\n        instanceWhitelist: \{ custom: \[system, ml\.t3\.medium, ml\.m5\.xlarge\] \}/,
    );
    expect(t).toContain("members: [alice, { name: bob, downloadAccess: allow }]");
    expect(t).toContain("bob: { consoleLogin: true }");
    expect(org("remove-admin", "kim", "--no-diff")).toBe(0);
    expect(org("remove-admin", "jason", "--no-diff")).toBe(1);
    expect(err.join("\n")).toMatch(/no admin left/);
  });

  it("an edit the loader would reject is refused with file:line:col, and the file is untouched", () => {
    expect(org("add-user-to-project", "rc", "fraud-detection", "zoe", "--no-diff")).toBe(1);
    expect(err.join("\n")).toMatch(
      /refused: the result would be invalid:\n.*teams\.yaml:\d+:\d+ teams\.rc\.projects\.fraud-detection\.members\[2\]: unknown user 'zoe'/,
    );
    expect(org("add-team", "rc", "--full-name", "x", "--no-diff")).toBe(1);
    expect(teams()).toBe(ORIGINAL);
  });

  it("list and show commands: tables for people, --json for scripts", () => {
    expect(org("list-teams", "--json")).toBe(0);
    expect(JSON.parse(out.join(""))).toEqual(
      expect.arrayContaining([expect.objectContaining({ team: "rc", users: 3 })]),
    );
    out.length = 0;
    expect(org("show-user", "alice", "--json")).toBe(0);
    const [alice] = JSON.parse(out.join(""));
    expect(alice.projects.map((p: any) => p.project).sort()).toEqual(["anti-money-laundering", "fraud-detection"]);
    expect(alice.projects[0].roles).toHaveLength(4);
    out.length = 0;
    expect(org("list-users", "--json")).toBe(0);
    expect(() => JSON.parse(out.join(""))).not.toThrow();
    expect(org("show-user", "nobody")).toBe(1);
  });

  it("bad arguments give a usage line, never a stack trace", () => {
    expect(org("frobnicate")).toBe(2);
    expect(org("add-user", "rc")).toBe(2);
    expect(org("set-download-access", "rc", "fraud-detection", "--to", "maybe")).toBe(2);
    expect(err.join("")).toMatch(/error: unknown command 'frobnicate'/);
    expect(err.join("")).toMatch(/missing required argument 'user'/);
    expect(err.join("")).not.toMatch(/\n\s+at /);
    expect(org("--help")).toBe(0);
    expect(out.join("")).toMatch(/remove-user-from-project/);
  });
});

describe("OrgFileEditor", () => {
  it("refuses to write over a file that changed since it was read", () => {
    const e = new OrgFileEditor(files.teams);
    e.set(["teams", "rc", "users", "grace"], {});
    fs.appendFileSync(files.teams, "# someone else\n");
    expect(() => e.write()).toThrow(/changed since it was read/);
    expect(teams()).toBe(`${ORIGINAL}# someone else\n`);
  });
});
