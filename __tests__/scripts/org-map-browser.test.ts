/**
 * The pictures in a real browser (Debian's Chromium through playwright-core): the org map and the
 * workspace graph of the example render, every team, project and person is laid out as text, and
 * the committed SVGs and screenshot show the same org. SKIPPED (loudly) without Chromium; under CI
 * a missing browser fails (`.ci/run` installs it).
 */
import * as fs from "fs";
import * as path from "path";
import { orgMapMermaid, workspacesMermaid } from "../../scripts/org-map";
import { synthesizedJson } from "../../scripts/org-diff";
import { chromiumPath, ViewRenderer } from "../../scripts/render-views";
import { loadExampleOrg, ROOT } from "../support/org";

const browser = chromiumPath();
const maybe = browser ? it : it.skip;
if (!browser) {
  process.stderr.write("\n!! SKIPPED: browser test of the org map (no Chromium: apt-get install chromium)\n");
  if (process.env.CI) it("Chromium is installed under CI", () => expect(browser).toBeDefined());
}

describe("org map and workspace graph in Chromium", () => {
  const org = loadExampleOrg();
  const labels = org.teams.flatMap((t) => [t.id, t.fullName, ...t.users.map((u) => u.name)]);
  let renderer: ViewRenderer;
  beforeAll(async () => {
    if (browser) renderer = await ViewRenderer.start(browser);
  }, 120_000);
  afterAll(async () => renderer?.close());

  maybe(
    "the org map renders with every team and person as text; the screenshot is a real picture",
    async () => {
      const { "org-map": svg } = await renderer.svgs({ "org-map": orgMapMermaid(org) });
      const shot = await renderer.screenshot(svg);
      for (const label of labels) expect(shot.text).toContain(label);
      // Project names wrap at '-' in the layout: compare without it.
      for (const p of org.teams.flatMap((t) => t.projects))
        expect(shot.text.replace(/-/g, "")).toContain(p.name.replace(/-/g, ""));
      expect(shot.width).toBeGreaterThan(300);
      expect(shot.height).toBeGreaterThan(200);
      expect(shot.png.subarray(1, 4).toString()).toBe("PNG");
      expect(shot.png.length).toBeGreaterThan(10_000);
    },
    120_000,
  );

  maybe(
    "the workspace graph renders every workspace",
    async () => {
      const { workspaces } = await renderer.svgs({ workspaces: workspacesMermaid(org, synthesizedJson(org)) });
      const shot = await renderer.screenshot(workspaces);
      for (const ws of ["network", "foundation", "team-rc", "team-algo", "domain", "registry"])
        expect(shot.text).toContain(ws);
    },
    120_000,
  );

  it("the committed pictures show the example org (run `npm run org:map` after editing it)", () => {
    const svg = fs.readFileSync(path.join(ROOT, "docs", "org-map.svg"), "utf8");
    for (const label of labels) expect(svg).toContain(label);
    expect(fs.readFileSync(path.join(ROOT, "docs", "workspaces.svg"), "utf8")).toContain("registry");
    expect(
      fs
        .readFileSync(path.join(ROOT, "docs", "org-map.png"))
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
  });
});
