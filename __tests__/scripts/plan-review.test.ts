/**
 * The plan review and destroy guard (platform-spec §10) on small hand-made plans in the shape
 * `terraform show -json <planfile>` prints (format 1.2, Terraform 1.11): what each operation
 * lists, which destructions need an approval, and that approvals match exact names only.
 */
import {
  approvalKey,
  judge,
  parseApprovals,
  PlanFormatError,
  PROTECTED_TYPES,
  renderReport,
  reviewPlan,
  type PlanReview,
} from "../../scripts/plan-review";

type Json = Record<string, unknown>;

function rc(address: string, actions: string[], before: Json | null, after: Json | null, extra: Json = {}) {
  const [type, name] = address.replace(/^(module\.[^.]+\.)+/, "").split(".");
  return {
    address,
    mode: "managed",
    type,
    name,
    provider_name: "registry.terraform.io/hashicorp/aws",
    change: { actions, before, after, after_unknown: {}, before_sensitive: {}, after_sensitive: {} },
    ...extra,
  };
}

function plan(changes: unknown[], extra: Json = {}) {
  return {
    format_version: "1.2",
    terraform_version: "1.11.4",
    planned_values: { root_module: {} },
    resource_changes: changes,
    applyable: true,
    complete: true,
    errored: false,
    ...extra,
  };
}

const bucket = (name: string, forceDestroy = false) => ({ bucket: name, id: name, force_destroy: forceDestroy });
const iamUser = (name: string) => ({ name, id: name, path: "/acme-sagemaker/", force_destroy: true });

/** One destroyed instance of every protected type, named as the platform names them (§0.2). */
const protectedDeletes = [
  rc("aws_s3_bucket.bucket-rc-legacy-scoring", ["delete"], bucket("acme-sm-rc-legacy-scoring", true), null),
  rc(
    "aws_sagemaker_user_profile.profile-rc-frauddet-bob",
    ["delete"],
    { user_profile_name: "profile-rc-frauddet-bob", domain_id: "d-1" },
    null,
  ),
  rc(
    "aws_sagemaker_space.space-rc-frauddet-bob",
    ["delete"],
    { space_name: "space-rc-frauddet-bob", domain_id: "d-1" },
    null,
  ),
  rc("aws_iam_user.user-bob", ["delete"], iamUser("sm-rc-bob"), null),
  rc("aws_sagemaker_domain.domain", ["delete"], { domain_name: "acme-ml-platform", auth_mode: "IAM" }, null),
  rc(
    "aws_sagemaker_model_package_group.model-group-rc-legacy-scoring",
    ["delete"],
    { model_package_group_name: "rc-legacy-scoring" },
    null,
  ),
  rc(
    "aws_ecr_repository.ecr-rc-legacy-scoring-training",
    ["delete"],
    { name: "acme-sm-rc-legacy-scoring-training", force_delete: false },
    null,
  ),
];
const protectedNames = [
  "acme-sm-rc-legacy-scoring",
  "profile-rc-frauddet-bob",
  "space-rc-frauddet-bob",
  "sm-rc-bob",
  "acme-ml-platform",
  "rc-legacy-scoring",
  "acme-sm-rc-legacy-scoring-training",
];

const review = (changes: unknown[], workspace = "ws", extra: Json = {}) => reviewPlan(workspace, plan(changes, extra));
const byAddress = (r: PlanReview, address: string) => {
  const c = r.changes.find((x) => x.address === address);
  if (!c) throw new Error(`no change for ${address}`);
  return c;
};

