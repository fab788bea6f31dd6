import { reporter, resourcesOf, type Finding, type GuardrailRule } from "../terraform-json";

const ID = "SMP-IAM-2";

/** Platform users outside any team; every other user is a team user and needs the boundary. */
const PLATFORM_USER = /^sm-(admin|readonly)-/;
const BOUNDARY = /^arn:aws:iam::\d{12}:policy\/(.+\/)?SageMaker-User-Boundary$/;

/**
 * SMP-IAM-2: the boundary carries the MFA requirement and caps what group grants can add up to;
 * force_destroy lets removing a person also remove their login profile, keys and MFA devices.
 */
export const iamUserBoundary: GuardrailRule = {
  id: ID,
  description:
    "every team IAM user has the SageMaker-User-Boundary permissions boundary; every IAM user has force_destroy",
  spec: "§6.2, §8.3, §10 op 10",
  check(workspace, stack) {
    const report = reporter(ID, workspace);
    return resourcesOf(stack, "aws_iam_user").flatMap(([name, user]) => {
      const address = `aws_iam_user.${name}`;
      const out: Finding[] = [];
      if (user.force_destroy !== true)
        out.push(
          report(address, "does not set force_destroy = true (deleting the user would fail or leave credentials)"),
        );
      const platformUser = typeof user.name === "string" && PLATFORM_USER.test(user.name);
      if (!platformUser && !(typeof user.permissions_boundary === "string" && BOUNDARY.test(user.permissions_boundary)))
        out.push(
          report(
            address,
            `team user ${JSON.stringify(user.name)} has permissions_boundary ${JSON.stringify(user.permissions_boundary)}, expected the SageMaker-User-Boundary policy ARN`,
          ),
        );
      return out;
    });
  },
};
