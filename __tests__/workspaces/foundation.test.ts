import { Testing } from "cdktf";
import { FoundationStack } from "../../workspaces/foundation";
import { foundationStackProps } from "../../workspaces/props";
import { editExampleOrg, loadExampleOrg, problemsOf } from "../support/org";
import { PROJECT_BUCKET_TYPES, resources, synthOrg } from "../support/synth";
import type { OrgModel } from "../../org/model";
import { PLATFORM_POLICY_TEMPLATES } from "../../catalog/policies/platform-policies";
import { renderPolicy } from "../../catalog/policies/render-policy";

/** A syntactically valid (base64) stand-in for an operator's PGP public key. */
const PGP_KEY = Buffer.from(
  "-----BEGIN PGP PUBLIC KEY BLOCK-----\n" + "x".repeat(120) + "\n-----END PGP PUBLIC KEY BLOCK-----",
).toString("base64");

function synthFoundation(org: OrgModel): { text: string; json: any } {
  const stack = new FoundationStack(Testing.app(), foundationStackProps(org));
  const text = Testing.synth(stack);
  return { text, json: JSON.parse(text) };
}

/**
 * The foundation and every team workspace as one JSON (resources merged, `removed` blocks
 * concatenated): the project buckets live in the team workspaces since issue 14, the shared
 * bucket in the foundation.
 */
function synthBuckets(org: OrgModel): { text: string; json: any } {
  const out = synthOrg(org);
  const teams = Object.keys(out.json).filter((ws) => ws.startsWith("team-"));
  const { resource, removed, output } = JSON.parse(out.text.foundation, (k, v) => (k === "//" ? undefined : v));
  const json: any = { resource, removed, output };
  for (const ws of teams) {
    const team = JSON.parse(out.text[ws], (k, v) => (k === "//" ? undefined : v));
    for (const type of PROJECT_BUCKET_TYPES)
      if (team.resource[type]) json.resource[type] = { ...json.resource[type], ...team.resource[type] };
    const released = (team.removed ?? []).filter((r: any) => PROJECT_BUCKET_TYPES.includes(r.from.split(".")[0]));
    if (released.length) json.removed = [...(json.removed ?? []), ...released];
  }
  return { text: [out.text.foundation, ...teams.map((ws) => out.text[ws])].join("\n"), json };
}

/** The policy document AWS receives: Terraform turns `$${` into a literal `${`. */
function awsDocument(terraformPolicy: string): any {
  return JSON.parse(terraformPolicy.replace(/\$\$\{/g, "${"));
}

/** Every string (keys and values) inside a parsed JSON value. */
function strings(v: unknown): string[] {
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === "object") return Object.entries(v).flatMap(([k, x]) => [k, ...strings(x)]);
  return [];
}

const list = (v: string | string[] | undefined) => (v === undefined ? undefined : [v].flat().sort());

/** A statement with every list sorted and condition values as lists: order is informative only (§8). */
function normalize(s: any): any {
  const out: any = { Sid: s.Sid, Effect: s.Effect };
  for (const k of ["Action", "NotAction", "Resource", "NotResource"]) if (s[k] !== undefined) out[k] = list(s[k]);
  if (s.Condition) {
    out.Condition = {};
    for (const [op, kv] of Object.entries(s.Condition as Record<string, Record<string, unknown>>)) {
      out.Condition[op] = {};
      for (const [key, value] of Object.entries(kv)) out.Condition[op][key] = list([value].flat().map(String));
    }
  }
  return out;
}

