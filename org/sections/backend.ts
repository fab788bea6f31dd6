/** `backend:` where Terraform keeps each workspace's state. */
import { z } from "zod";

/** Extra Terraform CLI arguments: one line, nothing a shell would expand. */
const cliArgs = z.string().regex(/^[^\n$`]*$/, "one line, no $ or backquote");

/** Settings of the `tfc` workspace, which manages the platform's Terraform Cloud workspaces. */
const tfcSchema = z
  .object({
    project: z
      .string()
      .min(1)
      .max(40)
      .default("sagemaker-platform")
      .meta({ description: "Terraform Cloud project holding every workspace of the platform." }),
    executionMode: z
      .enum(["remote", "agent", "local"])
      .default("remote")
      .meta({ description: "Where runs execute: `remote` (Terraform Cloud), `agent` (needs agentPoolId) or `local`." }),
    agentPoolId: z
      .string()
      .regex(/^apool-[A-Za-z0-9]+$/, "must be an agent pool id like apool-abc123")
      .optional()
      .meta({
        description:
          "Terraform Cloud agent pool that runs the plans and applies (`apool-...`); required with `executionMode: agent`.",
      }),
    awsRunRoleArn: z
      .string()
      .regex(
        /^arn:aws:iam::\d{12}:role\/[\w+=,.@\-/]+$/,
        "must be an IAM role ARN like arn:aws:iam::123456789012:role/tfc-deployer",
      )
      .optional()
      .meta({
        description:
          "The deployer role runs assume through Terraform Cloud's dynamic credentials (OIDC): set as TFC_AWS_RUN_ROLE_ARN on every workspace of the project. Its trust is in docs/terraform-cloud.md.",
      }),
    cliArgs: z
      .object({
        plan: cliArgs.meta({
          description: "Extra arguments of `terraform plan` (TF_CLI_ARGS_plan), e.g. `-parallelism=20`.",
        }),
        apply: cliArgs.meta({ description: "Extra arguments of `terraform apply` (TF_CLI_ARGS_apply)." }),
        init: cliArgs.meta({ description: "Extra arguments of `terraform init` (TF_CLI_ARGS_init)." }),
      })
      .partial()
      .strict()
      .default({})
      .meta({
        description: 'Extra CLI arguments per command, as TF_CLI_ARGS_<command> (e.g. `{ plan: "-parallelism=20" }`).',
      }),
    teamAccess: z
      .record(z.string().min(1), z.enum(["read", "write", "maintain", "admin"]))
      .default({})
      .meta({
        description: "Terraform Cloud teams and their access to the project (`read`, `write`, `maintain`, `admin`).",
      }),
  })
  .strict()
  .refine((t) => t.executionMode !== "agent" || t.agentPoolId, {
    path: ["agentPoolId"],
    message: "executionMode agent needs agentPoolId",
  });

// Discriminated by `type`: a cloud backend without `organization` is reported at that field, not
// as "must be one of local".
export const backendSchema = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal("local").meta({
        description:
          "`local`: each workspace keeps its state in terraform-state/<workspace>.tfstate beside the output.",
      }),
    })
    .strict(),
  z
    .object({
      type: z
        .literal("cloud")
        .meta({ description: "`cloud`: each workspace is a Terraform Cloud workspace (docs/terraform-cloud.md)." }),
      organization: z
        .string({ error: "a cloud backend needs organization: the Terraform Cloud organization name" })
        .min(1)
        .meta({ description: "The Terraform Cloud organization that holds the workspaces." }),
      hostname: z
        .string()
        .default("app.terraform.io")
        .meta({ description: "Terraform Cloud or Terraform Enterprise host." }),
      workspacePrefix: z
        .string()
        .default("")
        .meta({ description: "Workspace name = prefix + workspace (e.g. `sagemaker-network`)." }),
      tfc: tfcSchema
        .prefault({})
        .meta({ description: "The `tfc` workspace: Terraform Cloud itself as code (docs/terraform-cloud.md)." }),
    })
    .strict(),
]);
