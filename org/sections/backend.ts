/** `backend:` where Terraform keeps each workspace's state. */
import { z } from "zod";

/** Extra Terraform CLI arguments: one line, nothing a shell would expand. */
const cliArgs = z.string().regex(/^[^\n$`]*$/, "one line, no $ or backquote");

/** Settings of the `tfc` workspace, which manages the platform's Terraform Cloud workspaces. */
const tfcSchema = z
  .object({
    /** Terraform Cloud project holding every workspace of the platform. */
    project: z.string().min(1).max(40).default("sagemaker-platform"),
    /** Where runs execute: `remote` (Terraform Cloud), `agent` (needs agentPoolId) or `local`. */
    executionMode: z.enum(["remote", "agent", "local"]).default("remote"),
    agentPoolId: z
      .string()
      .regex(/^apool-[A-Za-z0-9]+$/, "must be an agent pool id like apool-abc123")
      .optional(),
    /**
     * The deployer role runs assume through Terraform Cloud's dynamic credentials (OIDC): set as
     * TFC_AWS_RUN_ROLE_ARN on every workspace of the project. Its trust is in docs/terraform-cloud.md.
     */
    awsRunRoleArn: z
      .string()
      .regex(
        /^arn:aws:iam::\d{12}:role\/[\w+=,.@\-/]+$/,
        "must be an IAM role ARN like arn:aws:iam::123456789012:role/tfc-deployer",
      )
      .optional(),
    /** Extra CLI arguments per command, as TF_CLI_ARGS_<command> (e.g. `{ plan: "-parallelism=20" }`). */
    cliArgs: z.object({ plan: cliArgs, apply: cliArgs, init: cliArgs }).partial().strict().default({}),
    /** Terraform Cloud teams and their access to the project (`read`, `write`, `maintain`, `admin`). */
    teamAccess: z.record(z.string().min(1), z.enum(["read", "write", "maintain", "admin"])).default({}),
  })
  .strict()
  .refine((t) => t.executionMode !== "agent" || t.agentPoolId, {
    path: ["agentPoolId"],
    message: "executionMode agent needs agentPoolId",
  });

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
      /** The `tfc` workspace: Terraform Cloud itself as code (docs/terraform-cloud.md). */
      tfc: tfcSchema.prefault({}),
    })
    .strict(),
]);
