/** `features:` optional platform capabilities (§1.2). */
import { z } from "zod";

export const featuresSchema = z
  .object({
    canvas: z.boolean().default(true).meta({
      description:
        "SageMaker Canvas: the AWS-managed Canvas policies on the domain default role and the project ExecutionRoles (§1.2).",
    }),
    mlflow: z.boolean().default(true).meta({
      description: "Managed MLflow: the MLflow app access policy on the domain default role and the project roles.",
    }),
    trainingRole: z
      .boolean()
      .default(true)
      .meta({ description: "A TrainingRole per active project (§6.4), assumable only by SageMaker training jobs." }),
    processingRole: z.boolean().default(true).meta({
      description: "A ProcessingRole per active project (§6.4), assumable only by SageMaker processing jobs.",
    }),
    inferenceRole: z.boolean().default(true).meta({
      description: "An InferenceRole per active project (§6.4), the role of the project's models and endpoints.",
    }),
  })
  .strict();
