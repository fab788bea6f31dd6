/** Small hand-written Terraform JSON for the guardrail rule tests. */
import type { Finding, GuardrailRule, TerraformJson } from "../../../checks/guardrails";

export type Resources = Record<string, Record<string, Record<string, any>>>;

export function stack(resource: Resources, extra: Record<string, any> = {}): TerraformJson {
  return {
    provider: { aws: [{ allowed_account_ids: ["123456789012"], region: "ap-northeast-1" }] },
    resource,
    ...extra,
  };
}

/** A deep copy to edit into a non-compliant variant. */
export function edited(resources: Resources, edit: (r: Resources) => void): Resources {
  const copy = structuredClone(resources);
  edit(copy);
  return copy;
}

/** `address: message` of each finding, after checking they all carry the rule's ID and workspace. */
export function run(rule: GuardrailRule, resources: Resources, extra?: Record<string, any>): string[] {
  const findings: Finding[] = rule.check("ws", stack(resources, extra));
  for (const f of findings) {
    expect(f.rule).toBe(rule.id);
    expect(f.workspace).toBe("ws");
  }
  return findings.map((f) => `${f.address}: ${f.message}`);
}

export const policyJson = (statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

/** A compliant project bucket with its parts, linked by reference. */
export function bucket(name = "b"): Resources {
  const ref = `\${aws_s3_bucket.${name}.id}`;
  return {
    aws_s3_bucket: {
      [name]: {
        bucket: `acme-sm-rc-${name}`,
        force_destroy: false,
        lifecycle: { prevent_destroy: true },
        tags: { ManagedBy: "acme-sagemaker" },
      },
    },
    aws_s3_bucket_public_access_block: {
      [name]: {
        bucket: ref,
        block_public_acls: true,
        ignore_public_acls: true,
        block_public_policy: true,
        restrict_public_buckets: true,
      },
    },
    aws_s3_bucket_versioning: { [name]: { bucket: ref, versioning_configuration: { status: "Enabled" } } },
    aws_s3_bucket_server_side_encryption_configuration: {
      [name]: { bucket: ref, rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }] },
    },
  };
}

export const TLS_ONLY = {
  Sid: "DenyInsecureTransport",
  Effect: "Deny",
  Principal: "*",
  Action: "s3:*",
  Resource: ["arn:aws:s3:::acme-sm-rc-b", "arn:aws:s3:::acme-sm-rc-b/*"],
  Condition: { Bool: { "aws:SecureTransport": "false" } },
};
