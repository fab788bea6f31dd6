/**
 * The org diff (scripts/org-diff.ts) on fixtures: the example org against edits of it, each side
 * synthesized with this code. Destructive items come first; unacknowledged data loss blocks.
 */
import { orgDiff, parseArgs, synthesizedJson, toMarkdown, toText, type OrgDiff } from "../../scripts/org-diff";
import type { OrgModel } from "../../org/model";
import { editExampleOrg, loadExampleOrg, removeTeamFirstStep } from "../support/org";

const base = loadExampleOrg();
const baseJson = synthesizedJson(base);
const diffTo = (head: OrgModel): OrgDiff => orgDiff(base, head, baseJson, synthesizedJson(head));
const texts = (d: OrgDiff, section?: string) =>
  d.items.filter((i) => !section || i.section === section).map((i) => i.text);
const ws = (d: OrgDiff, name: string) => d.workspaces.find((w) => w.workspace === name);

describe("org diff", () => {
  it("no edit: no change", () => {
    const d = diffTo(loadExampleOrg());
    expect(d).toEqual({ items: [], workspaces: [], blocking: false });
    expect(toText(d, "x")).toMatch(/^org diff: x\nno change/);
  });

  it("add a user to a project: the person, the membership, creates in team-rc and domain-rc only", () => {
    const d = diffTo(
      editExampleOrg({
        teams: (t) => {
          t.teams.rc.users.grace = {};
          t.teams.rc.projects["fraud-detection"].members.push("grace");
        },
      }),
    );
    expect(texts(d, "People")).toEqual(["+ rc/grace (IAM user sm-rc-grace)"]);
    expect(texts(d, "Memberships")).toEqual([
      expect.stringMatching(
        /^\+ rc\/fraud-detection\/grace \(profile profile-rc-frauddet-grace, space space-rc-frauddet-grace\)$/,
      ),
    ]);
    expect(d.blocking).toBe(false);
    expect(d.items.some((i) => i.destructive)).toBe(false);
    expect(d.workspaces.map((w) => w.workspace)).toEqual(["domain-rc", "team-rc"]);
    expect(ws(d, "domain-rc")).toMatchObject({ destroy: 0, release: 0 });
    expect(ws(d, "domain-rc")!.create).toBeGreaterThanOrEqual(2);
  });

  it("deleting a removed team's entry (decommissionedTeams): both of its workspaces retire, nothing blocks", () => {
    const removed = editExampleOrg({
      teams: (t) => {
        removeTeamFirstStep(t, "algo");
      },
    });
    const deleted = editExampleOrg({
      teams: (t) => {
        delete t.teams.algo;
        t.decommissionedTeams = ["algo"];
      },
    });
    const d = orgDiff(removed, deleted, synthesizedJson(removed), synthesizedJson(deleted));
    const retired = texts(d, "Destroyed or left behind").filter((x) => x.startsWith("workspace "));
    expect(retired).toEqual([
      expect.stringMatching(/^workspace domain-algo is retired \(decommissionedTeams\)/),
      expect.stringMatching(/^workspace team-algo is retired \(decommissionedTeams\)/),
    ]);
    expect(d.items.filter((i) => i.text.startsWith("workspace ")).every((i) => !i.blocking)).toBe(true);
  });

  it("move a user between projects without naming the home: blocked, destructive first", () => {
    const d = diffTo(
      editExampleOrg({
        teams: (t) => {
          t.teams.rc.projects["fraud-detection"].members = ["alice"];
          t.teams.rc.projects["anti-money-laundering"].members.push("bob");
        },
      }),
    );
    expect(d.items[0]).toMatchObject({
      text: "HOME LOSS: rc/fraud-detection/bob (space and profile) not named in deleteHomes",
      blocking: true,
    });
    expect(texts(d, "Memberships")).toEqual([
      expect.stringMatching(/^\+ rc\/anti-money-laundering\/bob/),
      "- rc/fraud-detection/bob",
    ]);
    expect(d.blocking).toBe(true);
    expect(toMarkdown(d, "x")).toMatch(/\*\*BLOCKED: .*\n[\s\S]*- ❌ `HOME LOSS: rc\/fraud-detection\/bob/);
  });

  it("the same move with the home named in deleteHomes: not blocked", () => {
    const d = diffTo(
      editExampleOrg({
        teams: (t) => {
          t.teams.rc.projects["fraud-detection"].members = ["alice"];
          t.teams.rc.projects["anti-money-laundering"].members.push("bob");
          t.deleteHomes = ["rc/fraud-detection/bob"];
        },
      }),
    );
    expect(texts(d, "Destroyed or left behind")).toEqual([
      "home deleted: rc/fraud-detection/bob (space and profile) (named in deleteHomes)",
    ]);
    expect(d.blocking).toBe(false);
  });

  it("retire a project: status, memberships and access go, no data destroyed", () => {
    const d = diffTo(
      editExampleOrg({
        teams: (t) => {
          t.teams.algo.projects["user-intent"].status = "retired";
          t.deleteHomes = ["algo/user-intent/eve", "algo/user-intent/frank"];
        },
      }),
    );
    expect(texts(d, "Projects")).toEqual(["~ algo/user-intent: active -> retired"]);
    expect(texts(d, "Destroyed or left behind").filter((t) => !t.startsWith("home deleted"))).toEqual([]);
    expect(d.blocking).toBe(false);
  });

  it("purge: arming it is destructive but explicit; deleting the entry afterwards destroys the bucket as a purge", () => {
    const retired = editExampleOrg({
      teams: (t) => {
        t.teams.algo.projects["user-intent"].status = "retired";
        t.teams.algo.projects["user-intent"].bucket = { purge: true };
        t.deleteHomes = ["algo/user-intent/eve", "algo/user-intent/frank"];
      },
    });
    const armed = diffTo(retired);
    expect(texts(armed, "Projects")).toContain(
      "! algo/user-intent: bucket purge armed (the bucket and its objects go when the entry is deleted)",
    );
    expect(armed.blocking).toBe(false);

    const deleted = editExampleOrg({
      teams: (t) => {
        delete t.teams.algo.projects["user-intent"];
        t.teams.algo.users = { david: {}, eve: {} };
      },
    });
    const d = orgDiff(retired, deleted, synthesizedJson(retired), synthesizedJson(deleted));
    expect(texts(d, "Destroyed or left behind")).toContain(
      "purge: team-algo destroys bucket aws_s3_bucket.bucket-algo-user-intent (purge of algo/user-intent)",
    );
  });

  it("deleting a project entry without a purge is data loss: blocked", () => {
    const d = diffTo(editExampleOrg({ teams: (t) => delete t.teams.algo.projects["user-intent"] }));
    expect(d.blocking).toBe(true);
    expect(texts(d, "Destroyed or left behind")).toContain(
      "DATA LOSS: team-algo destroys bucket aws_s3_bucket.bucket-algo-user-intent without a purge flag",
    );
    expect(texts(d, "Projects")).toContain("- algo/user-intent");
  });

  it("rename a display name (a project description): nothing for people, projects or data", () => {
    const d = diffTo(
      editExampleOrg({ teams: (t) => (t.teams.rc.projects["fraud-detection"].description = "Fraud models") }),
    );
    expect(d.items).toEqual([]);
    expect(d.blocking).toBe(false);
    for (const w of d.workspaces) expect(w).toMatchObject({ create: 0, destroy: 0, release: 0 });
  });

  it("bad arguments give the usage line", () => {
    expect(parseArgs(["--format", "pdf"])).toEqual({ error: expect.stringMatching(/usage: npm run org:diff/) });
    expect(parseArgs(["--base", "v1", "--format", "md"])).toEqual({ base: "v1", format: "md", out: undefined });
  });
});
