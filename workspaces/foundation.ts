/**
 * `foundation` workspace (platform-spec §3): the platform customer-managed policies, the two
 * platform groups with their admin and read-only users, the domain default execution role, the
 * shared bucket, and the retention ledger of every project's bucket.
 *
 * The project buckets themselves live in their team's workspace (issue 14, bounded workspaces;
 * workspaces/project-buckets.ts), so this workspace does not grow with the org's projects beyond
 * the ledger. Buckets outlive access: a retired project keeps its bucket, protected; a project
 * listed in `teams.<id>.decommissioned` is released from state (`removed`, destroy = false); only
 * `bucket.purge` on a retired project makes a bucket destroyable (docs/foundation.md). A project
 * deleted any other way fails this plan (RetentionGuard) and the team's (its bucket-policy guard
 * reads this ledger).
 */
import { Construct } from "constructs";
import { TerraformOutput } from "cdktf";
import { IamGroup } from "@cdktf/provider-aws/lib/iam-group";
import { IamGroupPolicyAttachment } from "@cdktf/provider-aws/lib/iam-group-policy-attachment";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { IamUser } from "@cdktf/provider-aws/lib/iam-user";
import { IamUserGroupMembership } from "@cdktf/provider-aws/lib/iam-user-group-membership";
import { IamUserLoginProfile } from "@cdktf/provider-aws/lib/iam-user-login-profile";
import { WorkspaceStack, type PrincipalTags, type WorkspaceStackProps } from "./workspace-stack";
import { foundationContract, type FoundationOutputs } from "./contracts/index";
import { ProjectBucket } from "../modules/storage/project-bucket";
import { SHARED_BUCKET_RULES } from "../modules/storage/lifecycle-rules";
import { SHARED_FOLDERS } from "../modules/storage/bucket-layout";
import { sharedBucketStatements } from "../catalog/policies/bucket-policy-statements";
import { RetentionGuard } from "../modules/state/retention-guard";
import { addCompanyPin, addRetentionGuard, addTeamGuard, type CompanySetting } from "./retention";
import { ManagedPolicy } from "../modules/identity/managed-policy";
import { PLATFORM_POLICY_DESCRIPTIONS, type PlatformPolicyKey } from "../catalog/policies/platform-policies";
import { awsManagedPolicyArn, CANVAS_POLICIES, SAGEMAKER_FULL_ACCESS } from "../catalog/policies/aws-managed-policies";
import { policyDocument, type PolicyDocument } from "../catalog/policies/policy-document";
import { sagemakerTrustPolicy } from "../catalog/policies/trust";
import { PLATFORM_POLICY_NAMES } from "../catalog/names";
import { SynthesisRefused } from "../org/problems";
import type { Admin, Team } from "../org/model";
import { bucketTags, foundationBucketsLeave, releaseProjectBucket, type BucketSettings } from "./project-buckets";

export const SHARED_BUCKET_ID = "bucket-shared";

/**
 * A managed-policy attachment: fixed policy name (for the construct id), ARN, and the policy
 * resource when it is created here. ARNs are computed from names (§2), so they are known at plan
 * time; the dependency still orders the attachment after the policy.
 */
type Attachment = [policyName: string, arn: string, policy?: ManagedPolicy];

export interface FoundationStackProps extends WorkspaceStackProps {
  /** The platform policies (§3.1), rendered for this account. */
  readonly policyDocuments: Readonly<Record<PlatformPolicyKey, PolicyDocument>>;
  /** Their ARNs, from their names (known at plan time). */
  readonly policyArns: Readonly<Record<PlatformPolicyKey, string>>;
  /** The platform's IAM path, e.g. `/acme-sagemaker/`. */
  readonly iamPath: string;
  readonly adminsGroupName: string;
  readonly readonlyGroupName: string;
  readonly admins: readonly Admin[];
  /** Members of the read-only group. */
  readonly readonlyUsers: readonly Admin[];
  /** `identity.pgpKey`: encrypts console passwords; required by any console login. */
  readonly pgpKey?: string;
  readonly domainDefaultRoleName: string;
  /** `features.canvas` and `features.mlflow`: the domain default role's extra policies. */
  readonly canvas: boolean;
  readonly mlflow: boolean;
  /** The shared bucket (§3.6), or undefined: released from state, never destroyed. */
  readonly sharedBucket?: { readonly name: string; readonly publisherArns: readonly string[] };
  /** Where `sharedBucket` is off, its name still names the output. */
  readonly sharedBucketName: string;
  readonly buckets: BucketSettings;
  /** Every team: the buckets' retention ledger and the team guard. */
  readonly teams: readonly Team[];
  /** `decommissionedTeams`: teams whose removal was applied. */
  readonly decommissionedTeams: readonly string[];
  /** `storage.moveBucketsToTeamWorkspaces`: this workspace forgets the project buckets it held. */
  readonly moveBucketsToTeamWorkspaces: boolean;
  readonly company: CompanySetting;
  /** Tags of the platform's IAM principals: `ManagedBy` and `Company`. */
  readonly principalTags: PrincipalTags;
}

