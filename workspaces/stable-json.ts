/**
 * The text cdktf writes for a stack (`json-stable-stringify` with `space: 2`), produced without
 * that package's per-node helpers: keys sorted by code unit, two-space indent, and its one quirk
 * kept (an empty array or object still breaks its line: `[\n  ]`). Tested byte for byte against
 * the package on every synthesized workspace.
 */
const SPACE = "  ";

export function stableJson(value: unknown): string {
  return render(value, "\n") ?? "undefined";
}

function render(node: unknown, indent: string): string | undefined {
  if (node && typeof (node as { toJSON?: unknown }).toJSON === "function")
    node = (node as { toJSON: () => unknown }).toJSON();
  if (node === undefined) return undefined;
  if (typeof node !== "object" || node === null) return JSON.stringify(node);
  const inner = indent + SPACE;
  let out = "";
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) out += (i ? "," : "") + inner + (render(node[i], inner) ?? "null");
    return `[${out}${indent}]`;
  }
  const record = node as Record<string, unknown>;
  let first = true;
  for (const key of Object.keys(record).sort()) {
    const value = render(record[key], inner);
    if (!value) continue;
    out += (first ? "" : ",") + inner + JSON.stringify(key) + ": " + value;
    first = false;
  }
  return `{${out}${indent}}`;
}
