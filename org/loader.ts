/**
 * The one module that reads the org files. It parses YAML with positions, validates shape
 * (org/schema.ts) and cross-field rules (org/validate.ts), reports every problem at once as
 * `file:line:col path: message`, and returns the typed, frozen OrgModel (org/model.ts).
 *
 * People live in `org/teams.yaml`; platform settings may live in the same file or in a sibling
 * `org/platform.yaml` so that pull requests about people touch only the teams file.
 */
import * as fs from "fs";
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { z } from "zod";
import { orgSchema, platformSections, teamsSections, type OrgDocument } from "./schema";
import { derivePlatform, memberName, validateOrg } from "./validate";
import { effectiveWhitelist, resolvedDownload } from "./rules/identity";
import { auditedBucketArnPrefixes } from "./rules/registry";
import { Names, pascal, short } from "../catalog/names";
import type { Membership, OrgModel, Project, Team, TeamUser, Whitelist } from "./model";
import { formatPath, OrgValidationError, type PathSegment, type Problem } from "./problems";

export interface OrgSource {
  /** Path as shown in messages (relative to the working directory). */
  readonly path: string;
  readonly text: string;
}

export interface OrgFiles {
  /** The people file; default `org/teams.yaml` (env `ORG_FILE`). */
  readonly teamsFile: string;
  /** The platform file; default `org/platform.yaml` (env `PLATFORM_FILE`). */
  readonly platformFile?: string;
  /** Fail when the platform file is missing (true when it was named explicitly). */
  readonly platformFileRequired?: boolean;
}

export const DEFAULT_TEAMS_FILE = "org/teams.yaml";
export const DEFAULT_PLATFORM_FILE = "org/platform.yaml";

/** Org file locations from the environment (`ORG_FILE`, `PLATFORM_FILE`). */
export function orgFilesFromEnv(env: NodeJS.ProcessEnv = process.env): OrgFiles {
  return {
    teamsFile: env.ORG_FILE || DEFAULT_TEAMS_FILE,
    platformFile: env.PLATFORM_FILE || DEFAULT_PLATFORM_FILE,
    platformFileRequired: !!env.PLATFORM_FILE,
  };
}

/** Reads, validates and resolves the org. Throws OrgValidationError listing every problem. */
export function loadOrg(files: OrgFiles = orgFilesFromEnv()): OrgModel {
  return loadOrgFromSources(readOrgSources(files));
}

/** The org files' texts, read once (synthesis workers load the model from the same texts). */
export function readOrgSources(files: OrgFiles = orgFilesFromEnv()): OrgSource[] {
  const sources: OrgSource[] = [];
  const problems: Problem[] = [];
  const read = (path: string, required: boolean) => {
    try {
      sources.push({ path, text: fs.readFileSync(path, "utf8") });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (required || code !== "ENOENT")
        problems.push({ file: path, line: 1, col: 1, path: "", message: `cannot read file (${code ?? String(e)})` });
    }
  };
  // The default platform file may be absent: then the teams file holds every section.
  read(files.teamsFile, true);
  if (files.platformFile && files.platformFile !== files.teamsFile)
    read(files.platformFile, !!files.platformFileRequired);
  if (problems.length) throw new OrgValidationError(problems);
  return sources;
}

interface ParsedFile {
  readonly source: OrgSource;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
}

