/** Platform-derived names and storage settings (§0.4, §1.4). */
import { LIMITS } from "../../catalog/names";
import type { OrgDocument } from "../schema";
import type { Finding, RuleContext } from "./context";

export function platformRules(doc: OrgDocument, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const add = ctx.reporter(out);
  const { names } = ctx;
  const d = ctx.derived;
  // Platform-derived names.
  if (d.domainName.length > LIMITS.studioName)
    add(["platform", "domainName"], `domain name '${d.domainName}' is longer than ${LIMITS.studioName} characters`);
  if (names.lifecycleConfig("disable-download").length > LIMITS.studioName)
    add(["platform", "tagPrefix"], `tagPrefix '${d.tagPrefix}' makes lifecycle config names longer than 63 characters`);
  if (names.sharedBucket.length > LIMITS.bucketName)
    add(["platform", "company"], `bucket name '${names.sharedBucket}' is longer than 63 characters`);
  if (d.tagPrefix.startsWith("sg-"))
    add(["platform", "tagPrefix"], "tagPrefix must not start with 'sg-' (security group names cannot)");

  if (doc.platform.companyRenamedFrom === doc.platform.company)
    add(
      ["platform", "companyRenamedFrom"],
      `companyRenamedFrom '${doc.platform.company}' equals company: remove it (it is set only for the apply that renames the company)`,
    );

  // Storage.
  if (doc.storage.encryption === "SSE-KMS" && !doc.storage.kmsKeyArn)
    add(["storage", "kmsKeyArn"], "storage.encryption SSE-KMS requires storage.kmsKeyArn (a KMS key ARN)");

  return out;
}
