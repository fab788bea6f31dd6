/**
 * Writes the AWS catalogues the loader checks against, from the pinned AWS SDK (a kept source of
 * AWS's own lists, not a transcription): `catalog/aws-regions.json` (the `aws` partition: every ARN
 * of the platform is `arn:aws:…`) and `catalog/sagemaker-instance-types.json` (the SageMaker API's
 * instance-type enums). Run `npm run catalog` after bumping `@aws-sdk/client-sagemaker`; a test
 * fails while the committed files differ from what this script writes.
 */
import * as fs from "fs";
import * as path from "path";
import * as sagemaker from "@aws-sdk/client-sagemaker";

/** The nearest directory holding a package.json, from `dir` up. */
function packageRoot(dir: string): string {
  let d = dir;
  while (!fs.existsSync(path.join(d, "package.json")) && d !== path.dirname(d)) d = path.dirname(d);
  return d;
}

/** The SDK's partition table (`@aws-sdk/core`, the file its endpoint resolver reads). */
function awsPartitionRegions(): Record<string, string> {
  const core = packageRoot(path.dirname(require.resolve("@aws-sdk/core/client")));
  const file = path.join(core, "dist-es", "submodules", "client", "util-endpoints", "lib", "aws", "partitions.js");
  const source = fs
    .readFileSync(file, "utf8")
    .replace(/^export const partitionsInfo = /, "")
    .replace(/;\s*$/, "");
  const info = JSON.parse(source) as {
    partitions: { id: string; regions: Record<string, { description?: string }> }[];
  };
  const aws = info.partitions.find((p) => p.id === "aws");
  if (!aws) throw new Error(`no 'aws' partition in ${file}`);
  const regions: Record<string, string> = {};
  // `aws-global` and similar pseudo-regions are endpoints, not places to deploy to.
  for (const name of Object.keys(aws.regions).sort())
    if (/^[a-z]{2}(-[a-z]+)+-\d$/.test(name)) regions[name] = aws.regions[name].description ?? name;
  return regions;
}

const values = (e: Record<string, string>) => [...new Set(Object.values(e))].sort();

export function catalogFiles(): Record<string, unknown> {
  return {
    "aws-regions.json": { source: "@aws-sdk/core partitions (aws partition)", regions: awsPartitionRegions() },
    "sagemaker-instance-types.json": {
      source: "@aws-sdk/client-sagemaker enums",
      // Studio apps (JupyterLab, Code Editor, Canvas …): AppInstanceType.
      apps: values(sagemaker.AppInstanceType),
      // Jobs and endpoints: training, processing, transform, endpoint configs.
      training: values(sagemaker.TrainingInstanceType),
      processing: values(sagemaker.ProcessingInstanceType),
      transform: values(sagemaker.TransformInstanceType),
      endpoints: values(sagemaker.ProductionVariantInstanceType),
    },
  };
}

export const CATALOG_DIR = path.join(packageRoot(__dirname), "catalog");

if (require.main === module) {
  for (const [file, content] of Object.entries(catalogFiles())) {
    fs.writeFileSync(path.join(CATALOG_DIR, file), `${JSON.stringify(content, null, 2)}\n`);
    console.log(`wrote catalog/${file}`);
  }
}