describe("foundation workspace: platform policies (§3.1, §8.1-§8.7)", () => {
  const org = loadExampleOrg();
  const { json, text } = synthFoundation(org);
  const policies = Object.values(resources(json, "aws_iam_policy")) as any[];
  const byName = new Map(policies.map((p) => [p.name, p]));
  const values = { account: "123456789012", region: "ap-northeast-1", company: "acme", iamPath: "/acme-sagemaker/" };

  // The templates are the spec-shaped text (catalog/policies/platform/*.json, diffed against §8 in
  // review); AWS's grammar and action catalogue check them in __tests__/catalog/policy-documents.test.ts.
  it.each(Object.entries(PLATFORM_POLICY_TEMPLATES))(
    "%s is its template rendered for the account",
    (_key, template) => {
      const policy = byName.get(template.name);
      expect(policy).toBeDefined();
      const doc = awsDocument(policy.policy);
      expect(doc.Version).toBe("2012-10-17");
      const actual = (doc.Statement as any[]).map(normalize);
      expect(actual).toEqual(renderPolicy(template, values).Statement.map(normalize));
      expect(JSON.stringify(doc)).not.toMatch(/(?<!\$)\{(account|region|company|iamPath)\}/);
    },
  );

  it("creates the seven platform policies plus the MFA, domain-deny and admin-publish policies, on the IAM path, untagged", () => {
    expect(policies.map((p) => p.name).sort()).toEqual(
      [
        "SageMaker-Studio-Base-Access",
        "SageMaker-ReadOnly-Access",
        "SageMaker-User-Boundary",
        "SageMaker-User-SelfService",
        "SageMaker-StudioAppPermissions",
        "SageMaker-MLflowAppAccess",
        "SageMaker-Shared-DenyAdmin",
        "SageMaker-Platform-RequireMFA",
        "SageMaker-DomainDefault-Deny", // §14.4
        "SageMaker-Admin-Publish", // §14.5
      ].sort(),
    );
    for (const p of policies) {
      expect(p.path).toBe("/acme-sagemaker/");
      expect(p.tags).toBeUndefined();
    }
  });

  it("the admin MFA policy denies everything but MFA enrolment and password change without MFA", () => {
    const doc = awsDocument(byName.get("SageMaker-Platform-RequireMFA").policy);
    const boundary = awsDocument(byName.get("SageMaker-User-Boundary").policy);
    const boundaryMfa = boundary.Statement.find((s: any) => s.Sid === "DenyAllWithoutMFA");
    expect(doc.Statement.map(normalize)).toEqual([normalize(boundaryMfa)]);
    expect(doc.Statement[0].Condition).toEqual({ BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } });
  });

  it("IAM policy variables reach AWS literally: escaped as $${...} in the Terraform JSON (§11.1)", () => {
    expect(text).toContain("$${aws:username}");
    expect(text).toContain("$${sagemaker:DomainId}");
    expect(text).toContain("$${sagemaker:UserProfileName}");
    expect(text).not.toMatch(/(?<!\$)\$\{(aws|sagemaker):/);
  });

  it("no policy contains unrendered template text (§11.5)", () => {
    const allowed = ["${aws:username}", "${sagemaker:DomainId}", "${sagemaker:UserProfileName}"];
    for (const p of [...policies, ...Object.values(resources(json, "aws_s3_bucket_policy"))]) {
      for (const value of strings(awsDocument(p.policy))) {
        let rest = value;
        for (const v of allowed) rest = rest.split(v).join("");
        expect(rest).not.toMatch(/[{}]/);
      }
    }
  });

  it("every platform policy stays within 6,144 characters at maximum identifier lengths", () => {
    const maxOrg = editExampleOrg({
      platform: (d) => {
        d.platform.company = "abcdefghijklmnop"; // 16, the schema maximum
        d.platform.domainName = "acme-ml-platform"; // keep the domain (its guard is not under test)
        d.platform.region = "ap-southeast-5";
        d.platform.iamPath = `/${"p".repeat(510)}/`; // 512, the IAM maximum
      },
    });
    const maxPolicies = Object.values(resources(synthFoundation(maxOrg).json, "aws_iam_policy")) as any[];
    expect(maxPolicies).toHaveLength(10);
    for (const p of maxPolicies)
      expect(JSON.stringify(awsDocument(p.policy)).replace(/\s/g, "").length).toBeLessThanOrEqual(6144);
  });

  it("an IAM path beyond the IAM limit is a load error at its YAML line", () => {
    const problems = problemsOf({ platform: (d) => (d.platform.iamPath = `/${"p".repeat(600)}/`) });
    expect(problems).toEqual([
      expect.stringMatching(
        /^org\/platform\.yaml:\d+:\d+ platform\.iamPath: iamPath is 602 characters; IAM allows at most 512$/,
      ),
    ]);
  });
});

