/**
 * The destroy guard of platform-spec §10, run between `terraform plan` and `terraform apply`:
 *
 *   terraform plan -out=tfplan && terraform show -json tfplan > foundation.json
 *   node dist/scripts/plan-guard.js foundation.json [registry.json ...] [--allow-destroy=name1,name2]
 *
 * Prints the review summary of every plan and exits 0 when no protected resource is destroyed
 * or every destroyed one is named exactly in the approvals (`--allow-destroy`, repeatable, and
 * the ALLOW_DESTROY environment variable, for CI jobs that derive it from a pull-request label).
 * Exits 1 when the guard refuses, 2 on a usage or plan-format error. docs/plan-guard.md.
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { judge, parseApprovals, PlanFormatError, renderReport, reviewPlan, type Format } from "./plan-review";

export const USAGE = `usage: plan-guard <plan.json>... [--allow-destroy=<name>[,<name>...]] [--partial] [--format=text|markdown]

  <plan.json>      \`terraform show -json <planfile>\` output, one per workspace (the file name
                   without .json labels the workspace: foundation.json -> foundation)
  --allow-destroy  physical names of protected resources whose destruction is approved
                   (exact names, comma-separated, repeatable; \`<workspace>:<name>\` limits an
                   entry to one workspace); also read from ALLOW_DESTROY
  --partial        these plans are only some of the change's workspaces: entries qualified
                   with another workspace are left to that workspace's run
  --format         text (default) or markdown (for a pull-request comment or step summary)

exit status: 0 passed, 1 refused (unapproved destroy, stale approval, errored plan), 2 usage error`;

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const stdio: CliIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/** The workspace label of a plan file: `plans/team-rc.json` -> `team-rc`. */
export function workspaceLabel(file: string): string {
  return path.basename(file).replace(/\.json$/i, "");
}

/** Runs the guard; returns the exit status. */
export function runPlanGuard(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, io: CliIo = stdio): number {
  let files: string[];
  let allow: string[];
  let format: Format;
  let partial: boolean;
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: {
        "allow-destroy": { type: "string", multiple: true, default: [] },
        format: { type: "string", default: "text" },
        partial: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      io.out(`${USAGE}\n`);
      return 0;
    }
    if (values.format !== "text" && values.format !== "markdown")
      throw new Error(`--format must be text or markdown, not '${values.format}'`);
    if (!positionals.length) throw new Error("no plan file given");
    files = positionals;
    allow = values["allow-destroy"] ?? [];
    format = values.format;
    partial = values.partial ?? false;
  } catch (e) {
    io.err(`plan-guard: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }

  const labels = files.map(workspaceLabel);
  const duplicate = labels.find((l, i) => labels.indexOf(l) !== i);
  if (duplicate) {
    io.err(`plan-guard: two plan files are labelled '${duplicate}'; name each file after its workspace\n`);
    return 2;
  }
  try {
    const reviews = files.map((file, i) => {
      let text: string;
      try {
        text = fs.readFileSync(file, "utf8");
      } catch (e) {
        throw new PlanFormatError(`cannot read ${file}: ${(e as Error).message}`);
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        throw new PlanFormatError(
          `${file} is not JSON (${(e as Error).message}); write it with \`terraform show -json <planfile> > ${file}\``,
        );
      }
      return reviewPlan(labels[i], json);
    });
    const verdict = judge(reviews, parseApprovals([...allow, env.ALLOW_DESTROY]), { partial });
    io.out(renderReport(reviews, verdict, format));
    return verdict.ok ? 0 : 1;
  } catch (e) {
    if (!(e instanceof PlanFormatError)) throw e;
    io.err(`plan-guard: ${e.message}\n`);
    return 2;
  }
}

// exitCode, not exit(): a long report written to a pipe must be flushed before the process ends.
if (require.main === module) process.exitCode = runPlanGuard(process.argv.slice(2));
