/**
 * A top-level Terraform `import` block (Terraform >= 1.7 for `for_each`) that adopts an existing
 * object only while a plan-time condition holds. cdktf's `importFrom` cannot be conditional; an
 * element's JSON fragment is deep-merged into the stack, and arrays are concatenated, so several
 * ImportBlocks render as one `import` list.
 */
import { Construct, type IConstruct } from "constructs";
import { TerraformElement, TerraformResource } from "cdktf";
import { ValidationError } from "../validation-error";

export interface ImportBlockProps {
  /** Resource address without instance key, e.g. `aws_sagemaker_space.member-rc-fraud-alice_Space_0A1B2C3D`. */
  readonly to: string;
  /** The provider's import id (may hold tokens known at plan time, such as remote-state reads). */
  readonly id: string;
  /** HCL boolean expression (without `${}`), known at plan time: import only when it is true. */
  readonly when: string;
}

export class ImportBlock extends TerraformElement {
  constructor(
    scope: Construct,
    id: string,
    private readonly props: ImportBlockProps,
  ) {
    super(scope, id);
    if (!/^[a-z0-9_]+\.[A-Za-z_][A-Za-z0-9_-]*$/.test(props.to))
      throw new ValidationError(`'${props.to}' is not a resource address (type.name)`, this);
  }

  override toTerraform(): Record<string, unknown> {
    const { to, id, when } = this.props;
    // Zero or one instance: a non-indexed target accepts a for_each of at most one key.
    return { import: [{ for_each: `\${${when} ? toset(["adopt"]) : toset([])}`, to, id }] };
  }

  override toHclTerraform(): Record<string, unknown> {
    return this.toTerraform();
  }
}

/**
 * Import blocks for every resource directly inside `construct`, while `when` holds: the construct
 * moves here from another workspace's state with its addresses unchanged. `idOf` gives each
 * resource's provider import id.
 */
export function importResources(
  construct: IConstruct,
  when: string,
  idOf: (resource: TerraformResource) => string,
): void {
  for (const child of construct.node.children)
    if (child instanceof TerraformResource)
      new ImportBlock(construct, `${child.node.id}-adopt`, {
        to: `${child.terraformResourceType}.${child.friendlyUniqueId}`,
        id: idOf(child),
        when,
      });
}
