/** Identifier rules (§0.4) and primitives shared by the org file sections. */
import { z } from "zod";
import instanceCatalog from "../../catalog/sagemaker-instance-types.json";
import regionCatalog from "../../catalog/aws-regions.json";
import { visible } from "../problems";

// §0.4 identifier rules. Messages say the expected form.
export const TEAM_ID = /^[a-z]{2,4}$/;
export const TEAM_FULL_NAME = /^[a-z][a-z-]*[a-z]$/;
export const PROJECT_NAME = /^[a-z][a-z0-9-]*[a-z0-9]$/;
export const USER_NAME = /^[a-z][a-z0-9]*$/;
export const INSTANCE_TYPE = /^(system|ml\.[a-z][a-z0-9-]*\.[a-z0-9]+)$/; // ml.p6-b200.48xlarge exists
export const NAME_CHARS = /^[A-Za-z0-9-]+$/;

export const userName = z
  .string()
  .regex(USER_NAME, "must match ^[a-z][a-z0-9]*$ (lowercase letters and digits, starting with a letter)")
  .min(2, "must be 2-20 characters")
  .max(20, "must be 2-20 characters");

const instanceTypeForm = z.string().regex(INSTANCE_TYPE, "must be 'system' or an instance type like ml.t3.medium");

// Real SageMaker instance types (catalog/, written from the AWS SDK by `npm run catalog`).
const APP_TYPES: ReadonlySet<string> = new Set(instanceCatalog.apps);
const JOB_TYPES: ReadonlySet<string> = new Set([
  ...instanceCatalog.training,
  ...instanceCatalog.processing,
  ...instanceCatalog.transform,
  ...instanceCatalog.endpoints,
]);

const inCatalog = (types: ReadonlySet<string>, what: string) =>
  instanceTypeForm.superRefine((t, ctx) => {
    if (INSTANCE_TYPE.test(t) && !types.has(t))
      ctx.addIssue({
        code: "custom",
        message: `'${visible(t)}' is not a SageMaker ${what} instance type (catalog/sagemaker-instance-types.json)`,
      });
  });

/** A Studio app instance type (`system` included). */
export const appInstanceType = inCatalog(APP_TYPES, "Studio app");
/** A training, processing, transform or endpoint instance type. */
export const jobInstanceType = inCatalog(JOB_TYPES, "job or endpoint");
/** A whitelist entry that serves apps and jobs alike: either kind. */
export const instanceType = inCatalog(new Set([...APP_TYPES, ...JOB_TYPES]), "app, job or endpoint");

/** Regions of the `aws` partition (every ARN of the platform is `arn:aws:…`). */
export const AWS_REGIONS: ReadonlySet<string> = new Set(Object.keys(regionCatalog.regions));

export const downloadAccess = z.enum(["inherit", "allow", "deny"]);

/**
 * Characters AWS accepts in tag keys and values (letters, digits, spaces and `_ . : / = + - @`).
 * Free text reaches the Terraform JSON only as tags, so `${...}` and `%{...}` (Terraform template
 * syntax) can never be rendered from the org file.
 */
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const TAG_CHARS_MESSAGE = "may contain only letters, digits, spaces and _ . : / = + - @ (AWS tag rules)";

export const tagValue = z
  .string()
  .max(256, "must be at most 256 characters (AWS tag values)")
  .regex(TAG_CHARS, TAG_CHARS_MESSAGE);

/** A map of tags: keys and values by AWS tag rules; `aws:` keys are reserved. */
export const tagMap = z.record(z.string(), tagValue).superRefine((tags, ctx) => {
  for (const key of Object.keys(tags)) {
    const problem =
      key.length < 1 || key.length > 128
        ? "must be 1-128 characters (AWS tag keys)"
        : !TAG_CHARS.test(key)
          ? TAG_CHARS_MESSAGE
          : key.toLowerCase().startsWith("aws:")
            ? "must not start with 'aws:' (reserved by AWS)"
            : undefined;
    if (problem) ctx.addIssue({ code: "custom", path: [key], message: problem });
  }
});

/**
 * Descriptions (documentation in the org file, never rendered into resources): printable text
 * without Terraform template syntax, so a later use cannot turn into an interpolation.
 */
export const description = z
  .string()
  .max(200)
  .regex(/^[^\p{Cc}\p{Cf}]*$/u, "must be printable text (no control or invisible characters)")
  .refine((d) => !/[$%]\{/.test(d), "must not contain '${' or '%{' (Terraform template syntax)");
