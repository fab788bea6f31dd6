/**
 * The benchmark is a record, not a timed test: the README's table must be the one generated from
 * the newest committed record, and the record must hold what the issue asks of it (sizes, runs,
 * floor, blast radius, validate), so a change can be compared with the last one.
 */
import * as fs from "fs";
import * as path from "path";
import { generatedTeamsYaml, latestRecord, withReadmeTable } from "../bench/synth-bench";
import { ROOT } from "./support/org";

describe("benchmark record", () => {
  const record = latestRecord(path.join(ROOT, "bench", "results"));

  it("the README's table is generated from the newest record (npm run bench -- --readme)", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    expect(withReadmeTable(readme, record)).toBe(readme);
  });

  it("holds every size with at least three runs, the floor, the blast radius and terraform validate", () => {
    expect(record.runs).toBeGreaterThanOrEqual(3);
    expect(record.sizes.map((s: any) => s.size)).toEqual(["example", "10", "100", "500", "2000", "5000"]);
    for (const s of record.sizes) {
      expect(s.ms.min).toBeLessThanOrEqual(s.ms.median);
      expect(s.rssMb.median).toBeGreaterThan(0);
      expect(s.resources).toBeGreaterThan(0);
    }
    expect(record.floor.ms.median).toBeGreaterThan(0);
    expect(record.exampleToFloor).toBeCloseTo(record.sizes[0].ms.median / record.floor.ms.median, 5);
    expect(record.blastRadius.workspacesChanged).toBeGreaterThan(0);
    expect(record.validateLargest.validateMs ?? record.validateLargest.skipped).toBeDefined();
  });

  it("generated orgs hold exactly the requested memberships", () => {
    for (const n of [10, 101, 2000]) {
      const members = [...generatedTeamsYaml(n).matchAll(/members: \[([^\]]*)\]/g)].flatMap((m) => m[1].split(", "));
      expect(members).toHaveLength(n);
    }
  });
});
