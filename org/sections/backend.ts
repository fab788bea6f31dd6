/** `backend:` where Terraform keeps each workspace's state. */
import { z } from "zod";

// Discriminated by `type`: a cloud backend without `organization` is reported at that field, not
// as "must be one of local".
export const backendSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("local") }).strict(),
  z
    .object({
      type: z.literal("cloud"),
      organization: z
        .string({ error: "a cloud backend needs organization: the Terraform Cloud organization name" })
        .min(1),
      hostname: z.string().default("app.terraform.io"),
      /** Workspace name = prefix + workspace (e.g. `sagemaker-network`). */
      workspacePrefix: z.string().default(""),
    })
    .strict(),
]);
