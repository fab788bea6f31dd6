/**
 * `npm run org:map`: pictures of the org for people who would rather look than read, as Mermaid
 * (GitHub renders it in Markdown): `docs/org-map.md` (teams → projects → people) and
 * `docs/workspaces.md` (the workspaces in apply order and the remote-state reads between them,
 * from the synthesized Terraform JSON). The README embeds the org map between markers. A test
 * fails while a committed view differs from what this writes.
 */
import * as fs from "fs";
import * as path from "path";
import { loadOrg, orgFilesFromEnv } from "../org/loader";
import type { OrgModel } from "../org/model";
import { OrgValidationError } from "../org/problems";
import type { StackJson } from "./access/simulated-platform";
import { synthesizedJson } from "./org-diff";
import { applyOrder } from "./workspace-order";
import { chromiumPath, ViewRenderer } from "./render-views";

const id = (...parts: string[]) => parts.join("_").replace(/[^A-Za-z0-9_]/g, "_");

/** Teams → projects → people, retired projects dashed, removed teams marked. */
export function orgMapMermaid(org: OrgModel): string {
  const lines = ["flowchart LR"];
  for (const t of org.teams) {
    lines.push(
      `  ${id("team", t.id)}["<b>${t.id}</b><br/>${t.fullName}${t.status === "removed" ? "<br/>(removed)" : ""}"]`,
    );
    for (const p of t.projects) {
      const pid = id("project", t.id, p.name);
      lines.push(`  ${pid}(["${p.name}${p.status === "retired" ? "<br/>(retired)" : ""}"])`);
      lines.push(`  ${id("team", t.id)} ${p.status === "retired" ? "-.->" : "-->"} ${pid}`);
      for (const m of p.memberships) lines.push(`  ${pid} --> ${id("person", t.id, m.user)}`);
    }
    for (const u of t.users)
      lines.push(`  ${id("person", t.id, u.name)}("${u.name}${u.consoleLogin ? "<br/><i>console login</i>" : ""}")`);
  }
  lines.push("  classDef team fill:#ddf4ff,stroke:#0969da", "  classDef retired stroke-dasharray:4 3,color:#6e7781");
  for (const t of org.teams) {
    lines.push(`  class ${id("team", t.id)} team`);
    for (const p of t.projects.filter((x) => x.status === "retired"))
      lines.push(`  class ${id("project", t.id, p.name)} retired`);
  }
  return lines.join("\n");
}

/** The workspace a remote-state block reads (local state path or Terraform Cloud workspace name). */
function producerOf(block: { config?: { path?: string; workspaces?: { name?: string } } }, prefix: string): string {
  const p = block.config?.path;
  if (p) return path.basename(p, ".tfstate");
  return String(block.config?.workspaces?.name ?? "").slice(prefix.length);
}

/** Workspaces in apply order, an arrow from each workspace to every workspace that reads its state. */
export function workspacesMermaid(org: OrgModel, json: Record<string, StackJson>): string {
  const prefix = org.backend.type === "cloud" ? org.backend.workspacePrefix : "";
  const order = applyOrder({ stacks: Object.fromEntries(Object.keys(json).map((ws) => [ws, {}])) });
  const lines = ["flowchart LR"];
  const counts = (ws: string) =>
    Object.values<Record<string, unknown>>(json[ws].resource ?? {}).reduce((n, r) => n + Object.keys(r).length, 0);
  order.forEach((ws, i) => lines.push(`  ${id(ws)}["${i + 1}. ${ws}<br/>${counts(ws)} resources"]`));
  for (const ws of order) {
    const reads = new Set(
      Object.values<{ config?: { path?: string; workspaces?: { name?: string } } }>(
        json[ws].data?.terraform_remote_state ?? {},
      ).map((b) => producerOf(b, prefix)),
    );
    for (const producer of [...reads].sort())
      lines.push(
        producer === ws ? `  ${id(ws)} -. own state .-> ${id(ws)}` : `  ${id(producer)} -- outputs --> ${id(ws)}`,
      );
  }
  return lines.join("\n");
}

const fence = (mermaid: string) => ["```mermaid", mermaid, "```"].join("\n");

export const README_MARKERS = ["<!-- org-map:start (npm run org:map) -->", "<!-- org-map:end -->"] as const;

/** Every view file with the content `npm run org:map` writes (README: the whole file, updated). */
export function views(org: OrgModel, json: Record<string, StackJson>, readme: string): Record<string, string> {
  const map = orgMapMermaid(org);
  const [start, end] = README_MARKERS;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${start} … ${end} section`);
  return {
    "docs/org-map.md": [
      "# Org map",
      "",
      "Teams → projects → people, from the org files (`npm run org:map` writes this file; a test fails",
      "while it is stale). Dashed: retired projects.",
      "",
      fence(map),
      "",
      "Rendered offline in Chromium: [org-map.svg](org-map.svg), screenshot [org-map.png](org-map.png).",
      "",
    ].join("\n"),
    "docs/workspaces.md": [
      "# Workspaces",
      "",
      "The Terraform workspaces in apply order, with the number of resources each manages, and the",
      "remote-state reads between them (an arrow from the producer to each reader; dotted: a workspace",
      "reading its own last apply, for the data guards). Written by `npm run org:map` from the",
      "synthesized Terraform JSON.",
      "",
      fence(workspacesMermaid(org, json)),
      "",
      "Rendered offline in Chromium: [workspaces.svg](workspaces.svg).",
      "",
    ].join("\n"),
    "README.md": `${readme.slice(0, from + start.length)}\n${fence(map)}\n${readme.slice(to)}`,
  };
}

function repoRoot(): string {
  let d = __dirname;
  while (!fs.existsSync(path.join(d, "package.json")) && d !== path.dirname(d)) d = path.dirname(d);
  return d;
}

/** SVGs of the two views and a PNG screenshot of the org map, rendered in Chromium. */
export async function renderPictures(
  org: OrgModel,
  json: Record<string, StackJson>,
  executablePath: string,
): Promise<Record<string, string | Buffer>> {
  const renderer = await ViewRenderer.start(executablePath);
  try {
    const svgs = await renderer.svgs({ "org-map": orgMapMermaid(org), workspaces: workspacesMermaid(org, json) });
    const shot = await renderer.screenshot(svgs["org-map"]);
    return {
      "docs/org-map.svg": svgs["org-map"],
      "docs/workspaces.svg": svgs.workspaces,
      "docs/org-map.png": shot.png,
    };
  } finally {
    await renderer.close();
  }
}

async function main(): Promise<number> {
  try {
    const org = loadOrg(orgFilesFromEnv());
    const root = repoRoot();
    const json = synthesizedJson(org);
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
    const files: Record<string, string | Buffer> = { ...views(org, json, readme) };
    const browser = chromiumPath();
    if (browser) Object.assign(files, await renderPictures(org, json, browser));
    else console.error("no Chromium (apt-get install chromium, or set CHROMIUM_PATH): the SVGs are not redrawn");
    for (const [file, content] of Object.entries(files)) {
      fs.writeFileSync(path.join(root, file), content);
      console.log(`wrote ${file}`);
    }
    return 0;
  } catch (e) {
    console.error(e instanceof OrgValidationError ? e.message : `org:map failed: ${(e as Error).message}`);
    return 1;
  }
}

if (require.main === module) main().then((code) => (process.exitCode = code));
