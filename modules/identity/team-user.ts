/**
 * A team member's IAM user (platform-spec §6.2): permissions boundary, non-exclusive group
 * memberships, the per-user PassRole scope, and an optional console login whose generated
 * password reaches Terraform state and outputs only PGP-encrypted. No access keys, ever.
 */
import { Construct } from "constructs";
import { IamUser } from "@cdktf/provider-aws/lib/iam-user";
import { IamUserGroupMembership } from "@cdktf/provider-aws/lib/iam-user-group-membership";
import { IamUserLoginProfile } from "@cdktf/provider-aws/lib/iam-user-login-profile";
import { IamUserPolicy } from "@cdktf/provider-aws/lib/iam-user-policy";
import { IamUserPolicyAttachment } from "@cdktf/provider-aws/lib/iam-user-policy-attachment";
import { toTerraformPolicyJson, type PolicyDocument } from "../../catalog/policies/policy-document";
import { ManagedPolicy } from "./managed-policy";

export interface ConsoleLoginProps {
  /**
   * Base64-encoded PGP public key (or `keybase:<user>`) the generated password is encrypted
   * with. Required: without it the provider stores the plaintext password in state.
   */
  readonly pgpKey: string;
}

export interface UserScope {
  readonly policyName: string;
  /** The ARN from the name (known at plan time); the attachment still waits for the policy. */
  readonly policyArn: string;
  readonly document: PolicyDocument;
}

export interface TeamUserProps {
  /** IAM user name, e.g. `sm-rc-alice`. */
  readonly userName: string;
  /** IAM path of the user, e.g. `/acme-sagemaker/`. */
  readonly path: string;
  /** ARN of the permissions boundary every team user carries (§8.3). */
  readonly permissionsBoundaryArn: string;
  /** Tags of the user (`Team`, `Owner`, `Project`, ...). */
  readonly tags: Record<string, string>;
  /** Every group of the user (team group + one per active project); order is not significant. */
  readonly groups: readonly string[];
  /** Inline deny limiting the roles the user may pass (see passRoleScopePolicy). */
  readonly passRoleScope: PolicyDocument;
  /** Name of the inline PassRole-scope policy. @default "SageMaker-PassRole-Scope" */
  readonly passRoleScopePolicyName?: string;
  /**
   * The user's scope denies (§14.3), customer-managed policies of their own (inline policies of a
   * user share 2,048 characters, a managed policy has 6,144), keyed by a stable construct key.
   */
  readonly scopes: Readonly<Record<string, UserScope>>;
  /**
   * Console login (password, reset required at first sign-in).
   * @default undefined: no login profile; the user reaches Studio only via an administrator's presigned URL
   */
  readonly consoleLogin?: ConsoleLoginProps;
}

export class TeamUser extends Construct {
  readonly user: IamUser;
  readonly userName: string;
  /** PGP-encrypted, base64 initial password (only with console login). */
  readonly encryptedPassword?: string;

  constructor(scope: Construct, id: string, props: TeamUserProps) {
    super(scope, id);
    this.userName = props.userName;
    this.user = new IamUser(this, "User", {
      name: props.userName,
      path: props.path,
      permissionsBoundary: props.permissionsBoundaryArn,
      // Deleting the user also deletes its login profile, access keys and MFA devices, which
      // IAM otherwise refuses (§6.2; the provider default is false).
      forceDestroy: true,
      tags: props.tags,
    });
    // Non-exclusive, one resource per user (never exclusive group memberships, §11.9): adding or
    // removing a person touches only that person's resources.
    new IamUserGroupMembership(this, "Groups", {
      user: this.user.name,
      groups: [...props.groups].sort(),
    });
    // A deny, not a grant: grants stay group-based (goal 4). It has to be per user because IAM
    // has no condition key for group membership, and per-group denies would add up to "deny all"
    // for a member of two projects (§8.12).
    new IamUserPolicy(this, "PassRoleScope", {
      user: this.user.name,
      name: props.passRoleScopePolicyName ?? "SageMaker-PassRole-Scope",
      policy: toTerraformPolicyJson(props.passRoleScope),
    });
    for (const [key, scope] of Object.entries(props.scopes)) {
      const policy = new ManagedPolicy(this, key, {
        policyName: scope.policyName,
        path: props.path,
        description: `${props.userName}: denied everything outside the user's own projects`,
        document: scope.document,
      });
      new IamUserPolicyAttachment(this, `${key}Attachment`, {
        user: this.user.name,
        policyArn: scope.policyArn,
        dependsOn: [policy],
      });
    }
    if (props.consoleLogin) {
      const login = new IamUserLoginProfile(this, "LoginProfile", {
        user: this.user.name,
        pgpKey: props.consoleLogin.pgpKey,
        // Must be explicit: when unset nothing is sent and IAM requires no reset (§6.2).
        passwordResetRequired: true,
        // Rotating the operator's PGP key must not replace every login profile (= reset every
        // password); the new key applies to login profiles created afterwards.
        lifecycle: { ignoreChanges: ["pgp_key"] },
      });
      this.encryptedPassword = login.encryptedPassword;
    }
  }
}
