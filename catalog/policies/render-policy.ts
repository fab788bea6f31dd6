/**
 * Policies as data in the spec's shape: one JSON template per policy
 * (`catalog/policies/<kind>/<PolicyName>.json`) holding the document with the spec's placeholders
 * (`{account}`, `{region}`, `{company}`, `{team}`, `{ProjectPascal}`, ...), the section it
 * implements, and its deliberate deviations from the spec's text with their reason. Reviewing a
 * policy is diffing its file against the spec; `renderPolicy` only substitutes.
 *
 * Three forms beyond text substitution, for what depends on the org:
 * - a value that is exactly `"{name}"` takes a list value whole (subnet ids, profile names);
 * - a `Statement` entry that is exactly `"{name}"` is replaced by a list of statements (those
 *   shared with other policies and built in code, e.g. the §14.3 data scope);
 * - a statement with `"$when": "{name}"` is kept only when `name` has a value (SSE-KMS).
 *
 * IAM policy variables (`${aws:username}`) are not placeholders: they reach IAM literally.
 */
import type { PolicyDocument, PolicyStatement } from "./policy-document";

/** A statement of a template: a statement, optionally kept only when a value is given. */
export type TemplateStatement = PolicyStatement & { readonly $when?: string };

export interface PolicyTemplate {
  /** The IAM policy name (with placeholders for per-team and per-project policies). */
  readonly name: string;
  /** The section of the platform spec it implements, e.g. `§8.1`. */
  readonly spec: string;
  /** Shown in the IAM console (free text; not part of the spec's contract). */
  readonly description: string;
  /**
   * Statements that differ from the spec's text on purpose (`*`: the whole policy), and why;
   * `removed`: a statement of the spec this template leaves out.
   */
  readonly deviations: readonly { readonly sid: string; readonly reason: string; readonly removed?: boolean }[];
  /** The document, with placeholders; a string entry of `Statement` is a list of statements. */
  readonly document: {
    readonly Version: "2012-10-17";
    readonly Statement: readonly (TemplateStatement | string)[];
  };
}

/** A placeholder's value: text, a list of values or statements, or nothing (drops a `$when`). */
export type PolicyValue = string | readonly string[] | readonly PolicyStatement[] | undefined;

/** Values of the placeholders, e.g. `{ account: "123456789012" }` for `{account}`. */
export type PolicyValues = Readonly<Record<string, PolicyValue>>;

/** `{name}`, but not the `{...}` of an IAM policy variable `${...}`. */
const PLACEHOLDER = /(?<!\$)\{([A-Za-z][A-Za-z0-9]*)\}/g;
/** A string that is one placeholder and nothing else. */
const WHOLE = /^\{([A-Za-z][A-Za-z0-9]*)\}$/;

/** The placeholders a template uses, sorted. */
export function placeholdersOf(template: PolicyTemplate): string[] {
  const found = new Set<string>();
  for (const m of JSON.stringify(template.document).matchAll(PLACEHOLDER)) found.add(m[1]);
  return [...found].sort();
}

/** The template's document with every placeholder substituted; an unknown placeholder is an error. */
export function renderPolicy(template: PolicyTemplate, values: PolicyValues): PolicyDocument {
  const fail = (message: string): never => {
    throw new Error(`policy template ${template.name}: ${message}`);
  };
  const unknown = placeholdersOf(template).filter((p) => !Object.hasOwn(values, p));
  if (unknown.length) fail(`no value for ${unknown.map((p) => `{${p}}`).join(", ")}`);
  const given = (name: string) => {
    const v = values[name];
    return v !== undefined && !(Array.isArray(v) && v.length === 0);
  };
  const text = (s: string): string =>
    s.replace(PLACEHOLDER, (_m, p: string) => {
      const v = values[p];
      return typeof v === "string" ? v : fail(`{${p}} is not text: it may only stand alone as a whole value`);
    });
  const render = (value: unknown): unknown => {
    if (typeof value === "string") {
      const whole = WHOLE.exec(value);
      if (whole && Array.isArray(values[whole[1]])) return [...(values[whole[1]] as readonly unknown[])];
      return text(value);
    }
    if (Array.isArray(value)) return value.map(render);
    if (value && typeof value === "object")
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [text(k), render(v)]));
    return value;
  };
  const statements = template.document.Statement.flatMap((entry): PolicyStatement[] => {
    if (typeof entry === "string") {
      const whole = WHOLE.exec(entry);
      const list = whole ? values[whole[1]] : undefined;
      return Array.isArray(list) ? (list as PolicyStatement[]) : fail(`statement entry ${entry} is not a list`);
    }
    const { $when, ...statement } = entry;
    if ($when !== undefined && !given(WHOLE.exec($when)?.[1] ?? fail(`$when ${$when} is not a placeholder`))) return [];
    return [render(statement) as PolicyStatement];
  });
  return { Version: template.document.Version, Statement: statements };
}

/** A template's free text (its name or description) with the placeholders substituted. */
export function renderPolicyText(text: string, values: PolicyValues): string {
  return text.replace(PLACEHOLDER, (m, p: string) => {
    const v = values[p];
    return typeof v === "string" ? v : m;
  });
}

/** A JSON module as a template (its shape is checked by the catalogue's tests). */
export function policyTemplate(json: unknown): PolicyTemplate {
  return json as PolicyTemplate;
}
