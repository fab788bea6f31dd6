/**
 * Review of Terraform plans before apply (platform-spec §10): a summary per operation of what a
 * plan creates, changes, replaces, destroys, forgets, imports and moves, and the destroy guard —
 * a plan that destroys a protected resource (bucket, user profile, private space, IAM user, the
 * domain, model package group, ECR repository) passes only when every such resource is named,
 * by its exact physical name, in the approval list.
 *
 * Input is the plan as `terraform show -json <planfile>` prints it (format 1.x). Pure functions:
 * the CLI (scripts/plan-guard.ts) reads files and arguments, this module decides.
 */

/**
 * Protected resource types and the attribute holding the physical name an approval must name.
 * Physical names, not addresses: the reviewer approves `acme-sm-rc-fraud-detection`, the thing
 * that holds the data, whatever construct path happens to produce it.
 */
export const PROTECTED_TYPES: Readonly<Record<string, string>> = {
  aws_s3_bucket: "bucket",
  aws_sagemaker_user_profile: "user_profile_name",
  aws_sagemaker_space: "space_name",
  aws_iam_user: "name",
  aws_sagemaker_domain: "domain_name",
  aws_sagemaker_model_package_group: "model_package_group_name",
  aws_ecr_repository: "name",
};

/** Attributes shown as the name of other resources in the summary (the first one present wins). */
const DISPLAY_NAME_ATTRIBUTES = ["name", "bucket", "role", "user", "group"] as const;

/** Terraform's resource actions (JSON output format 1.x). Anything else fails closed. */
const KNOWN_ACTIONS = new Set(["no-op", "create", "read", "update", "delete", "forget"]);

export type Operation = "create" | "update" | "replace" | "delete" | "forget";

/** Summary sections, in review order; `import` and `move` list resources whatever their action. */
export const SECTIONS = ["create", "update", "replace", "delete", "forget", "import", "move"] as const;
export type Section = (typeof SECTIONS)[number];

const SECTION_TITLES: Readonly<Record<Section, string>> = {
  create: "create",
  update: "update in place",
  replace: "replace (destroy and re-create)",
  delete: "delete",
  forget: "forget (removed from state, the object is kept)",
  import: "import (adopted into state)",
  move: "move (new address, same object)",
};

/** The plan JSON is not what `terraform show -json` prints for a plan. */
export class PlanFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlanFormatError";
  }
}

export interface ResourceChange {
  readonly workspace: string;
  readonly address: string;
  readonly type: string;
  readonly operation: Operation | "no-op";
  /** The physical name concerned: before the change for destroying operations, else after. */
  readonly name?: string;
  /** The name after a replacement, when it differs (a rename that forces replacement). */
  readonly newName?: string;
  /** The remote object is deleted (delete, or the destroy half of a replacement). */
  readonly destroys: boolean;
  /** A protected type (PROTECTED_TYPES) whose object is deleted: needs an approval. */
  readonly needsApproval: boolean;
  readonly importing: boolean;
  readonly movedFrom?: string;
  /** Terraform's `action_reason`, e.g. `replace_because_cannot_update`. */
  readonly reason?: string;
  /** Attributes that force a replacement. */
  readonly replacePaths: readonly string[];
  /** What is lost with the object, for the reviewer. */
  readonly notes: readonly string[];
}

