/** Fixed Terraform addresses (modules/address.ts): the one way to set them, checked. */
import * as path from "path";
import { ESLint } from "eslint";
import { App, DataResource, TerraformOutput, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { fixAddress, resourceAddress } from "../../modules/address";

const stack = () => new TerraformStack(Testing.app(), "probe");

describe("fixAddress", () => {
  it("gives a nested resource the name it is told, instead of its path and hash", () => {
    const s = stack();
    const inner = new Construct(s, "Project");
    fixAddress(new S3Bucket(inner, "Bucket", { bucket: "b" }), "bucket-rc-fraud");
    new S3Bucket(inner, "Other", { bucket: "c" });
    const names = Object.keys(JSON.parse(Testing.synth(s)).resource.aws_s3_bucket);
    expect(names).toContain("bucket-rc-fraud");
    expect(names.find((n) => n !== "bucket-rc-fraud")).toMatch(/^Project_Other_[0-9A-F]{8}$/);
  });

  it("refuses a second claim on one address in a stack", () => {
    const s = stack();
    fixAddress(new S3Bucket(s, "A", { bucket: "a" }), "bucket");
    expect(() => fixAddress(new S3Bucket(new Construct(s, "Nested"), "B", { bucket: "b" }), "bucket")).toThrow(
      "probe/Nested/B: the address aws_s3_bucket.bucket is already taken in this stack",
    );
  });

  it("lets one name serve different kinds, and other stacks", () => {
    const app = new App();
    const a = new TerraformStack(app, "a");
    fixAddress(new S3Bucket(a, "Bucket", { bucket: "a" }), "x");
    fixAddress(new S3BucketPolicy(a, "Policy", { bucket: "a", policy: "{}" }), "x");
    fixAddress(new DataResource(a, "Guard", {}), "x");
    fixAddress(new TerraformOutput(a, "Out", { value: 1 }), "x");
    expect(() => fixAddress(new S3Bucket(new TerraformStack(app, "b"), "Bucket", { bucket: "b" }), "x")).not.toThrow();
  });

  it.each(["1st", "a.b", "with space", ""])("refuses %j, which is no Terraform name", (name) => {
    expect(() => fixAddress(new S3Bucket(stack(), "Bucket", { bucket: "b" }), name)).toThrow("is not a Terraform name");
  });

  it("resourceAddress names the same address for removed and import blocks", () => {
    expect(resourceAddress(S3BucketPolicy, "bucket-policy-fraud")).toBe("aws_s3_bucket_policy.bucket-policy-fraud");
  });

  it("lint refuses overrideLogicalId outside modules/address.ts", async () => {
    const root = path.resolve(__dirname, "../..");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require(path.join(root, "eslint.config.js"));
    const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config });
    const code =
      'import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";\nexport const f = (b: S3Bucket) => b.overrideLogicalId("x");\n';
    const [probe] = await eslint.lintText(code, { filePath: path.join(root, "modules/storage/probe.ts") });
    expect(probe.messages.map((m) => m.ruleId)).toContain("no-restricted-syntax");
    const [own] = await eslint.lintText(code, { filePath: path.join(root, "modules/address.ts") });
    expect(own.messages.map((m) => m.ruleId)).not.toContain("no-restricted-syntax");
  });
});
