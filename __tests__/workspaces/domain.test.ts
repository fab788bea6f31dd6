import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { editExampleOrg, editedExampleSources, loadExampleOrg, orgFromYaml } from "../support/org";
import { resources, synthExample, synthOrg, type StackJson } from "../support/synth";
import { OrgValidationError, SynthesisRefused } from "../../org/problems";
import { validateOrg } from "../../org/validate";
import { orgSchema } from "../../org/schema";
import { allMemberships, type OrgModel } from "../../org/model";
import { buildApp, synthesize } from "../../workspaces/app";

const LCC_ARN = "arn:aws:sagemaker:ap-northeast-1:123456789012:studio-lifecycle-config/";
const STUDIO_SG = "${data.terraform_remote_state.remote-network.outputs.studio_security_group_id}";
const DEFAULT_ROLE = "${data.terraform_remote_state.remote-foundation.outputs.domain_default_role_arn}";

const DOMAIN_ID = "${data.terraform_remote_state.remote-domain.outputs.domain_id}";

/** The `domain` workspace and every `domain-<team>` workspace (the homes) of an org. */
const domainOf = (org: OrgModel): { domain: StackJson; teams: Record<string, StackJson> } => {
  const json = synthOrg(org).json;
  const teams = Object.fromEntries(
    Object.entries(json)
      .filter(([ws]) => ws.startsWith("domain-"))
      .map(([ws, stack]) => [ws.slice("domain-".length), stack]),
  );
  return { domain: json.domain, teams };
};
/** The homes' resources of every team workspace, as one stack (address names are unique). */
const homesOf = (teams: Record<string, StackJson>): StackJson => {
  const resource: Record<string, Record<string, unknown>> = {};
  for (const stack of Object.values(teams))
    for (const [type, byName] of Object.entries<Record<string, unknown>>(stack.resource ?? {}))
      resource[type] = { ...resource[type], ...byName };
  return { resource };
};
const theDomain = (stack: StackJson) => {
  const all = Object.values(resources(stack, "aws_sagemaker_domain"));
  expect(all).toHaveLength(1);
  return all[0];
};
const byField = (stack: StackJson, type: string, field: string): Record<string, any> =>
  Object.fromEntries(Object.values(resources(stack, type)).map((r: any) => [r[field], r]));
const profiles = (stack: StackJson) => byField(stack, "aws_sagemaker_user_profile", "user_profile_name");
const spaces = (stack: StackJson) => byField(stack, "aws_sagemaker_space", "space_name");
const configs = (stack: StackJson) =>
  byField(stack, "aws_sagemaker_studio_lifecycle_config", "studio_lifecycle_config_name");

/**
 * The lifecycle config of the domain workspace a rendered ARN points at: by reference in the
 * domain workspace, by name in the homes' workspaces (the domain workspace is applied first).
 */
function configNameOf(domain: StackJson, arn: string): string {
  expect(arn.startsWith(LCC_ARN)).toBe(true);
  const rest = arn.slice(LCC_ARN.length);
  const ref = /^\$\{aws_sagemaker_studio_lifecycle_config\.([^.]+)\.studio_lifecycle_config_name\}$/.exec(rest);
  const name = ref
    ? resources(domain, "aws_sagemaker_studio_lifecycle_config")[ref[1]].studio_lifecycle_config_name
    : rest;
  expect(Object.keys(configs(domain))).toContain(name);
  return name;
}

