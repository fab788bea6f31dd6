/** Refusals of input no org file needs (directives, tags, non-string keys, absurd nesting, alias bombs). */
import { isMap, isScalar, isSeq, type Node } from "yaml";
import { formatPath, type PathSegment, type Problem } from "../problems";
import { linePos, locateOffset, type ParsedFile } from "./positions";

/** Alias expansions allowed when building the plain document (an alias bomb exceeds it at once). */
export const MAX_ALIAS_EXPANSIONS = 100;
/** Deeper nesting than any org file needs; a deeper document is refused before it is walked. */
const MAX_NESTING = 24;

/**
 * Input no org file needs and an attacker or a copy-paste accident brings (platform goal: a
 * located error, never a crash or a silent reinterpretation): YAML directives other than 1.2
 * (`%YAML 1.1` turns `on:` into `true`), unknown tags (`!!python/object`), keys that are not
 * strings, and absurd nesting.
 */
export function hostileInput(file: ParsedFile): Problem[] {
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

/** The first line of a library's message (the rest is its own formatting). */
export function firstLine(s: string): string {
  return s.split("\n")[0].trim();
}
