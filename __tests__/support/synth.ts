/** Synthesizes an org exactly as `npm run synth` does and returns each workspace's JSON. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildApp } from "../../workspaces/app";
import type { OrgModel } from "../../org/model";
import { cloudBackend, editExampleOrg, loadExampleOrg } from "./org";

export type StackJson = Record<string, any>;

export interface Synthesized {
  readonly outdir: string;
  /** Raw cdk.tf.json text per workspace (for byte comparisons). */
  readonly text: Record<string, string>;
  /** Parsed cdk.tf.json per workspace. */
  readonly json: Record<string, StackJson>;
}

export function synthOrg(org: OrgModel, outdir = fs.mkdtempSync(path.join(os.tmpdir(), "synth-"))): Synthesized {
  buildApp(org, outdir).app.synth();
  return readOutput(outdir);
}

/**
 * The example org as `npm run synth` writes it, synthesized once per test run by jest's global
 * setup (global-setup.js) instead of once per test file. Each call parses afresh, so a test may
 * edit what it gets; the directory is shared and must not be written (copy it first).
 */
export function synthExample(): Synthesized {
  const shared = process.env.EXAMPLE_SYNTH_DIR;
  return shared ? readOutput(shared) : synthOrg(loadExampleOrg());
}

/** `synthExample` in a directory of the test's own, which it may write (e.g. `terraform init`). */
export function synthExampleCopy(): Synthesized {
  const shared = process.env.EXAMPLE_SYNTH_DIR;
  if (!shared) return synthOrg(loadExampleOrg());
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "synth-"));
  fs.cpSync(shared, outdir, { recursive: true });
  return readOutput(outdir);
}

function readOutput(outdir: string): Synthesized {
  const text: Record<string, string> = {};
  const json: Record<string, StackJson> = {};
  for (const ws of fs.readdirSync(path.join(outdir, "stacks")).sort()) {
    text[ws] = fs.readFileSync(path.join(outdir, "stacks", ws, "cdk.tf.json"), "utf8");
    json[ws] = JSON.parse(text[ws]);
  }
  return { outdir, text, json };
}

/** All resources of one type in a workspace: address name -> body. */
export function resources(stack: StackJson, type: string): Record<string, any> {
  return stack.resource?.[type] ?? {};
}

/** Resource bodies of one type, as a list. */
export function resourceList(stack: StackJson, type: string): any[] {
  return Object.values(resources(stack, type));
}

/** Every `type.name` address of a workspace (resources and data sources). */
export function addresses(stack: StackJson): string[] {
  const out: string[] = [];
  for (const [type, byName] of Object.entries(stack.resource ?? {}))
    for (const name of Object.keys(byName as object)) out.push(`${type}.${name}`);
  for (const [type, byName] of Object.entries(stack.data ?? {}))
    for (const name of Object.keys(byName as object)) out.push(`data.${type}.${name}`);
  return out.sort();
}

/** What a project bucket consists of (its policy belongs to the team's access, §6.6). */
export const PROJECT_BUCKET_TYPES = [
  "aws_s3_bucket",
  "aws_s3_bucket_public_access_block",
  "aws_s3_bucket_versioning",
  "aws_s3_bucket_server_side_encryption_configuration",
  "aws_s3_bucket_lifecycle_configuration",
  "aws_s3_object",
];

/** `type.name` addresses of these resource types in a workspace, sorted. */
export function addressesOf(stack: StackJson, types: readonly string[]): string[] {
  return types.flatMap((type) => Object.keys(stack.resource?.[type] ?? {}).map((name) => `${type}.${name}`)).sort();
}

/** The example org with the Terraform Cloud backend and these edits, synthesized: JSON per workspace. */
export function synthCloudExample(
  platform: (doc: any) => void = () => {},
  teams?: (doc: any) => void,
): Record<string, StackJson> {
  return synthOrg(
    editExampleOrg({
      teams,
      platform: (d) => {
        cloudBackend(d);
        platform(d);
      },
    }),
  ).json;
}

/** Every file a synthesis wrote under `dir` (the synthesis cache aside), by relative path. */
export function outputFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.name === ".synth-cache") continue;
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = fs.readFileSync(p, "utf8");
    }
  };
  walk(dir);
  return out;
}
