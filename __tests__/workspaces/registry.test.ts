import { registryStackProps } from "../../workspaces/props";
import { Testing } from "cdktf";
import { RegistryStack } from "../../workspaces/registry";
import { editExampleOrg, editedExampleSources, loadExampleOrg, problemsOf } from "../support/org";
import { resourceList, resources } from "../support/synth";
import type { OrgModel } from "../../org/model";

type Edits = Parameters<typeof editedExampleSources>[0];

function synthRegistry(org: OrgModel): { text: string; json: any } {
  const text = Testing.synth(new RegistryStack(Testing.app(), registryStackProps(org)));
  return { text, json: JSON.parse(text) };
}

/** AWS-side document of a Terraform policy string (`$${` reaches AWS as `${`). */
const awsDocument = (s: string) => JSON.parse(s.replace(/\$\$\{/g, "${"));

/** IAM-style glob match (`*` = any run of characters). */
const globMatch = (pattern: string, value: string) =>
  new RegExp(
    `^${pattern
      .split("*")
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  ).test(value);

const byName = (list: any[], key: string, value: string) => {
  const found = list.find((r) => r[key] === value);
  if (!found) throw new Error(`no resource with ${key}=${value}`);
  return found;
};

const withProjectRepos: Edits = { platform: (d) => (d.registry.ecr.createProjectRepos = true) };
const PROJECTS = [
  ["algo", "recommendation-engine"],
  ["algo", "user-intent"],
  ["rc", "anti-money-laundering"],
  ["rc", "fraud-detection"],
] as const;

describe("registry workspace: ECR", () => {
  const { json } = synthRegistry(loadExampleOrg());
  const repos = resourceList(json, "aws_ecr_repository");

  it("creates the three shared base repositories with scan on push, AES256, mutable tags and protection", () => {
    expect(repos.map((r) => r.name).sort()).toEqual([
      "acme-sm-shared-base-pytorch",
      "acme-sm-shared-base-sklearn",
      "acme-sm-shared-base-xgboost",
    ]);
    for (const r of repos) {
      expect(r.image_scanning_configuration).toEqual({ scan_on_push: true });
      expect(r.encryption_configuration).toEqual([{ encryption_type: "AES256" }]);
      expect(r.image_tag_mutability).toBe("MUTABLE");
      expect(r.force_delete).toBe(false);
      expect(r.lifecycle).toEqual({ prevent_destroy: true });
      expect(r.tags).toEqual({ ManagedBy: "acme-sagemaker", Phase: "2B" });
      expect(r.policy).toBeUndefined();
    }
  });

  it("gives every repository a keep-last-10 lifecycle policy (parsed)", () => {
    const policies = resources(json, "aws_ecr_lifecycle_policy");
    expect(Object.keys(policies)).toHaveLength(3);
    for (const [address, p] of Object.entries<any>(resources(json, "aws_ecr_repository"))) {
      const policy = Object.values<any>(policies).find(
        (x) => x.repository === `\${aws_ecr_repository.${address}.name}`,
      );
      expect(JSON.parse(policy.policy)).toEqual({
        rules: [
          {
            rulePriority: 1,
            description: "Keep last 10 images",
            selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 10 },
            action: { type: "expire" },
          },
        ],
      });
      expect(p.name).toMatch(/^acme-sm-shared-/);
    }
  });

  it("takes the image retention from registry.ecr.imageRetention", () => {
    const { json: j } = synthRegistry(editExampleOrg({ platform: (d) => (d.registry.ecr.imageRetention = 25) }));
    for (const p of resourceList(j, "aws_ecr_lifecycle_policy")) {
      const rule = JSON.parse(p.policy).rules[0];
      expect(rule.selection.countNumber).toBe(25);
      expect(rule.description).toBe("Keep last 25 images");
    }
  });

  it("creates per-project repositories per type only with createProjectRepos, named inside the role policies' ECR patterns", () => {
    const { json: j } = synthRegistry(editExampleOrg(withProjectRepos));
    const names = resourceList(j, "aws_ecr_repository").map((r) => r.name);
    expect(names).toHaveLength(3 + 4 * 3);
    for (const [team, project] of PROJECTS) {
      const own = `repository/acme-sm-${team}-${project}-*`;
      for (const type of ["preprocessing", "training", "inference"]) {
        const name = `acme-sm-${team}-${project}-${type}`;
        expect(names).toContain(name);
        expect(globMatch(own, `repository/${name}`)).toBe(true);
        // No other project's pattern and not the shared pattern covers it.
        for (const [t2, p2] of PROJECTS)
          if (t2 !== team || p2 !== project)
            expect(globMatch(`repository/acme-sm-${t2}-${p2}-*`, `repository/${name}`)).toBe(false);
        expect(globMatch("repository/acme-sm-shared-*", `repository/${name}`)).toBe(false);
      }
    }
    for (const n of names.filter((x) => x.startsWith("acme-sm-shared-")))
      expect(globMatch("repository/acme-sm-shared-*", `repository/${n}`)).toBe(true);
    expect(resources(j, "aws_ecr_repository")["ecr-rc-fraud-detection-training"].name).toBe(
      "acme-sm-rc-fraud-detection-training",
    );
  });

  it("forgets rather than destroys repositories a flag drops (removed blocks with destroy = false)", () => {
    // createProjectRepos is false in the example: each would-be project repository is covered.
    expect(json.removed).toHaveLength(4 * 3);
    for (const r of json.removed) {
      expect(r.from).toMatch(/^aws_ecr_repository\.ecr-(rc|algo)-/);
      expect(r.lifecycle).toEqual({ destroy: false });
    }
    const { json: off } = synthRegistry(editExampleOrg({ platform: (d) => (d.registry.ecr.enabled = false) }));
    expect(resources(off, "aws_ecr_repository")).toEqual({});
    expect(off.removed.map((r: any) => r.from)).toEqual(
      expect.arrayContaining([
        "aws_ecr_repository.ecr-shared-base-sklearn",
        "aws_ecr_repository.ecr-rc-fraud-detection-training",
      ]),
    );
    const { json: on } = synthRegistry(editExampleOrg(withProjectRepos));
    expect(on.removed).toBeUndefined();
  });
});

describe("registry workspace: model registry", () => {
  it("creates one protected model package group per project with description and tags", () => {
    const { json } = synthRegistry(loadExampleOrg());
    const groups = resources(json, "aws_sagemaker_model_package_group");
    expect(Object.keys(groups).sort()).toEqual(PROJECTS.map(([t, p]) => `model-group-${t}-${p}`).sort());
    const g = groups["model-group-rc-fraud-detection"];
    expect(g.model_package_group_name).toBe("rc-fraud-detection");
    expect(g.model_package_group_description).toBe("Models for risk-control/fraud-detection");
    expect(g.tags).toEqual({
      ManagedBy: "acme-sagemaker",
      Team: "risk-control",
      Project: "fraud-detection",
      Phase: "2C",
    });
    expect(g.lifecycle).toEqual({ prevent_destroy: true, ignore_changes: ["model_package_group_description"] });
  });

  it("no groups and removed blocks when the model registry is disabled", () => {
    const { json } = synthRegistry(
      editExampleOrg({ platform: (d) => (d.registry.modelRegistry = { enabled: false }) }),
    );
    expect(resources(json, "aws_sagemaker_model_package_group")).toEqual({});
    expect(json.removed.map((r: any) => r.from)).toContain(
      "aws_sagemaker_model_package_group.model-group-rc-fraud-detection",
    );
  });
});

describe("registry workspace: retention on project retirement and purge", () => {
  const retire = (purge: boolean): Edits => ({
    ...withProjectRepos,
    teams: (d) => {
      const p = d.teams.rc.projects["fraud-detection"];
      p.status = "retired";
      if (purge) p.registry = { purge: true };
    },
  });
  const active = synthRegistry(editExampleOrg(withProjectRepos)).json;
  const retired = synthRegistry(editExampleOrg(retire(false))).json;
  const purged = synthRegistry(editExampleOrg(retire(true))).json;
  const repo = (j: any, type: string) => resources(j, "aws_ecr_repository")[`ecr-rc-fraud-detection-${type}`];
  const group = (j: any) => resources(j, "aws_sagemaker_model_package_group")["model-group-rc-fraud-detection"];

  it("active: repositories and group protected, no force delete", () => {
    expect(repo(active, "training")).toMatchObject({ force_delete: false, lifecycle: { prevent_destroy: true } });
    expect(group(active).lifecycle).toMatchObject({ prevent_destroy: true });
  });

  it("retired: the same registry resources, identical and still protected", () => {
    expect(resources(retired, "aws_ecr_repository")).toEqual(resources(active, "aws_ecr_repository"));
    expect(resources(retired, "aws_sagemaker_model_package_group")).toEqual(
      resources(active, "aws_sagemaker_model_package_group"),
    );
  });

  it("retired + registry.purge: protection lifted and force_delete set for that project only", () => {
    for (const type of ["preprocessing", "training", "inference"])
      expect(repo(purged, type)).toMatchObject({ force_delete: true, lifecycle: { prevent_destroy: false } });
    expect(group(purged).lifecycle).toMatchObject({ prevent_destroy: false });
    const others = (j: any) =>
      Object.fromEntries(
        Object.entries(resources(j, "aws_ecr_repository")).filter(([k]) => !k.startsWith("ecr-rc-fraud-detection-")),
      );
    expect(others(purged)).toEqual(others(active));
    expect(
      resources(purged, "aws_sagemaker_model_package_group")["model-group-rc-anti-money-laundering"].lifecycle,
    ).toMatchObject({
      prevent_destroy: true,
    });
  });

  it("the retired project's job-failure rule goes, its bucket stays audited", () => {
    const rules = resourceList(retired, "aws_cloudwatch_event_rule").map((r) => r.name);
    expect(rules).not.toContain("acme-sm-rc-fraud-detection-training-failed");
    const trail = resourceList(retired, "aws_cloudtrail")[0];
    const prefixes: string[] = trail.advanced_event_selector[0].field_selector.find(
      (f: any) => f.field === "resources.ARN",
    ).starts_with;
    expect(prefixes.some((p) => "arn:aws:s3:::acme-sm-rc-fraud-detection/x".startsWith(p))).toBe(true);
  });

  it("registry.purge on an active project is rejected with its YAML location", () => {
    const problems = problemsOf({ teams: (d) => (d.teams.rc.projects["fraud-detection"].registry = { purge: true }) });
    expect(problems).toEqual([
      expect.stringMatching(
        /^org\/teams\.yaml:\d+:\d+ teams\.rc\.projects\.fraud-detection\.registry\.purge: registry\.purge .* only allowed on a retired project/,
      ),
    ]);
  });
});

describe("registry workspace: decommissioned projects and the retention guard", () => {
  const decommission: Edits = {
    platform: (d) => (d.registry.ecr.createProjectRepos = true),
    teams: (d) => {
      delete d.teams.algo.projects["user-intent"];
      d.teams.algo.decommissioned = ["user-intent"];
      d.teams.rc.projects["fraud-detection"].status = "retired";
      d.teams.rc.projects["fraud-detection"].registry = { purge: true };
    },
  };
  const { json } = synthRegistry(editExampleOrg(decommission));

  it("releases a decommissioned project's model group and project repositories (removed, destroy = false)", () => {
    expect(resources(json, "aws_sagemaker_model_package_group")).not.toHaveProperty("model-group-algo-user-intent");
    expect(json.removed).toEqual(
      [
        "aws_ecr_repository.ecr-algo-user-intent-inference",
        "aws_ecr_repository.ecr-algo-user-intent-preprocessing",
        "aws_ecr_repository.ecr-algo-user-intent-training",
        "aws_sagemaker_model_package_group.model-group-algo-user-intent",
      ].map((from) => ({ from, lifecycle: { destroy: false } })),
    );
  });

  it("publishes the projects whose registry data it manages, purge-armed ones marked", () => {
    expect(json.output.retained_projects.value).toEqual({
      "algo/recommendation-engine": "protected",
      "rc/anti-money-laundering": "protected",
      "rc/fraud-detection": "purge-armed",
    });
  });

  it("reads its own previous outputs and guards them like the foundation", () => {
    const self = json.data.terraform_remote_state["remote-registry"];
    expect(self.config.path).toBe(json.terraform.backend.local.path);
    expect(self.defaults).toEqual({ retained_projects: {}, live_teams: {} });
    expect(json.locals.retention_guard_lost).toContain(
      '!contains(["algo/recommendation-engine","algo/user-intent","rc/anti-money-laundering","rc/fraud-detection"], key)',
    );
    const [pre] = json.resource.terraform_data["retention-guard"].lifecycle.precondition;
    expect(pre.condition).toBe("${length(local.retention_guard_lost) == 0}");
    expect(pre.error_message).toContain("registry: { purge: true }");
  });

  it("with no model registry and no project repositories it manages no project data, but still accounts for declared projects", () => {
    const { json: off } = synthRegistry(
      editExampleOrg({
        platform: (d) => ((d.registry.modelRegistry = { enabled: false }), (d.registry.ecr.createProjectRepos = false)),
      }),
    );
    expect(off.output.retained_projects.value).toEqual({});
    // Turning the flags off releases the declared projects' data; a deleted one is still caught.
    expect(off.locals.retention_guard_lost).toContain('"rc/fraud-detection"');
  });
});

describe("registry workspace: monitoring", () => {
  const org = editExampleOrg({
    platform: (d) => {
      d.monitoring = {
        alerts: { subscribers: { "ml-ops": { protocol: "email", endpoint: "ml-ops@acme.example" } } },
        endpoints: { "rc-fraud-detection-scoring": {}, "algo-user-intent-ranker": { variants: ["blue", "green"] } },
      };
    },
  });
  const { json } = synthRegistry(org);
  const topicArn = "arn:aws:sns:ap-northeast-1:123456789012:acme-sm-platform-alerts";

  it("pre-creates the SageMaker log groups with the spec retention, never destroyed", () => {
    const groups = resourceList(json, "aws_cloudwatch_log_group");
    const retention = Object.fromEntries(groups.map((g) => [g.name, g.retention_in_days]));
    expect(retention).toEqual({
      "/aws/sagemaker/ProcessingJobs": 30,
      "/aws/sagemaker/TrainingJobs": 90,
      "/aws/sagemaker/studio": 7,
      "/aws/sagemaker/Endpoints/rc-fraud-detection-scoring": 14,
      "/aws/sagemaker/Endpoints/algo-user-intent-ranker": 14,
    });
    for (const g of groups) expect(g.skip_destroy).toBe(true);
  });

  it("takes retention values from config and adopts existing groups with an import block", () => {
    const { json: j } = synthRegistry(
      editExampleOrg({
        platform: (d) => (d.monitoring = { logGroups: { trainingJobs: 365, adoptExisting: ["trainingJobs"] } }),
      }),
    );
    const training = Object.entries<any>(resources(j, "aws_cloudwatch_log_group")).find(
      ([, g]) => g.name === "/aws/sagemaker/TrainingJobs",
    )!;
    expect(training[1].retention_in_days).toBe(365);
    expect(j.import).toEqual([{ id: "/aws/sagemaker/TrainingJobs", to: `aws_cloudwatch_log_group.${training[0]}` }]);
  });

  it("rejects a retention value CloudWatch does not offer, with its location", () => {
    expect(problemsOf({ platform: (d) => (d.monitoring = { logGroups: { studio: 10 } }) })).toEqual([
      expect.stringMatching(/^org\/platform\.yaml:\d+:\d+ monitoring\.logGroups\.studio: must be one of /),
    ]);
  });

  it("creates the alert topic with its subscriber and a policy letting only platform rules and alarms publish", () => {
    const topic = resourceList(json, "aws_sns_topic")[0];
    expect(topic.name).toBe("acme-sm-platform-alerts");
    const policy = awsDocument(topic.policy);
    const events = policy.Statement.find((s: any) => s.Sid === "AllowPlatformEventRules");
    expect(events).toMatchObject({
      Effect: "Allow",
      Principal: { Service: "events.amazonaws.com" },
      Action: "sns:Publish",
      Resource: topicArn,
    });
    expect(events.Condition.ArnLike["aws:SourceArn"]).toEqual([
      "arn:aws:events:ap-northeast-1:123456789012:rule/acme-sm-*",
    ]);
    expect(policy.Statement.find((s: any) => s.Sid === "AllowPlatformAlarms").Principal).toEqual({
      Service: "cloudwatch.amazonaws.com",
    });
    // Every rule and alarm the workspace creates falls under those patterns.
    for (const r of resourceList(json, "aws_cloudwatch_event_rule"))
      expect(
        globMatch(
          events.Condition.ArnLike["aws:SourceArn"][0],
          `arn:aws:events:ap-northeast-1:123456789012:rule/${r.name}`,
        ),
      ).toBe(true);
    const subs = resourceList(json, "aws_sns_topic_subscription");
    expect(subs).toEqual([
      expect.objectContaining({ topic_arn: topicArn, protocol: "email", endpoint: "ml-ops@acme.example" }),
    ]);
  });

  it("one EventBridge rule per active project for failed training jobs, matched by job-name prefix", () => {
    const rules = resourceList(json, "aws_cloudwatch_event_rule");
    expect(rules.map((r) => r.name).sort()).toEqual(
      PROJECTS.map(([t, p]) => `acme-sm-${t}-${p}-training-failed`).sort(),
    );
    const rule = byName(rules, "name", "acme-sm-rc-fraud-detection-training-failed");
    expect(JSON.parse(rule.event_pattern)).toEqual({
      source: ["aws.sagemaker"],
      "detail-type": ["SageMaker Training Job State Change"],
      detail: { TrainingJobStatus: ["Failed"], TrainingJobName: [{ prefix: "rc-fraud-detection-" }] },
    });
    for (const t of resourceList(json, "aws_cloudwatch_event_target")) {
      expect(t.arn).toBe(topicArn);
      expect(JSON.parse(t.input_transformer.input_template)).toMatch(/<job>/);
    }
  });

  it("account-wide endpoint alarms use Metrics Insights over all variants (5xx > 0, ModelLatency > 1 s in µs)", () => {
    const alarms = resourceList(json, "aws_cloudwatch_metric_alarm");
    const e5xx = byName(alarms, "alarm_name", "acme-sm-endpoints-5xx-errors");
    expect(e5xx.metric_query).toEqual([
      {
        id: "q1",
        expression: 'SELECT SUM(Invocation5XXErrors) FROM SCHEMA("AWS/SageMaker", EndpointName, VariantName)',
        period: 300,
        return_data: true,
      },
    ]);
    expect(e5xx).toMatchObject({
      comparison_operator: "GreaterThanThreshold",
      threshold: 0,
      treat_missing_data: "notBreaching",
      alarm_actions: [topicArn],
    });
    expect(e5xx.metric_name).toBeUndefined();
    const latency = byName(alarms, "alarm_name", "acme-sm-endpoints-model-latency");
    expect(latency.metric_query[0].expression).toBe(
      'SELECT MAX(ModelLatency) FROM SCHEMA("AWS/SageMaker", EndpointName, VariantName)',
    );
    expect(latency.threshold).toBe(1_000_000);
  });

  it("declared endpoints get per-variant alarms with EndpointName and VariantName dimensions", () => {
    const alarms = resourceList(json, "aws_cloudwatch_metric_alarm");
    const own = alarms.filter((a) => a.dimensions?.EndpointName === "algo-user-intent-ranker");
    expect(own.map((a) => a.alarm_name).sort()).toEqual(
      ["blue", "green"]
        .flatMap((v) =>
          ["5xx-errors", "memory", "model-latency"].map((k) => `acme-sm-algo-user-intent-ranker-${v}-${k}`),
        )
        .sort(),
    );
    const mem = byName(own, "alarm_name", "acme-sm-algo-user-intent-ranker-blue-memory");
    expect(mem).toMatchObject({
      namespace: "/aws/sagemaker/Endpoints",
      metric_name: "MemoryUtilization",
      statistic: "Average",
      threshold: 80,
      dimensions: { EndpointName: "algo-user-intent-ranker", VariantName: "blue" },
      tags: { ManagedBy: "acme-sagemaker", Team: "algorithm", Project: "user-intent" },
    });
    const lat = byName(alarms, "alarm_name", "acme-sm-rc-fraud-detection-scoring-AllTraffic-model-latency");
    expect(lat).toMatchObject({
      namespace: "AWS/SageMaker",
      metric_name: "ModelLatency",
      statistic: "Maximum",
      threshold: 1_000_000,
      period: 300,
    });
  });

  it("takes thresholds from config", () => {
    const { json: j } = synthRegistry(
      editExampleOrg({
        platform: (d) =>
          (d.monitoring = {
            alarms: {
              endpointLatency: { thresholdMs: 250, periodSeconds: 60 },
              endpoint5xxErrors: { threshold: 5 },
              processingJobFailures: true,
            },
          }),
      }),
    );
    const alarms = resourceList(j, "aws_cloudwatch_metric_alarm");
    expect(byName(alarms, "alarm_name", "acme-sm-endpoints-model-latency")).toMatchObject({
      threshold: 250_000,
      metric_query: [expect.objectContaining({ period: 60 })],
    });
    expect(byName(alarms, "alarm_name", "acme-sm-endpoints-5xx-errors").threshold).toBe(5);
    const rule = byName(
      resourceList(j, "aws_cloudwatch_event_rule"),
      "name",
      "acme-sm-algo-user-intent-processing-failed",
    );
    expect(JSON.parse(rule.event_pattern).detail).toEqual({
      ProcessingJobStatus: ["Failed"],
      ProcessingJobName: [{ prefix: "algo-user-intent-" }],
    });
  });

  it("rejects an endpoint outside every active project's prefix and a bad period, with locations", () => {
    const problems = problemsOf({
      platform: (d) =>
        (d.monitoring = { endpoints: { "fraud-scoring": {} }, alarms: { endpointLatency: { periodSeconds: 90 } } }),
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^org\/platform\.yaml:\d+:\d+ monitoring\.alarms\.endpointLatency\.periodSeconds: must be 10, 20, 30 or a multiple of 60/,
        ),
      ]),
    );
    const problems2 = problemsOf({ platform: (d) => (d.monitoring = { endpoints: { "fraud-scoring": {} } }) });
    expect(problems2).toEqual([
      expect.stringMatching(
        /^org\/platform\.yaml:\d+:\d+ monitoring\.endpoints\.fraud-scoring: endpoint 'fraud-scoring' does not start with '\{team\}-\{project\}-' of an active project/,
      ),
    ]);
  });

  it("monitoring.enabled: false removes every monitoring resource", () => {
    const { json: j } = synthRegistry(editExampleOrg({ platform: (d) => (d.monitoring = { enabled: false }) }));
    for (const type of [
      "aws_cloudwatch_log_group",
      "aws_sns_topic",
      "aws_cloudwatch_event_rule",
      "aws_cloudwatch_metric_alarm",
    ])
      expect(resources(j, type)).toEqual({});
  });
});

describe("registry workspace: audit trail", () => {
  const { json } = synthRegistry(loadExampleOrg());
  const trail = resourceList(json, "aws_cloudtrail")[0];
  const buckets = resourceList(json, "aws_s3_bucket");
  const trailArn = "arn:aws:cloudtrail:ap-northeast-1:123456789012:trail/acme-sm-data-audit";

  it("records S3 object events of every project bucket and the shared bucket, by SageMaker role sessions and platform users", () => {
    expect(trail).toMatchObject({
      name: "acme-sm-data-audit",
      s3_bucket_name: "acme-ml-audit-trail",
      enable_log_file_validation: true,
      is_multi_region_trail: true,
    });
    expect(trail.event_selector).toBeUndefined();
    const [data, management] = trail.advanced_event_selector;
    expect(data.field_selector).toEqual([
      { field: "eventCategory", equals: ["Data"] },
      { field: "resources.type", equals: ["AWS::S3::Object"] },
      // One prefix for every project bucket and the shared bucket (the 500-value quota never binds).
      { field: "resources.ARN", starts_with: ["arn:aws:s3:::acme-sm-"] },
      // §14.8: platform IAM users too.
      {
        field: "userIdentity.arn",
        starts_with: [
          "arn:aws:sts::123456789012:assumed-role/SageMaker-",
          "arn:aws:iam::123456789012:user/acme-sagemaker/",
        ],
      },
    ]);
    expect(management.field_selector).toEqual([
      { field: "eventCategory", equals: ["Management"] },
      { field: "readOnly", equals: ["false"] },
      { field: "eventSource", not_equals: ["kms.amazonaws.com", "rdsdata.amazonaws.com"] },
    ]);
  });

  it("only uses field names and operators the 5.100 provider and CloudTrail accept for trails", () => {
    const fields = [
      "eventCategory",
      "eventName",
      "eventSource",
      "readOnly",
      "resources.ARN",
      "resources.type",
      "userIdentity.arn",
    ];
    for (const s of trail.advanced_event_selector)
      for (const f of s.field_selector) {
        expect(fields).toContain(f.field);
        if (["eventCategory", "resources.type", "readOnly"].includes(f.field))
          expect(Object.keys(f).sort()).toEqual(["equals", "field"]);
      }
  });

  it("follows audit settings: reads/writes, all principals, no management events", () => {
    const { json: j } = synthRegistry(
      editExampleOrg({
        platform: (d) =>
          (d.audit = {
            readOnly: "writes",
            principals: "all",
            management: { enabled: false },
            buckets: { shared: false },
          }),
      }),
    );
    const t = resourceList(j, "aws_cloudtrail")[0];
    expect(t.advanced_event_selector).toHaveLength(1);
    const fs = t.advanced_event_selector[0].field_selector;
    expect(fs.find((f: any) => f.field === "userIdentity.arn")).toBeUndefined();
    expect(fs.find((f: any) => f.field === "readOnly")).toEqual({ field: "readOnly", equals: ["false"] });
    const prefixes: string[] = fs.find((f: any) => f.field === "resources.ARN").starts_with;
    const covered = (bucket: string) => prefixes.some((p) => `arn:aws:s3:::${bucket}/x`.startsWith(p));
    expect(covered("acme-sm-shared-assets")).toBe(false);
    for (const [t, p] of PROJECTS) expect(covered(`acme-sm-${t}-${p}`)).toBe(true);
  });

  it("writes to a dedicated private, versioned, encrypted, access-logged, protected bucket with retention", () => {
    expect(buckets.map((b) => b.bucket).sort()).toEqual(["acme-ml-audit-access-logs", "acme-ml-audit-trail"]);
    for (const b of buckets) expect(b).toMatchObject({ force_destroy: false, lifecycle: { prevent_destroy: true } });
    const [trailBucketAddress] = Object.entries<any>(resources(json, "aws_s3_bucket")).find(
      ([, b]) => b.bucket === "acme-ml-audit-trail",
    )!;
    const [logBucketAddress] = Object.entries<any>(resources(json, "aws_s3_bucket")).find(
      ([, b]) => b.bucket === "acme-ml-audit-access-logs",
    )!;
    const of = (type: string, address: string) =>
      resourceList(json, type).find((r) => r.bucket === `\${aws_s3_bucket.${address}.id}`);
    for (const address of [trailBucketAddress, logBucketAddress]) {
      expect(of("aws_s3_bucket_public_access_block", address)).toMatchObject({
        block_public_acls: true,
        ignore_public_acls: true,
        block_public_policy: true,
        restrict_public_buckets: true,
      });
      expect(of("aws_s3_bucket_versioning", address).versioning_configuration).toEqual({ status: "Enabled" });
      expect(of("aws_s3_bucket_server_side_encryption_configuration", address).rule).toEqual([
        { apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } },
      ]);
    }
    const lifecycle = of("aws_s3_bucket_lifecycle_configuration", trailBucketAddress).rule;
    expect(lifecycle[0]).toMatchObject({
      id: "ExpireLogs",
      status: "Enabled",
      filter: [{}],
      expiration: [{ days: 365 }],
    });
    expect(of("aws_s3_bucket_lifecycle_configuration", logBucketAddress).rule[0].expiration).toEqual([{ days: 90 }]);
    expect(of("aws_s3_bucket_logging", trailBucketAddress)).toMatchObject({
      target_bucket: `\${aws_s3_bucket.${logBucketAddress}.id}`,
      target_prefix: "acme-ml-audit-trail/",
    });
    expect(of("aws_s3_bucket_logging", logBucketAddress)).toBeUndefined();
  });

  it("bucket policies: CloudTrail only for this trail (aws:SourceArn), log delivery only from the trail bucket, TLS only", () => {
    const policies = resourceList(json, "aws_s3_bucket_policy").map((p) => awsDocument(p.policy));
    const trailPolicy = policies.find((p) => p.Statement.some((s: any) => s.Sid === "AWSCloudTrailWrite"));
    expect(trailPolicy.Statement.find((s: any) => s.Sid === "AWSCloudTrailAclCheck")).toEqual({
      Sid: "AWSCloudTrailAclCheck",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:GetBucketAcl",
      Resource: "arn:aws:s3:::acme-ml-audit-trail",
      Condition: { StringEquals: { "aws:SourceArn": trailArn } },
    });
    expect(trailPolicy.Statement.find((s: any) => s.Sid === "AWSCloudTrailWrite")).toMatchObject({
      Action: "s3:PutObject",
      Resource: "arn:aws:s3:::acme-ml-audit-trail/AWSLogs/123456789012/*",
      Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trailArn } },
    });
    const logPolicy = policies.find((p) => p.Statement.some((s: any) => s.Sid === "S3ServerAccessLogsPolicy"));
    expect(logPolicy.Statement.find((s: any) => s.Sid === "S3ServerAccessLogsPolicy")).toMatchObject({
      Principal: { Service: "logging.s3.amazonaws.com" },
      Resource: "arn:aws:s3:::acme-ml-audit-access-logs/acme-ml-audit-trail/*",
      Condition: {
        ArnLike: { "aws:SourceArn": "arn:aws:s3:::acme-ml-audit-trail" },
        StringEquals: { "aws:SourceAccount": "123456789012" },
      },
    });
    for (const p of policies)
      expect(p.Statement.find((s: any) => s.Sid === "DenyInsecureTransport")).toMatchObject({
        Effect: "Deny",
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      });
    // CreateTrail checks the bucket policy, which the trail only names.
    expect(trail.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_policy\./)]);
  });

  it("audit bucket names stay outside the patterns that grant S3 access to platform users", () => {
    for (const b of buckets) {
      expect(globMatch("acme-sm-*", b.bucket)).toBe(false);
      expect(b.bucket.toLowerCase()).not.toContain("sagemaker");
    }
  });

  it("CloudWatch Logs delivery uses the group ARN with ':*' and a role CloudTrail can assume for this trail only", () => {
    const { json: j } = synthRegistry(
      editExampleOrg({ platform: (d) => (d.audit = { cloudWatchLogs: { enabled: true } }) }),
    );
    const t = resourceList(j, "aws_cloudtrail")[0];
    expect(t.cloud_watch_logs_group_arn).toBe(
      "arn:aws:logs:ap-northeast-1:123456789012:log-group:/aws/cloudtrail/acme-sm-data-audit:*",
    );
    expect(t.cloud_watch_logs_role_arn).toBe("arn:aws:iam::123456789012:role/acme-sm-data-audit-cloudwatch-logs");
    const role = resourceList(j, "aws_iam_role")[0];
    expect(awsDocument(role.assume_role_policy).Statement[0]).toMatchObject({
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Condition: { StringEquals: { "aws:SourceArn": trailArn } },
    });
    expect(
      byName(resourceList(j, "aws_cloudwatch_log_group"), "name", "/aws/cloudtrail/acme-sm-data-audit")
        .retention_in_days,
    ).toBe(90);
  });

  it("audit.enabled: false removes the trail and its buckets", () => {
    const { json: j } = synthRegistry(editExampleOrg({ platform: (d) => (d.audit = { enabled: false }) }));
    expect(resources(j, "aws_cloudtrail")).toEqual({});
    expect(resources(j, "aws_s3_bucket")).toEqual({});
  });
});

describe("registry workspace: invariance", () => {
  it("reordering teams, projects and list entries in the YAML changes nothing", () => {
    const base = synthRegistry(editExampleOrg(withProjectRepos)).text;
    const shuffled = synthRegistry(
      editExampleOrg({
        platform: (d) => {
          d.registry.ecr.createProjectRepos = true;
          d.registry.ecr.sharedRepos = [...d.registry.ecr.sharedRepos].reverse();
          d.registry.ecr.projectRepoTypes = [...d.registry.ecr.projectRepoTypes].reverse();
        },
        teams: (d) => {
          d.teams = Object.fromEntries(Object.entries(d.teams).reverse());
          for (const t of Object.values<any>(d.teams))
            t.projects = Object.fromEntries(Object.entries(t.projects).reverse());
        },
      }),
    ).text;
    expect(shuffled).toBe(base);
  });

  it("adding a project adds its registry resources and changes nothing else (the trail's prefix already covers its bucket)", () => {
    const before = synthRegistry(editExampleOrg(withProjectRepos)).json;
    const after = synthRegistry(
      editExampleOrg({
        ...withProjectRepos,
        teams: (d) => (d.teams.rc.projects["credit-scoring"] = { members: ["bob"] }),
      }),
    ).json;
    const added: string[] = [];
    const changed: string[] = [];
    for (const [type, byAddress] of Object.entries<any>(after.resource))
      for (const [address, body] of Object.entries(byAddress)) {
        const old = before.resource[type]?.[address];
        if (!old) added.push(`${type}.${address}`);
        else if (JSON.stringify(old) !== JSON.stringify(body)) changed.push(`${type}.${address}`);
      }
    expect(changed).toEqual([]);
    const trail = resourceList(after, "aws_cloudtrail")[0];
    const prefixes: string[] = trail.advanced_event_selector[0].field_selector.find(
      (f: any) => f.field === "resources.ARN",
    ).starts_with;
    expect(prefixes.some((p) => "arn:aws:s3:::acme-sm-rc-credit-scoring/x".startsWith(p))).toBe(true);
    expect(added.filter((a) => !a.includes("credit-scoring"))).toEqual([]);
    expect(added.sort()).toEqual(
      expect.arrayContaining([
        "aws_ecr_repository.ecr-rc-credit-scoring-training",
        "aws_sagemaker_model_package_group.model-group-rc-credit-scoring",
      ]),
    );
    for (const [type, byAddress] of Object.entries<any>(before.resource))
      for (const address of Object.keys(byAddress)) expect(after.resource[type]?.[address]).toBeDefined();
  });
});
