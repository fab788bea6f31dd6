/**
 * The workspaces of an org (`workspacePlan`), built each in an App of its own
 * (`synthesizeWorkspace`, used by workspaces/parallel-synth.ts) or all in one App (`buildApp`,
 * `synthesize`: the reference the tests compare with). Output is staged, so a failure leaves the
 * previous output directory exactly as it was.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { App, type TerraformStack } from "cdktf";
import { disableTokenStackTraces, releasingTokens } from "../modules/fast-tokens";
import type { OrgModel } from "../org/model";
import type { WorkspaceStack } from "./workspace-stack";
import { NetworkStack } from "./network";
import {
  domainStackProps,
  domainTeamStackProps,
  foundationStackProps,
  networkStackProps,
  registryStackProps,
  teamStackProps,
} from "./props";
import { FoundationStack } from "./foundation";
import { TeamStack } from "./team";
import { DomainStack } from "./domain";
import { DomainTeamStack } from "./domain-team";
import { RegistryStack } from "./registry";
import { checkWorkspace, renderedRefusal, type RenderedWorkspace, type WorkspaceCheck } from "../checks/output-checks";
import { SinglePassStack } from "./single-pass-stack";
import { ReadLog, type Read } from "./read-log";
import { TfcStack } from "./tfc";

export interface Platform {
  readonly app: App;
  readonly stacks: readonly WorkspaceStack[];
}

/** Progress of a synthesis, for a terminal (main.ts prints it; quiet by default). */
export type Progress = (step: string) => void;

/** A workspace synthesized on its own: its name and how to build its stack from a model in an App. */
export interface SynthesisUnit {
  readonly name: string;
  readonly build: (app: App, org: OrgModel) => SinglePassStack & { readonly upstreamWorkspaces: readonly string[] };
}

/** One workspace of the platform: its name, the workspaces applied before it, and how to build it. */
export interface PlannedWorkspace extends SynthesisUnit {
  /** In the order cdktf's manifest lists them (the order of `addDependency`). */
  readonly dependencies: readonly string[];
  readonly build: (app: App, org: OrgModel) => WorkspaceStack;
}

/**
 * Every workspace of an org in deploy order (§2, with the homes per team): network ->
 * foundation -> team-* -> domain -> domain-* -> registry. Workspaces share values only through
 * remote state, so each one builds alone; the dependencies record the apply order. A build
 * reads the model it is given (the synthesis cache gives it a recording view), never `org`.
 */
export function workspacePlan(org: OrgModel): PlannedWorkspace[] {
  const plan = (
    name: string,
    dependencies: string[],
    build: (app: App, org: OrgModel) => WorkspaceStack,
  ): PlannedWorkspace => ({ name, dependencies, build });
  return [
    plan("network", [], (app, o) => new NetworkStack(app, networkStackProps(o))),
    plan("foundation", [], (app, o) => new FoundationStack(app, foundationStackProps(o))),
    ...org.teams.map(({ id }) =>
      plan(`team-${id}`, ["network", "foundation"], (app, o) => new TeamStack(app, teamStackProps(o, id))),
    ),
    plan("domain", ["network", "foundation"], (app, o) => new DomainStack(app, domainStackProps(o))),
    // Profiles after their ExecutionRoles (§2): the team's roles.
    ...org.teams.map(({ id }) =>
      plan(
        `domain-${id}`,
        ["network", "domain", `team-${id}`],
        (app, o) => new DomainTeamStack(app, domainTeamStackProps(o, id)),
      ),
    ),
    plan("registry", [], (app, o) => new RegistryStack(app, registryStackProps(o))),
  ];
}