/** Same as loadOrg, from in-memory sources (the first is the teams file). */
export function loadOrgFromSources(sources: readonly OrgSource[]): OrgModel {
  const problems: Problem[] = [];
  const duplicateKeys: Problem[] = [];
  const parsed: ParsedFile[] = [];
  for (const source of sources) {
    const lines = new LineCounter();
    let doc: Document.Parsed;
    try {
      doc = parseDocument(source.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, version: "1.2" });
    } catch (e) {
      // A pathological nesting depth overflows the parser's stack: a located error, not a crash.
      problems.push({
        file: source.path,
        line: 1,
        col: 1,
        path: "",
        message: `YAML: cannot be parsed (${firstLine(String(e))})`,
      });
      continue;
    }
    const file = { source, doc, lines };
    const hostile = hostileInput(file);
    problems.push(...hostile);
    // The parser's own errors on a too-deep document add nothing but a stack overflow message.
    if (hostile.some((p) => p.message.includes("nested deeper"))) continue;
    for (const err of doc.errors) {
      const at = locateOffset(file, err.pos[0]);
      // A duplicate key leaves a usable document (the last value wins): report it and go on
      // validating, so one run still shows every problem. Other syntax errors stop here.
      if (err.code === "DUPLICATE_KEY")
        duplicateKeys.push({ ...at, message: `duplicate key (each key may appear once in a mapping)` });
      else problems.push({ ...at, message: `YAML: ${firstLine(err.message)}` });
    }
    parsed.push(file);
  }
  if (problems.length) throw new OrgValidationError(dedupe([...duplicateKeys, ...problems]));
  problems.push(...duplicateKeys);

  // Merge top-level sections; remember which file each came from.
  const merged: Record<string, unknown> = {};
  const owner = new Map<string, ParsedFile>();
  for (const file of parsed) {
    let js: unknown;
    try {
      js = file.doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
    } catch (e) {
      // `yaml` refuses documents whose aliases expand beyond the limit (alias bombs).
      problems.push({ ...locatePath(file, []), message: `YAML: ${firstLine(String((e as Error).message ?? e))}` });
      continue;
    }
    if ((js === null || js === undefined) && file === parsed[0])
      problems.push({
        ...locatePath(file, []),
        message:
          "the teams file is empty: it must declare `version` and `teams` (an empty file would remove every team, profile and space)",
      });
    if (js === null || js === undefined) continue;
    if (typeof js !== "object" || Array.isArray(js)) {
      problems.push({ ...locatePath(file, []), message: "the file must be a YAML mapping of sections" });
      continue;
    }
    for (const [key, value] of Object.entries(js as Record<string, unknown>)) {
      if (key === "$schema") continue;
      if (key === "version") {
        if (!owner.has(key)) {
          merged[key] = value;
          owner.set(key, file);
        } else if (merged[key] !== value) {
          problems.push({
            ...locatePath(file, [key]),
            message: `version ${String(value)} differs from ${owner.get(key)!.source.path}`,
          });
        }
        continue;
      }
      if (owner.has(key)) {
        problems.push({
          ...locatePath(file, [key], true),
          message: `section '${key}' is also defined in ${owner.get(key)!.source.path}; define each section once`,
        });
        continue;
      }
      const section = key as keyof typeof platformSections | keyof typeof teamsSections;
      if (file !== parsed[0] && section in teamsSections) {
        problems.push({
          ...locatePath(file, [key], true),
          message: `section '${key}' belongs in the teams file (${parsed[0].source.path}), so people changes touch one file`,
        });
        continue;
      }
      merged[key] = value;
      owner.set(key, file);
    }
  }
  if (problems.length > duplicateKeys.length) throw new OrgValidationError(dedupe(problems));
  const fileFor = (path: readonly PathSegment[]) => owner.get(String(path[0])) ?? parsed[0];
  const at = (path: readonly PathSegment[], message: string, atKey = false): Problem => ({
    ...locatePath(fileFor(path), path, atKey),
    message,
  });

  const result = orgSchema.safeParse(merged, { reportInput: true });
  if (!result.success) {
    for (const issue of flattenIssues(result.error.issues, merged)) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          const path = [...issue.path, key] as PathSegment[];
          problems.push(at(path, `unknown key '${key}'${hint(issue.path as PathSegment[])}`, true));
        }
      } else {
        problems.push(at(issue.path as PathSegment[], issueMessage(issue)));
      }
    }
    // Still report cross-field problems of the parts that are well-formed, so one run shows all.
    const partial = partialDocument(merged);
    if (partial) for (const f of validateOrg(partial)) problems.push(at(f.path, f.message, f.atKey));
    throw new OrgValidationError(dedupe(problems));
  }

  for (const f of validateOrg(result.data)) problems.push(at(f.path, f.message, f.atKey));
  if (problems.length) throw new OrgValidationError(dedupe(problems));

  return deepFreeze(
    buildModel(
      result.data,
      sources.map((s) => s.path),
    ),
  );
}

/**
 * The document with every malformed team left out, or undefined when a platform section is
 * malformed (cross-field rules need the platform values).
 */
