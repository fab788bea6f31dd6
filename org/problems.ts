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
  return `${p.file}:${p.line}:${p.col} ${visible(p.path) || "(document)"}: ${visible(p.message)}`;
}

/**
 * Text from the org file as a reviewer must see it: non-ASCII letters, digits and marks (look-alikes
 * such as Cyrillic `а`), spaces other than ' ', control and invisible characters become `\u{…}`.
 * Punctuation and symbols (`§`, `…`) stay as they are.
 */
export function visible(text: string): string {
  return text.replace(
    /[^\x20-\x7e\p{P}\p{S}]|[\p{Cf}]/gu,
    (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`,
  );
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
