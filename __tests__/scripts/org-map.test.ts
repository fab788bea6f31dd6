/**
 * The committed views (docs/org-map.md, docs/workspaces.md, the README's map) are what
 * `npm run org:map` writes for the example org now; and the pictures say what the org says.
 */
import * as fs from "fs";
import * as path from "path";
import { orgMapMermaid, views, workspacesMermaid } from "../../scripts/org-map";
import { synthesizedJson } from "../../scripts/org-diff";
import { editExampleOrg, loadExampleOrg, ROOT } from "../support/org";

describe("npm run org:map", () => {
  const org = loadExampleOrg();
  const json = synthesizedJson(org);

  it.each(["docs/org-map.md", "docs/workspaces.md", "README.md"])(
    "%s is up to date (run `npm run org:map`)",
    (file) => {
      const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
      expect(fs.readFileSync(path.join(ROOT, file), "utf8")).toBe(views(org, json, readme)[file]);
    },
  );

  it("the org map has every team, project and membership; retired projects are dashed", () => {
    const map = orgMapMermaid(org);
    for (const t of org.teams) {
      expect(map).toContain(`team_${t.id}["<b>${t.id}</b><br/>${t.fullName}"]`);
      for (const p of t.projects)
        for (const m of p.memberships)
          expect(map).toContain(`project_${t.id}_${p.name.replace(/-/g, "_")} --> person_${t.id}_${m.user}`);
    }
    const retired = orgMapMermaid(
      editExampleOrg({ teams: (d) => (d.teams.algo.projects["user-intent"].status = "retired") }),
    );
    expect(retired).toContain("team_algo -.-> project_algo_user_intent");
    expect(retired).toContain("class project_algo_user_intent retired");
  });

  it("the workspace graph follows the apply order and the remote-state reads", () => {
    const graph = workspacesMermaid(org, json).split("\n");
    expect(graph.filter((l) => /^\s+\w+\["\d\./.test(l)).map((l) => l.trim().split("[")[0])).toEqual([
      "network",
      "foundation",
      "team_algo",
      "team_rc",
      "domain",
      "domain_algo",
      "domain_rc",
      "registry",
    ]);
    expect(graph).toContain("  network -- outputs --> team_rc");
    expect(graph).toContain("  domain -- outputs --> domain_rc");
    expect(graph).toContain("  foundation -- outputs --> domain");
    expect(graph).toContain("  foundation -. own state .-> foundation");
    expect(graph.some((l) => /team_rc -- outputs/.test(l))).toBe(false);
  });
});