describe("foundation workspace: groups, admins and read-only users (§3.2, §3.3)", () => {
  const org = editExampleOrg({
    teams: (d) => {
      d.admins = ["jason", { name: "kim", consoleLogin: true }];
      d.readonlyUsers = ["rita"];
    },
    platform: (d) => (d.identity.pgpKey = PGP_KEY),
  });
  const { json } = synthFoundation(org);
  const groups = resources(json, "aws_iam_group");
  const attachments = Object.values(resources(json, "aws_iam_group_policy_attachment")) as any[];
  const policyArnsOf = (group: string) =>
    attachments
      .filter((a) => a.group === `\${aws_iam_group.group-${group}.name}`)
      .map((a) => a.policy_arn)
      .sort();

  it("creates sagemaker-admins and sagemaker-readonly on the IAM path", () => {
    expect(
      Object.values(groups)
        .map((g: any) => [g.name, g.path])
        .sort(),
    ).toEqual([
      ["sagemaker-admins", "/acme-sagemaker/"],
      ["sagemaker-readonly", "/acme-sagemaker/"],
    ]);
  });

  it("attaches AmazonSageMakerFullAccess + User-SelfService to admins, ReadOnly-Access + User-SelfService to readonly, MFA deny to both", () => {
    expect(policyArnsOf("sagemaker-admins")).toEqual(
      [
        "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess",
        "arn:aws:iam::123456789012:policy/acme-sagemaker/SageMaker-User-SelfService",
        "arn:aws:iam::123456789012:policy/acme-sagemaker/SageMaker-Platform-RequireMFA",
        // §14.5: admins publish the shared assets.
        "arn:aws:iam::123456789012:policy/acme-sagemaker/SageMaker-Admin-Publish",
      ].sort(),
    );
    expect(policyArnsOf("sagemaker-readonly")).toEqual(
      [
        "arn:aws:iam::123456789012:policy/acme-sagemaker/SageMaker-ReadOnly-Access",
        "arn:aws:iam::123456789012:policy/acme-sagemaker/SageMaker-User-SelfService",
        "arn:aws:iam::123456789012:policy/acme-sagemaker/SageMaker-Platform-RequireMFA",
      ].sort(),
    );
  });

  it("attachments of platform policies name the ARN from names and wait for the policy", () => {
    const a = resources(json, "aws_iam_group_policy_attachment")["group-sagemaker-admins-SageMaker-User-SelfService"];
    expect(a.depends_on).toEqual(["aws_iam_policy.policy-SageMaker-User-SelfService"]);
  });

  it("admin users: path, force_destroy, §0.3 tags, no boundary, one non-exclusive membership each", () => {
    const users = resources(json, "aws_iam_user");
    expect(users["admin-jason"]).toEqual({
      name: "sm-admin-jason",
      path: "/acme-sagemaker/",
      force_destroy: true,
      tags: { Role: "admin", ManagedBy: "acme-sagemaker", Company: "acme", Owner: "sm-admin-jason" },
    });
    expect(users["admin-jason"].permissions_boundary).toBeUndefined();
    const memberships = resources(json, "aws_iam_user_group_membership");
    expect(memberships["admin-jason-groups"]).toEqual({
      user: "${aws_iam_user.admin-jason.name}",
      groups: ["${aws_iam_group.group-sagemaker-admins.name}"],
    });
    expect(resources(json, "aws_iam_group_membership")).toEqual({});
  });

  it("read-only users become sm-readonly-{name} in sagemaker-readonly", () => {
    expect(resources(json, "aws_iam_user")["readonly-rita"]).toMatchObject({
      name: "sm-readonly-rita",
      path: "/acme-sagemaker/",
      force_destroy: true,
      tags: { Role: "readonly", ManagedBy: "acme-sagemaker", Company: "acme", Owner: "sm-readonly-rita" },
    });
    expect(resources(json, "aws_iam_user_group_membership")["readonly-rita-groups"].groups).toEqual([
      "${aws_iam_group.group-sagemaker-readonly.name}",
    ]);
  });

  it("console login is opt-in: only kim gets a PGP-encrypted login profile with reset required", () => {
    const logins = resources(json, "aws_iam_user_login_profile");
    expect(Object.keys(logins)).toEqual(["admin-kim-login"]);
    expect(logins["admin-kim-login"]).toMatchObject({
      user: "${aws_iam_user.admin-kim.name}",
      pgp_key: PGP_KEY,
      password_reset_required: true,
      lifecycle: { ignore_changes: ["pgp_key"] },
    });
    expect(json.output.console_passwords_encrypted.value).toEqual({
      "sm-admin-kim": "${aws_iam_user_login_profile.admin-kim-login.encrypted_password}",
    });
    expect(json.output.console_passwords_encrypted.value).not.toHaveProperty("sm-admin-jason");
    expect(json.output.console_passwords_encrypted.sensitive).toBe(true);
  });

  it("no access keys and no plaintext password attribute anywhere", () => {
    expect(resources(json, "aws_iam_access_key")).toEqual({});
    expect(JSON.stringify(json)).not.toMatch(/\.password\}|"password":/);
  });

  it("console login without identity.pgpKey is a load error at the admin's YAML line", () => {
    const problems = problemsOf({
      teams: (d) => (d.admins = ["jason", { name: "kim", consoleLogin: true }]),
      platform: (d) => delete d.identity.pgpKey,
    }).filter((p) => p.includes(" admins"));
    expect(problems).toEqual([
      expect.stringMatching(
        /^org\/teams\.yaml:\d+:\d+ admins\[1\]\.consoleLogin: console login needs identity\.pgpKey/,
      ),
    ]);
  });

  it("consoleLoginDefault: true without a PGP key blames every admin that inherits it", () => {
    const problems = problemsOf({
      platform: (d) => {
        d.identity.consoleLoginDefault = true;
        delete d.identity.pgpKey;
      },
    }).filter((p) => p.includes("admins"));
    expect(problems).toEqual([
      expect.stringMatching(/admins\[0\]: console login \(from identity\.consoleLoginDefault\) needs identity\.pgpKey/),
    ]);
  });

  it("duplicate read-only users are rejected", () => {
    expect(problemsOf({ teams: (d) => (d.readonlyUsers = ["rita", "rita"]) })).toEqual([
      expect.stringMatching(/readonlyUsers\[1\]: duplicate readonly user 'rita'/),
    ]);
  });
});

