/**
 * Each org file parsed as YAML 1.2 with positions. Syntax errors and hostile input are located
 * problems; a duplicate key is reported apart, because it leaves a usable document and validation
 * can go on (one run shows every problem).
 */
import { LineCounter, parseDocument, type Document } from "yaml";
import type { Problem } from "../problems";
import { firstLine, hostileInput } from "./hostile-input";
import { locateOffset, type ParsedFile } from "./positions";
import type { OrgSource } from "./sources";

export interface ParsedSources {
  readonly parsed: ParsedFile[];
  /** Problems that stop the load. */
  readonly problems: Problem[];
  /** Duplicate keys: reported with whatever validation finds next. */
  readonly duplicateKeys: Problem[];
}

export function parseSources(sources: readonly OrgSource[]): ParsedSources {
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
  return { parsed, problems, duplicateKeys };
}
