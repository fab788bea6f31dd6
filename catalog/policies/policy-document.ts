/**
 * IAM policy documents as typed data, serialized for Terraform JSON.
 *
 * IAM policy variables (`${aws:username}`, `${sagemaker:DomainId}`, ...) must reach IAM
 * literally, but Terraform would interpolate `${...}` in any string: every `${` is written `$${`
 * (platform-spec §11.1). Never wrap a whole document in Fn.rawString: that also escapes the
 * quotes and the provider rejects the result as invalid JSON.
 */
export type StringOrList = string | string[];

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: "*" | Record<string, StringOrList>;
  readonly NotPrincipal?: Record<string, StringOrList>;
  readonly Action?: StringOrList;
  readonly NotAction?: StringOrList;
  readonly Resource?: StringOrList;
  readonly NotResource?: StringOrList;
  readonly Condition?: Record<string, Record<string, StringOrList | boolean>>;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

/** A Deny of `Action` on everything except `NotResource` (the cross-team/project isolation shape). */
export function denyOutside(Sid: string, Action: StringOrList, NotResource: StringOrList): PolicyStatement {
  return { Sid, Effect: "Deny", Action, NotResource };
}

/**
 * Minified JSON with IAM policy variables escaped for Terraform (`${` -> `$${`). cdktf tokens
 * (`${TfToken[...]}`, e.g. a security-group id from remote state) are left alone so they still
 * resolve to Terraform references.
 */
export function toTerraformPolicyJson(doc: PolicyDocument): string {
  return escapedForTerraform(JSON.stringify(doc));
}

/** `toTerraformPolicyJson` of a document already serialized with `JSON.stringify`. */
export function escapedForTerraform(json: string): string {
  // A function replacer: in a replacement *string* "$$" means one "$", which would undo the escape.
  return json.replace(/\$\{(?!TfToken\[)/g, () => "$${");
}

/**
 * Size as IAM counts it for the 6,144-character managed-policy quota (whitespace not counted),
 * measured on the document AWS receives (variables unescaped).
 */
export function policySize(doc: PolicyDocument): number {
  return iamPolicyLength(JSON.stringify(doc));
}

/** `policySize` of a document already serialized with `JSON.stringify`. */
export function iamPolicyLength(json: string): number {
  // Compact JSON has whitespace only inside strings, rarely in a policy: skip the copy then.
  return /\s/.test(json) ? json.replace(/\s/g, "").length : json.length;
}

/** IAM policy variables that may appear in documents (§11.5); any other `${...}` is a bug. */
export const IAM_POLICY_VARIABLES = [
  "${aws:username}",
  "${sagemaker:DomainId}",
  "${sagemaker:UserProfileName}",
] as const;
