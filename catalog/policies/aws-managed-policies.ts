/**
 * AWS-managed policies the platform attaches (§3.1), as paths under `arn:aws:iam::aws:policy/`.
 * Canvas Direct Deploy lives under `service-role/`; its ARN without that segment does not exist.
 */
export const SAGEMAKER_FULL_ACCESS = "AmazonSageMakerFullAccess";

export const CANVAS_POLICIES: readonly string[] = [
  "AmazonSageMakerCanvasFullAccess",
  "AmazonSageMakerCanvasAIServicesAccess",
  "AmazonSageMakerCanvasDataPrepFullAccess",
  "service-role/AmazonSageMakerCanvasDirectDeployAccess",
];

export function awsManagedPolicyArn(pathAndName: string): string {
  return `arn:aws:iam::aws:policy/${pathAndName}`;
}
