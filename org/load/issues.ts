/** zod's issues as the loader reports them: union failures narrowed, plain messages, sorted and unique. */
import type { z } from "zod";
import { orgSchema, platformSections, teamsSections, type OrgDocument } from "../schema";
import type { PathSegment, Problem } from "../problems";

type Issue = z.core.$ZodIssue;

/** Replace union failures by the issues of the branch that matches the value's shape. */
export function flattenIssues(issues: readonly Issue[], root: unknown): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    if (issue.code !== "invalid_union" || !issue.errors?.length) {
      out.push(issue);
      continue;
    }
    const value = valueAt(root, issue.path as PathSegment[]);
    const isObj = typeof value === "object" && value !== null && !Array.isArray(value);
    // Prefer the branch whose failure is not "wrong type at the root" for this value.
    const branch =
      issue.errors.find((errs) => !errs.some((e) => e.path.length === 0 && e.code === "invalid_type")) ??
      issue.errors.find((errs) => errs.some((e) => e.code === "invalid_type" && (e.expected === "object") === isObj));
    if (!branch) {
      out.push(issue);
      continue;
    }
    out.push(
      ...flattenIssues(
        branch.map((e) => ({ ...e, path: [...issue.path, ...e.path] }) as Issue),
        root,
      ),
    );
  }
  return out;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[seg as string];
  }
  return v;
}

export function issueMessage(issue: Issue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined
        ? `required (expected ${issue.expected})`
        : `expected ${issue.expected}, got ${describe(issue.input)}`;
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "invalid_union":
      return "value does not match any allowed form";
    default:
      return issue.message.replace(/^Invalid input: /, "");
  }
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  return `${typeof v} ${JSON.stringify(v)}`;
}

/** Every top-level section, from the schema itself (a hand-kept list went stale). */
const SECTIONS = ["version", ...Object.keys(platformSections), ...Object.keys(teamsSections)].join(", ");

export function hint(path: readonly PathSegment[]): string {
  return path.length === 0 ? ` (allowed sections: ${SECTIONS})` : "";
}

/** Unique problems in file order, so the report reads top to bottom. */
export function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  const order = (p: Problem) => [p.file, String(p.line).padStart(7, "0"), String(p.col).padStart(5, "0")].join(":");
  const sorted = [...problems].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  return sorted.filter((p) => {
    const k = `${p.file}:${p.line}:${p.col}:${p.path}:${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * The document with every malformed team left out, or undefined when a platform section is
 * malformed (cross-field rules need the platform values).
 */
export function partialDocument(merged: Record<string, unknown>): OrgDocument | undefined {
  const teams = (merged.teams ?? {}) as Record<string, unknown>;
  const teamSchema = orgSchema.shape.teams.unwrap().valueType;
  const goodTeams: Record<string, unknown> = {};
  if (teams && typeof teams === "object")
    for (const [id, t] of Object.entries(teams)) {
      // Drop unknown keys (typos) and keep the team if that is all that was wrong with it.
      const clone = structuredClone(t) as Record<string, unknown>;
      for (const issue of teamSchema.safeParse(clone).error?.issues ?? [])
        if (issue.code === "unrecognized_keys") {
          const parent = valueAt(clone, issue.path as PathSegment[]) as Record<string, unknown> | undefined;
          for (const k of issue.keys) if (parent) delete parent[k];
        }
      if (teamSchema.safeParse(clone).success) goodTeams[id] = clone;
    }
  const attempt = orgSchema.safeParse({ ...merged, teams: goodTeams, admins: [], readonlyUsers: [] });
  return attempt.success
    ? { ...attempt.data, admins: orgSchema.shape.admins.safeParse(merged.admins).data ?? [] }
    : undefined;
}
