import { reporter, resourcesOf, type GuardrailRule } from "../terraform-json";

const ID = "SMP-IAM-1";

/** SMP-IAM-1: Studio fails to assume a path-prefixed role ("SageMaker was unable to assume the role"). */
export const iamRolePath: GuardrailRule = {
  id: ID,
  description: 'no IAM role has a path other than "/"',
  spec: "§0.2, §6.4, §11.3",
  check(workspace, stack) {
    const report = reporter(ID, workspace);
    return resourcesOf(stack, "aws_iam_role")
      .filter(([, role]) => role.path !== undefined && role.path !== "/")
      .map(([name, role]) =>
        report(`aws_iam_role.${name}`, `has path ${JSON.stringify(role.path)}; roles must be at "/"`),
      );
  },
};
