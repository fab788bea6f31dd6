/**
 * The workspace's tags aspect: every resource of a tagged type (catalog/tags.ts) gets the
 * workspace's `ManagedBy`, appended to its own tags, so no construct can forget it or set
 * another value.
 */
import { TerraformResource, type IAspect } from "cdktf";
import type { IConstruct } from "constructs";
import { TAGGED_RESOURCE_TYPES } from "../catalog/tags";
import { ValidationError } from "./validation-error";

/** A provider resource with a `tags` argument. */
type Taggable = TerraformResource & { tags: Record<string, string>; readonly tagsInput?: Record<string, string> };

export class ManagedByTag implements IAspect {
  /** Resources already tagged: aspects may run more than once. */
  private readonly tagged = new WeakSet<IConstruct>();

  /** @param value the workspace's `ManagedBy` (catalog/tags.ts `managedBy`) */
  constructor(private readonly value: string) {}

  visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource) || !TAGGED_RESOURCE_TYPES.has(node.terraformResourceType)) return;
    if (this.tagged.has(node)) return;
    this.tagged.add(node);
    const resource = node as Taggable;
    const tags = resource.tagsInput ?? {};
    if ("ManagedBy" in tags)
      throw new ValidationError("ManagedBy is the workspace's tag (its tags aspect sets it); do not set it here", node);
    resource.tags = { ...tags, ManagedBy: this.value };
  }
}