describe("reviewPlan: operations", () => {
  const r = review([
    rc("aws_iam_role.exec", ["create"], null, { name: "SageMaker-RiskControl-FraudDetection-ExecutionRole" }),
    rc(
      "aws_iam_policy.access",
      ["update"],
      { name: "SageMaker-RiskControl-FraudDetection-Access" },
      { name: "SageMaker-RiskControl-FraudDetection-Access" },
    ),
    rc("aws_iam_group.old", ["delete"], { name: "sagemaker-rc-old" }, null),
    rc("aws_s3_bucket.bucket-algo-user-intent", ["forget"], bucket("acme-sm-algo-user-intent"), null),
    rc(
      "aws_vpc_endpoint.s3",
      ["no-op"],
      { id: "vpce-1" },
      { id: "vpce-1" },
      { change: { actions: ["no-op"], before: {}, after: {}, importing: { id: "vpce-1" } } },
    ),
    rc("aws_iam_user.user-alice", ["no-op"], iamUser("sm-rc-alice"), iamUser("sm-rc-alice"), {
      previous_address: "aws_iam_user.alice",
    }),
    rc("aws_iam_group.unchanged", ["no-op"], { name: "sagemaker-admins" }, { name: "sagemaker-admins" }),
    { ...rc("data.aws_vpc.this", ["read"], null, {}), mode: "data", type: "aws_vpc" },
  ]);

  it("classifies each action list, drops no-ops and data reads, keeps imports and moves", () => {
    const ops = Object.fromEntries(r.changes.map((c) => [c.address, c.operation]));
    expect(ops).toEqual({
      "aws_iam_role.exec": "create",
      "aws_iam_policy.access": "update",
      "aws_iam_group.old": "delete",
      "aws_s3_bucket.bucket-algo-user-intent": "forget",
      "aws_vpc_endpoint.s3": "no-op",
      "aws_iam_user.user-alice": "no-op",
    });
    expect(byAddress(r, "aws_vpc_endpoint.s3").importing).toBe(true);
    expect(byAddress(r, "aws_iam_user.user-alice").movedFrom).toBe("aws_iam_user.alice");
  });

  it("replace is a destroy in both orders (delete-before-create and create_before_destroy)", () => {
    const rr = review([
      rc(
        "aws_sagemaker_domain.domain",
        ["delete", "create"],
        { domain_name: "acme-ml-platform" },
        { domain_name: "acme-ml-platform" },
        {
          action_reason: "replace_because_cannot_update",
        },
      ),
      rc(
        "aws_ecr_repository.repo",
        ["create", "delete"],
        { name: "acme-sm-shared-base" },
        { name: "acme-sm-shared-base" },
      ),
    ]);
    for (const c of rr.changes) {
      expect(c.operation).toBe("replace");
      expect(c.destroys).toBe(true);
      expect(c.needsApproval).toBe(true);
    }
    expect(byAddress(rr, "aws_sagemaker_domain.domain").reason).toBe("replace_because_cannot_update");
  });

  it("a rename that forces replacement is approved by the old name (the object destroyed)", () => {
    const rr = review([
      {
        ...rc("aws_s3_bucket.bucket-rc-x", ["delete", "create"], bucket("acme-sm-rc-x"), bucket("acme-sm-rc-y")),
        change: {
          actions: ["delete", "create"],
          before: bucket("acme-sm-rc-x"),
          after: bucket("acme-sm-rc-y"),
          replace_paths: [["bucket"]],
        },
      },
    ]);
    const c = rr.changes[0];
    expect(c.name).toBe("acme-sm-rc-x");
    expect(c.newName).toBe("acme-sm-rc-y");
    expect(c.replacePaths).toEqual(["bucket"]);
    expect(judge([rr], ["acme-sm-rc-y"]).ok).toBe(false);
    expect(judge([rr], ["acme-sm-rc-x"]).ok).toBe(true);
  });

  it("reads the physical name of every protected type from the state before the change", () => {
    const rr = review(protectedDeletes);
    expect(Object.keys(PROTECTED_TYPES).sort()).toEqual(rr.changes.map((c) => c.type).sort());
    expect(rr.changes.map(approvalKey).sort()).toEqual([...protectedNames].sort());
    expect(rr.changes.every((c) => c.needsApproval)).toBe(true);
  });

  it("a protected resource without a readable name is approved by its address", () => {
    const rr = review([rc("aws_iam_user.user-ghost", ["delete"], { id: "x" }, null)]);
    expect(approvalKey(rr.changes[0])).toBe("aws_iam_user.user-ghost");
  });

  it("resources inside modules keep their full address", () => {
    const rr = review([rc("module.team.aws_iam_user.user-bob", ["delete"], iamUser("sm-rc-bob"), null)]);
    expect(rr.changes[0]).toMatchObject({
      address: "module.team.aws_iam_user.user-bob",
      type: "aws_iam_user",
      needsApproval: true,
    });
  });
});

