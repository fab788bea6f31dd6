/** Identifier rules (§0.4) and primitives shared by the org file sections. */
import { z } from "zod";

// §0.4 identifier rules. Messages say the expected form.
export const TEAM_ID = /^[a-z]{2,4}$/;
export const TEAM_FULL_NAME = /^[a-z][a-z-]*[a-z]$/;
export const PROJECT_NAME = /^[a-z][a-z0-9-]*[a-z0-9]$/;
export const USER_NAME = /^[a-z][a-z0-9]*$/;
export const INSTANCE_TYPE = /^(system|ml\.[a-z][a-z0-9]*\.[a-z0-9]+)$/;
export const NAME_CHARS = /^[A-Za-z0-9-]+$/;

export const userName = z
  .string()
  .regex(USER_NAME, "must match ^[a-z][a-z0-9]*$ (lowercase letters and digits, starting with a letter)")
  .min(2, "must be 2-20 characters")
  .max(20, "must be 2-20 characters");

export const instanceType = z.string().regex(INSTANCE_TYPE, "must be 'system' or an instance type like ml.t3.medium");

export const downloadAccess = z.enum(["inherit", "allow", "deny"]);
