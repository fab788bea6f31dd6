import { iamRolePath } from "../../../checks/guardrails/rules/iam-role-path";
import { iamUserBoundary } from "../../../checks/guardrails/rules/iam-user-boundary";
import { iamUserGrants } from "../../../checks/guardrails/rules/iam-user-grants";
import { iamUserCredentials } from "../../../checks/guardrails/rules/iam-user-credentials";
import { iamPolicyDocuments, MANAGED_POLICY_MAX_CHARS } from "../../../checks/guardrails/rules/iam-policy-documents";
import { edited, policyJson, run, type Resources } from "./fixtures";

const BOUNDARY = "arn:aws:iam::123456789012:policy/acme-sagemaker/SageMaker-User-Boundary";

const users: Resources = {
  aws_iam_user: {
    "user-alice": { name: "sm-rc-alice", force_destroy: true, permissions_boundary: BOUNDARY },
    "admin-jason": { name: "sm-admin-jason", force_destroy: true },
    "readonly-rita": { name: "sm-readonly-rita", force_destroy: true },
  },
};

describe("SMP-IAM-1 role path", () => {
  it('passes roles without a path or at "/"', () => {
    expect(run(iamRolePath, { aws_iam_role: { a: { name: "A" }, b: { name: "B", path: "/" } } })).toEqual([]);
  });

  it("finds a path-prefixed role", () => {
    expect(run(iamRolePath, { aws_iam_role: { a: { name: "A", path: "/acme-sagemaker/" } } })).toEqual([
      'aws_iam_role.a: has path "/acme-sagemaker/"; roles must be at "/"',
    ]);
  });
});

describe("SMP-IAM-2 team users bounded, every user force_destroy", () => {
  it("passes a bounded team user and unbounded admin/read-only users", () => {
    expect(run(iamUserBoundary, users)).toEqual([]);
  });

  it("finds a team user without the boundary or with another one, and a user without force_destroy", () => {
    const bad = edited(users, (r) => {
      delete r.aws_iam_user["user-alice"].permissions_boundary;
      r.aws_iam_user["user-bob"] = {
        name: "sm-rc-bob",
        force_destroy: true,
        permissions_boundary: "arn:aws:iam::123456789012:policy/acme-sagemaker/SageMaker-Other",
      };
      r.aws_iam_user["admin-jason"].force_destroy = false;
    });
    expect(run(iamUserBoundary, bad)).toEqual([
      'aws_iam_user.user-alice: team user "sm-rc-alice" has permissions_boundary undefined, expected the SageMaker-User-Boundary policy ARN',
      "aws_iam_user.admin-jason: does not set force_destroy = true (deleting the user would fail or leave credentials)",
      'aws_iam_user.user-bob: team user "sm-rc-bob" has permissions_boundary "arn:aws:iam::123456789012:policy/acme-sagemaker/SageMaker-Other", expected the SageMaker-User-Boundary policy ARN',
    ]);
  });
});

describe("SMP-IAM-3 grants are group-based", () => {
  const deny = { Sid: "DenyPassRoleOutsideOwnProjects", Effect: "Deny", Action: "iam:PassRole", NotResource: ["x"] };
  const ok: Resources = {
    aws_iam_user_policy: { scope: { user: "sm-rc-alice", name: "S", policy: policyJson([deny]) } },
    aws_iam_policy_attachment: { groups: { policy_arn: "arn", groups: ["g"] } },
  };

  it("passes deny-only inline user policies and group attachments", () => {
    expect(run(iamUserGrants, ok)).toEqual([]);
  });

  it("finds user policy attachments, exclusive attachments naming users, and inline Allow statements", () => {
    const bad = edited(ok, (r) => {
      r.aws_iam_user_policy_attachment = { direct: { user: "sm-rc-alice", policy_arn: "arn" } };
      r.aws_iam_policy_attachment.groups.users = ["sm-rc-alice"];
      r.aws_iam_user_policy.scope.policy = policyJson([deny, { Sid: "Grant", Effect: "Allow", Action: "s3:*" }]);
    });
    expect(run(iamUserGrants, bad)).toEqual([
      "aws_iam_user_policy_attachment.direct: attaches a policy that grants to a user; grant through a group (only deny-only scopes of this workspace may be attached)",
      "aws_iam_policy_attachment.groups: attaches a policy directly to users; grant through a group",
      'aws_iam_user_policy.scope: statement "Grant" has Effect "Allow"; inline user policies may only Deny',
    ]);
  });
});

