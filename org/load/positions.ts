/**
 * Where a problem is: `file:line:col` of a node, found through the `yaml` library's own node
 * ranges and line counter, and the path of the node that holds a parser error's offset.
 */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";
import { formatPath, type PathSegment, type Problem } from "../problems";
import type { OrgSource } from "./sources";

/** One org file, parsed with positions. */
export interface ParsedFile {
  readonly source: OrgSource;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
}

export function linePos(file: ParsedFile, offset: number): { line: number; col: number } {
  const pos = file.lines.linePos(offset);
  return { line: pos.line, col: pos.col };
}

/** Location of the node at `path` (or of its nearest existing ancestor). */
export function locatePath(file: ParsedFile, path: readonly PathSegment[], atKey = false): Omit<Problem, "message"> {
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
export function locateOffset(file: ParsedFile, offset: number): Omit<Problem, "message"> {
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
