/** `backend:` where Terraform keeps each workspace's state. */
import { z } from "zod";

export const backendSchema = z.union([
  z.object({ type: z.literal("local") }).strict(),
  z
    .object({
      type: z.literal("cloud"),
      organization: z.string().min(1),
      hostname: z.string().default("app.terraform.io"),
      /** Workspace name = prefix + workspace (e.g. `sagemaker-network`). */
      workspacePrefix: z.string().default(""),
    })
    .strict(),
]);
