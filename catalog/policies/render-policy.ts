/**
 * Policies as data in the spec's shape: one JSON template per policy
 * (`catalog/policies/<kind>/<PolicyName>.json`) holding the document with the spec's placeholders
 * (`{account}`, `{region}`, `{company}`, `{iamPath}`), the section it implements, and its
 * deliberate deviations from the spec's text with their reason. Reviewing a policy is diffing
 * its file against the spec; `renderPolicy` only substitutes.
 *
 * IAM policy variables (`${aws:username}`) are not placeholders: they reach IAM literally.
 */
import type { PolicyDocument } from "./policy-document";

export interface PolicyTemplate {
  /** The IAM policy name. */
  readonly name: string;
  /** The section of the platform spec it implements, e.g. `§8.1`. */
  readonly spec: string;
  /** Shown in the IAM console (free text; not part of the spec's contract). */
  readonly description: string;
  /** Statements that differ from the spec's text on purpose (`*`: the whole policy), and why. */
  readonly deviations: readonly { readonly sid: string; readonly reason: string }[];
  /** The document, with placeholders. */
  readonly document: PolicyDocument;
}

/** Values of the placeholders, e.g. `{ account: "123456789012" }` for `{account}`. */
export type PolicyValues = Readonly<Record<string, string>>;

/** `{name}`, but not the `{...}` of an IAM policy variable `${...}`. */
const PLACEHOLDER = /(?<!\$)\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The placeholders a template uses, sorted. */
export function placeholdersOf(template: PolicyTemplate): string[] {
  const found = new Set<string>();
  for (const m of JSON.stringify(template.document).matchAll(PLACEHOLDER)) found.add(m[1]);
  return [...found].sort();
}

/** The template's document with every placeholder substituted; an unknown placeholder is an error. */
export function renderPolicy(template: PolicyTemplate, values: PolicyValues): PolicyDocument {
  const unknown = placeholdersOf(template).filter((p) => !Object.hasOwn(values, p));
  if (unknown.length)
    throw new Error(`policy template ${template.name}: no value for ${unknown.map((p) => `{${p}}`).join(", ")}`);
  const render = (value: unknown): unknown => {
    if (typeof value === "string") return renderPolicyText(value, values);
    if (Array.isArray(value)) return value.map(render);
    if (value && typeof value === "object")
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [render(k) as string, render(v)]));
    return value;
  };
  return render(template.document) as PolicyDocument;
}

/** A template's free text (its name or description) with the placeholders substituted. */
export function renderPolicyText(text: string, values: PolicyValues): string {
  return text.replace(PLACEHOLDER, (m, p: string) => (Object.hasOwn(values, p) ? values[p] : m));
}

/** A JSON module as a template (its shape is checked by the catalogue's tests). */
export function policyTemplate(json: unknown): PolicyTemplate {
  return json as PolicyTemplate;
}