describe("domain workspace of the example org", () => {
  const org = loadExampleOrg();
  const { domain: stack, teams } = domainOf(org);
  const homes = homesOf(teams);
  const domain = theDomain(stack);

  it("creates an IAM, VPC-only domain in the configured VPC and private subnets", () => {
    expect(domain.domain_name).toBe("acme-ml-platform");
    expect(domain.auth_mode).toBe("IAM");
    expect(domain.app_network_access_type).toBe("VpcOnly");
    expect(domain.vpc_id).toBe("vpc-0a1b2c3d4e5f60718");
    expect(domain.subnet_ids).toEqual(["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]);
    expect(domain.tags).toEqual({ Name: "acme-ml-platform", Environment: "production", ManagedBy: "acme-sagemaker" });
  });

  it("sets default user settings: default role, studio SG, landing URI, web portal, instance type", () => {
    const u = domain.default_user_settings;
    expect(u.execution_role).toBe(DEFAULT_ROLE);
    expect(u.security_groups).toEqual([STUDIO_SG]);
    expect(u.default_landing_uri).toBe("studio::");
    expect(u.studio_web_portal).toBe("ENABLED");
    expect(u.jupyter_lab_app_settings.default_resource_spec.instance_type).toBe("ml.t3.medium");
  });

  it("enables built-in idle shutdown from studio.idleTimeoutMinutes, pinned by min/max", () => {
    const idle = {
      lifecycle_management: "ENABLED",
      idle_timeout_in_minutes: 60,
      min_idle_timeout_in_minutes: 60,
      max_idle_timeout_in_minutes: 60,
    };
    expect(domain.default_user_settings.jupyter_lab_app_settings.app_lifecycle_management.idle_settings).toEqual(idle);
    expect(domain.default_space_settings.jupyter_lab_app_settings.app_lifecycle_management.idle_settings).toEqual(idle);
    for (const p of Object.values(profiles(stack)))
      expect(p.user_settings.jupyter_lab_app_settings.app_lifecycle_management.idle_settings).toEqual(idle);
  });

  it("sets default space settings and default EBS sizes", () => {
    expect(domain.default_space_settings.execution_role).toBe(DEFAULT_ROLE);
    expect(domain.default_space_settings.security_groups).toEqual([STUDIO_SG]);
    expect(domain.default_user_settings.space_storage_settings.default_ebs_storage_settings).toEqual({
      default_ebs_volume_size_in_gb: 100,
      maximum_ebs_volume_size_in_gb: 100,
    });
  });

  it("publishes the domain id, ARN and home EFS id as named outputs", () => {
    const addr = Object.keys(resources(stack, "aws_sagemaker_domain"))[0];
    expect(stack.output.domain_id.value).toBe(`\${aws_sagemaker_domain.${addr}.id}`);
    expect(stack.output.domain_arn.value).toBe(`\${aws_sagemaker_domain.${addr}.arn}`);
    expect(stack.output.home_efs_file_system_id.value).toBe(`\${aws_sagemaker_domain.${addr}.home_efs_file_system_id}`);
  });

  it("retains the home EFS on domain deletion", () => {
    expect(domain.retention_policy).toEqual({ home_efs_file_system: "Retain" });
  });

  it("creates both download lifecycle configs and attaches disable-download by default", () => {
    const lcc = configs(stack);
    expect(Object.keys(lcc).sort()).toEqual(["acme-sagemaker-allow-download-v2", "acme-sagemaker-disable-download-v2"]);
    for (const c of Object.values(lcc)) {
      expect(c.studio_lifecycle_config_app_type).toBe("JupyterLab");
      expect(c.tags).toEqual({ ManagedBy: "acme-sagemaker", Environment: "production" });
      expect(c.lifecycle).toEqual({ create_before_destroy: true });
    }
    expect(
      Buffer.from(lcc["acme-sagemaker-disable-download-v2"].studio_lifecycle_config_content, "base64").toString(),
    ).toContain("jupyter labextension disable @jupyterlab/filebrowser-extension:download");
    const lab = domain.default_user_settings.jupyter_lab_app_settings;
    expect(configNameOf(stack, lab.default_resource_spec.lifecycle_config_arn)).toBe(
      "acme-sagemaker-disable-download-v2",
    );
    expect(lab.lifecycle_config_arns).toEqual([lab.default_resource_spec.lifecycle_config_arn]);
  });

  it("keeps no homes in the domain workspace: each team's are in its domain-<team> workspace", () => {
    expect(resources(stack, "aws_sagemaker_user_profile")).toEqual({});
    expect(resources(stack, "aws_sagemaker_space")).toEqual({});
    expect(Object.keys(teams).sort()).toEqual(org.teams.map((t) => t.id).sort());
    for (const team of org.teams) {
      const own = allMemberships(org).filter((m) => m.team === team.id);
      expect(Object.keys(profiles(teams[team.id])).sort()).toEqual(own.map((m) => m.userProfileName).sort());
      expect(Object.keys(spaces(teams[team.id])).sort()).toEqual(own.map((m) => m.spaceName).sort());
    }
  });

  it("creates one profile and one private space per active membership, named and tagged per spec", () => {
    const ps = profiles(homes);
    const ss = spaces(homes);
    const ms = allMemberships(org);
    expect(Object.keys(ps).sort()).toEqual(ms.map((m) => m.userProfileName).sort());
    expect(Object.keys(ss).sort()).toEqual(ms.map((m) => m.spaceName).sort());
    const profileAddr = Object.fromEntries(
      Object.entries(resources(homes, "aws_sagemaker_user_profile")).map(([addr, r]: [string, any]) => [
        r.user_profile_name,
        addr,
      ]),
    );
    for (const m of ms) {
      const team = org.teams.find((t) => t.id === m.team)!;
      const p = ps[m.userProfileName];
      expect(p.user_settings.execution_role).toBe(
        `arn:aws:iam::123456789012:role/SageMaker-${team.pascal}-${org.teams.find((t) => t.id === m.team)!.projects.find((x) => x.name === m.project)!.pascal}-ExecutionRole`,
      );
      expect(p.user_settings.security_groups).toEqual([STUDIO_SG]);
      expect(p.domain_id).toBe(DOMAIN_ID);
      expect(p.tags).toEqual({
        Team: team.fullName,
        Project: m.project,
        Owner: `sm-${m.team}-${m.user}`,
        Environment: "production",
        ManagedBy: "acme-sagemaker",
      });
      const s = ss[m.spaceName];
      expect(s.space_sharing_settings).toEqual({ sharing_type: "Private" });
      // The space references its profile: created after it, destroyed before it.
      expect(s.ownership_settings.owner_user_profile_name).toBe(
        `\${aws_sagemaker_user_profile.${profileAddr[m.userProfileName]}.user_profile_name}`,
      );
      expect(s.space_settings).toEqual({
        app_type: "JupyterLab",
        space_storage_settings: { ebs_storage_settings: { ebs_volume_size_in_gb: 50 } },
      });
      expect(s.lifecycle).toEqual({ ignore_changes: ["space_settings"] });
      expect(s.tags).toEqual({
        Team: team.fullName,
        Project: m.project,
        Owner: `sm-${m.team}-${m.user}`,
        SpaceType: "private",
        // §14.11: the start-up script's SDK default bucket.
        DefaultBucket: `acme-sm-${m.team}-${m.project}`,
        Environment: "production",
        ManagedBy: "acme-sagemaker",
      });
    }
  });

  it("gives a member of two projects two profiles and two spaces with different roles", () => {
    const ps = profiles(homes);
    const alice = Object.keys(ps)
      .filter((n) => n.endsWith("-alice"))
      .sort();
    expect(alice).toEqual(["profile-rc-antimonlau-alice", "profile-rc-frauddet-alice"]);
    expect(ps[alice[0]].user_settings.execution_role).not.toBe(ps[alice[1]].user_settings.execution_role);
    expect(
      Object.keys(spaces(homes))
        .filter((n) => n.endsWith("-alice"))
        .sort(),
    ).toEqual(["space-rc-antimonlau-alice", "space-rc-frauddet-alice"]);
  });

  it("renders each profile's resolved download access as its only lifecycle config", () => {
    const ps = profiles(homes);
    const mode = (name: string) => {
      const lab = ps[name].user_settings.jupyter_lab_app_settings;
      expect(lab.lifecycle_config_arns).toEqual([lab.default_resource_spec.lifecycle_config_arn]);
      return configNameOf(stack, lab.default_resource_spec.lifecycle_config_arn);
    };
    expect(mode("profile-rc-antimonlau-carol")).toBe("acme-sagemaker-allow-download-v2");
    expect(mode("profile-rc-antimonlau-alice")).toBe("acme-sagemaker-disable-download-v2");
    expect(mode("profile-rc-frauddet-bob")).toBe("acme-sagemaker-disable-download-v2");
  });
});

describe("download access resolution (membership -> project -> studio.disableDownload)", () => {
  const access = ["inherit", "allow", "deny"] as const;
  const platformYaml = (disableDownload: boolean) => `
version: 1
platform: { company: acme, accountId: "123456789012", region: ap-northeast-1 }
network:
  vpcId: vpc-0a1b2c3d4e5f60718
  vpcCidr: 10.20.0.0/16
  privateSubnetIds: [subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60002]
  routeTableIds: [rtb-0a1b2c3d4e5f60001]
studio: { disableDownload: ${disableDownload} }
features: { canvas: false, mlflow: false }
`;
  // One project per project setting, one user per membership setting.
  const teamsYaml = `
version: 1
teams:
  rc:
    fullName: risk-control
    users: { uinherit: {}, uallow: {}, udeny: {} }
    projects:
${access
  .map(
    (p) => `      proj-${p}:
        downloadAccess: ${p}
        members:
${access.map((m) => (m === "inherit" ? `          - u${m}` : `          - { name: u${m}, downloadAccess: ${m} }`)).join("\n")}`,
  )
  .join("\n")}
`;
  const expected = (membership: string, project: string, disableDownload: boolean) => {
    const choice = membership !== "inherit" ? membership : project;
    const resolved = choice !== "inherit" ? choice : disableDownload ? "deny" : "allow";
    return resolved === "deny" ? "acme-sagemaker-disable-download-v2" : "acme-sagemaker-allow-download-v2";
  };

  for (const disableDownload of [true, false]) {
    const { domain: stack, teams } = domainOf(orgFromYaml(teamsYaml, platformYaml(disableDownload)));
    const ps = profiles(homesOf(teams));

    it(`domain default follows studio.disableDownload = ${disableDownload}`, () => {
      const lab = theDomain(stack).default_user_settings.jupyter_lab_app_settings;
      expect(configNameOf(stack, lab.default_resource_spec.lifecycle_config_arn)).toBe(
        disableDownload ? "acme-sagemaker-disable-download-v2" : "acme-sagemaker-allow-download-v2",
      );
    });

    for (const project of access)
      for (const membership of access)
        it(`membership ${membership} x project ${project} x disableDownload ${disableDownload} -> ${expected(membership, project, disableDownload)}`, () => {
          const lab = ps[`profile-rc-proj${project.slice(0, 3)}-u${membership}`].user_settings.jupyter_lab_app_settings;
          expect(configNameOf(stack, lab.default_resource_spec.lifecycle_config_arn)).toBe(
            expected(membership, project, disableDownload),
          );
          expect(lab.lifecycle_config_arns).toEqual([lab.default_resource_spec.lifecycle_config_arn]);
        });
  }
});

describe("domain replacement tripwire", () => {
  const newSubnets = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60003"];
  const problemsOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      if (e instanceof OrgValidationError) return e.problems;
      throw e;
    }
    throw new Error("expected the org to be rejected");
  };

  it("rejects changed subnets without the flag, at the YAML location, naming old and new values", () => {
    const problems = problemsOf(() => editExampleOrg({ platform: (d) => (d.network.privateSubnetIds = newSubnets) }));
    expect(problems).toHaveLength(1);
    expect(problems[0].file).toBe("org/platform.yaml");
    expect(problems[0].path).toBe("network.privateSubnetIds");
    expect(problems[0].line).toBeGreaterThan(1);
    expect(problems[0].message).toContain(
      "privateSubnetIds: [subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60002] -> [subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60003]",
    );
    expect(problems[0].message).toContain("studio.allowDomainReplacement: true");
    expect(problems[0].message).toContain("studio.domainIdentity.privateSubnetIds");
  });

  it("accepts changed subnets with studio.allowDomainReplacement: true and renders them", () => {
    const org = editExampleOrg({
      platform: (d) => {
        d.network.privateSubnetIds = newSubnets;
        d.studio.allowDomainReplacement = true;
      },
    });
    expect(theDomain(domainOf(org).domain).subnet_ids).toEqual(newSubnets);
  });

  it("does not count a reordered subnet list as a change (the provider holds a set)", () => {
    const org = editExampleOrg({ platform: (d) => d.network.privateSubnetIds.reverse() });
    expect(theDomain(domainOf(org).domain).subnet_ids).toEqual([
      "subnet-0a1b2c3d4e5f60001",
      "subnet-0a1b2c3d4e5f60002",
    ]);
  });

  it.each([
    ["vpcId", (d: any) => (d.network.vpcId = "vpc-0ffffffffffffffff"), "network.vpcId"],
    ["domainName", (d: any) => (d.platform.domainName = "acme-ml-platform-2"), "platform.domainName"],
    ["domainName", (d: any) => (d.platform.company = "acmex"), "platform.company"],
    [
      "kmsKeyId",
      (d: any) =>
        (d.studio.kmsKeyId = "arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
      "studio.kmsKeyId",
    ],
  ])("rejects a change of %s (%s)", (attribute, edit, at) => {
    const problems = problemsOf(() => editExampleOrg({ platform: edit }));
    const mine = problems.filter((p) => p.message.includes("replaces the Studio domain"));
    expect(mine).toHaveLength(1);
    expect(mine[0].path).toBe(at);
    expect(mine[0].message).toContain(`(${attribute}: `);
  });

  it("has no baseline to compare with before the first deploy", () => {
    const org = editExampleOrg({
      platform: (d) => {
        delete d.studio.domainIdentity;
        d.network.privateSubnetIds = newSubnets;
      },
    });
    expect(theDomain(domainOf(org).domain).subnet_ids).toEqual(newSubnets);
  });

  it("refuses in the workspace what the code renders differently from the baseline, leaving the output untouched", () => {
    const org = loadExampleOrg();
    const baseline = org.studio.domainIdentity!;
    const tampered: OrgModel = {
      ...org,
      studio: {
        ...org.studio,
        domainIdentity: { ...baseline, authMode: "SSO", domainSecurityGroupIds: ["sg-0123456789abcdef0"] },
      },
    };
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "domain-refused-"));
    synthesize(org, outdir);
    const before = fs.readFileSync(path.join(outdir, "stacks", "domain", "cdk.tf.json"), "utf8");
    let error: unknown;
    try {
      synthesize(tampered, outdir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SynthesisRefused);
    expect((error as Error).message).toContain("authMode: SSO -> IAM");
    expect((error as Error).message).toContain("domainSecurityGroupIds: [sg-0123456789abcdef0] -> []");
    expect(fs.readFileSync(path.join(outdir, "stacks", "domain", "cdk.tf.json"), "utf8")).toBe(before);
    expect(() =>
      buildApp({ ...tampered, studio: { ...tampered.studio, allowDomainReplacement: true } }, outdir),
    ).not.toThrow();
  });
});

