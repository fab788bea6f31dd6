/**
 * A TerraformStack that resolves each element once. cdktf 0.21 resolves every resource three
 * times per synth: a "preparing" pass that only exists to discover cross-stack references (our
 * workspaces share values through remote state and never create one), then each element, then
 * the whole merged tree again. The last two passes are kept as one: elements are resolved once
 * and only the stack's own overrides are resolved on their own. Output is byte-identical
 * (`__tests__/workspaces/single-pass-stack.test.ts` compares with cdktf's own path).
 */
import { TerraformElement, TerraformOutput, TerraformStack } from "cdktf";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { resolve } = require("cdktf/lib/_tokens") as {
  resolve: (scope: unknown, value: unknown, preparing?: boolean) => unknown;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deepMerge } = require("cdktf/lib/util") as {
  deepMerge: (target: Record<string, unknown>, ...sources: unknown[]) => Record<string, unknown>;
};

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

export class SinglePassStack extends TerraformStack {
  /** Backend default only: the preparing resolve exists for cross-stack references (none here). */
  prepareStack(): void {
    this.ensureBackendExists();
  }

  /** cdktf's `toTerraform`, with each element resolved once and no second pass over the tree. */
  toTerraform(): Record<string, unknown> {
    // Private fields of TerraformStack, read as cdktf's own implementation reads them.
    const self = this as unknown as { rawOverrides: Record<string, unknown>; cdktfVersion: string };
    const elements = elementsOf(this);
    const metadata: Record<string, unknown> = {
      version: self.cdktfVersion,
      stackName: this.node.id,
      backend: "local",
      cloud: undefined,
      ...(Object.keys(self.rawOverrides).length > 0 ? { overrides: { stack: Object.keys(self.rawOverrides) } } : {}),
    };
    for (const e of elements) deepMerge(metadata, resolve(this, e.toMetadata()));
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
    for (const e of elements) deepMerge(tf, resolve(this, e.toTerraform()));
    deepMerge(tf, resolve(this, self.rawOverrides));
    // cdktf's final pass drops `undefined` values; resolved fragments hold none, and metadata's
    // `cloud` placeholder stays undefined unless a cloud backend's metadata set it.
    if (metadata.cloud === undefined) delete metadata.cloud;
    return tf;
  }
}
