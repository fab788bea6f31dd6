/**
 * In-place edits of an org file that keep every byte outside the edited node: comments, key order,
 * alignment, flow or block style. Each edit is a text splice at the node's source range (the
 * `yaml` Document API gives the ranges), and the text is parsed again after each one. The result
 * is validated by the loader (org/loader.ts) before anything is written; writing refuses when the
 * file changed since it was read (temp file + rename).
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLMap } from "yaml";

export type Segment = string | number;
type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

export class OrgEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OrgEditError";
  }
}

const sha = (text: string) => crypto.createHash("sha256").update(text).digest("hex");

/** A plain scalar when YAML reads it back as the same string, else a JSON (double-quoted) one. */
function scalarText(v: Value): string {
  if (typeof v !== "string") return JSON.stringify(v);
  const plain = /^[A-Za-z_./@][A-Za-z0-9_./@:-]*$/.test(v) && !/^(true|false|null|yes|no|on|off|~)$/i.test(v);
  return plain ? v : JSON.stringify(v);
}

/** Padding inside flow collections: `[a, b]` / `[ a, b ]`, `{a: 1}` / `{ a: 1 }`. */
interface Pads {
  readonly seq: string;
  readonly map: string;
}

/** One-line flow text of a value, with the file's collection padding. */
function flowText(v: Value, pads: Pads): string {
  if (Array.isArray(v))
    return v.length ? `[${pads.seq}${v.map((i) => flowText(i, pads)).join(", ")}${pads.seq}]` : "[]";
  if (v !== null && typeof v === "object") {
    const entries = Object.entries(v);
    return entries.length
      ? `{${pads.map}${entries.map(([k, x]) => `${scalarText(k)}: ${flowText(x, pads)}`).join(", ")}${pads.map}}`
      : "{}";
  }
  return scalarText(v);
}

/**
 * Mappings the org files write as blocks (teams, a team's users and projects, a project); every
 * other value goes on one line in flow style, as the example files do (`{ purge: true }`).
 */
function isBlock(p: readonly Segment[]): boolean {
  return /^teams(\/[^/]+(\/(users|projects)(\/[^/]+)?)?)?$/.test(p.join("/")) && !/\/users\/[^/]+$/.test(p.join("/"));
}

/** Text of `key: value` at `indent`; `at` is the path of the value. */
function pairText(key: string, v: Value, indent: string, pads: Pads, at: readonly Segment[]): string {
  if (v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length && isBlock(at))
    return [
      `${indent}${scalarText(key)}:`,
      ...Object.entries(v).map(([k, x]) => pairText(k, x, `${indent}  `, pads, [...at, k])),
    ].join("\n");
  return `${indent}${scalarText(key)}: ${flowText(v, pads)}`;
}

export class OrgFileEditor {
  private original: string;
  private text: string;
  private doc!: Document.Parsed;

  constructor(readonly file: string) {
    this.original = fs.readFileSync(file, "utf8");
    this.text = this.original;
    this.parse();
  }

  /** The current text (what `write` would write). */
  get current(): string {
    return this.text;
  }

  get changed(): boolean {
    return this.text !== this.original;
  }

  /** The plain value at `path`, or undefined. */
  get(p: readonly Segment[]): unknown {
    const node = this.doc.getIn(p, true) as Node | undefined;
    return node && typeof (node as { toJSON?: unknown }).toJSON === "function"
      ? (node as unknown as { toJSON(): unknown }).toJSON()
      : isScalar(node)
        ? node.value
        : node;
  }

  has(p: readonly Segment[]): boolean {
    return this.doc.hasIn(p);
  }

  /** Sets the value at `path`; the key is added to its (existing) parent map when missing. */
  set(p: readonly Segment[], value: Value): this {
    const node = this.doc.getIn(p, true) as Node | undefined;
    if (node?.range && this.has(p)) return this.replaceNode(node, value);
    const parentPath = p.slice(0, -1);
    const parent = parentPath.length ? (this.doc.getIn(parentPath, true) as Node | undefined) : this.doc.contents;
    if (!isMap(parent)) throw new OrgEditError(`${parentPath.join(".") || "(document)"} is not a mapping`);
    return this.addPair(parent, p, value);
  }

  /** Deletes the key or list item at `path` (nothing when absent). */
  delete(p: readonly Segment[]): this {
    if (!this.has(p)) return this;
    const parentPath = p.slice(0, -1);
    const parent = (parentPath.length ? this.doc.getIn(parentPath, true) : this.doc.contents) as Node;
    const last = p[p.length - 1];
    // The last entry of a block collection: the collection becomes `{}` / `[]` on its key's line.
    if ((isMap(parent) || isSeq(parent)) && !parent.flow && parent.items.length === 1 && parentPath.length) {
      const holder = (
        parentPath.length > 1 ? this.doc.getIn(parentPath.slice(0, -1), true) : this.doc.contents
      ) as Node;
      const pair = isMap(holder) ? holder.items.find((i) => i.value === parent) : undefined;
      if (pair) return this.splice((pair.key as Node).range![1], this.end(pair), isMap(parent) ? ": {}" : ": []");
    }
    if (isMap(parent)) {
      if (parent.flow) return this.replaceNode(parent, this.without(parent.toJSON() as Value, last));
      const pair = parent.items.find((i) => (isScalar(i.key) ? i.key.value : i.key) === last)!;
      return this.cutLines(this.start(pair), this.end(pair));
    }
    if (isSeq(parent)) {
      if (parent.flow) return this.replaceNode(parent, this.without(parent.toJSON() as Value, last));
      const item = parent.items[Number(last)] as Node;
      return this.cutLines(item.range![0], item.range![1]);
    }
    throw new OrgEditError(`${parentPath.join(".")} is neither a mapping nor a list`);
  }

