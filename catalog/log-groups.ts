/** Pre-created SageMaker log groups; keys of `monitoring.logGroups` (except `adoptExisting`). */
export const SAGEMAKER_LOG_GROUPS = {
  processingJobs: "/aws/sagemaker/ProcessingJobs",
  trainingJobs: "/aws/sagemaker/TrainingJobs",
  studio: "/aws/sagemaker/studio",
} as const;

export type SageMakerLogGroupKey = keyof typeof SAGEMAKER_LOG_GROUPS;
