/** `registry:` ECR and model registry (§1.2, §7). */
import { z } from "zod";

export const registrySchema = z
  .object({
    ecr: z
      .object({
        enabled: z
          .boolean()
          .default(true)
          .meta({ description: "Create the repositories; `false` forgets existing ones (they stay in AWS)." }),
        sharedRepos: z
          .array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/))
          .default(["base-sklearn", "base-pytorch", "base-xgboost"])
          .meta({
            description: "Shared repositories, `{company}-sm-shared-{type}` each, for the platform's base images.",
          }),
        projectRepoTypes: z
          .array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/))
          .default(["preprocessing", "training", "inference"])
          .meta({
            description:
              "Repository kinds per project (`{company}-sm-{team}-{project}-{type}`) when `createProjectRepos` is on.",
          }),
        createProjectRepos: z
          .boolean()
          .default(false)
          .meta({ description: "Also create each project's repositories (`projectRepoTypes`)." }),
        imageRetention: z
          .number()
          .int()
          .min(1)
          .max(1000)
          .default(10)
          .meta({ description: "Images each repository keeps (older ones expire)." }),
      })
      .strict()
      .default({
        enabled: true,
        sharedRepos: ["base-sklearn", "base-pytorch", "base-xgboost"],
        projectRepoTypes: ["preprocessing", "training", "inference"],
        createProjectRepos: false,
        imageRetention: 10,
      })
      .meta({ description: "ECR repositories (§7.1): shared base images and, optionally, per-project repositories." }),
    modelRegistry: z
      .object({
        enabled: z
          .boolean()
          .default(true)
          .meta({ description: "Create the model package groups; `false` forgets existing ones (they stay in AWS)." }),
      })
      .strict()
      .default({ enabled: true })
      .meta({ description: "One SageMaker model package group per project (§7.2)." }),
  })
  .strict();