describe("judge: the destroy guard", () => {
  it("passes a plan that destroys nothing protected, with no approvals", () => {
    const r = review([
      rc("aws_iam_role.old", ["delete"], { name: "SageMaker-RiskControl-Old-ExecutionRole" }, null),
      rc("aws_iam_user_login_profile.alice", ["delete"], { user: "sm-rc-alice" }, null),
      rc("aws_s3_bucket.bucket-algo-user-intent", ["forget"], bucket("acme-sm-algo-user-intent"), null),
      rc("aws_s3_bucket.bucket-rc-x", ["update"], bucket("acme-sm-rc-x"), bucket("acme-sm-rc-x", true)),
    ]);
    const v = judge([r], []);
    expect(v).toMatchObject({ ok: true, destroyed: [], stale: [], errors: [] });
  });

  it.each(protectedDeletes.map((c, i) => [c.type, protectedNames[i], c] as const))(
    "refuses to destroy %s '%s' without approval and passes with exactly its name",
    (_type, name, change) => {
      const r = review([change]);
      expect(judge([r], []).ok).toBe(false);
      expect(judge([r], []).destroyed).toEqual([{ change: r.changes[0], approved: false }]);
      expect(judge([r], [name]).ok).toBe(true);
    },
  );

  it("needs every destroyed protected resource named: approving some is not enough", () => {
    const r = review(protectedDeletes);
    const v = judge([r], protectedNames.slice(1));
    expect(v.ok).toBe(false);
    expect(v.destroyed.filter((d) => !d.approved).map((d) => approvalKey(d.change))).toEqual([
      "acme-sm-rc-legacy-scoring",
    ]);
    expect(judge([r], protectedNames).ok).toBe(true);
  });

  it("matches exact names only: a prefix, a longer name or another case approves nothing and is reported", () => {
    // sm-rc-bob must not be approved by sm-rc-bo, sm-rc-bobby or SM-RC-BOB (§10: never by substring).
    const r = review([rc("aws_iam_user.user-bob", ["delete"], iamUser("sm-rc-bob"), null)]);
    for (const entry of ["sm-rc-bo", "sm-rc-bobby", "SM-RC-BOB", "bob", "sm-rc-*"]) {
      const v = judge([r], [entry]);
      expect(v.ok).toBe(false);
      expect(v.destroyed[0].approved).toBe(false);
      expect(v.stale.map((s) => s.entry)).toEqual([entry]);
    }
    expect(judge([r], ["sm-rc-bo"]).stale[0].hint).toBe("names are matched exactly; destroyed here: sm-rc-bob");
  });

  it("an approval that matches nothing fails the guard even when everything destroyed is approved", () => {
    const r = review([rc("aws_iam_user.user-bob", ["delete"], iamUser("sm-rc-bob"), null)]);
    const v = judge([r], ["sm-rc-bob", "acme-sm-rc-old-bucket"]);
    expect(v.ok).toBe(false);
    expect(v.destroyed[0].approved).toBe(true);
    expect(v.stale).toEqual([{ entry: "acme-sm-rc-old-bucket", hint: undefined }]);
    // A stale approval alone (nothing destroyed) fails too.
    expect(judge([review([])], ["acme-sm-rc-old-bucket"]).ok).toBe(false);
  });

  it("approving a forgotten (kept) resource or a resource's address is stale, with a hint", () => {
    const r = review([
      rc("aws_s3_bucket.bucket-algo-user-intent", ["forget"], bucket("acme-sm-algo-user-intent"), null),
      rc("aws_iam_user.user-bob", ["delete"], iamUser("sm-rc-bob"), null),
    ]);
    const v = judge([r], ["acme-sm-algo-user-intent", "aws_iam_user.user-bob"]);
    expect(v.ok).toBe(false);
    expect(v.stale).toEqual([
      {
        entry: "acme-sm-algo-user-intent",
        hint: "ws: aws_s3_bucket.bucket-algo-user-intent is planned to forget, which needs no approval",
      },
      { entry: "aws_iam_user.user-bob", hint: "approve it by its name 'sm-rc-bob'" },
    ]);
  });

  it("checks one approval list across the plans of every workspace of a change", () => {
    const foundation = review([protectedDeletes[0]], "foundation");
    const registry = review([protectedDeletes[5], protectedDeletes[6]], "registry");
    const names = ["acme-sm-rc-legacy-scoring", "rc-legacy-scoring", "acme-sm-rc-legacy-scoring-training"];
    expect(judge([foundation, registry], names).ok).toBe(true);
    // The same list against one workspace alone leaves the other workspace's names stale.
    expect(judge([foundation], names).stale.map((s) => s.entry)).toEqual(names.slice(1));
  });

  it("a workspace-qualified approval applies to that workspace's plan only", () => {
    const foundation = review([protectedDeletes[0]], "foundation");
    const registry = review([protectedDeletes[5]], "registry");
    expect(
      judge([foundation, registry], ["foundation:acme-sm-rc-legacy-scoring", "registry:rc-legacy-scoring"]).ok,
    ).toBe(true);
    const wrong = judge([foundation, registry], ["registry:acme-sm-rc-legacy-scoring", "registry:rc-legacy-scoring"]);
    expect(wrong.ok).toBe(false);
    expect(wrong.destroyed.find((d) => d.change.workspace === "foundation")?.approved).toBe(false);
    expect(wrong.stale.map((s) => s.entry)).toEqual(["registry:acme-sm-rc-legacy-scoring"]);
  });

  it("--partial leaves entries qualified with another workspace to that workspace's run, nothing else", () => {
    const foundation = review([protectedDeletes[0]], "foundation");
    const entries = ["foundation:acme-sm-rc-legacy-scoring", "registry:rc-legacy-scoring"];
    const strict = judge([foundation], entries);
    expect(strict.ok).toBe(false);
    expect(strict.stale).toEqual([
      { entry: "registry:rc-legacy-scoring", hint: "no plan of workspace 'registry' is given" },
    ]);
    const partial = judge([foundation], entries, { partial: true });
    expect(partial).toMatchObject({ ok: true, stale: [], outOfScope: ["registry:rc-legacy-scoring"] });
    // Unqualified entries and entries of a planned workspace are still checked.
    expect(judge([foundation], [...entries, "rc-legacy-scoring"], { partial: true }).ok).toBe(false);
    expect(judge([foundation], [...entries, "foundation:acme-sm-rc-old"], { partial: true }).ok).toBe(false);
    // And the destroyed resource itself still needs its approval.
    expect(judge([foundation], ["registry:rc-legacy-scoring"], { partial: true }).ok).toBe(false);
  });

  it("refuses a plan Terraform marked as errored, and warns on an incomplete one", () => {
    expect(judge([review([], "domain", { errored: true })], []).ok).toBe(false);
    expect(judge([review([], "domain", { errored: true })], []).errors[0]).toMatch(
      /^domain: Terraform reported errors while planning/,
    );
    const partial = judge([review([], "domain", { complete: false })], []);
    expect(partial.ok).toBe(true);
    expect(partial.warnings[0]).toMatch(/not complete/);
  });
});

