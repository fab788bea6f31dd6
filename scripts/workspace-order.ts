/**
 * Prints the synthesized workspaces in apply order, one per line, for pipelines:
 * `tfc` (when present: it creates the others) → network → foundation → team-* → domain → domain-* →
 * registry.
 * Reads `<outdir>/manifest.json` (cdktf's, with each stack's dependencies) and fails if the fixed
 * order would apply a workspace before one it depends on.
 *
 *   node dist/scripts/workspace-order.js [outdir]      # default cdktf.out; --reverse for destroy order
 */
import * as fs from "fs";
import * as path from "path";

const RANK = (ws: string) =>
  ws === "tfc"
    ? 0
    : ws === "network"
      ? 1
      : ws === "foundation"
        ? 2
        : ws.startsWith("team-")
          ? 3
          : ws === "domain"
            ? 4
            : ws.startsWith("domain-")
              ? 5
              : 6;

export function applyOrder(manifest: { stacks: Record<string, { dependencies?: string[] }> }): string[] {
  const order = Object.keys(manifest.stacks).sort((a, b) => RANK(a) - RANK(b) || (a < b ? -1 : 1));
  order.forEach((ws, i) => {
    for (const dep of manifest.stacks[ws].dependencies ?? [])
      if (order.indexOf(dep) > i)
        throw new Error(`workspace ${ws} depends on ${dep}, which the apply order puts later`);
  });
  return order;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const outdir = args.find((a) => !a.startsWith("--")) ?? process.env.CDKTF_OUTDIR ?? "cdktf.out";
  try {
    const order = applyOrder(JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8")));
    console.log((args.includes("--reverse") ? order.reverse() : order).join("\n"));
  } catch (e) {
    console.error(`workspace-order: ${(e as Error).message}`);
    process.exitCode = 1;
  }
}