describe("studio names and values are checked at load time", () => {
  const platformYaml = [
    "version: 1",
    'platform: { company: acme, accountId: "123456789012", region: ap-northeast-1 }',
    "network:",
    "  vpcId: vpc-0a1b2c3d4e5f60718",
    "  vpcCidr: 10.20.0.0/16",
    "  privateSubnetIds: [subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60002]",
    "  routeTableIds: [rtb-0a1b2c3d4e5f60001]",
    "features: { canvas: false, mlflow: false }",
    "",
  ].join("\n");
  const doc = () => orgSchema.parse(JSON.parse(JSON.stringify(loadRaw())));
  function loadRaw() {
    // The example org as a merged document (both files), before schema defaults.
    const [teams, platform] = editedExampleSources({ teams: () => undefined, platform: () => undefined });
    return { ...JSON.parse(teams.text), ...JSON.parse(platform.text) };
  }

  it("rejects profile/space names with characters Studio does not accept", () => {
    const d = doc();
    d.teams.rc.projects["fraud-detection"].members = ["al_ice"];
    d.teams.rc.users = { ...d.teams.rc.users, al_ice: {} };
    const findings = validateOrg(d).filter((f) => f.path.join(".") === "teams.rc.projects.fraud-detection.members.0");
    expect(findings.map((f) => f.message)).toEqual(
      expect.arrayContaining([
        "user profile name 'profile-rc-frauddet-al_ice' must match ^[a-zA-Z0-9](-*[a-zA-Z0-9])*$",
        "space name 'space-rc-frauddet-al_ice' must match ^[a-zA-Z0-9](-*[a-zA-Z0-9])*$",
      ]),
    );
  });

  it("rejects a lifecycle config name without room for a revision suffix", () => {
    const d = doc();
    d.platform.tagPrefix = "a".repeat(46);
    const findings = validateOrg(d).filter((f) => f.message.includes("lifecycle config name"));
    expect(findings.map((f) => f.path.join("."))).toEqual(["platform.tagPrefix", "platform.tagPrefix"]);
  });

  it("reports a profile name over 63 characters with its YAML location", () => {
    // profile-{team}-{projectShort}-{user}: 8 + 4 + 1 + 30 + 1 + 20 = 64 characters.
    const teams = [
      "version: 1",
      "teams:",
      "  abcd:",
      "    fullName: abcd-team",
      "    users: { abcdefghijklmnopqrst: {} }",
      "    projects:",
      "      abcdefghijklmnopqrstuvwxyzabcd:",
      "        members: [abcdefghijklmnopqrst]",
      "",
    ].join("\n");
    let problems: readonly { file: string; line: number; path: string; message: string }[] = [];
    try {
      orgFromYaml(teams, platformYaml);
    } catch (e) {
      problems = (e as OrgValidationError).problems;
    }
    const tooLong = problems.filter((p) => /exceed 63 characters/.test(p.message));
    expect(tooLong.length).toBeGreaterThan(0);
    expect(tooLong[0]).toMatchObject({
      file: "teams.yaml",
      line: 8,
      path: "teams.abcd.projects.abcdefghijklmnopqrstuvwxyzabcd.members[0]",
    });
  });

  it("rejects idle bounds that do not contain the idle timeout", () => {
    const problems = (() => {
      try {
        editExampleOrg({ platform: (d) => (d.studio.maxIdleTimeoutMinutes = 59) });
      } catch (e) {
        return (e as OrgValidationError).problems;
      }
      return [];
    })();
    expect(problems.map((p) => p.path)).toContain("studio.maxIdleTimeoutMinutes");
    expect(() => editExampleOrg({ platform: (d) => (d.studio.minIdleTimeoutMinutes = 120) })).toThrow(
      /idle timeout 60 must lie within/,
    );
  });
});