export class FoundationStack extends WorkspaceStack {
  readonly outputs: FoundationOutputs;
  /** Platform policies by key (attach by `names.policyArn(...)` in other workspaces). */
  readonly policies: Readonly<Record<PlatformPolicyKey, ManagedPolicy>>;

  constructor(
    scope: Construct,
    private readonly props: FoundationStackProps,
  ) {
    super(scope, "foundation", props);

    // §3.1: platform policies on the IAM path, no tags.
    const policies = {} as Record<PlatformPolicyKey, ManagedPolicy>;
    for (const key of Object.keys(PLATFORM_POLICY_NAMES) as PlatformPolicyKey[])
      policies[key] = new ManagedPolicy(this, `policy-${PLATFORM_POLICY_NAMES[key]}`, {
        policyName: PLATFORM_POLICY_NAMES[key],
        path: props.iamPath,
        document: props.policyDocuments[key],
        description: PLATFORM_POLICY_DESCRIPTIONS[key],
      });
    this.policies = policies;

    // §3.2 groups. RequireMFA is the §3.3 hardening: platform users carry no boundary, so the
    // boundary's MFA rule does not reach them.
    const attach = (key: PlatformPolicyKey): Attachment => [
      PLATFORM_POLICY_NAMES[key],
      props.policyArns[key],
      policies[key],
    ];
    const admins = this.group(props.adminsGroupName, [
      [SAGEMAKER_FULL_ACCESS, awsManagedPolicyArn(SAGEMAKER_FULL_ACCESS)],
      attach("userSelfService"),
      attach("requireMfa"),
      attach("adminPublish"),
    ]);
    const readonly = this.group(props.readonlyGroupName, [
      attach("readOnlyAccess"),
      attach("userSelfService"),
      attach("requireMfa"),
    ]);

    // §3.3 admins and the optional read-only users.
    const passwords: Record<string, string> = {};
    for (const admin of props.admins) this.platformUser("admin", admin, admins, passwords);
    for (const user of props.readonlyUsers) this.platformUser("readonly", user, readonly, passwords);
    if (Object.keys(passwords).length)
      new TerraformOutput(this, "console_passwords_encrypted", {
        value: passwords,
        // Ciphertext only, but printed on request only, like the team workspaces' password outputs.
        sensitive: true,
        description:
          "Initial console passwords, PGP-encrypted with identity.pgpKey (decrypt: base64 -d | gpg -d); reset is required at first sign-in",
      });

    // §3.4 domain default role. No IAM path: Studio fails to assume a path-prefixed role (§11.3).
    const domainRole = new IamRole(this, "domain-default-role", {
      name: props.domainDefaultRoleName,
      description: "Default execution role for SageMaker Domain",
      assumeRolePolicy: JSON.stringify(sagemakerTrustPolicy()),
      tags: { Purpose: "DomainDefault", ...props.principalTags },
    });
    const roleAttachments: Attachment[] = [
      [SAGEMAKER_FULL_ACCESS, awsManagedPolicyArn(SAGEMAKER_FULL_ACCESS)],
      ...(props.canvas ? CANVAS_POLICIES.map((p): Attachment => [p.split("/").pop()!, awsManagedPolicyArn(p)]) : []),
      attach("studioAppPermissions"),
      ...(props.mlflow ? [attach("mlflowAppAccess")] : []),
      // §14.4: the managed policies above would make it a deputy of everybody's workloads.
      attach("domainDefaultDeny"),
    ];
    for (const [name, arn, policy] of roleAttachments)
      new IamRolePolicyAttachment(this, `domain-default-role-${name}`, {
        role: domainRole.name,
        policyArn: arn,
        dependsOn: policy ? [policy] : undefined,
      });

    // §3.6 shared bucket; §3.5 project buckets are in the team workspaces, their ledger here.
    this.sharedBucket();
    this.retentionGuard();
    foundationBucketsLeave(
      this,
      props.moveBucketsToTeamWorkspaces,
      props.teams,
      this.remoteState(this.workspace, RetentionGuard.STATE_DEFAULTS),
    );
    for (const team of props.teams) for (const name of team.decommissioned) releaseProjectBucket(this, team.id, name);
    addTeamGuard(this, props.teams, props.decommissionedTeams);

    this.outputs = { domainDefaultRoleArn: domainRole.arn, sharedBucketName: props.sharedBucketName };
    foundationContract.publish(this, this.outputs);
  }

