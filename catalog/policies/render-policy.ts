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

/**
 * A template part compiled once: `undefined` when it holds no placeholder (rendered documents
 * share it; templates are frozen), else a function of the values. Project policies are rendered
 * for every project, twice a run (the loader's size checks and the synthesis).
 */
type Part = ((values: PolicyValues, fail: (message: string) => never) => unknown) | undefined;

function compileText(text: string): Part {
  // A capture group in split keeps the names: ["arn:aws:s3:::", "company", "-sm-", "team", ...].
  const parts = text.split(PLACEHOLDER);
  if (parts.length === 1) return undefined;
  const whole = WHOLE.exec(text)?.[1];
  return (values, fail) => {
    if (whole !== undefined && Array.isArray(values[whole])) return [...(values[whole] as readonly unknown[])];
    let out = parts[0];
    for (let i = 1; i < parts.length; i += 2) {
      const v = values[parts[i]];
      if (typeof v !== "string") fail(`{${parts[i]}} is not text: it may only stand alone as a whole value`);
      out += v + parts[i + 1];
    }
    return out;
  };
}

function compile(value: unknown): Part {
  if (typeof value === "string") return compileText(value);
  if (Array.isArray(value)) {
    const items = value.map(compile);
    if (items.every((c) => c === undefined)) return undefined;
    return (values, fail) => items.map((c, i) => (c ? c(values, fail) : value[i]));
  }
  if (value === null || typeof value !== "object") return undefined;
  const entries = Object.entries(value).map(([k, v]) => [k, compileText(k), v, compile(v)] as const);
  if (entries.every(([, key, , v]) => key === undefined && v === undefined)) return undefined;
  return (values, fail) => {
    const out: Record<string, unknown> = {};
    for (const [k, key, v, part] of entries)
      out[key ? (key(values, fail) as string) : k] = part ? part(values, fail) : v;
    return out;
  };
}

/** One `Statement` entry compiled: a statement list, or a statement kept only `when` a value is given. */
type CompiledEntry =
  { readonly list: string } | { readonly when?: string; readonly statement: PolicyStatement; readonly part: Part };

interface CompiledTemplate {
  readonly placeholders: readonly string[];
  readonly entries: readonly CompiledEntry[];
}

const compiled = new WeakMap<PolicyTemplate, CompiledTemplate>();

/** Refusals name the template. */
function failFor(template: PolicyTemplate): (message: string) => never {
  return (message) => {
    throw new Error(`policy template ${template.name}: ${message}`);
  };
}

function compiledTemplate(template: PolicyTemplate): CompiledTemplate {
  let c = compiled.get(template);
  if (!c) {
    const names = new Set<string>();
    for (const m of JSON.stringify(template.document).matchAll(PLACEHOLDER)) names.add(m[1]);
    const fail = failFor(template);
    const entries = template.document.Statement.map((entry): CompiledEntry => {
      if (typeof entry === "string")
        return { list: WHOLE.exec(entry)?.[1] ?? fail(`statement entry ${entry} is not a placeholder`) };
      const { $when, ...statement } = entry;
      const when =
        $when === undefined ? undefined : (WHOLE.exec($when)?.[1] ?? fail(`$when ${$when} is not a placeholder`));
      // Shared by every rendering when it holds no placeholder: frozen like the template.
      return { when, statement: Object.freeze(statement), part: compile(statement) };
    });
    c = { placeholders: [...names].sort(), entries };
    compiled.set(template, c);
  }
  return c;
}

/** The placeholders a template uses, sorted. */
export function placeholdersOf(template: PolicyTemplate): string[] {
  return [...compiledTemplate(template).placeholders];
}

/** The template's document with every placeholder substituted; an unknown placeholder is an error. */
export function renderPolicy(template: PolicyTemplate, values: PolicyValues): PolicyDocument {
  const fail = failFor(template);
  const { placeholders, entries } = compiledTemplate(template);
  const unknown = placeholders.filter((p) => !Object.hasOwn(values, p));
  if (unknown.length) fail(`no value for ${unknown.map((p) => `{${p}}`).join(", ")}`);
  const given = (name: string) => {
    const v = values[name];
    return v !== undefined && !(Array.isArray(v) && v.length === 0);
  };
  const statements: PolicyStatement[] = [];
  for (const entry of entries) {
    if ("list" in entry) {
      const list = values[entry.list];
      if (!Array.isArray(list)) fail(`statement entry {${entry.list}} is not a list`);
      statements.push(...(list as PolicyStatement[]));
    } else if (entry.when === undefined || given(entry.when))
      statements.push(entry.part ? (entry.part(values, fail) as PolicyStatement) : entry.statement);
  }
  return { Version: template.document.Version, Statement: statements };
}

/** A template's free text (its name or description) with the placeholders substituted. */
export function renderPolicyText(text: string, values: PolicyValues): string {
  return text.replace(PLACEHOLDER, (m, p: string) => {
    const v = values[p];
    return typeof v === "string" ? v : m;
  });
}

/** Freezes a value and everything in it. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * A JSON module as a template (its shape is checked by the catalogue's tests), frozen: rendered
 * documents share its parts without placeholders, so nobody may change them.
 */
export function policyTemplate(json: unknown): PolicyTemplate {
  return deepFreeze(json as PolicyTemplate);
}
