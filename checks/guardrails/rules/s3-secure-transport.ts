import {
  block,
  isObject,
  parsePolicy,
  reporter,
  resourcesOf,
  statementsOf,
  strings,
  type GuardrailRule,
  type JsonObject,
} from "../terraform-json";

const ID = "SMP-S3-5";

function anyone(principal: unknown): boolean {
  return principal === "*" || (isObject(principal) && strings(principal.AWS).includes("*"));
}

function insecureOnly(condition: unknown): boolean {
  const value = block(isObject(condition) ? condition.Bool : undefined)["aws:SecureTransport"];
  return value === false || strings(value).some((v) => v === "false");
}

/** Denies s3:* over plain HTTP for everyone, on the bucket and on its objects. */
function deniesInsecureTransport(s: JsonObject): boolean {
  const resources = strings(s.Resource);
  return (
    s.Effect === "Deny" &&
    anyone(s.Principal) &&
    strings(s.Action).includes("s3:*") &&
    insecureOnly(s.Condition) &&
    resources.some((r) => r.endsWith("/*")) &&
    resources.some((r) => !r.endsWith("/*"))
  );
}

/** SMP-S3-5: bucket data never travels unencrypted, whoever the caller is. */
export const s3SecureTransport: GuardrailRule = {
  id: ID,
  description: "every S3 bucket policy denies s3:* to everyone when aws:SecureTransport is false",
  spec: "§3.6, §6.6",
  check(workspace, stack) {
    const report = reporter(ID, workspace);
    return resourcesOf(stack, "aws_s3_bucket_policy").flatMap(([name, body]) => {
      const address = `aws_s3_bucket_policy.${name}`;
      const parsed = parsePolicy(body.policy);
      if ("error" in parsed) return [report(address, parsed.error)];
      if (statementsOf(parsed.doc).some(deniesInsecureTransport)) return [];
      return [
        report(
          address,
          'has no statement denying s3:* to Principal "*" on the bucket and bucket/* with Bool aws:SecureTransport = false',
        ),
      ];
    });
  },
};