  private group(name: string, attachments: Attachment[]): IamGroup {
    const group = new IamGroup(this, `group-${name}`, { name, path: this.props.iamPath });
    for (const [policyName, arn, policy] of attachments)
      new IamGroupPolicyAttachment(this, `group-${name}-${policyName}`, {
        group: group.name,
        policyArn: arn,
        dependsOn: policy ? [policy] : undefined,
      });
    return group;
  }

  /** `sm-admin-{name}` / `sm-readonly-{name}`: one non-exclusive membership per user (§11.9). */
  private platformUser(
    kind: "admin" | "readonly",
    person: Admin,
    group: IamGroup,
    passwords: Record<string, string>,
  ): void {
    const { iamPath, pgpKey } = this.props;
    const id = `${kind}-${person.name}`;
    const user = new IamUser(this, id, {
      name: person.iamUserName,
      path: iamPath,
      // Deleting a user must also delete its login profile, access keys and MFA devices (§6.2).
      forceDestroy: true,
      tags: { Role: kind, ...this.props.principalTags, Owner: person.iamUserName },
    });
    new IamUserGroupMembership(this, `${id}-groups`, { user: user.name, groups: [group.name] });
    if (!person.consoleLogin) return;
    if (!pgpKey)
      // The loader rejects this with the YAML location; never fall back to a plaintext password.
      throw new SynthesisRefused(`${person.iamUserName}: console login needs identity.pgpKey`);
    const login = new IamUserLoginProfile(this, `${id}-login`, {
      user: user.name,
      pgpKey,
      // Unset, nothing is sent and IAM does not require a reset (§6.2).
      passwordResetRequired: true,
      // Rotating the operator's PGP key must not replace (and reset) every existing password.
      lifecycle: { ignoreChanges: ["pgp_key"] },
    });
    passwords[person.iamUserName] = login.encryptedPassword;
  }

  private sharedBucket(): void {
    const { buckets, sharedBucket } = this.props;
    if (sharedBucket) {
      new ProjectBucket(this, SHARED_BUCKET_ID, {
        bucketName: sharedBucket.name,
        kmsKeyArn: buckets.kmsKeyArn,
        tags: bucketTags(buckets, "shared", "shared"),
        lifecycleRules: buckets.lifecycleRules ? SHARED_BUCKET_RULES : undefined,
        folders: buckets.folderMarkers ? SHARED_FOLDERS : [],
        policy: policyDocument(
          sharedBucketStatements({
            accountId: this.props.accountId,
            bucketName: sharedBucket.name,
            iamPath: this.props.iamPath,
            publisherArns: [...sharedBucket.publisherArns],
          }),
        ),
      });
    } else {
      // Switching the shared bucket off releases it from state; it is never destroyed from here.
      ProjectBucket.release(this, SHARED_BUCKET_ID, { folders: SHARED_FOLDERS, policy: true });
    }
  }

  /** Every declared project has a bucket (in its team workspace); `bucket.purge` (retired only) lifts its protection. */
  private retentionGuard(): void {
    addRetentionGuard(this, this.props.teams, {
      protection: (project) => (project.status === "retired" && project.bucketPurge ? "purge-armed" : "protected"),
      data: "bucket",
      purgeFlag: "bucket: { purge: true }",
      docs: "docs/foundation.md",
    });
    addCompanyPin(this, this.props.company, RetentionGuard.STATE_DEFAULTS);
  }
}