describe("foundation workspace: domain default role (§3.4)", () => {
  const role = (org: OrgModel) => {
    const { json } = synthFoundation(org);
    return {
      role: resources(json, "aws_iam_role")["domain-default-role"],
      attached: (Object.values(resources(json, "aws_iam_role_policy_attachment")) as any[])
        .map((a) => a.policy_arn)
        .sort(),
      roles: (Object.values(resources(json, "aws_iam_role_policy_attachment")) as any[]).map((a) => a.role),
    };
  };

  it("has no IAM path, the §8.0 trust, §0.3 tags", () => {
    const { role: r } = role(loadExampleOrg());
    expect(r.name).toBe("SageMaker-Domain-DefaultExecutionRole");
    expect(r.path).toBeUndefined();
    expect(JSON.parse(r.assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "sagemaker.amazonaws.com" },
          Action: ["sts:AssumeRole", "sts:SetContext"],
        },
      ],
    });
    expect(r.tags).toEqual({ Purpose: "DomainDefault", ManagedBy: "acme-sagemaker", Company: "acme" });
  });

  it("attaches full access, Canvas x4 (DirectDeploy under service-role/), StudioAppPermissions and MLflow", () => {
    const { attached, roles } = role(loadExampleOrg());
    expect(attached).toEqual(
      [
        "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess",
        "arn:aws:iam::aws:policy/AmazonSageMakerCanvasFullAccess",
        "arn:aws:iam::aws:policy/AmazonSageMakerCanvasAIServicesAccess",
        "arn:aws:iam::aws:policy/AmazonSageMakerCanvasDataPrepFullAccess",
        "arn:aws:iam::aws:policy/service-role/AmazonSageMakerCanvasDirectDeployAccess",
        "arn:aws:iam::123456789012:policy/acme-sagemaker/SageMaker-StudioAppPermissions",
        "arn:aws:iam::123456789012:policy/acme-sagemaker/SageMaker-MLflowAppAccess",
        // §14.4: not a deputy.
        "arn:aws:iam::123456789012:policy/acme-sagemaker/SageMaker-DomainDefault-Deny",
      ].sort(),
    );
    expect(new Set(roles)).toEqual(new Set(["${aws_iam_role.domain-default-role.name}"]));
  });

  it("without Canvas and MLflow: only full access and StudioAppPermissions", () => {
    const { attached } = role(
      editExampleOrg({
        platform: (d) => {
          d.features.canvas = false;
          d.features.mlflow = false;
        },
      }),
    );
    expect(attached).toEqual([
      "arn:aws:iam::123456789012:policy/acme-sagemaker/SageMaker-DomainDefault-Deny",
      "arn:aws:iam::123456789012:policy/acme-sagemaker/SageMaker-StudioAppPermissions",
      "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess",
    ]);
  });
});

