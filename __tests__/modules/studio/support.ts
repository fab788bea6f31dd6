/** A bare stack for module tests: construct, synthesize, return the parsed Terraform JSON. */
import { TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { Construct } from "constructs";

export function synthModule(build: (scope: Construct) => void): Record<string, any> {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  new AwsProvider(stack, "aws", { region: "ap-northeast-1" });
  build(stack);
  return JSON.parse(Testing.synth(stack));
}

export function only(json: Record<string, any>, type: string): any {
  const all = Object.values(json.resource?.[type] ?? {});
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}
