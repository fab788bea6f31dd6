/** `features:` optional platform capabilities (§1.2). */
import { z } from "zod";

export const featuresSchema = z
  .object({
    canvas: z.boolean().default(true),
    mlflow: z.boolean().default(true),
    trainingRole: z.boolean().default(true),
    processingRole: z.boolean().default(true),
    inferenceRole: z.boolean().default(true),
  })
  .strict();
