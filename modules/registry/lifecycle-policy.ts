import { ValidationError } from "../validation-error";
/** ECR lifecycle policy documents (platform-spec §7.1, §13). */

export interface EcrLifecycleRule {
  readonly rulePriority: number;
  readonly description: string;
  readonly selection: {
    readonly tagStatus: "any" | "tagged" | "untagged";
    readonly countType: "imageCountMoreThan";
    readonly countNumber: number;
  };
  readonly action: { readonly type: "expire" };
}

export interface EcrLifecyclePolicyDocument {
  readonly rules: readonly EcrLifecycleRule[];
}

/** One rule: keep the newest `count` images whatever their tags, expire the rest. */
export function keepLastImagesPolicy(count: number): EcrLifecyclePolicyDocument {
  if (!Number.isInteger(count) || count < 1)
    throw new ValidationError(`image retention must be a positive integer, got ${count}`);
  return {
    rules: [
      {
        rulePriority: 1,
        description: `Keep last ${count} images`,
        selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: count },
        action: { type: "expire" },
      },
    ],
  };
}