describe("invariance", () => {
  const base = synthExample().text;
  const studio = (text: Record<string, string>) =>
    Object.fromEntries(Object.entries(text).filter(([ws]) => ws === "domain" || ws.startsWith("domain-")));

  it("reordering teams, projects, members and subnets changes nothing", () => {
    const reversed = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).reverse());
    const org = editExampleOrg({
      teams: (d) => {
        d.teams = reversed(d.teams);
        for (const t of Object.values<any>(d.teams)) {
          t.users = reversed(t.users);
          t.projects = reversed(t.projects);
          for (const p of Object.values<any>(t.projects)) p.members.reverse();
        }
      },
      platform: (d) => {
        d.network.privateSubnetIds.reverse();
        d.studio.domainIdentity.privateSubnetIds.reverse();
      },
    });
    expect(studio(synthOrg(org).text)).toEqual(studio(base));
  });

  it("adding one member adds exactly one profile and one space to the team's homes and changes nothing else", () => {
    const after = synthOrg(
      editExampleOrg({
        teams: (d) => {
          d.teams.rc.users.dave = {};
          d.teams.rc.projects["fraud-detection"].members.push("dave");
        },
      }),
    ).text;
    // The domain and the other team's homes are byte-identical.
    expect(after.domain).toBe(base.domain);
    expect(after["domain-algo"]).toBe(base["domain-algo"]);
    const flat = (s: StackJson) =>
      Object.fromEntries(
        Object.entries(s.resource).flatMap(([type, byName]) =>
          Object.entries(byName as Record<string, unknown>).map(([name, body]) => [
            `${type}.${name}`,
            JSON.stringify(body),
          ]),
        ),
      );
    const b = flat(JSON.parse(base["domain-rc"]));
    const a = flat(JSON.parse(after["domain-rc"]));
    const added = Object.keys(a).filter((k) => !(k in b));
    expect(Object.keys(b).filter((k) => !(k in a))).toEqual([]);
    expect(added.map((k) => k.split(".")[0]).sort()).toEqual(["aws_sagemaker_space", "aws_sagemaker_user_profile"]);
    for (const k of Object.keys(b)) expect(a[k]).toBe(b[k]);
    expect(added.map((k) => JSON.parse(a[k]).user_profile_name ?? JSON.parse(a[k]).space_name).sort()).toEqual([
      "profile-rc-frauddet-dave",
      "space-rc-frauddet-dave",
    ]);
  });
});
