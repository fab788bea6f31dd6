/**
 * Read-only helpers over one workspace's synthesized Terraform JSON (`cdk.tf.json`), for the
 * guardrail rules. The JSON is untyped by nature: every accessor narrows and never throws, so a
 * rule reports a malformed value as a finding instead of crashing the synthesis.
 */

/** A JSON object (a resource body, a block, a policy statement). */
export type JsonObject = Readonly<Record<string, unknown>>;

/** One workspace's `cdk.tf.json`, as parsed. */
export interface TerraformJson {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, JsonObject>>>>;
  readonly provider?: Readonly<Record<string, unknown>>;
  readonly output?: Readonly<Record<string, JsonObject>>;
  readonly [key: string]: unknown;
}

/** A broken platform invariant, as `synthesize` prints it: `RULE-ID workspace address: message`. */
export interface Finding {
  readonly rule: string;
  readonly workspace: string;
  /** Terraform address (`aws_s3_bucket.bucket-rc-fraud-detection`), or `provider.aws`. */
  readonly address: string;
  readonly message: string;
}

export interface GuardrailRule {
  /** Stable ID (`SMP-S3-1`): suppressions and docs name it; never renumber. */
  readonly id: string;
  /** One line: the invariant that holds when the rule passes. */
  readonly description: string;
  /** The platform-spec sections the invariant comes from. */
  readonly spec: string;
  /** Pure: the same JSON always gives the same findings. */
  readonly check: (workspace: string, stack: TerraformJson) => Finding[];
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** `[name, body]` of every resource of one type, in JSON order. */
export function resourcesOf(stack: TerraformJson, type: string): [string, JsonObject][] {
  const byName = stack.resource?.[type];
  if (!isObject(byName)) return [];
  return Object.entries(byName).filter((e): e is [string, JsonObject] => isObject(e[1]));
}

/**
 * A nested block as a list: cdktf renders a block of at most one item as an object and others as
 * arrays (`rule: [{…}]`, `image_scanning_configuration: {…}`); Terraform accepts both.
 */
export function blocks(v: unknown): JsonObject[] {
  if (Array.isArray(v)) return v.filter(isObject);
  return isObject(v) ? [v] : [];
}

/** The first (usually only) item of a nested block, or an empty object. */
export function block(v: unknown): JsonObject {
  return blocks(v)[0] ?? {};
}

/** A value that is a string or a list of strings, as a list (IAM `Action`, `Resource`, …). */
export function strings(v: unknown): string[] {
  if (typeof v === "string") return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

export function nonEmptyString(v: unknown): v is string {
  return typeof v === "string" && v.trim() !== "";
}

/** The resource name a `${type.name.attr}` reference points to, or undefined. */
export function referencedName(value: unknown, type: string): string | undefined {
  if (typeof value !== "string" || !value.startsWith(`\${${type}.`)) return undefined;
  const m = /^\$\{[a-z0-9_]+\.([^.}]+)\.[a-z0-9_]+\}$/.exec(value);
  return m?.[1];
}

/** The `tags` map of a resource (string values only), or undefined when it has none. */
export function tagsOf(body: JsonObject): Readonly<Record<string, string>> | undefined {
  if (!isObject(body.tags)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body.tags)) if (typeof v === "string") out[k] = v;
  return out;
}

export function preventDestroy(body: JsonObject): boolean {
  return block(body.lifecycle).prevent_destroy === true;
}

/**
 * The resources of `type` that configure each aws_s3_bucket of the stack, by reference
 * (`${aws_s3_bucket.<name>.id}`) or by the literal bucket name: `(name, bucketName) => parts`.
 * Indexed once per call, so a rule stays linear in the number of buckets.
 */
export function bucketParts(
  stack: TerraformJson,
  type: string,
): (name: string, bucketName: unknown) => [string, JsonObject][] {
  const byKey = new Map<string, [string, JsonObject][]>();
  for (const entry of resourcesOf(stack, type)) {
    const ref = referencedName(entry[1].bucket, "aws_s3_bucket");
    const key = ref !== undefined ? `ref:${ref}` : typeof entry[1].bucket === "string" ? `name:${entry[1].bucket}` : "";
    if (key) byKey.set(key, [...(byKey.get(key) ?? []), entry]);
  }
  return (name, bucketName) => [
    ...(byKey.get(`ref:${name}`) ?? []),
    ...(typeof bucketName === "string" ? (byKey.get(`name:${bucketName}`) ?? []) : []),
  ];
}

export type PolicyParse = { readonly doc: JsonObject; readonly text: string } | { readonly error: string };

/**
 * An IAM/S3 policy document as AWS receives it: Terraform turns `$${` into a literal `${`
 * (platform-spec §11.1), so that is undone before parsing and measuring.
 */
export function parsePolicy(value: unknown): PolicyParse {
  if (typeof value !== "string") return { error: "policy is not a string" };
  const text = value.replace(/\$\$\{/g, "${");
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { error: `policy is not valid JSON: ${text.slice(0, 60)}…` };
  }
  return isObject(doc) ? { doc, text } : { error: "policy is not a JSON object" };
}

/** The statements of a parsed policy (`Statement` may be one object or a list). */
export function statementsOf(doc: JsonObject): JsonObject[] {
  return blocks(doc.Statement);
}

/** A finding factory bound to one rule and workspace. */
export function reporter(rule: string, workspace: string): (address: string, message: string) => Finding {
  return (address, message) => ({ rule, workspace, address, message });
}
