/** Trust policy of the domain default role and the four project roles (platform-spec §8.0). */
export function sagemakerTrustPolicy(): object {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "sagemaker.amazonaws.com" },
        Action: ["sts:AssumeRole", "sts:SetContext"],
      },
    ],
  };
}
