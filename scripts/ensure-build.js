#!/usr/bin/env node
/**
 * Compiles the TypeScript only when a source changed since the last build: after an edit of the
 * org files alone, `npm run synth` (and `cdktf synth`) go straight to synthesis instead of
 * spending seconds in `tsc`. Plain JavaScript: it runs before anything is compiled.
 *
 * Stale = a file under the compiled roots (or tsconfig.json, package-lock.json) is newer than
 * dist/.build-stamp, or the stamp is missing. `--force` always compiles. `--run <file.js>` then
 * runs that compiled file in this same process (one Node start less in the edit loop: `npm run
 * synth`); arguments after it are its own.
 */
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const stamp = path.join(root, "dist", ".build-stamp");
// Everything tsconfig.json compiles: what `node dist/…` runs, and the tests (ts-jest only
// transpiles them; this compile is their type check in `npm test`).
const SOURCES = ["main.ts", "checks", "org", "modules", "workspaces", "scripts", "bench", "catalog", "__tests__"];
const CONFIG = ["tsconfig.json", "package-lock.json"];

/** Newest modification time (ms) of the .ts/.json files under `entry`. */
function newest(entry) {
  let stat;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return /\.(ts|json)$/.test(entry) ? stat.mtimeMs : 0;
  let max = 0;
  for (const name of fs.readdirSync(entry)) max = Math.max(max, newest(path.join(entry, name)));
  return max;
}

function stale() {
  if (process.argv.includes("--force") || !fs.existsSync(stamp)) return true;
  const built = fs.statSync(stamp).mtimeMs;
  return [...SOURCES, ...CONFIG].some((entry) => newest(path.join(root, entry)) > built);
}

if (stale()) {
  const started = Date.now();
  const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
  const r = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.json")], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
  fs.writeFileSync(stamp, `${new Date(started).toISOString()}\n`);
  // Dated at the start: a source saved while tsc ran is newer, so the next run compiles again.
  fs.utimesSync(stamp, new Date(started), new Date(started));
  if (process.stderr.isTTY) console.error(`compiled TypeScript in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const run = process.argv.indexOf("--run");
if (run > 0) {
  const entry = path.resolve(root, process.argv[run + 1]);
  // The entry sees the arguments after it, as if started as `node <file> …`.
  process.argv = [process.argv[0], entry, ...process.argv.slice(run + 2)];
  require(entry);
}
