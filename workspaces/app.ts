/**
 * Builds every workspace of an org into one cdktf App, and synthesizes it so that a failure
 * leaves the previous output directory exactly as it was.
 */
import * as fs from "fs";
import * as path from "path";
import { App } from "cdktf";
import { disableTokenStackTraces } from "../modules/fast-tokens";
import type { OrgModel } from "../org/model";
import type { WorkspaceStack } from "./workspace-stack";
import { NetworkStack } from "./network";
import { FoundationStack } from "./foundation";
import { TeamStack } from "./team";
import { DomainStack } from "./domain";
import { DomainTeamStack } from "./domain-team";
import { RegistryStack } from "./registry";
import { renderedRefusal, type RenderedWorkspace } from "../checks/output-checks";
import { SinglePassStack } from "./single-pass-stack";
import { TfcStack } from "./tfc";

export interface Platform {
  readonly app: App;
  readonly stacks: readonly WorkspaceStack[];
}

/** Progress of a synthesis, for a terminal (main.ts prints it; quiet by default). */
export type Progress = (step: string) => void;

/** Deploy order (§2, with the homes per team): network -> foundation -> team-* -> domain -> domain-* -> registry. */
export function buildApp(org: OrgModel, outdir: string, progress: Progress = () => {}): Platform {
  disableTokenStackTraces();
  // cdktf's construct validations shell out to the *local* `terraform version` once per import
  // block, data resource or cloud backend: slow, meaningless for the machine that will run the
  // plan (Terraform Cloud), and fatal where terraform is absent. The required Terraform version
  // is declared in each workspace instead (`required_version`, WorkspaceStack).
  const app = new App({ outdir, skipValidation: true });
  const total = 4 + 2 * org.teams.length;
  let built = 0;
  const build = <T>(name: string, make: () => T): T => {
    progress(`building workspace ${++built}/${total}: ${name}`);
    return make();
  };
  const network = build("network", () => new NetworkStack(app, org));
  const foundation = build("foundation", () => new FoundationStack(app, org));
  const teams = org.teams.map((team) => build(`team-${team.id}`, () => new TeamStack(app, org, team)));
  const domain = build("domain", () => new DomainStack(app, org));
  const homes = org.teams.map((team) => build(`domain-${team.id}`, () => new DomainTeamStack(app, org, team)));
  const registry = build("registry", () => new RegistryStack(app, org));
  // Workspaces share values only through remote state; the dependencies record the apply order.
  for (const t of teams) {
    t.addDependency(network);
    t.addDependency(foundation);
  }
  domain.addDependency(network);
  domain.addDependency(foundation);
  homes.forEach((h, i) => {
    h.addDependency(network);
    h.addDependency(domain);
    // Profiles after their ExecutionRoles (§2): the team's roles.
    h.addDependency(teams[i]);
  });
  const stacks = [network, foundation, ...teams, domain, ...homes, registry];
  // Terraform Cloud as code: only with a cloud backend, built last (it reads every stack's reads).
  if (org.backend.type === "cloud") new TfcStack(app, org, org.backend, stacks);
  return { app, stacks };
}

/**
 * Synthesizes into a sibling temp dir and swaps it in only on success: a failed synth (or a
 * failed guard inside a workspace) writes nothing and leaves an existing output dir untouched.
 */
export function synthesize(org: OrgModel, outdir: string, progress: Progress = () => {}): Platform {
  const target = path.resolve(outdir);
  const staging = `${target}.staging-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    const platform = buildApp(org, staging, progress);
    progress(`synthesizing ${platform.stacks.length} workspaces`);
    platform.app.synth();
    // Render checks and the guardrail rule pack (docs/guardrails.md): a bug never reaches outdir.
    progress("checking the rendered Terraform (render checks, guardrails)");
    const refusal = renderedRefusal(renderedWorkspaces(platform.app), outdir);
    if (refusal) throw refusal;
    carryOverWorkingFiles(target, staging);
    const old = `${target}.old-${process.pid}`;
    if (fs.existsSync(target)) fs.renameSync(target, old);
    fs.renameSync(staging, target);
    fs.rmSync(old, { recursive: true, force: true });
    return platform;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** What each stack of the app rendered during `synth` (every workspace is a SinglePassStack). */
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
  for (const ws of Object.keys(rendered).sort()) {
    const resources = (rendered[ws].json as { resource?: Record<string, object> }).resource ?? {};
    out[ws] = Object.values(resources).reduce((n, r) => n + Object.keys(r).length, 0);
  }
  return out;
}