describe("buckets (§3.5, §3.6): the shared one in foundation, project buckets in their team workspace", () => {
  const org = loadExampleOrg();
  const { json } = synthBuckets(org);
  const projectBuckets = [
    "rc-anti-money-laundering",
    "rc-fraud-detection",
    "algo-recommendation-engine",
    "algo-user-intent",
  ];

  it("one bucket per project plus the shared bucket, with §0.3 tags incl. CostCenter", () => {
    const buckets = resources(json, "aws_s3_bucket");
    expect(Object.keys(buckets).sort()).toEqual(["bucket-shared", ...projectBuckets.map((b) => `bucket-${b}`)].sort());
    expect(buckets["bucket-rc-fraud-detection"]).toEqual({
      bucket: "acme-sm-rc-fraud-detection",
      force_destroy: false,
      lifecycle: { prevent_destroy: true },
      tags: {
        Team: "risk-control",
        Project: "fraud-detection",
        Environment: "production",
        ManagedBy: "acme-sagemaker",
        CostCenter: "ml-platform",
      },
    });
    expect(buckets["bucket-shared"].tags).toEqual({
      Team: "shared",
      Project: "shared",
      Environment: "production",
      ManagedBy: "acme-sagemaker",
      CostCenter: "ml-platform",
    });
  });

  it("omits the CostCenter tag when no cost center is set", () => {
    const noCost = synthBuckets(editExampleOrg({ platform: (d) => delete d.platform.costCenter })).json;
    for (const b of Object.values(resources(noCost, "aws_s3_bucket")) as any[])
      expect(b.tags).not.toHaveProperty("CostCenter");
  });

  it("every bucket blocks public access, is versioned and encrypted with SSE-S3", () => {
    for (const id of ["bucket-shared", ...projectBuckets.map((b) => `bucket-${b}`)]) {
      const ref = `\${aws_s3_bucket.${id}.id}`;
      expect(resources(json, "aws_s3_bucket_public_access_block")[id]).toEqual({
        bucket: ref,
        block_public_acls: true,
        ignore_public_acls: true,
        block_public_policy: true,
        restrict_public_buckets: true,
      });
      expect(resources(json, "aws_s3_bucket_versioning")[id]).toEqual({
        bucket: ref,
        versioning_configuration: { status: "Enabled" },
      });
      expect(resources(json, "aws_s3_bucket_server_side_encryption_configuration")[id]).toEqual({
        bucket: ref,
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }],
      });
    }
  });

  it("SSE-KMS: aws:kms with the key and a bucket key", () => {
    const key = "arn:aws:kms:ap-northeast-1:123456789012:key/11111111-2222-3333-4444-555555555555";
    const kms = synthBuckets(
      editExampleOrg({
        platform: (d) => {
          d.storage.encryption = "SSE-KMS";
          d.storage.kmsKeyArn = key;
        },
      }),
    ).json;
    for (const sse of Object.values(resources(kms, "aws_s3_bucket_server_side_encryption_configuration")) as any[])
      expect(sse.rule).toEqual([
        {
          apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: key },
          bucket_key_enabled: true,
        },
      ]);
  });

  it("project buckets carry the seven §3.5 lifecycle rules exactly; whole-bucket rules have an empty filter", () => {
    const lc = resources(json, "aws_s3_bucket_lifecycle_configuration")["bucket-rc-fraud-detection"];
    expect(lc.bucket).toBe("${aws_s3_bucket.bucket-rc-fraud-detection.id}");
    expect(lc.depends_on).toEqual(["aws_s3_bucket_versioning.bucket-rc-fraud-detection"]);
    expect(lc.rule).toEqual([
      { id: "CleanupTempFiles", status: "Enabled", filter: [{ prefix: "temp/" }], expiration: [{ days: 7 }] },
      {
        id: "TransitionTrainingModels",
        status: "Enabled",
        filter: [{ prefix: "models/training/" }],
        transition: [{ days: 30, storage_class: "STANDARD_IA" }],
      },
      {
        id: "TransitionArchivedNotebooks",
        status: "Enabled",
        filter: [{ prefix: "notebooks/archived/" }],
        transition: [
          { days: 60, storage_class: "STANDARD_IA" },
          { days: 180, storage_class: "GLACIER" },
        ],
      },
      {
        id: "CleanupOldPredictions",
        status: "Enabled",
        filter: [{ prefix: "outputs/predictions/" }],
        expiration: [{ days: 90 }],
      },
      {
        id: "CleanupNoncurrentVersions",
        status: "Enabled",
        filter: [{}],
        noncurrent_version_expiration: [{ noncurrent_days: 90 }],
      },
      {
        id: "CleanupDeleteMarkers",
        status: "Enabled",
        filter: [{}],
        expiration: [{ expired_object_delete_marker: true }],
      },
      {
        id: "CleanupIncompleteUploads",
        status: "Enabled",
        filter: [{}],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
      },
    ]);
  });

  it("the three-rule set applies only to a project that selects it explicitly", () => {
    const light = synthBuckets(
      editExampleOrg({ teams: (d) => (d.teams.rc.projects["fraud-detection"].bucket = { lifecycle: "light" }) }),
    ).json;
    const lcs = resources(light, "aws_s3_bucket_lifecycle_configuration");
    expect(lcs["bucket-rc-fraud-detection"].rule.map((r: any) => [r.id, r.filter])).toEqual([
      ["DeleteOldCheckpoints", [{ prefix: "checkpoints/" }]],
      ["TransitionOldModels", [{ prefix: "models/" }]],
      ["DeleteOldLogs", [{ prefix: "logs/" }]],
    ]);
    expect(lcs["bucket-rc-anti-money-laundering"].rule).toHaveLength(7);
  });

  it("storage.lifecycleRules: false creates no lifecycle configuration", () => {
    const off = synthBuckets(editExampleOrg({ platform: (d) => (d.storage.lifecycleRules = false) })).json;
    expect(resources(off, "aws_s3_bucket_lifecycle_configuration")).toEqual({});
  });

  it("storage.folderMarkers: false renders no marker object and changes nothing else", () => {
    expect(Object.keys(resources(json, "aws_s3_object")).length).toBeGreaterThan(0);
    const off = synthBuckets(editExampleOrg({ platform: (d) => (d.storage.folderMarkers = false) })).json;
    expect(resources(off, "aws_s3_object")).toEqual({});
    const withoutObjects = (j: any) =>
      Object.fromEntries(Object.entries(j.resource).filter(([t]) => t !== "aws_s3_object"));
    expect(withoutObjects(off)).toEqual(withoutObjects(json));
    expect(off.removed).toEqual(json.removed);
  });

  it("the shared bucket keeps noncurrent versions 180 days and aborts uploads after 7", () => {
    expect(resources(json, "aws_s3_bucket_lifecycle_configuration")["bucket-shared"].rule).toEqual([
      {
        id: "CleanupNoncurrentVersions",
        status: "Enabled",
        filter: [{}],
        noncurrent_version_expiration: [{ noncurrent_days: 180 }],
      },
      {
        id: "CleanupIncompleteUploads",
        status: "Enabled",
        filter: [{}],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
      },
    ]);
  });

  it("folder markers are empty objects whose keys end in '/'", () => {
    const objects = Object.entries(resources(json, "aws_s3_object")) as [string, any][];
    const keysOf = (id: string) =>
      objects
        .filter(([, o]) => o.bucket === `\${aws_s3_bucket.${id}.id}`)
        .map(([, o]) => o.key)
        .sort();
    for (const [, o] of objects) {
      expect(o.key).toMatch(/^[a-z0-9-]+(\/[a-z0-9-]+)*\/$/);
      expect(o.content).toBe("");
    }
    expect(keysOf("bucket-shared")).toEqual(
      [
        "scripts/preprocessing/",
        "scripts/utils/",
        "containers/dockerfiles/",
        "datasets/reference/",
        "documentation/",
      ].sort(),
    );
    const project = keysOf("bucket-rc-fraud-detection");
    for (const k of [
      "raw/uploads/",
      "raw/external/",
      "processed/cleaned/",
      "processed/transformed/",
      "features/v1/",
      "models/training/",
      "models/artifacts/",
      "models/registry/",
      "notebooks/archived/",
      "outputs/reports/",
      "outputs/predictions/",
      "temp/",
      "logs/",
      "checkpoints/",
    ])
      expect(project).toContain(k);
    // §3.5 prefix contract: the prefixes the specialised roles may use exist too.
    for (const k of [
      "data/",
      "datasets/",
      "training-output/",
      "processing-output/",
      "inference/",
      "inference/output/",
      "batch-transform/",
    ])
      expect(project).toContain(k);
    expect(resources(json, "aws_s3_object")["bucket-rc-fraud-detection_folder_inference_output"].key).toBe(
      "inference/output/",
    );
  });

  it("shared bucket policy: the three §3.6 statements, the §14.5 write deny and a TLS-only deny", () => {
    const policies = resources(json, "aws_s3_bucket_policy");
    expect(Object.keys(policies)).toEqual(["bucket-shared"]);
    expect(policies["bucket-shared"].depends_on).toEqual(["aws_s3_bucket_public_access_block.bucket-shared"]);
    const doc = awsDocument(policies["bucket-shared"].policy);
    const resourcesOf = ["arn:aws:s3:::acme-sm-shared-assets", "arn:aws:s3:::acme-sm-shared-assets/*"];
    const root = { AWS: "arn:aws:iam::123456789012:root" };
    const read = ["s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket"];
    const bySid = Object.fromEntries(doc.Statement.map((s: any) => [s.Sid, s]));
    expect(Object.keys(bySid).sort()).toEqual([
      "AllowAdminFullAccess",
      "AllowAllExecutionRolesReadOnly",
      "AllowAllSageMakerUsersReadOnly",
      "DenyInsecureTransport",
      "DenyWritesExceptPublishers",
    ]);
    const check = (sid: string, effect: string, principal: unknown, actions: string[], condition: unknown) => {
      const s = bySid[sid];
      expect([s.Effect, s.Principal, list(s.Action), list(s.Resource), s.Condition]).toEqual([
        effect,
        principal,
        actions,
        resourcesOf,
        condition,
      ]);
    };
    check("AllowAllExecutionRolesReadOnly", "Allow", root, read, {
      StringLike: { "aws:PrincipalArn": "arn:aws:iam::123456789012:role/SageMaker-*-ExecutionRole" },
    });
    check("AllowAllSageMakerUsersReadOnly", "Allow", root, read, { StringLike: { "aws:username": "sm-*" } });
    check("AllowAdminFullAccess", "Allow", root, ["s3:*"], { StringLike: { "aws:username": "sm-admin-*" } });
    check("DenyInsecureTransport", "Deny", "*", ["s3:*"], { Bool: { "aws:SecureTransport": "false" } });
    expect(bySid.DenyWritesExceptPublishers.Condition).toEqual({
      ArnLike: {
        "aws:PrincipalArn": [
          "arn:aws:iam::123456789012:user/acme-sagemaker/*",
          "arn:aws:iam::123456789012:role/SageMaker-*",
        ],
      },
      ArnNotLike: { "aws:PrincipalArn": ["arn:aws:iam::123456789012:user/acme-sagemaker/sm-admin-*"] },
    });
  });

  it("project bucket policies are left to the team workspaces (one policy per bucket)", () => {
    expect(Object.keys(resources(json, "aws_s3_bucket_policy"))).not.toContain("bucket-rc-fraud-detection");
  });
});