describe("reviewPlan: input that is not a plan", () => {
  it.each([
    ["a list", []],
    ["a plan of an unknown format", { ...plan([]), format_version: "2.0" }],
    ["a state (`terraform show -json` without a plan file)", { format_version: "1.0", values: { root_module: {} } }],
    ["an unknown action", plan([rc("aws_iam_user.user-bob", ["obliterate"], iamUser("sm-rc-bob"), null)])],
    ["a change without actions", plan([{ address: "aws_iam_user.x", type: "aws_iam_user", change: {} }])],
  ])("rejects %s", (_what, input) => {
    expect(() => reviewPlan("ws", input)).toThrow(PlanFormatError);
  });
});

describe("parseApprovals", () => {
  it("splits on commas and whitespace, drops empties and duplicates, ignores an unset variable", () => {
    expect(parseApprovals(["a,b", " c , a ", undefined, "d\ne  f", ""])).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(parseApprovals([undefined])).toEqual([]);
  });
});

describe("renderReport", () => {
  const r = review(
    [
      rc("aws_iam_user.user-dave", ["create"], null, iamUser("sm-rc-dave")),
      rc("aws_s3_object.bucket-rc-x_folder_data", ["create"], null, {}),
      rc("aws_sagemaker_space.space-rc-frauddet-bob", ["delete"], { space_name: "space-rc-frauddet-bob" }, null),
      rc(
        "aws_sagemaker_user_profile.profile-rc-frauddet-bob",
        ["delete"],
        { user_profile_name: "profile-rc-frauddet-bob" },
        null,
      ),
      rc("aws_s3_bucket.bucket-algo-user-intent", ["forget"], bucket("acme-sm-algo-user-intent"), null),
      rc("aws_s3_bucket.bucket-rc-legacy", ["delete"], bucket("acme-sm-rc-legacy", false), null),
    ],
    "domain",
  );

  it("lists each operation grouped by resource type with physical names, and the reviewer's warnings", () => {
    const text = renderReport([r], judge([r], ["space-rc-frauddet-bob"]));
    expect(text).toContain(
      "Plan review: domain\n  2 to create, 0 to update, 0 to replace, 3 to delete, 1 to forget, 0 to import, 0 to move.",
    );
    expect(text).toContain(
      "  create (2)\n    aws_iam_user (1)\n      + sm-rc-dave (aws_iam_user.user-dave)\n    aws_s3_object (1)\n      + aws_s3_object.bucket-rc-x_folder_data",
    );
    expect(text).toContain(
      "    aws_sagemaker_space (1)\n      - space-rc-frauddet-bob (aws_sagemaker_space.space-rc-frauddet-bob) PROTECTED, approved\n" +
        "          the space's EBS volume (its files) is lost; delete the space's running apps first",
    );
    expect(text).toContain(
      "      - profile-rc-frauddet-bob (aws_sagemaker_user_profile.profile-rc-frauddet-bob) PROTECTED, NOT APPROVED\n          the profile's home data is lost",
    );
    expect(text).toContain("force_destroy = false: the delete fails unless the bucket is already empty");
    expect(text).toContain(
      "  forget (removed from state, the object is kept) (1)\n    aws_s3_bucket (1)\n      x acme-sm-algo-user-intent (aws_s3_bucket.bucket-algo-user-intent)",
    );
    expect(text).toContain("REFUSED: 2 protected resources are destroyed without approval.");
    expect(text).toContain(
      "pass exactly: --allow-destroy=acme-sm-rc-legacy,space-rc-frauddet-bob,profile-rc-frauddet-bob",
    );
  });

  it("markdown keeps destruction in view and folds the additive lists", () => {
    const md = renderReport(
      [r],
      judge([r], ["space-rc-frauddet-bob", "profile-rc-frauddet-bob", "acme-sm-rc-legacy"]),
      "markdown",
    );
    expect(md).toContain("<details><summary>create (2)</summary>");
    expect(md).toContain("#### delete (3)");
    expect(md).toContain("  - `-` **acme-sm-rc-legacy** (`aws_s3_bucket.bucket-rc-legacy`) PROTECTED, approved");
    expect(md).toContain("**PASSED**: every destroyed protected resource is approved.");
  });

  it("says so when nothing protected is destroyed", () => {
    const quiet = review([rc("aws_iam_role.exec", ["update"], { name: "r" }, { name: "r" })]);
    expect(renderReport([quiet], judge([quiet], []))).toMatch(/no protected resource is destroyed\nPASSED\.\n$/);
  });
});