function partialDocument(merged: Record<string, unknown>): OrgDocument | undefined {
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

// ---------------------------------------------------------------------------------------------
// Model construction (§1.3 resolution rules). Sorted by YAML keys: declaration order is not state.

function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function buildModel(doc: OrgDocument, sources: string[]): OrgModel {
  const derived = derivePlatform(doc);
  const platform = { ...doc.platform, ...derived };
  const names = new Names(platform);
  const resolveWhitelist = (team: string, project: string): Whitelist => {
    const w = effectiveWhitelist(doc, team, project);
    return w
      ? { kind: "list", source: w.source, instanceTypes: w.apps, jobInstanceTypes: w.jobs }
      : { kind: "unrestricted" };
  };

  const teams: Team[] = Object.keys(doc.teams)
    .sort()
    .map((teamId) => {
      const t = doc.teams[teamId];
      const projects: Project[] = Object.keys(t.projects)
        .sort()
        .map((projectName) => {
          const p = t.projects[projectName];
          const memberships: Membership[] =
            p.status !== "active"
              ? []
              : p.members
                  .map((m) => {
                    const user = memberName(m);
                    const resolved = resolvedDownload(doc, p, m);
                    return {
                      team: teamId,
                      project: projectName,
                      user,
                      iamUserName: names.teamUser(teamId, user),
                      downloadAccess: resolved,
                      userProfileName: names.userProfile(teamId, projectName, user),
                      spaceName: names.space(teamId, projectName, user),
                    } satisfies Membership;
                  })
                  .sort((a, b) => byName({ name: a.user }, { name: b.user }));
          return {
            team: teamId,
            name: projectName,
            pascal: pascal(projectName),
            short: short(projectName),
            description: p.description,
            status: p.status,
            whitelist: resolveWhitelist(teamId, projectName),
            downloadAccess: p.downloadAccess,
            memberships,
            bucketName: names.projectBucket(teamId, projectName),
            bucketPurge: p.bucket.purge,
            bucketLifecycle: p.bucket.lifecycle,
            registryPurge: p.registry.purge,
          } satisfies Project;
        });
      const users: TeamUser[] = Object.keys(t.users)
        .sort()
        .map((name) => {
          const attrs = t.users[name] ?? {};
          const active = projects.filter((p) => p.memberships.some((m) => m.user === name)).map((p) => p.name);
          return {
            team: teamId,
            name,
            iamUserName: names.teamUser(teamId, name),
            consoleLogin: attrs.consoleLogin ?? doc.identity.consoleLoginDefault,
            projects: active,
            primaryProject: attrs.primaryProject ?? active[0],
          } satisfies TeamUser;
        });
      return {
        id: teamId,
        fullName: t.fullName,
        pascal: pascal(t.fullName),
        description: t.description,
        users,
        projects,
        decommissioned: [...t.decommissioned].sort(),
        status: t.status,
      } satisfies Team;
    });

  return {
    sources,
    platform,
    network: doc.network,
    studio: doc.studio,
    features: doc.features,
    storage: doc.storage,
    registry: doc.registry,
    monitoring: doc.monitoring,
    audit: doc.audit,
    auditedBucketArnPrefixes: auditedBucketArnPrefixes(doc, { names }),
    identity: doc.identity,
    backend: doc.backend,
    instanceWhitelistPresets: doc.instanceWhitelistPresets,
    admins: doc.admins
      .map((a) => {
        const name = memberName(a);
        const consoleLogin = typeof a === "string" ? undefined : a.consoleLogin;
        return {
          name,
          iamUserName: names.adminUser(name),
          consoleLogin: consoleLogin ?? doc.identity.consoleLoginDefault,
        };
      })
      .sort(byName),
    readonlyUsers: doc.readonlyUsers
      .map((u) => {
        const name = memberName(u);
        const consoleLogin = typeof u === "string" ? undefined : u.consoleLogin;
        return {
          name,
          iamUserName: names.readonlyUser(name),
          consoleLogin: consoleLogin ?? doc.identity.consoleLoginDefault,
        };
      })
      .sort(byName),
    teams,
    decommissionedTeams: [...doc.decommissionedTeams].sort(),
    deleteHomes: [...new Set(doc.deleteHomes)].sort(),
    names,
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value) && !(value instanceof Names)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Positions.

/** Alias expansions allowed when building the plain document (an alias bomb exceeds it at once). */
const MAX_ALIAS_EXPANSIONS = 100;
/** Deeper nesting than any org file needs; a deeper document is refused before it is walked. */
const MAX_NESTING = 24;

/**
 * Input no org file needs and an attacker or a copy-paste accident brings (platform goal: a
 * located error, never a crash or a silent reinterpretation): YAML directives other than 1.2
 * (`%YAML 1.1` turns `on:` into `true`), unknown tags (`!!python/object`), keys that are not
 * strings, and absurd nesting.
 */
function hostileInput(file: ParsedFile): Problem[] {
  const out: Problem[] = [];
  const { doc } = file;
  const yamlDirective = doc.directives?.yaml;
  if (yamlDirective?.explicit && yamlDirective.version !== "1.2")
    out.push({
      file: file.source.path,
      line: 1,
      col: 1,
      path: "",
      message: `YAML: %YAML ${yamlDirective.version} directive: org files are YAML 1.2 (remove the directive)`,
    });
  for (const w of doc.warnings)
    out.push({ ...locateOffset(file, w.pos[0]), message: `YAML: ${firstLine(w.message)} (tags are not allowed)` });
  // Iterative walk: nesting depth and key types, without recursion on hostile depth.
  const stack: { node: unknown; path: PathSegment[] }[] = [{ node: doc.contents, path: [] }];
  const at = (node: { range?: [number, number, number] | null } | null | undefined, path: PathSegment[]) => ({
    file: file.source.path,
    ...linePos(file, node?.range?.[0] ?? 0),
    path: formatPath(path),
  });
  while (stack.length) {
    const { node, path } = stack.pop()!;
    const depth = path.length;
    if (!node || typeof node !== "object") continue;
    if (depth > MAX_NESTING) {
      out.push({
        ...at(node as Node, path),
        message: `YAML: nested deeper than ${MAX_NESTING} levels; no org file needs that`,
      });
      break;
    }
    if (isMap(node))
      for (const item of node.items) {
        const key = item.key;
        const name = isScalar(key) ? String(key.value) : "?";
        if (isScalar(key) && typeof key.value !== "string")
          out.push({
            ...at(key, [...path, name]),
            message: `YAML: key ${JSON.stringify(key.value)} is a ${key.value === null ? "null" : typeof key.value}, not a string (quote it)`,
          });
        else if (key && !isScalar(key) && typeof key === "object")
          out.push({ ...at(key as Node, path), message: "YAML: complex keys are not allowed" });
        stack.push({ node: item.value, path: [...path, name] });
      }
    else if (isSeq(node)) node.items.forEach((item, i) => stack.push({ node: item, path: [...path, i] }));
  }
  return out;
}

function firstLine(s: string): string {
  return s.split("\n")[0].trim();
}

function linePos(file: ParsedFile, offset: number): { line: number; col: number } {
  const pos = file.lines.linePos(offset);
  return { line: pos.line, col: pos.col };
}

/** Location of the node at `path` (or of its nearest existing ancestor). */
function locatePath(file: ParsedFile, path: readonly PathSegment[], atKey = false): Omit<Problem, "message"> {
  let node: unknown = file.doc.contents;
  let keyNode: unknown;
  let offset = node && (node as Node).range ? (node as Node).range![0] : 0;
  for (const seg of path) {
    keyNode = undefined;
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg),
      );
      if (!pair) break;
      keyNode = pair.key;
      node = pair.value;
      const n = (node as Node | null)?.range ? (node as Node) : (keyNode as Node);
      offset = n?.range ? n.range[0] : offset;
    } else if (isSeq(node) && typeof seg === "number" && node.items[seg] !== undefined) {
      node = node.items[seg];
      offset = (node as Node).range ? (node as Node).range![0] : offset;
    } else break;
  }
  if (atKey && keyNode && (keyNode as Node).range) offset = (keyNode as Node).range![0];
  return { file: file.source.path, ...linePos(file, offset), path: formatPath(path) };
}

