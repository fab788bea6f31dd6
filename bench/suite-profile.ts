/**
 * The test suite as a record: `npm run bench:suite` runs `npm test` once (type-check, lint, format
 * check, every jest suite, as CI does after its install and synth) and writes
 * `bench/results/suite/<date>-<machine>.json`: the wall time of each step, the suites and tests,
 * each test file's time, and the share of the suites that run Terraform or the IAM simulator.
 * It explains where the suite's time goes against the 60 s budget of issue 14. Not a test.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const RESULTS = path.join(ROOT, "bench", "results", "suite");

/** Suites whose time is Terraform's (offline init, plan and `terraform test`) or the IAM simulator's. */
const FLOOR_KINDS: readonly [string, RegExp][] = [
  ["offline Terraform (terraform init, plan, test)", /^__tests__\/terraform\//],
  ["IAM access matrix (simulator)", /^__tests__\/access\//],
];

function timed(command: string, args: string[]): number {
  const start = Date.now();
  const run = spawnSync(command, args, { cwd: ROOT, stdio: "inherit" });
  if (run.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit ${run.status})`);
  return Date.now() - start;
}

function main(): void {
  const node = process.execPath;
  const bin = (p: string) => path.join(ROOT, "node_modules", p);
  const json = path.join(os.tmpdir(), `jest-${process.pid}.json`);
  const steps = {
    typeCheckMs: timed(node, [path.join(ROOT, "scripts", "ensure-build.js")]),
    lintMs: timed(node, [bin("eslint/bin/eslint.js"), "."]),
    formatCheckMs: timed(node, [bin("prettier/bin/prettier.cjs"), "--check", "**/*.ts"]),
    jestMs: timed(node, [bin("jest/bin/jest.js"), "--json", `--outputFile=${json}`]),
  };
  const results = JSON.parse(fs.readFileSync(json, "utf8")) as {
    numTotalTestSuites: number;
    numTotalTests: number;
    testResults: { name: string; startTime: number; endTime: number }[];
  };
  fs.rmSync(json, { force: true });
  const byFile = results.testResults
    .map((r) => ({ file: path.relative(ROOT, r.name), ms: r.endTime - r.startTime }))
    .sort((a, b) => b.ms - a.ms);
  const total = byFile.reduce((n, f) => n + f.ms, 0);
  const byKind = [
    ...FLOOR_KINDS.map(([kind, pattern]) => ({
      kind,
      ms: byFile.filter((f) => pattern.test(f.file)).reduce((n, f) => n + f.ms, 0),
    })),
    {
      kind: "everything else (unit, workspace, CLI, invariance)",
      ms: byFile.filter((f) => !FLOOR_KINDS.some(([, p]) => p.test(f.file))).reduce((n, f) => n + f.ms, 0),
    },
  ].map((k) => ({ ...k, share: Math.round((k.ms / total) * 1000) / 1000 }));
  const date = new Date().toISOString().slice(0, 10);
  const machine = `${os.cpus().length}cpu-${Math.round(os.totalmem() / 2 ** 30)}gb`;
  const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).stdout.trim();
  const record = {
    date,
    machine,
    node: process.version,
    commit,
    npmTestMs: Object.values(steps).reduce((a, b) => a + b, 0),
    steps,
    suites: results.numTotalTestSuites,
    tests: results.numTotalTests,
    jestWorkers: 2,
    /** Sum of the files' own times (jest runs two at a time, so this exceeds jestMs). */
    filesMs: total,
    byKind,
    byFile,
  };
  fs.mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, `${date}-${machine}.json`);
  fs.writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  console.log(`npm test: ${(record.npmTestMs / 1000).toFixed(0)} s (${record.suites} suites, ${record.tests} tests)`);
  for (const k of byKind) console.log(`  ${k.kind}: ${(k.ms / 1000).toFixed(0)} s (${Math.round(k.share * 100)}%)`);
  console.log(`wrote ${path.relative(ROOT, file)}`);
}

main();