describe("buckets: data safety", () => {
  const retired = (purge: boolean) =>
    editExampleOrg({
      teams: (d) => {
        const p = d.teams.rc.projects["fraud-detection"];
        p.status = "retired";
        if (purge) p.bucket = { purge: true };
      },
    });

  it("active and retired projects: bucket managed with prevent_destroy and no force_destroy", () => {
    for (const org of [loadExampleOrg(), retired(false)]) {
      const b = resources(synthBuckets(org).json, "aws_s3_bucket")["bucket-rc-fraud-detection"];
      expect([b.force_destroy, b.lifecycle]).toEqual([false, { prevent_destroy: true }]);
    }
  });

  it("a retired project keeps its whole bucket configuration unchanged", () => {
    const active = synthBuckets(loadExampleOrg()).json;
    const ret = synthBuckets(retired(false)).json;
    for (const type of Object.keys(active.resource).filter((t) => t.startsWith("aws_s3_")))
      for (const [name, body] of Object.entries(resources(active, type)))
        if (name.startsWith("bucket-rc-fraud-detection")) expect(resources(ret, type)[name]).toEqual(body);
  });

  it("purge on a retired project: force_destroy and no prevent_destroy (only that bucket)", () => {
    const buckets = resources(synthBuckets(retired(true)).json, "aws_s3_bucket");
    expect(buckets["bucket-rc-fraud-detection"].force_destroy).toBe(true);
    expect(buckets["bucket-rc-fraud-detection"].lifecycle).toBeUndefined();
    expect(buckets["bucket-rc-anti-money-laundering"].lifecycle).toEqual({ prevent_destroy: true });
  });

  it("purge on an active project is a load error at the flag's YAML line", () => {
    const problems = problemsOf({ teams: (d) => (d.teams.rc.projects["fraud-detection"].bucket = { purge: true }) });
    expect(problems).toEqual([
      expect.stringMatching(
        /^org\/teams\.yaml:\d+:\d+ teams\.rc\.projects\.fraud-detection\.bucket\.purge: bucket\.purge deletes the bucket 'acme-sm-rc-fraud-detection'.*status: retired$/,
      ),
    ]);
  });

  it("a decommissioned project's bucket leaves state through removed blocks with destroy = false", () => {
    const org = editExampleOrg({
      teams: (d) => {
        delete d.teams.rc.projects["fraud-detection"];
        d.teams.rc.users.bob = {};
        d.teams.rc.decommissioned = ["fraud-detection"];
      },
    });
    const { json } = synthBuckets(org);
    expect(resources(json, "aws_s3_bucket")).not.toHaveProperty("bucket-rc-fraud-detection");
    const removed = json.removed as any[];
    for (const r of removed) expect(r.lifecycle).toEqual({ destroy: false });
    const from = removed.map((r) => r.from);
    for (const a of [
      "aws_s3_bucket.bucket-rc-fraud-detection",
      "aws_s3_bucket_public_access_block.bucket-rc-fraud-detection",
      "aws_s3_bucket_versioning.bucket-rc-fraud-detection",
      "aws_s3_bucket_server_side_encryption_configuration.bucket-rc-fraud-detection",
      "aws_s3_bucket_lifecycle_configuration.bucket-rc-fraud-detection",
      "aws_s3_object.bucket-rc-fraud-detection_folder_raw_uploads",
      "aws_s3_object.bucket-rc-fraud-detection_folder_inference_output",
    ])
      expect(from).toContain(a);
    // Every address the active bucket had is released: nothing of it can be destroyed.
    const active = synthBuckets(loadExampleOrg()).json;
    for (const [type, byName] of Object.entries(active.resource as Record<string, object>))
      for (const name of Object.keys(byName))
        if (name.startsWith("bucket-rc-fraud-detection")) expect(from).toContain(`${type}.${name}`);
    expect(from.every((f) => f.includes("bucket-rc-fraud-detection"))).toBe(true);
  });

  it("the example org has no removed blocks", () => {
    expect(synthBuckets(loadExampleOrg()).json.removed).toBeUndefined();
  });

  it("a decommissioned name that is still a declared project is a load error", () => {
    expect(problemsOf({ teams: (d) => (d.teams.rc.decommissioned = ["fraud-detection"]) })).toEqual([
      expect.stringMatching(
        /^org\/teams\.yaml:\d+:\d+ teams\.rc\.decommissioned\[0\]: project 'fraud-detection' is still declared/,
      ),
    ]);
  });

  it("switching the shared bucket off (no projects) releases it instead of destroying it", () => {
    const org = editExampleOrg({
      teams: (d) => {
        for (const t of Object.values(d.teams) as any[]) t.projects = {};
      },
      platform: (d) => (d.storage.sharedBucket = false),
    });
    const { json } = synthBuckets(org);
    expect(resources(json, "aws_s3_bucket")).toEqual({});
    expect(json.removed.map((r: any) => r.from)).toContain("aws_s3_bucket.bucket-shared");
    expect(json.removed.map((r: any) => r.from)).toContain("aws_s3_bucket_policy.bucket-shared");
  });

  it("storage.sharedBucket: false while projects exist is a load error", () => {
    expect(problemsOf({ platform: (d) => (d.storage.sharedBucket = false) })).toEqual([
      expect.stringMatching(
        /^org\/platform\.yaml:\d+:\d+ storage\.sharedBucket: the shared-assets bucket is referenced/,
      ),
    ]);
  });
});

