/**
 * A TerraformStack that resolves each element once. cdktf 0.21 resolves every resource three
 * times per synth: a "preparing" pass that only exists to discover cross-stack references (our
 * workspaces share values through remote state and never create one), then each element, then
 * the whole merged tree again. The last two passes are kept as one: elements are resolved once
 * and only the stack's own overrides are resolved on their own. Output is byte-identical
 * (`__tests__/workspaces/single-pass-stack.test.ts` compares with cdktf's own path).
 */
import * as fs from "fs";
import type { Construct } from "constructs";
import * as path from "path";
import { Aspects, Token, TerraformElement, TerraformOutput, TerraformStack, type IAspect } from "cdktf";
import { StackSynthesizer } from "cdktf/lib/synthesize/synthesizer";
import type { ISynthesisSession } from "cdktf/lib/synthesize/types";
import { stableJson } from "./stable-json";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { resolve } = require("cdktf/lib/_tokens") as {
  resolve: (scope: unknown, value: unknown, preparing?: boolean) => unknown;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deepMerge } = require("cdktf/lib/util") as {
  deepMerge: (target: Record<string, unknown>, ...sources: unknown[]) => Record<string, unknown>;
};

/** A string cdktf would rewrite: a string, list or map token, or a number token written into it. */
const TOKEN_TEXT = /TfToken\[|e\+\d/;

/**
 * cdktf's `resolve`, walking plain data itself and handing cdktf only the subtrees that hold a
 * token. cdktf allocates a resolution context per value (most of a large synth's time and
 * garbage); a plain subtree's parents are plain data, so resolving it alone is what cdktf's
 * walk would do at that position (a fresh context: no braces suppressed, no iterator).
 */
function resolveOnce(scope: TerraformStack, value: unknown): unknown {
  if (typeof value === "string") return TOKEN_TEXT.test(value) ? resolve(scope, value) : value;
  if (typeof value === "number") return Token.isUnresolved(value) ? resolve(scope, value) : value;
  if (value === null || typeof value !== "object" || value instanceof Date) {
    return typeof value === "function" ? resolve(scope, value) : value;
  }
  if (Array.isArray(value)) {
    const listToken = value.some(
      (x) => (typeof x === "string" && x.includes("#{TfToken[")) || (typeof x === "number" && Token.isUnresolved(x)),
    );
    if (listToken) return resolve(scope, value);
    const out: unknown[] = [];
    for (const x of value) {
      const r = resolveOnce(scope, x);
      if (r !== undefined) out.push(r);
    }
    return out;
  }
  const record = value as Record<string, unknown>;
  // Tokens (resolvables), constructs (an error cdktf reports) and token keys: cdktf's own walk.
  if (typeof record.resolve === "function" || "_children" in record) return resolve(scope, value);
  const keys = Object.keys(record);
  if (keys.some((k) => TOKEN_TEXT.test(k))) return resolve(scope, value);
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const r = resolveOnce(scope, record[k]);
    if (r !== undefined) out[k] = r;
  }
  return out;
}

/** The stack's elements, not descending into nested stacks (as cdktf's own walk). */
function elementsOf(stack: TerraformStack): TerraformElement[] {
  const into: TerraformElement[] = [];
  const visit = (node: { node: { children: readonly unknown[] } }) => {
    if (TerraformElement.isTerraformElement(node)) into.push(node);
    for (const child of node.node.children) {
      if (!TerraformStack.isStack(child)) visit(child as { node: { children: readonly unknown[] } });
    }
  };
  visit(stack);
  return into;
}

/** One workspace's rendered Terraform JSON: the text written to `cdk.tf.json`, and its data. */
export interface RenderedStack {
  readonly text: string;
  readonly json: Record<string, unknown>;
}

/**
 * cdktf's synthesizer (aspects, manifest, annotations), with the stack's JSON rendered by
 * `stableJson` and kept in memory, so the output checks need not read it back. cdktf's own write
 * runs while rendering is deferred (it writes `{}`), then the real text replaces it.
 */
class SinglePassSynthesizer extends StackSynthesizer {
  constructor(private readonly owner: SinglePassStack) {
    super(owner, process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== undefined);
  }

  synthesize(session: ISynthesisSession): void {
    this.owner.deferRendering = true;
    try {
      super.synthesize(session);
    } finally {
      this.owner.deferRendering = false;
    }
    const json = this.owner.toTerraform();
    const text = stableJson(json);
    fs.writeFileSync(path.join(session.outdir, session.manifest.forStack(this.owner).synthesizedStackPath), text);
    this.owner.rendered = { text, json };
  }
}

export class SinglePassStack extends TerraformStack {
  /** Set by synthesis: what was written for this stack. */
  rendered: RenderedStack | undefined;
  /** @internal while cdktf's synthesizer runs its own write. */
  deferRendering = false;
  /** Aspects of the stack's elements, applied in the single pass (see addElementAspect). */
  private readonly elementAspects: IAspect[] = [];

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // HCL output (SYNTH_HCL_OUTPUT) keeps cdktf's own synthesizer.
    if (!["true", "1"].includes(process.env.SYNTH_HCL_OUTPUT ?? "")) this.synthesizer = new SinglePassSynthesizer(this);
  }
  /**
   * An aspect that needs only the stack's elements (resources, data sources, outputs), applied
   * in the single pass just before they render: cdktf's own walk builds every construct's path to
   * invoke an aspect, 8% of a 2,000-membership synthesis. With cdktf's synthesizer (HCL output)
   * it is an ordinary aspect.
   */
  addElementAspect(aspect: IAspect): void {
    if (this.synthesizer instanceof SinglePassSynthesizer) this.elementAspects.push(aspect);
    else Aspects.of(this).add(aspect);
  }

  /** Backend default only: the preparing resolve exists for cross-stack references (none here). */
  prepareStack(): void {
    this.ensureBackendExists();
  }

  /** cdktf's `toTerraform`, with each element resolved once and no second pass over the tree. */
  toTerraform(): Record<string, unknown> {
    if (this.deferRendering) return {};
    // Private fields of TerraformStack, read as cdktf's own implementation reads them.
    const self = this as unknown as { rawOverrides: Record<string, unknown>; cdktfVersion: string };
    const elements = elementsOf(this);
    for (const aspect of this.elementAspects) for (const e of elements) aspect.visit(e);
    const metadata: Record<string, unknown> = {
      version: self.cdktfVersion,
      stackName: this.node.id,
      backend: "local",
      cloud: undefined,
      ...(Object.keys(self.rawOverrides).length > 0 ? { overrides: { stack: Object.keys(self.rawOverrides) } } : {}),
    };
    for (const e of elements) deepMerge(metadata, resolveOnce(this, e.toMetadata()));
    const outputs: Record<string, unknown> = {};
    for (const e of elements) {
      if (!TerraformOutput.isTerraformOutput(e)) continue;
      const nested = e.node.path
        .split("/")
        .reduceRight<Record<string, unknown>>(
          (inner, part) => ({ [part]: Object.keys(inner).length === 0 ? e.friendlyUniqueId : inner }),
          {},
        );
      deepMerge(outputs, nested);
    }
    const tf: Record<string, unknown> = { "//": { metadata, outputs } };
    for (const e of elements) deepMerge(tf, resolveOnce(this, e.toTerraform()));
    deepMerge(tf, resolveOnce(this, self.rawOverrides));
    // cdktf's final pass drops `undefined` values; resolved fragments hold none, and metadata's
    // `cloud` placeholder stays undefined unless a cloud backend's metadata set it.
    if (metadata.cloud === undefined) delete metadata.cloud;
    return tf;
  }
}