/** The whole platform in one cdktf App (tests, `org:diff`, and HCL output in `synthesizeOrg`). */
export function buildApp(org: OrgModel, outdir: string, progress: Progress = () => {}): Platform {
  disableTokenStackTraces();
  // cdktf's construct validations shell out to the *local* `terraform version` once per import
  // block, data resource or cloud backend: slow, meaningless for the machine that will run the
  // plan (Terraform Cloud), and fatal where terraform is absent. The required Terraform version
  // is declared in each workspace instead (`required_version`, WorkspaceStack).
  const app = new App({ outdir, skipValidation: true });
  const plan = workspacePlan(org);
  const built = new Map<string, WorkspaceStack>();
  plan.forEach((ws, i) => {
    progress(`building workspace ${i + 1}/${plan.length}: ${ws.name}`);
    const stack = ws.build(app, org);
    for (const d of ws.dependencies) stack.addDependency(built.get(d)!);
    built.set(ws.name, stack);
  });
  const stacks = [...built.values()];
  // Terraform Cloud as code: only with a cloud backend, built last (it reads every stack's reads).
  if (org.backend.type === "cloud")
    new TfcStack(app, { backend: org.backend, company: org.platform.company, workspaces: stacks });
  return { app, stacks };
}

/**
 * Synthesizes into a sibling temp dir and swaps it in only on success: a failed synth (or a
 * failed guard inside a workspace) writes nothing and leaves an existing output dir untouched.
 */
export function synthesize(org: OrgModel, outdir: string, progress: Progress = () => {}): Platform {
  const output = stagedOutput(outdir);
  try {
    const platform = buildApp(org, output.staging, progress);
    progress(`synthesizing ${platform.stacks.length} workspaces`);
    platform.app.synth();
    // Render checks and the guardrail rule pack (docs/guardrails.md): a bug never reaches outdir.
    progress("checking the rendered Terraform (render checks, guardrails)");
    const refusal = renderedRefusal(renderedWorkspaces(platform.app), outdir);
    if (refusal) throw refusal;
    output.commit();
    return platform;
  } finally {
    output.discard();
  }
}

/** An output directory written beside its target and swapped in only by `commit`. */
export interface StagedOutput {
  /** The output directory (absolute); until `commit`, it holds the previous output. */
  readonly target: string;
  readonly staging: string;
  /** Moves Terraform's working files over and swaps the staging directory in. */
  commit(): void;
  /** Removes what is left of the staging directory (after a commit: nothing). */
  discard(): void;
}