describe("foundation workspace: retention guard (a deleted project fails the plan)", () => {
  const org = editExampleOrg({
    teams: (d) => {
      const rc = d.teams.rc.projects;
      rc["fraud-detection"].status = "retired";
      rc["fraud-detection"].bucket = { purge: true };
      rc["anti-money-laundering"].status = "retired";
      delete d.teams.algo.projects["user-intent"];
      d.teams.algo.decommissioned = ["user-intent"];
    },
  });
  const { json } = synthFoundation(org);

  it("publishes every declared project's bucket protection; decommissioned projects are no longer managed", () => {
    expect(json.output.retained_projects.value).toEqual({
      "algo/recommendation-engine": "protected",
      "rc/anti-money-laundering": "protected",
      "rc/fraud-detection": "purge-armed",
    });
  });

  it("reads its own previous outputs from its own local state, only once that state exists", () => {
    const self = json.data.terraform_remote_state["remote-foundation"];
    expect(self.config.path).toBe(json.terraform.backend.local.path);
    expect(self.defaults).toEqual({ retained_projects: {}, live_teams: {} });
    expect(self.count).toBe(`\${try(length(file("${json.terraform.backend.local.path}")) > 0, false) ? 1 : 0}`);
  });

  it("with Terraform Cloud, reads its own workspace", () => {
    const cloud = synthFoundation(
      editExampleOrg({
        platform: (d) => (d.backend = { type: "cloud", organization: "acme", workspacePrefix: "sagemaker-" }),
      }),
    ).json;
    const self = cloud.data.terraform_remote_state["remote-foundation"];
    expect(self.backend).toBe("remote");
    expect(self.config).toMatchObject({ organization: "acme", workspaces: { name: "sagemaker-foundation" } });
    expect(self.count).toBe(1);
  });

  it("accounts for declared and decommissioned projects; the guard fails the plan on anything else", () => {
    expect(json.locals.retention_guard_lost).toContain(
      '!contains(["algo/recommendation-engine","algo/user-intent","rc/anti-money-laundering","rc/fraud-detection"], key)',
    );
    const [pre] = json.resource.terraform_data["retention-guard"].lifecycle.precondition;
    expect(pre.condition).toBe("${length(local.retention_guard_lost) == 0}");
    expect(pre.error_message).toContain("would destroy the bucket of each");
  });

  it("adding a member changes neither the output nor the guard", () => {
    const more = synthFoundation(
      editExampleOrg({ teams: (d) => d.teams.rc.projects["fraud-detection"].members.push("carol") }),
    ).json;
    const base = synthFoundation(loadExampleOrg()).json;
    expect(more.output.retained_projects).toEqual(base.output.retained_projects);
    expect(more.locals).toEqual(base.locals);
  });
});

