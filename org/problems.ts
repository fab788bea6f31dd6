/** A validation problem with its place in the org files: `file:line:col path: message`. */
export interface Problem {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  /** Dotted path into the document, e.g. `teams.rc.projects.fraud-detection.members[2]`. */
  readonly path: string;
  readonly message: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.col} ${p.path || "(document)"}: ${p.message}`;
}

/** Thrown by the loader with every problem found; the CLI prints them and exits non-zero. */
export class OrgValidationError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(
      `${problems.length} problem${problems.length === 1 ? "" : "s"} in the org files:\n` +
        problems.map(formatProblem).join("\n"),
    );
    this.name = "OrgValidationError";
  }
}

export type PathSegment = string | number;

export function formatPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out;
}

/**
 * A guard in a workspace refused to synthesize (e.g. a change that would replace the domain).
 * Printed without a stack trace, like validation problems.
 */
export class SynthesisRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SynthesisRefused";
  }
}
