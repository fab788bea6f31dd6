/** `registry:` ECR and model registry (§1.2, §7). */
import { z } from "zod";

export const registrySchema = z
  .object({
    ecr: z
      .object({
        enabled: z.boolean().default(true),
        sharedRepos: z
          .array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/))
          .default(["base-sklearn", "base-pytorch", "base-xgboost"]),
        projectRepoTypes: z
          .array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/))
          .default(["preprocessing", "training", "inference"]),
        createProjectRepos: z.boolean().default(false),
        imageRetention: z.number().int().min(1).max(1000).default(10),
      })
      .strict()
      .default({
        enabled: true,
        sharedRepos: ["base-sklearn", "base-pytorch", "base-xgboost"],
        projectRepoTypes: ["preprocessing", "training", "inference"],
        createProjectRepos: false,
        imageRetention: 10,
      }),
    modelRegistry: z
      .object({ enabled: z.boolean().default(true) })
      .strict()
      .default({ enabled: true }),
  })
  .strict();