describe("SMP-IAM-4 credentials", () => {
  const ok: Resources = {
    aws_iam_user_login_profile: {
      alice: { user: "sm-rc-alice", pgp_key: "keybase:ops", password_reset_required: true },
    },
  };

  it("passes a PGP-encrypted login profile with reset required", () => {
    expect(run(iamUserCredentials, ok)).toEqual([]);
  });

  it("finds a plaintext password, a missing reset, and any access key", () => {
    const bad = edited(ok, (r) => {
      delete r.aws_iam_user_login_profile.alice.pgp_key;
      delete r.aws_iam_user_login_profile.alice.password_reset_required;
      r.aws_iam_access_key = { k: { user: "sm-rc-alice", pgp_key: "keybase:ops" } };
    });
    expect(run(iamUserCredentials, bad)).toEqual([
      "aws_iam_user_login_profile.alice: has no pgp_key: the generated password would be stored in state in clear text",
      "aws_iam_user_login_profile.alice: does not set password_reset_required = true",
      "aws_iam_access_key.k: creates an access key; the platform never creates long-lived keys",
    ]);
  });
});

describe("SMP-IAM-5 policy documents", () => {
  const statement = {
    Sid: "S",
    Effect: "Allow",
    Action: "s3:GetObject",
    Resource: "arn:aws:s3:::b/home/$${aws:username}/*",
  };
  /** A managed policy of exactly `size` characters (whitespace excluded) as IAM receives it. */
  function sized(size: number): string {
    const base = policyJson([{ ...statement, Sid: "" }]).replace("$${", "${");
    return policyJson([{ ...statement, Sid: "x".repeat(size - base.length) }]);
  }

  it("passes valid documents up to 6,144 characters, counted after $${ -> ${ and without whitespace", () => {
    expect(sized(MANAGED_POLICY_MAX_CHARS).replace("$${", "${").length).toBe(MANAGED_POLICY_MAX_CHARS);
    const ok: Resources = {
      aws_iam_policy: { p: { name: "P", policy: sized(MANAGED_POLICY_MAX_CHARS) } },
      aws_iam_role: {
        r: { name: "R", assume_role_policy: policyJson([{ Effect: "Allow", Action: "sts:AssumeRole" }]) },
      },
      aws_iam_user_policy: { u: { policy: JSON.stringify(JSON.parse(policyJson([statement])), null, 2) } },
    };
    expect(run(iamPolicyDocuments, ok)).toEqual([]);
  });

  it("finds an oversized managed policy, a wrong Version, no statements, and a document that is not JSON", () => {
    const bad: Resources = {
      aws_iam_policy: {
        big: { policy: sized(MANAGED_POLICY_MAX_CHARS + 1) },
        old: { policy: JSON.stringify({ Version: "2008-10-17", Statement: [statement] }) },
        empty: { policy: policyJson([]) },
      },
      aws_iam_role: { r: { assume_role_policy: "${data.aws_iam_policy_document.trust.json}" } },
    };
    expect(run(iamPolicyDocuments, bad)).toEqual([
      "aws_iam_policy.big: policy has 6145 characters, over the 6144 IAM quota",
      'aws_iam_policy.old: policy has Version "2008-10-17", expected "2012-10-17"',
      "aws_iam_policy.empty: policy has no statements",
      "aws_iam_role.r: assume_role_policy: policy is not valid JSON: ${data.aws_iam_policy_document.trust.json}…",
    ]);
  });
});
