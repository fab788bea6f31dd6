import { nonEmptyString, reporter, resourcesOf, type Finding, type GuardrailRule } from "../terraform-json";

const ID = "SMP-IAM-4";

/**
 * SMP-IAM-4: no long-lived secret reaches state in clear text. Without pgp_key the generated
 * password is stored in plaintext; without password_reset_required IAM does not force a change
 * (nothing is sent when unset). Access keys are never created by the platform.
 */
export const iamUserCredentials: GuardrailRule = {
  id: ID,
  description: "every login profile has a pgp_key and password_reset_required = true; no aws_iam_access_key anywhere",
  spec: "§6.2, §10 op 6",
  check(workspace, stack) {
    const report = reporter(ID, workspace);
    const logins = resourcesOf(stack, "aws_iam_user_login_profile").flatMap(([name, login]) => {
      const address = `aws_iam_user_login_profile.${name}`;
      const out: Finding[] = [];
      if (!nonEmptyString(login.pgp_key))
        out.push(report(address, "has no pgp_key: the generated password would be stored in state in clear text"));
      if (login.password_reset_required !== true)
        out.push(report(address, "does not set password_reset_required = true"));
      return out;
    });
    const keys = resourcesOf(stack, "aws_iam_access_key").map(([name]) =>
      report(`aws_iam_access_key.${name}`, "creates an access key; the platform never creates long-lived keys"),
    );
    return [...logins, ...keys];
  },
};
