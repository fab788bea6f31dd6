import { parsePolicy, reporter, resourcesOf, statementsOf, type Finding, type GuardrailRule } from "../terraform-json";
import { LIMITS } from "../../../catalog/names";

const ID = "SMP-IAM-5";

/** The customer-managed policy quota; whitespace is not counted (§0.4). One definition: catalog/names.ts. */
export const MANAGED_POLICY_MAX_CHARS = LIMITS.managedPolicySize;

/** Every IAM document a workspace sends, by resource type and attribute. */
export const IAM_POLICY_DOCUMENTS: readonly (readonly [string, string])[] = [
  ["aws_iam_policy", "policy"],
  ["aws_iam_role", "assume_role_policy"],
  ["aws_iam_role_policy", "policy"],
  ["aws_iam_user_policy", "policy"],
  ["aws_iam_group_policy", "policy"],
];

/**
 * SMP-IAM-5: a document IAM rejects fails only at apply time, half-way through a rollout. Checked
 * on the text IAM receives (`$${` already turned into `${` by Terraform).
 */
export const iamPolicyDocuments: GuardrailRule = {
  id: ID,
  description:
    "every IAM policy document is valid JSON with Version 2012-10-17 and statements; managed policies ≤ 6,144 characters",
  spec: "§0.4, §6.3, §11.1, §11.2",
  check(workspace, stack) {
    const report = reporter(ID, workspace);
    const out: Finding[] = [];
    for (const [type, attribute] of IAM_POLICY_DOCUMENTS)
      for (const [name, body] of resourcesOf(stack, type)) {
        const address = `${type}.${name}`;
        const parsed = parsePolicy(body[attribute]);
        if ("error" in parsed) {
          out.push(report(address, `${attribute}: ${parsed.error}`));
          continue;
        }
        if (parsed.doc.Version !== "2012-10-17")
          out.push(
            report(address, `${attribute} has Version ${JSON.stringify(parsed.doc.Version)}, expected "2012-10-17"`),
          );
        if (!statementsOf(parsed.doc).length) out.push(report(address, `${attribute} has no statements`));
        const size = parsed.text.replace(/\s/g, "").length;
        if (type === "aws_iam_policy" && size > MANAGED_POLICY_MAX_CHARS)
          out.push(report(address, `policy has ${size} characters, over the ${MANAGED_POLICY_MAX_CHARS} IAM quota`));
      }
    return out;
  },
};
