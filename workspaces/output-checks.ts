/**
 * Checks on the rendered Terraform JSON, run by `synthesize` before the output is swapped in
 * (platform-spec §11.1, §11.5): no spec placeholder left unrendered, no IAM policy variable that
 * Terraform would try to interpolate, no cdktf token that failed to resolve.
 */
import * as fs from "fs";
import * as path from "path";

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

/** Problems of every workspace under `<outdir>/stacks`. */
export function checkRenderedOutput(outdir: string): RenderProblem[] {
  const stacks = path.join(outdir, "stacks");
  return fs
    .readdirSync(stacks)
    .sort()
    .flatMap((ws) => renderProblems(ws, fs.readFileSync(path.join(stacks, ws, "cdk.tf.json"), "utf8")));
}
