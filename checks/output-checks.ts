/**
 * Checks on the rendered Terraform JSON, run by `synthesize` before the output is swapped in
 * (platform-spec §11.1, §11.5): no spec placeholder left unrendered, no IAM policy variable that
 * Terraform would try to interpolate, no cdktf token that failed to resolve; then the guardrail
 * rule pack (checks/guardrails, docs/guardrails.md) on the parsed JSON of every workspace.
 */
import * as fs from "fs";
import * as path from "path";
import {
  formatFinding,
  runGuardrails,
  suppressFindings,
  workspaceFindings,
  type Finding,
  type TerraformJson,
} from "./guardrails";
import { SynthesisRefused } from "../org/problems";

/** The §0.1 placeholders: in rendered output they can only be a template bug. */
const PLACEHOLDER =
  /\{(company|account|region|iamPath|tagPrefix|team|teamFullName|TeamPascal|project|ProjectPascal|projectShort|user|iamUser|domainName|bucket)\}/;
/** `${aws:…}` / `${sagemaker:…}` not escaped as `$${…}`: Terraform would fail or substitute it. */
const UNESCAPED_POLICY_VARIABLE = /(?<!\$)\$\{(aws|sagemaker|s3|ec2|iam|sts):/;
const UNRESOLVED_TOKEN = /\$\{TfToken\[|\$\{Token\[/;

export interface RenderProblem {
  readonly workspace: string;
  readonly message: string;
}

/** Problems in one workspace's cdk.tf.json text. */
export function renderProblems(workspace: string, text: string): RenderProblem[] {
  const out: RenderProblem[] = [];
  const excerpt = (re: RegExp) => {
    const m = re.exec(text)!;
    return text.slice(Math.max(0, m.index - 40), m.index + 40).replace(/\s+/g, " ");
  };
  if (PLACEHOLDER.test(text))
    out.push({ workspace, message: `unrendered placeholder near: …${excerpt(PLACEHOLDER)}…` });
  if (UNESCAPED_POLICY_VARIABLE.test(text))
    out.push({
      workspace,
      message: `IAM policy variable not escaped as $\${…} near: …${excerpt(UNESCAPED_POLICY_VARIABLE)}…`,
    });
  if (UNRESOLVED_TOKEN.test(text))
    out.push({ workspace, message: `unresolved cdktf token near: …${excerpt(UNRESOLVED_TOKEN)}…` });
  return out;
}

/** A workspace's `cdk.tf.json` text, and its parsed data when synthesis still holds it. */
export interface RenderedWorkspace {
  readonly text: string;
  readonly json?: unknown;
}

/** `cdk.tf.json` text of every workspace under `<outdir>/stacks`, by workspace name. */
function readStacks(outdir: string): Record<string, string> {
  const stacks = path.join(outdir, "stacks");
  const out: Record<string, string> = {};
  for (const ws of fs.readdirSync(stacks).sort())
    out[ws] = fs.readFileSync(path.join(stacks, ws, "cdk.tf.json"), "utf8");
  return out;
}

const fromTexts = (texts: Record<string, string>): Record<string, RenderedWorkspace> =>
  Object.fromEntries(Object.entries(texts).map(([ws, text]) => [ws, { text }]));

/** Problems of every workspace under `<outdir>/stacks`. */
export function checkRenderedOutput(outdir: string): RenderProblem[] {
  return Object.entries(readStacks(outdir)).flatMap(([ws, text]) => renderProblems(ws, text));
}

/** Unsuppressed guardrail findings of every workspace under `<outdir>/stacks`. */
export function checkGuardrails(outdir: string): Finding[] {
  return guardrailFindings(fromTexts(readStacks(outdir)));
}

function guardrailFindings(rendered: Readonly<Record<string, RenderedWorkspace>>): Finding[] {
  const stacks: Record<string, TerraformJson> = {};
  for (const [ws, r] of Object.entries(rendered)) stacks[ws] = (r.json ?? JSON.parse(r.text)) as TerraformJson;
  return runGuardrails(stacks);
}

/**
 * What `synthesize` throws when the output under `outdir` must not be swapped in (render
 * problems, then guardrail findings), or undefined when it is clean. `target` names the output
 * directory in the message.
 */
export function outputRefusal(outdir: string, target: string): SynthesisRefused | undefined {
  return renderedRefusal(fromTexts(readStacks(outdir)), target);
}

/** What the checks found in one workspace, before the suppressions (which apply to the whole output). */
export interface WorkspaceCheck {
  readonly problems: readonly RenderProblem[];
  /** Guardrail findings; none are looked for while the text has render problems. */
  readonly findings: readonly Finding[];
}

/** The checks of one rendered workspace (a synthesis worker runs them on what it rendered). */
export function checkWorkspace(workspace: string, rendered: RenderedWorkspace): WorkspaceCheck {
  const problems = renderProblems(workspace, rendered.text);
  if (problems.length) return { problems, findings: [] };
  const json = (rendered.json ?? JSON.parse(rendered.text)) as TerraformJson;
  return { problems, findings: workspaceFindings(workspace, json) };
}

/** `outputRefusal` on workspaces synthesis still holds in memory (no read-back, no re-parse). */
export function renderedRefusal(
  rendered: Readonly<Record<string, RenderedWorkspace>>,
  target: string,
): SynthesisRefused | undefined {
  const checks: Record<string, WorkspaceCheck> = {};
  for (const ws of Object.keys(rendered)) checks[ws] = checkWorkspace(ws, rendered[ws]);
  return checkedRefusal(checks, target);
}

/** The refusal for the whole output from each workspace's checks: render problems first, then guardrails. */
export function checkedRefusal(
  checks: Readonly<Record<string, WorkspaceCheck>>,
  target: string,
): SynthesisRefused | undefined {
  const ordered = Object.keys(checks).sort();
  const problems = ordered.flatMap((ws) => checks[ws].problems);
  if (problems.length)
    return new SynthesisRefused(
      `refusing to write ${target}: the rendered Terraform is broken (a bug, not an org-file problem):\n` +
        problems.map((p) => `${p.workspace}: ${p.message}`).join("\n"),
    );
  const findings = suppressFindings(Object.fromEntries(ordered.map((ws) => [ws, checks[ws].findings])));
  if (findings.length)
    return new SynthesisRefused(
      `refusing to write ${target}: the rendered Terraform breaks ${findings.length} platform guardrail${findings.length === 1 ? "" : "s"} ` +
        "(a bug in this repository, not an org-file problem; rules and suppressions: docs/guardrails.md):\n" +
        findings.map(formatFinding).join("\n"),
    );
  return undefined;
}