/** Location and path of the deepest node containing `offset` (for YAML syntax errors). */
function locateOffset(file: ParsedFile, offset: number): Omit<Problem, "message"> {
  const path: PathSegment[] = [];
  let node: unknown = file.doc.contents;
  const within = (n: unknown) =>
    !!n && !!(n as Node).range && (n as Node).range![0] <= offset && offset <= (n as Node).range![2];
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((p) => within(p.key) || within(p.value));
      if (!pair) break;
      path.push(isScalar(pair.key) ? String(pair.key.value) : String(pair.key));
      if (within(pair.key) && !within(pair.value)) break;
      node = pair.value;
    } else if (isSeq(node)) {
      const i = node.items.findIndex((n) => within(n));
      if (i < 0) break;
      path.push(i);
      node = node.items[i];
    } else break;
  }
  return { file: file.source.path, ...linePos(file, offset), path: formatPath(path) };
}

// ---------------------------------------------------------------------------------------------
// Zod issues -> readable messages.

type Issue = z.core.$ZodIssue;

/** Replace union failures by the issues of the branch that matches the value's shape. */
function flattenIssues(issues: readonly Issue[], root: unknown): Issue[] {
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

function issueMessage(issue: Issue): string {
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

function hint(path: readonly PathSegment[]): string {
  return path.length === 0 ? ` (allowed sections: ${SECTIONS})` : "";
}

/** Unique problems in file order, so the report reads top to bottom. */
function dedupe(problems: Problem[]): Problem[] {
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
