/**
 * A construct refusing its props: the message names where (the construct's path, or a location
 * for a check that runs before the construct exists). The org loader rejects what it can with the
 * YAML location first; this is the construct's own line, and `main.ts` prints it without a stack.
 */
import type { IConstruct } from "constructs";

export class ValidationError extends Error {
  constructor(message: string, where?: IConstruct | string) {
    const at = where === undefined ? undefined : typeof where === "string" ? where : where.node.path;
    super(at ? `${at}: ${message}` : message);
    this.name = "ValidationError";
  }
}