describe("foundation workspace: invariance", () => {
  it("reordering teams, projects, admins and read-only users changes nothing", () => {
    const base = editExampleOrg({ teams: (d) => ((d.admins = ["jason", "kim"]), (d.readonlyUsers = ["rita", "sam"])) });
    const shuffled = editExampleOrg({
      teams: (d) => {
        d.admins = ["kim", "jason"];
        d.readonlyUsers = ["sam", "rita"];
        const reverse = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).reverse());
        d.teams = reverse(d.teams);
        for (const t of Object.values(d.teams) as any[]) t.projects = reverse(t.projects);
      },
    });
    expect(synthFoundation(shuffled).text).toBe(synthFoundation(base).text);
  });

  it("adding an admin adds only that admin's resources", () => {
    const before = synthFoundation(loadExampleOrg()).json;
    const after = synthFoundation(editExampleOrg({ teams: (d) => (d.admins as string[]).push("kim") })).json;
    const flat = (j: any) =>
      Object.fromEntries(
        Object.entries(j.resource as Record<string, Record<string, unknown>>).flatMap(([t, byName]) =>
          Object.entries(byName).map(([n, body]) => [`${t}.${n}`, JSON.stringify(body)]),
        ),
      );
    const a = flat(before);
    const b = flat(after);
    for (const [k, v] of Object.entries(a)) expect(b[k]).toBe(v);
    expect(
      Object.keys(b)
        .filter((k) => !(k in a))
        .sort(),
    ).toEqual(["aws_iam_user.admin-kim", "aws_iam_user_group_membership.admin-kim-groups"]);
  });
});
