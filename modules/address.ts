/**
 * Fixed Terraform addresses, the one way to set them. cdktf addresses a resource directly under
 * a stack by its construct id, and one inside a construct by its path plus a hash, which changes
 * when the construct tree does. Where an address is named elsewhere (import, moved and removed
 * blocks, preconditions, operator commands, a later release adopting the resource) it is fixed
 * here: checked as a Terraform identifier and unique among the stack's fixed addresses of its
 * kind, so two constructs can never silently claim one address.
 */
import { TerraformDataSource, TerraformOutput, TerraformResource, TerraformStack, type TerraformElement } from "cdktf";
import { ValidationError } from "./validation-error";

/** A Terraform block label: a letter or underscore, then letters, digits, underscores and dashes. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** The fixed addresses of each stack, so a second claim on one is refused. */
const claimed = new WeakMap<TerraformStack, Set<string>>();

/** The element's address at `name`: `type.name`, `data.type.name` or `output.name`. */
function addressIn(element: TerraformElement, name: string): string {
  if (element instanceof TerraformResource) return `${element.terraformResourceType}.${name}`;
  if (element instanceof TerraformDataSource) return `data.${element.terraformResourceType}.${name}`;
  if (element instanceof TerraformOutput) return `output.${name}`;
  return `${element.constructor.name}.${name}`;
}

/** Gives `element` the Terraform name `name` (its address becomes `type.name`) and returns it. */
export function fixAddress<T extends TerraformElement>(element: T, name: string): T {
  if (!IDENTIFIER.test(name))
    throw new ValidationError(
      `'${name}' is not a Terraform name (a letter or _, then letters, digits, _ or -)`,
      element,
    );
  const address = addressIn(element, name);
  const stack = TerraformStack.of(element);
  const taken = claimed.get(stack) ?? new Set<string>();
  claimed.set(stack, taken);
  if (taken.has(address)) throw new ValidationError(`the address ${address} is already taken in this stack`, element);
  taken.add(address);
  element.overrideLogicalId(name);
  return element;
}

/** The address `type.name` of a resource type's instance, for moved, removed and import blocks. */
export function resourceAddress(resourceType: { readonly tfResourceType: string }, name: string): string {
  return `${resourceType.tfResourceType}.${name}`;
}
