/**
 * The catalogues the loader checks regions and instance types against are AWS's own lists (the
 * pinned AWS SDK), written by `npm run catalog`: the committed files must be what it writes now.
 */
import * as fs from "fs";
import * as path from "path";
import { catalogFiles, CATALOG_DIR } from "../../scripts/update-catalog";

describe("AWS catalogues (catalog/)", () => {
  const files = catalogFiles();

  it.each(Object.keys(files))("%s is what `npm run catalog` writes from the pinned SDK", (file) => {
    const committed = fs.readFileSync(path.join(CATALOG_DIR, file), "utf8");
    expect(committed).toBe(`${JSON.stringify(files[file], null, 2)}\n`);
  });

  it("holds the regions and instance types people use, and nothing of other partitions", () => {
    const regions = (files["aws-regions.json"] as { regions: Record<string, string> }).regions;
    expect(regions).toMatchObject({ "ap-northeast-1": expect.any(String), "us-east-1": expect.any(String) });
    expect(Object.keys(regions).filter((r) => /^(cn|us-gov|us-iso)/.test(r))).toEqual([]);
    const types = files["sagemaker-instance-types.json"] as Record<string, string[]>;
    expect(types.apps).toEqual(expect.arrayContaining(["system", "ml.t3.medium", "ml.g5.xlarge"]));
    expect(types.training).toEqual(expect.arrayContaining(["ml.p4d.24xlarge", "ml.m5.xlarge"]));
    expect(types.training).not.toContain("system");
  });
});