  /** Appends to the list at `path` (created as a flow list when missing). */
  push(p: readonly Segment[], item: Value): this {
    const node = this.doc.getIn(p, true) as Node | undefined;
    if (!this.has(p) || !node) return this.set(p, [item]);
    if (!isSeq(node)) throw new OrgEditError(`${p.join(".")} is not a list`);
    if (node.flow || !node.items.length) return this.replaceNode(node, [...(node.toJSON() as Value[]), item]);
    const lastItem = node.items[node.items.length - 1] as Node;
    const first = node.items[0] as Node;
    const dash = this.text.lastIndexOf("-", first.range![0]);
    const indent = " ".repeat(dash - this.lineStart(dash));
    return this.insertAfter(this.end({ value: lastItem } as Pair), `${indent}- ${flowText(item, this.pads())}`);
  }

  /**
   * Writes the edited text: refused when the file changed on disk since it was read (another
   * edit); written to a temp file in the same directory, then renamed over the file.
   */
  write(): void {
    if (!this.changed) return;
    const onDisk = fs.readFileSync(this.file, "utf8");
    if (sha(onDisk) !== sha(this.original))
      throw new OrgEditError(
        `${this.file} changed since it was read (another edit?): nothing written, run the command again`,
      );
    const temp = path.join(path.dirname(this.file), `.${path.basename(this.file)}.${process.pid}.tmp`);
    fs.writeFileSync(temp, this.text);
    fs.renameSync(temp, this.file);
    this.original = this.text;
  }

  // --- splicing ---

  private parse(): void {
    this.doc = parseDocument(this.text, { version: "1.2", keepSourceTokens: true });
    if (this.doc.errors.length) throw new OrgEditError(`${this.file}: ${this.doc.errors[0].message}`);
  }

  private splice(from: number, to: number, insert: string): this {
    this.text = this.text.slice(0, from) + insert + this.text.slice(to);
    this.parse();
    return this;
  }

  /** The padding this file's flow collections use (the first non-empty one of each kind). */
  private pads(): Pads {
    const of = (re: RegExp) => re.exec(this.text)?.[1] ?? "";
    return { seq: of(/\[( ?)[^\]\s]/), map: of(/\{( ?)[^}\s]/) };
  }

  private without(v: Value, key: Segment): Value {
    if (Array.isArray(v)) return v.filter((_, i) => i !== Number(key));
    const copy = { ...(v as Record<string, Value>) };
    delete copy[String(key)];
    return copy;
  }

  /** Replaces a node's source text with the flow text of `value` (a block collection becomes flow). */
  private replaceNode(node: Node, value: Value): this {
    const [from, to] = node.range!;
    const pads = this.pads();
    // A flow collection keeps its own padding.
    if ((isMap(node) || isSeq(node)) && node.flow && node.items.length) {
      const own = this.text[from + 1] === " " ? " " : "";
      return this.splice(from, to, flowText(value, isMap(node) ? { ...pads, map: own } : { ...pads, seq: own }));
    }
    return this.splice(from, to, flowText(value, pads));
  }

  private addPair(map: YAMLMap, p: readonly Segment[], value: Value): this {
    const key = String(p[p.length - 1]);
    const mapPath = p.slice(0, -1);
    if (map.flow && !map.items.length && mapPath.length && isBlock(mapPath)) {
      // `users: {}` of a team gets its first entry as a block, like the example's.
      const holder = (mapPath.length > 1 ? this.doc.getIn(mapPath.slice(0, -1), true) : this.doc.contents) as Node;
      const pair = isMap(holder) ? holder.items.find((i) => i.value === map) : undefined;
      if (pair) {
        const keyStart = this.start(pair);
        const indent = " ".repeat(keyStart - this.lineStart(keyStart) + 2);
        return this.splice(
          (pair.key as Node).range![1],
          this.end(pair),
          `:\n${pairText(key, value, indent, this.pads(), p)}`,
        );
      }
    }
    if (map.flow || !map.items.length) {
      const current = (map.toJSON() ?? {}) as Record<string, Value>;
      if (map.range && map.flow) return this.replaceNode(map, { ...current, [key]: value });
      if (map !== this.doc.contents) throw new OrgEditError("cannot add to an empty block mapping");
    }
    const first = map.items[0];
    const keyStart = this.start(first);
    const indent = " ".repeat(keyStart - this.lineStart(keyStart));
    const last = map.items[map.items.length - 1];
    return this.insertAfter(this.end(last), pairText(key, value, indent, this.pads(), p));
  }

  private start(pair: Pair): number {
    return (pair.key as Node).range![0];
  }

  /** End offset of a pair's value, without trailing blank lines or comments of the next item. */
  private end(pair: Pair): number {
    const node = (pair.value ?? pair.key) as Node;
    let end = node.range![1];
    while (end > 0 && /\s/.test(this.text[end - 1])) end--;
    return end;
  }

  private lineStart(offset: number): number {
    return this.text.lastIndexOf("\n", offset - 1) + 1;
  }

  private lineEnd(offset: number): number {
    const i = this.text.indexOf("\n", offset);
    return i < 0 ? this.text.length : i;
  }

  private insertAfter(offset: number, lines: string): this {
    const at = this.lineEnd(offset);
    return this.splice(at, at, `\n${lines}`);
  }

  private cutLines(from: number, to: number): this {
    let end = to;
    while (end > from && /\s/.test(this.text[end - 1])) end--;
    const start = this.lineStart(from);
    const stop = Math.min(this.lineEnd(end) + 1, this.text.length);
    return this.splice(start, stop, "");
  }
}