export function stagedOutput(outdir: string): StagedOutput {
  const target = path.resolve(outdir);
  const staging = `${target}.staging-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  return {
    target,
    staging,
    commit() {
      carryOverWorkingFiles(target, staging);
      const old = `${target}.old-${process.pid}`;
      if (fs.existsSync(target)) fs.renameSync(target, old);
      fs.renameSync(staging, target);
      fs.rmSync(old, { recursive: true, force: true });
    },
    discard() {
      fs.rmSync(staging, { recursive: true, force: true });
    },
  };
}

/** What synthesizing one workspace on its own produced: all the whole-output steps need of it. */
export interface WorkspaceSynthesis {
  readonly workspace: string;
  /** Managed resources in its JSON. */
  readonly resources: number;
  readonly upstreamWorkspaces: readonly string[];
  /** cdktf's annotations of the stack, as its manifest entry lists them. */
  readonly annotations: readonly unknown[];
  readonly check: WorkspaceCheck;
  /** What its build read of the model, and its text's hash, when asked to record them (the synthesis cache). */
  readonly reads?: readonly Read[];
  readonly sha256?: string;
}

/**
 * Builds one workspace in an App of its own, writes its `cdk.tf.json` under `outdir` and checks
 * it. Its bytes are those of the same stack in `buildApp`'s App: a stack reads no other stack,
 * and the manifest, the only file that lists them all, is written by `writeManifest`.
 */
export function synthesizeWorkspace(
  ws: SynthesisUnit,
  org: OrgModel,
  outdir: string,
  recordReads = false,
): WorkspaceSynthesis {
  disableTokenStackTraces();
  return releasingTokens(() => synthesizeAlone(ws, org, outdir, recordReads));
}

function synthesizeAlone(ws: SynthesisUnit, org: OrgModel, outdir: string, recordReads: boolean): WorkspaceSynthesis {
  const log = recordReads ? new ReadLog() : undefined;
  const app = new App({ outdir, skipValidation: true });
  const stack = ws.build(app, log ? log.view(org) : org);
  // What `App.synth` does for each stack, without writing this App's partial manifest.
  stack.prepareStack();
  stack.synthesizer.synthesize({ outdir, skipValidation: true, manifest: app.manifest });
  if (!stack.rendered) throw new Error(`workspace ${ws.name} was not rendered by SinglePassStack`);
  return {
    workspace: ws.name,
    resources: resourceCount(stack.rendered.json),
    upstreamWorkspaces: [...stack.upstreamWorkspaces],
    annotations: app.manifest.forStack(stack).annotations,
    check: checkWorkspace(ws.name, stack.rendered),
    ...(log ? { reads: log.entries(), sha256: createHash("sha256").update(stack.rendered.text).digest("hex") } : {}),
  };
}

/** cdktf's `manifest.json` for workspaces synthesized one by one (byte-identical to `App.synth`'s). */
export function writeManifest(
  outdir: string,
  workspaces: readonly { readonly name: string; readonly dependencies: readonly string[] }[],
  annotations: Readonly<Record<string, readonly unknown[]>>,
): void {
  const manifest = new App({ outdir, skipValidation: true }).manifest;
  for (const ws of workspaces) {
    // The two fields of a stack cdktf's manifest reads; a workspace's construct path is its name.
    const stackLike = {
      node: { id: ws.name, path: ws.name },
      dependencies: ws.dependencies.map((d) => ({ node: { path: d } })),
    };
    const entry = manifest.forStack(stackLike as unknown as TerraformStack) as { annotations: unknown[] };
    entry.annotations = [...(annotations[ws.name] ?? [])];
  }
  manifest.writeToFile();
}

/** What every stack of the app rendered during `synth` (every workspace is a SinglePassStack). */
function renderedWorkspaces(app: App): Record<string, RenderedWorkspace> {
  const out: Record<string, RenderedWorkspace> = {};
  for (const stack of app.node.children) {
    if (!(stack instanceof SinglePassStack) || !stack.rendered)
      throw new Error(`workspace ${stack.node.id} was not rendered by SinglePassStack`);
    out[stack.node.id] = stack.rendered;
  }
  return out;
}

/**
 * Terraform's working files in each workspace directory (`.terraform/`, `.terraform.lock.hcl`,
 * saved plans: everything synthesis did not write) move into the new output, so a re-synth does
 * not force `terraform init` again or lose a reviewed plan. A workspace no longer synthesized
 * loses its directory with them.
 */
function carryOverWorkingFiles(target: string, staging: string): void {
  const stacks = path.join(target, "stacks");
  if (!fs.existsSync(stacks)) return;
  for (const workspace of fs.readdirSync(stacks)) {
    const into = path.join(staging, "stacks", workspace);
    if (!fs.existsSync(into)) continue;
    for (const entry of fs.readdirSync(path.join(stacks, workspace)))
      if (!fs.existsSync(path.join(into, entry)))
        fs.renameSync(path.join(stacks, workspace, entry), path.join(into, entry));
  }
}

/** Managed resources per workspace, from what synthesis rendered. */
export function resourceCounts(platform: Platform): Record<string, number> {
  const rendered = renderedWorkspaces(platform.app);
  const out: Record<string, number> = {};
  for (const ws of Object.keys(rendered).sort()) out[ws] = resourceCount(rendered[ws].json);
  return out;
}

function resourceCount(json: unknown): number {
  const resources = (json as { resource?: Record<string, object> }).resource ?? {};
  return Object.values(resources).reduce((n, r) => n + Object.keys(r).length, 0);
}