export interface PlanReview {
  readonly workspace: string;
  readonly terraformVersion?: string;
  readonly changes: readonly ResourceChange[];
  /** The plan cannot be trusted (Terraform reported errors while planning). */
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function stringAttr(values: unknown, attribute: string): string | undefined {
  if (!isObject(values)) return undefined;
  const v = values[attribute];
  return typeof v === "string" && v !== "" ? v : undefined;
}

const isProtectedType = (type: string) => Object.hasOwn(PROTECTED_TYPES, type);

function nameOf(type: string, values: unknown): string | undefined {
  if (isProtectedType(type)) return stringAttr(values, PROTECTED_TYPES[type]);
  for (const a of DISPLAY_NAME_ATTRIBUTES) {
    const v = stringAttr(values, a);
    if (v) return v;
  }
  return undefined;
}

function operationOf(address: string, actions: readonly string[]): Operation | "no-op" {
  for (const a of actions)
    if (!KNOWN_ACTIONS.has(a))
      throw new PlanFormatError(`${address}: unknown action '${a}' (actions ${JSON.stringify(actions)})`);
  if (actions.includes("delete")) return actions.includes("create") ? "replace" : "delete";
  if (actions.includes("forget")) return "forget";
  if (actions.includes("create")) return "create";
  if (actions.includes("update")) return "update";
  return "no-op";
}

/** What the reviewer should know is lost with a destroyed object (§10 op 9: spaces and profiles). */
function destroyNotes(type: string, before: unknown): string[] {
  const b = isObject(before) ? before : {};
  switch (type) {
    case "aws_s3_bucket":
      return [
        b.force_destroy === true
          ? "force_destroy = true: every object version and delete marker is deleted with the bucket"
          : "force_destroy = false: the delete fails unless the bucket is already empty (purge flow: docs/foundation.md)",
      ];
    case "aws_sagemaker_space":
      return ["the space's EBS volume (its files) is lost; delete the space's running apps first"];
    case "aws_sagemaker_user_profile":
      return ["the profile's home data is lost; its apps and spaces must be deleted first"];
    case "aws_iam_user":
      return b.force_destroy === true ? ["login profile, access keys and MFA devices are deleted with the user"] : [];
    case "aws_sagemaker_domain":
      return ["every user profile, space and app of the domain goes with it, and its home EFS per retention_policy"];
    case "aws_ecr_repository":
      return [
        b.force_delete === true
          ? "force_delete = true: every image is deleted with the repository"
          : "force_delete = false: the delete fails while the repository holds images",
      ];
    default:
      return [];
  }
}

function pathToString(p: unknown): string {
  return Array.isArray(p)
    ? p
        .map((s) => (typeof s === "number" ? `[${s}]` : String(s)))
        .join(".")
        .replace(/\.\[/g, "[")
    : String(p);
}

/** Reads one plan (`terraform show -json` output) labelled with its workspace name. */
export function reviewPlan(workspace: string, plan: unknown): PlanReview {
  if (!isObject(plan)) throw new PlanFormatError(`${workspace}: the plan is not a JSON object`);
  const format = plan.format_version;
  if (typeof format !== "string" || !/^1\./.test(format))
    throw new PlanFormatError(
      `${workspace}: unsupported plan format_version ${JSON.stringify(format)} (expected 1.x from \`terraform show -json <planfile>\`)`,
    );
  if (!("planned_values" in plan) && !("resource_changes" in plan))
    throw new PlanFormatError(
      `${workspace}: this is not a plan (a state? use \`terraform show -json <planfile>\` on a saved plan)`,
    );
  const raw = plan.resource_changes ?? [];
  if (!Array.isArray(raw)) throw new PlanFormatError(`${workspace}: resource_changes is not a list`);

  const changes: ResourceChange[] = [];
  for (const rc of raw) {
    if (!isObject(rc) || typeof rc.address !== "string" || typeof rc.type !== "string" || !isObject(rc.change))
      throw new PlanFormatError(
        `${workspace}: a resource change without address, type or change: ${JSON.stringify(rc).slice(0, 200)}`,
      );
    if (rc.mode === "data") continue;
    const { address, type, change } = rc;
    const actions = change.actions;
    if (!Array.isArray(actions) || actions.some((a) => typeof a !== "string"))
      throw new PlanFormatError(`${workspace}: ${address}: change.actions is not a list of strings`);
    const operation = operationOf(address, actions as string[]);
    const importing = isObject(change.importing);
    const movedFrom =
      typeof rc.previous_address === "string" && rc.previous_address !== address ? rc.previous_address : undefined;
    if (operation === "no-op" && !importing && !movedFrom) continue;

    const destroys = operation === "delete" || operation === "replace";
    const before = nameOf(type, change.before);
    const after = nameOf(type, change.after);
    const name = destroys || operation === "forget" ? before : (after ?? before);
    changes.push({
      workspace,
      address,
      type,
      operation,
      name,
      newName: operation === "replace" && after !== undefined && after !== before ? after : undefined,
      destroys,
      needsApproval: destroys && isProtectedType(type),
      importing,
      movedFrom,
      reason: typeof rc.action_reason === "string" ? rc.action_reason : undefined,
      replacePaths: Array.isArray(change.replace_paths) ? change.replace_paths.map(pathToString) : [],
      notes: destroys ? destroyNotes(type, change.before) : [],
    });
  }

  const errors: string[] = [];
  const warnings: string[] = [];
  if (plan.errored === true)
    errors.push(
      `${workspace}: Terraform reported errors while planning; the plan is incomplete and cannot be reviewed`,
    );
  if (plan.complete === false)
    warnings.push(`${workspace}: the plan is not complete (deferred changes); the follow-up plan must be reviewed too`);
  return {
    workspace,
    terraformVersion: typeof plan.terraform_version === "string" ? plan.terraform_version : undefined,
    changes: changes.sort((a, b) => (a.type === b.type ? (a.address < b.address ? -1 : 1) : a.type < b.type ? -1 : 1)),
    errors,
    warnings,
  };
}

/** The key an approval must name: the physical name, or the address when the plan holds no name. */
export function approvalKey(c: ResourceChange): string {
  return c.name ?? c.address;
}

/**
 * Approval entries from `--allow-destroy` values and the `ALLOW_DESTROY` variable: separated by
 * commas or whitespace (physical names contain neither), deduplicated, in order of appearance.
 */
export function parseApprovals(sources: readonly (string | undefined)[]): string[] {
  const out: string[] = [];
  for (const s of sources)
    for (const entry of (s ?? "").split(/[\s,]+/)) if (entry && !out.includes(entry)) out.push(entry);
  return out;
}

export interface Verdict {
  readonly ok: boolean;
  /** Protected resources the plans destroy, each with whether an approval names it. */
  readonly destroyed: readonly { readonly change: ResourceChange; readonly approved: boolean }[];
  /** Approval entries that name no protected resource destroyed by these plans. */
  readonly stale: readonly { readonly entry: string; readonly hint?: string }[];
  /** `--partial`: entries qualified with a workspace none of these plans belongs to. */
  readonly outOfScope: readonly string[];
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
  /** More than one workspace is involved: approvals are suggested workspace-qualified too. */
  readonly multiWorkspace: boolean;
}

export interface JudgeOptions {
  /**
   * These plans are part of a larger change whose other workspaces are guarded by other runs
   * (an apply job per workspace, a run task): entries qualified with another workspace
   * (`registry:rc-x`) are left to those runs instead of counting as stale.
   * @default false — every entry must match something destroyed by the given plans.
   */
  readonly partial?: boolean;
}

interface Approval {
  readonly entry: string;
  readonly workspace?: string;
  readonly name: string;
}

/**
 * `name` or `<workspace>:name`. Physical names never contain `:`, and a resource address (the
 * key of a nameless resource) has a `.` before any `:` in an instance key.
 */
function parseApproval(entry: string): Approval {
  const m = /^([A-Za-z0-9_-]+):(.+)$/.exec(entry);
  return m ? { entry, workspace: m[1], name: m[2] } : { entry, name: entry };
}

const approves = (a: Approval, c: ResourceChange) =>
  a.name === approvalKey(c) && (a.workspace === undefined || a.workspace === c.workspace);

/**
 * The destroy guard over every plan of one change (approvals are checked across all of them, so
 * one approval list serves a pull request that touches several workspaces). Matching is by exact
 * name (§10: never by substring), optionally qualified with the workspace; an approval that
 * matches nothing fails too, so approvals never outlive the change they were given for.
 */
export function judge(reviews: readonly PlanReview[], entries: readonly string[], options: JudgeOptions = {}): Verdict {
  const all = reviews.flatMap((r) => r.changes);
  const protectedDestroys = all.filter((c) => c.needsApproval);
  const approvals = entries.map(parseApproval);
  const destroyed = protectedDestroys.map((change) => ({
    change,
    approved: approvals.some((a) => approves(a, change)),
  }));
  const workspaces = new Set(reviews.map((r) => r.workspace));
  const unmatched = approvals.filter((a) => !protectedDestroys.some((c) => approves(a, c)));
  const outOfScope = unmatched.filter(
    (a) => options.partial && a.workspace !== undefined && !workspaces.has(a.workspace),
  );
  const stale = unmatched
    .filter((a) => !outOfScope.includes(a))
    .map((a) => {
      const inScope = a.workspace === undefined ? all : all.filter((c) => c.workspace === a.workspace);
      const keys = [...new Set(protectedDestroys.filter((c) => inScope.includes(c)).map(approvalKey))];
      const other = inScope.find((c) => c.name === a.name || c.address === a.name);
      let hint: string | undefined;
      if (a.workspace !== undefined && !workspaces.has(a.workspace))
        hint = `no plan of workspace '${a.workspace}' is given`;
      else if (other && other.needsApproval) hint = `approve it by its name '${approvalKey(other)}'`;
      else if (other)
        hint = `${other.workspace}: ${other.address} is planned to ${other.operation}, which needs no approval`;
      else {
        const near = keys.filter((k) => k.includes(a.name) || a.name.includes(k));
        if (near.length) hint = `names are matched exactly; destroyed here: ${near.join(", ")}`;
      }
      return { entry: a.entry, hint };
    });
  const errors = reviews.flatMap((r) => r.errors);
  const ok = errors.length === 0 && stale.length === 0 && destroyed.every((d) => d.approved);
  return {
    ok,
    destroyed,
    stale,
    outOfScope: outOfScope.map((a) => a.entry),
    errors,
    warnings: reviews.flatMap((r) => r.warnings),
    multiWorkspace: reviews.length > 1 || options.partial === true,
  };
}

/** The sections a change is listed in. */
function sectionsOf(c: ResourceChange): Section[] {
  const out: Section[] = c.operation === "no-op" ? [] : [c.operation];
  if (c.importing) out.push("import");
  if (c.movedFrom) out.push("move");
  return out;
}

const DESTRUCTIVE_SECTIONS: ReadonlySet<Section> = new Set(["replace", "delete", "forget"]);

const SYMBOL: Readonly<Record<Section, string>> = {
  create: "+",
  update: "~",
  replace: "-/+",
  delete: "-",
  forget: "x",
  import: "<=",
  move: "->",
};

export type Format = "text" | "markdown";

function counts(review: PlanReview): string {
  const n = (s: Section) => review.changes.filter((c) => sectionsOf(c).includes(s)).length;
  return SECTIONS.map((s) => `${n(s)} to ${s}`).join(", ");
}

/** One line for a change in a section, and the details a reviewer needs under it. */
function describe(
  c: ResourceChange,
  section: Section,
  approved: ReadonlySet<ResourceChange>,
  md: boolean,
): { line: string; details: string[] } {
  const code = (s: string) => (md ? `\`${s}\`` : s);
  const strong = (s: string) => (md ? `**${s}**` : s);
  // Names of new sub-resources are mostly unknown until apply: the address alone says enough.
  const name = c.name ?? (c.needsApproval ? "(name unknown)" : undefined);
  const renamed = c.newName ? ` -> ${strong(c.newName)}` : "";
  let line = `${md ? code(SYMBOL[section]) : SYMBOL[section]} ${name === undefined ? code(c.address) : `${strong(name)}${renamed} (${code(c.address)})`}`;
  if (section === "move") line += ` from ${code(c.movedFrom ?? "")}`;
  const destroying = section === "delete" || section === "replace";
  if (c.needsApproval && destroying)
    line += approved.has(c) ? " PROTECTED, approved" : ` ${strong("PROTECTED, NOT APPROVED")}`;
  if (!destroying) return { line, details: [] };
  const forcedBy =
    section === "replace" && c.replacePaths.length ? [`replacement forced by: ${c.replacePaths.join(", ")}`] : [];
  return { line, details: [...forcedBy, ...c.notes] };
}

/** The review summary and the guard's verdict, for a CI log (`text`) or a PR comment (`markdown`). */
export function renderReport(reviews: readonly PlanReview[], verdict: Verdict, format: Format = "text"): string {
  const md = format === "markdown";
  const approved = new Set(verdict.destroyed.filter((d) => d.approved).map((d) => d.change));
  const out: string[] = [];
  for (const review of reviews) {
    out.push(md ? `### Plan review: ${review.workspace}` : `Plan review: ${review.workspace}`);
    out.push(md ? `${counts(review)}.` : `  ${counts(review)}.`);
    for (const section of SECTIONS) {
      const inSection = review.changes.filter((c) => sectionsOf(c).includes(section));
      if (!inSection.length) continue;
      const title = `${SECTION_TITLES[section]} (${inSection.length})`;
      // In a pull-request comment the long additive lists fold away; destruction stays in view.
      const fold = md && !DESTRUCTIVE_SECTIONS.has(section);
      out.push(md ? (fold ? `\n<details><summary>${title}</summary>\n` : `\n#### ${title}`) : `\n  ${title}`);
      const types = [...new Set(inSection.map((c) => c.type))];
      for (const type of types) {
        const ofType = inSection.filter((c) => c.type === type);
        out.push(md ? `- \`${type}\` (${ofType.length})` : `    ${type} (${ofType.length})`);
        for (const c of ofType) {
          const { line, details } = describe(c, section, approved, md);
          out.push(md ? `  - ${line}` : `      ${line}`);
          for (const d of details) out.push(md ? `    - ${d}` : `          ${d}`);
        }
      }
      if (fold) out.push("\n</details>");
    }
    out.push("");
  }
  out.push(...renderVerdict(verdict, md));
  return `${out.join("\n")}\n`;
}

function renderVerdict(v: Verdict, md: boolean): string[] {
  const out: string[] = [md ? "### Destroy guard (platform-spec §10)" : "Destroy guard (platform-spec §10)"];
  const item = md ? "- " : "  ";
  for (const e of v.errors) out.push(`${item}ERROR: ${e}`);
  for (const w of v.warnings) out.push(`${item}warning: ${w}`);
  if (v.destroyed.length) {
    out.push(`${item}protected resources destroyed: ${v.destroyed.length}`);
    for (const { change: c, approved } of v.destroyed)
      out.push(
        `${md ? "  - " : "    "}${c.type} ${approvalKey(c)} (${c.workspace}: ${c.address}): ${approved ? "approved" : "NOT APPROVED"}`,
      );
  } else out.push(`${item}no protected resource is destroyed`);
  for (const s of v.stale)
    out.push(
      `${item}approval '${s.entry}' matches no protected resource these plans destroy${s.hint ? ` (${s.hint})` : ""}: remove it`,
    );
  for (const e of v.outOfScope)
    out.push(`${item}approval '${e}' is for a workspace not planned here (checked by that workspace's run)`);

  const missing = v.destroyed.filter((d) => !d.approved).map((d) => approvalKey(d.change));
  const verdict = (word: string) => (md ? `**${word}**` : word);
  if (v.ok)
    out.push(`${verdict("PASSED")}${v.destroyed.length ? ": every destroyed protected resource is approved." : "."}`);
  else {
    const reasons: string[] = [];
    if (v.errors.length) reasons.push("a plan is incomplete");
    if (missing.length)
      reasons.push(
        `${missing.length} protected resource${missing.length === 1 ? " is" : "s are"} destroyed without approval`,
      );
    if (v.stale.length)
      reasons.push(`${v.stale.length} approval${v.stale.length === 1 ? " names" : "s name"} nothing destroyed`);
    out.push(`${verdict("REFUSED")}: ${reasons.join("; ")}.`);
    if (missing.length) {
      const wanted = [...new Set(v.destroyed.map((d) => approvalKey(d.change)))].join(",");
      out.push(
        `To proceed once the destruction is approved, pass exactly: --allow-destroy=${wanted} (or ALLOW_DESTROY=${wanted})`,
      );
      if (v.multiWorkspace) {
        const qualified = [...new Set(v.destroyed.map((d) => `${d.change.workspace}:${approvalKey(d.change)}`))].join(
          ",",
        );
        out.push(`For a pipeline that guards each workspace separately, qualify them: ${qualified}`);
      }
    }
  }
  return out;
}
