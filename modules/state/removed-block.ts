/**
 * A top-level Terraform `removed` block with `lifecycle { destroy = false }` (Terraform >= 1.7):
 * the resource at `from` leaves the state while the real object is kept. cdktf 0.21 has no
 * construct for it; an element's JSON fragment is deep-merged into the stack, and arrays are
 * concatenated, so several RemovedBlocks render as one `removed` list.
 */
import { Construct } from "constructs";
import { TerraformElement } from "cdktf";
import { ValidationError } from "../validation-error";

export interface RemovedBlockProps {
  /** Resource address without instance key, e.g. `aws_s3_bucket.bucket-rc-fraud-detection`. */
  readonly from: string;
}

export class RemovedBlock extends TerraformElement {
  readonly from: string;

  constructor(scope: Construct, id: string, props: RemovedBlockProps) {
    super(scope, id);
    if (!/^[a-z0-9_]+\.[A-Za-z_][A-Za-z0-9_-]*$/.test(props.from))
      throw new ValidationError(`'${props.from}' is not a resource address (type.name)`, this);
    this.from = props.from;
  }

  override toTerraform(): Record<string, unknown> {
    return { removed: [{ from: this.from, lifecycle: { destroy: false } }] };
  }

  override toHclTerraform(): Record<string, unknown> {
    return this.toTerraform();
  }
}
