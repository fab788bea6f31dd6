import { parsePolicy, reporter, resourcesOf, statementsOf, strings, type GuardrailRule } from "../terraform-json";

const ID = "SMP-IAM-3";

/**
 * SMP-IAM-3: grants are group-based only (goal 4): a policy on a user escapes review of the group
 * model. Policies on a user may only take permissions away: the inline PassRole scope and the
 * managed user scope of §14.3 (a customer-managed policy of the same workspace holding only Deny
 * statements).
 */
export const iamUserGrants: GuardrailRule = {
  id: ID,
  description:
    "no grant attached to a user: user policies (inline or a same-workspace managed scope) hold only Deny statements",
  spec: "goal 4, §3.1, §8.12",
  check(workspace, stack) {
    const report = reporter(ID, workspace);
    const policies = new Map(resourcesOf(stack, "aws_iam_policy"));
    const denyOnly = (policyArn: unknown): boolean => {
      // By reference, or by the ARN built from the policy's path and name.
      const arn = String(policyArn);
      const ref = /^\$\{aws_iam_policy\.([^.]+)\.arn\}$/.exec(arn);
      const policy = ref
        ? policies.get(ref[1])
        : [...policies.values()].find((p) => arn.endsWith(`:policy${p.path ?? "/"}${p.name}`));
      if (!policy) return false;
      const parsed = parsePolicy(policy.policy);
      if ("error" in parsed) return false;
      const statements = statementsOf(parsed.doc);
      return statements.length > 0 && statements.every((s) => s.Effect === "Deny");
    };
    const attachments = resourcesOf(stack, "aws_iam_user_policy_attachment")
      .filter(([, a]) => !denyOnly(a.policy_arn))
      .map(([name]) =>
        report(
          `aws_iam_user_policy_attachment.${name}`,
          "attaches a policy that grants to a user; grant through a group (only deny-only scopes of this workspace may be attached)",
        ),
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
