import { parsePolicy, reporter, resourcesOf, statementsOf, strings, type GuardrailRule } from "../terraform-json";

const ID = "SMP-IAM-3";

/**
 * SMP-IAM-3: grants are group-based only (goal 4): a policy on a user escapes review of the group
 * model. Inline user policies may only take permissions away (the per-user PassRole scope).
 */
export const iamUserGrants: GuardrailRule = {
  id: ID,
  description: "no managed policy attached to a user; inline user policies hold only Deny statements",
  spec: "goal 4, §3.1, §8.12",
  check(workspace, stack) {
    const report = reporter(ID, workspace);
    const attachments = resourcesOf(stack, "aws_iam_user_policy_attachment").map(([name]) =>
      report(`aws_iam_user_policy_attachment.${name}`, "attaches a policy directly to a user; grant through a group"),
    );
    const exclusive = resourcesOf(stack, "aws_iam_policy_attachment")
      .filter(([, a]) => strings(a.users).length > 0)
      .map(([name]) =>
        report(`aws_iam_policy_attachment.${name}`, "attaches a policy directly to users; grant through a group"),
      );
    const inline = resourcesOf(stack, "aws_iam_user_policy").flatMap(([name, body]) => {
      const address = `aws_iam_user_policy.${name}`;
      const parsed = parsePolicy(body.policy);
      if ("error" in parsed) return [report(address, parsed.error)];
      const statements = statementsOf(parsed.doc);
      const allows = statements.filter((s) => s.Effect !== "Deny");
      if (!statements.length) return [report(address, "has no statements")];
      return allows.map((s) =>
        report(
          address,
          `statement ${JSON.stringify(s.Sid ?? "(no Sid)")} has Effect ${JSON.stringify(s.Effect)}; inline user policies may only Deny`,
        ),
      );
    });
    return [...attachments, ...exclusive, ...inline];
  },
};
