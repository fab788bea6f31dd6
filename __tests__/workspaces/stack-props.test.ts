/**
 * Workspaces built from small, hand-written props (workspaces/props.ts maps the org model to
 * them; the tests of the whole example org cover that mapping). Each test states every input of
 * the stack it builds, so what a workspace does with a value is visible in one place.
 */
import { Testing } from "cdktf";
import { DomainTeamStack, type DomainTeamStackProps, type StudioHome } from "../../workspaces/domain-team";
import { NetworkStack, type NetworkStackProps } from "../../workspaces/network";
import { SECURITY_GROUP_KEYS } from "../../catalog/network";
import { DomainStack, type DomainStackProps } from "../../workspaces/domain";
import { RegistryStack, type RegistryProject, type RegistryStackProps } from "../../workspaces/registry";
import { domainStackProps, domainTeamStackProps, networkStackProps, registryStackProps } from "../../workspaces/props";
import { loadExampleOrg } from "../support/org";
import { resources } from "../support/synth";

const BASE = {
  backend: { type: "local" as const },
  region: "eu-west-1",
  accountId: "111122223333",
  defaultTags: {},
  managedBy: "acme-sm",
};

function synth(build: (app: ReturnType<typeof Testing.app>) => unknown): any {
  const app = Testing.app();
  return JSON.parse(Testing.synth(build(app) as never));
}

describe("DomainTeamStack from small props", () => {
  const home: StudioHome = {
    key: "t/p/u",
    id: "member-t-p-u",
    userProfileName: "profile-u",
    spaceName: "space-u",
    executionRoleArn: "arn:aws:iam::111122223333:role/Exec",
    lifecycleConfigArn: "arn:aws:sagemaker:eu-west-1:111122223333:studio-lifecycle-config/deny",
    profileTags: { Owner: "sm-t-u", Team: "t" },
    spaceTags: { Owner: "sm-t-u", SpaceType: "private" },
  };
  const props: DomainTeamStackProps = {
    ...BASE,
    teamId: "t",
    homes: [home],
    instanceType: "ml.t3.medium",
    idleShutdown: { timeoutMinutes: 90, minTimeoutMinutes: 60, maxTimeoutMinutes: 120 },
    spaceEbsGb: 7,
    moveHomesOutOfDomain: false,
    acknowledgedDeletions: [],
  };

  it("renders one profile and one private space per home, with the home's names, role, config and tags", () => {
    const json = synth((app) => new DomainTeamStack(app, props));
    const [profile] = Object.values(resources(json, "aws_sagemaker_user_profile")) as any[];
    expect(profile.user_profile_name).toBe("profile-u");
    expect(profile.user_settings.execution_role).toBe(home.executionRoleArn);
    expect(profile.user_settings.jupyter_lab_app_settings.default_resource_spec).toMatchObject({
      instance_type: "ml.t3.medium",
      lifecycle_config_arn: home.lifecycleConfigArn,
    });
    // The home's tags, and the workspace's ManagedBy from its tags aspect.
    expect(profile.tags).toEqual({ ...home.profileTags, ManagedBy: "acme-sm" });
    const [space] = Object.values(resources(json, "aws_sagemaker_space")) as any[];
    expect(space.space_name).toBe("space-u");
    expect(space.tags).toEqual({ ...home.spaceTags, ManagedBy: "acme-sm" });
    expect(JSON.stringify(space)).toContain('"ebs_volume_size_in_gb":7');
    expect(json.provider.aws[0]).toMatchObject({ region: "eu-west-1", allowed_account_ids: ["111122223333"] });
    expect(json.terraform.backend.local.path).toBe("../../../terraform-state/domain-t.tfstate");
  });

  it("imports a home only while the homes move out of the domain workspace", () => {
    expect(synth((app) => new DomainTeamStack(app, props)).import).toBeUndefined();
    const moving = synth((app) => new DomainTeamStack(app, { ...props, moveHomesOutOfDomain: true }));
    const ids = (moving.import as any[]).map((i) => i.id);
    expect(ids).toEqual([
      expect.stringContaining(":user-profile/${data.terraform_remote_state.remote-domain.outputs.domain_id}/profile-u"),
      expect.stringContaining(":space/${data.terraform_remote_state.remote-domain.outputs.domain_id}/space-u"),
    ]);
    expect(ids[0]).toMatch(/^arn:aws:sagemaker:eu-west-1:111122223333:/);
  });

  it("without homes reads no other workspace and still guards the homes it held", () => {
    const json = synth((app) => new DomainTeamStack(app, { ...props, homes: [] }));
    expect(json.resource.aws_sagemaker_user_profile).toBeUndefined();
    expect(Object.keys(json.data.terraform_remote_state)).toEqual(["remote-domain-t"]);
    expect(JSON.stringify(json.resource.terraform_data)).toContain("homes");
  });

  it("the example org's props hold every active membership of the team, keyed by YAML names", () => {
    const org = loadExampleOrg();
    const built = domainTeamStackProps(org, "rc");
    const members = org.teams.find((t) => t.id === "rc")!.projects.flatMap((p) => p.memberships);
    expect(built.homes.map((h) => h.key)).toEqual(members.map((m) => `${m.team}/${m.project}/${m.user}`));
    expect(built.homes.every((h) => h.id === `member-${h.key.replace(/\//g, "-")}`)).toBe(true);
  });
});

describe("NetworkStack from small props", () => {
  const props: NetworkStackProps = {
    ...BASE,
    network: {
      mode: "lookup",
      vpcId: "vpc-1",
      vpcCidr: "10.0.0.0/16",
      privateSubnetIds: ["subnet-b", "subnet-a"],
      routeTableIds: ["rtb-1"],
      minFreeIpsPerSubnet: 16,
      adopt: undefined,
      adoptExistingSecurityGroups: {},
    } as NetworkStackProps["network"],
    securityGroupNames: Object.fromEntries(SECURITY_GROUP_KEYS.map((k) => [k, `acme-sm-${k}`])) as never,
    endpoints: [
      { suffix: "s3", serviceName: "com.amazonaws.eu-west-1.s3", type: "Gateway", nameTag: "ep-s3" },
    ] as NetworkStackProps["endpoints"],
  };

  it("names the five groups from the props and creates only the endpoints listed", () => {
    const json = synth((app) => new NetworkStack(app, props));
    const groups = Object.values(resources(json, "aws_security_group")) as any[];
    expect(groups.map((g) => g.name).sort()).toEqual(SECURITY_GROUP_KEYS.map((k) => `acme-sm-${k}`).sort());
    expect(groups.every((g) => g.tags.ManagedBy === "acme-sm")).toBe(true);
    const endpoints = Object.values(resources(json, "aws_vpc_endpoint")) as any[];
    expect(endpoints.map((e) => [e.service_name, e.vpc_endpoint_type, e.tags.Name])).toEqual([
      ["com.amazonaws.eu-west-1.s3", "Gateway", "ep-s3"],
    ]);
  });

  it("the example org's props list the catalogue's enabled endpoints with their regional service names", () => {
    const org = loadExampleOrg();
    const built = networkStackProps(org);
    expect(built.endpoints.length).toBeGreaterThan(3);
    for (const e of built.endpoints) expect(e.serviceName).toContain(`.${org.platform.region}.`);
    expect(Object.keys(built.securityGroupNames).sort()).toEqual([...SECURITY_GROUP_KEYS].sort());
  });
});

describe("DomainStack from small props", () => {
  const identity = {
    domainName: "acme-studio",
    vpcId: "vpc-1",
    privateSubnetIds: ["subnet-a", "subnet-b"],
    authMode: "IAM" as const,
    kmsKeyId: undefined,
    domainSecurityGroupIds: [],
  };
  const props: DomainStackProps = {
    ...BASE,
    identity,
    allowDomainReplacement: false,
    lifecycleConfigNames: { disable: "cfg-deny", allow: "cfg-allow" },
    disableDownload: true,
    defaultInstanceType: "ml.t3.medium",
    idleShutdown: { timeoutMinutes: 90, minTimeoutMinutes: 60, maxTimeoutMinutes: 120 },
    defaultEbsGb: 5,
    maxEbsGb: 20,
    retainHomeEfs: true,
    acknowledgedDeletions: [],
    company: { company: "acme" },
    environmentTag: "test",
  };

  it("renders the domain from the configured identity, with the deny config as its default", () => {
    const json = synth((app) => new DomainStack(app, props));
    const [domain] = Object.values(resources(json, "aws_sagemaker_domain")) as any[];
    expect(domain.domain_name).toBe("acme-studio");
    expect(domain.subnet_ids).toEqual(["subnet-a", "subnet-b"]);
    expect(domain.retention_policy).toEqual({ home_efs_file_system: "Retain" });
    const configs = resources(json, "aws_sagemaker_studio_lifecycle_config");
    const deny = Object.keys(configs).find((k) => configs[k].studio_lifecycle_config_name.startsWith("cfg-deny"));
    expect(domain.default_user_settings.jupyter_lab_app_settings.default_resource_spec.lifecycle_config_arn).toContain(
      `aws_sagemaker_studio_lifecycle_config.${deny}.`,
    );
    expect(json.removed).toBeUndefined();
  });

  it("refuses to synthesize a change that replaces the applied domain, unless it is allowed", () => {
    const baseline = { ...identity, vpcId: "vpc-0" };
    expect(() => synth((app) => new DomainStack(app, { ...props, identityBaseline: baseline }))).toThrow(
      /refusing to synthesize a change that replaces the Studio domain 'acme-studio'/,
    );
    expect(() =>
      synth((app) => new DomainStack(app, { ...props, identityBaseline: baseline, allowDomainReplacement: true })),
    ).not.toThrow();
  });

  it("forgets the homes it hands over, and only then honours deleteHomes", () => {
    const json = synth(
      (app) =>
        new DomainStack(app, {
          ...props,
          movingHomes: [{ key: "t/p/u", id: "member-t-p-u" }],
          acknowledgedDeletions: ["t/p/u"],
        }),
    );
    expect((json.removed as any[]).map((r) => r.from)).toEqual([
      expect.stringMatching(/^aws_sagemaker_user_profile\.member-t-p-u_Profile_/),
      expect.stringMatching(/^aws_sagemaker_space\.member-t-p-u_Space_/),
    ]);
    // The homes guard keeps the handed-over home and releases the acknowledged deletion.
    expect(JSON.stringify(json.locals).match(/t\/p\/u/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it("the example org's props take the Studio defaults from the org files", () => {
    const org = loadExampleOrg();
    const built = domainStackProps(org);
    expect(built.identity.domainName).toBe(org.names.domain);
    expect(built.movingHomes).toBeUndefined();
    expect(built.maxEbsGb).toBeGreaterThanOrEqual(built.defaultEbsGb);
  });
});

describe("RegistryStack from small props", () => {
  const project = (name: string, status: "active" | "retired", purge = false): RegistryProject => ({
    team: "t",
    name,
    status,
    purge,
    repositoryNames: { training: `acme-sm-t-${name}-training` },
    modelPackageGroupName: `t-${name}`,
    resourcePrefix: `t-${name}-`,
  });
  const example = registryStackProps(loadExampleOrg());
  const props: RegistryStackProps = {
    ...BASE,
    ecr: { ...example.ecr, enabled: true, createProjectRepos: true, sharedRepos: [], projectRepoTypes: ["training"] },
    sharedRepositoryNames: {},
    modelRegistryEnabled: true,
    teams: [
      {
        id: "t",
        fullName: "Team T",
        projects: [project("live", "active"), project("old", "retired", true)],
        decommissioned: ["gone"],
      },
    ],
    company: { company: "acme" },
  };

  it("creates each project's repositories and model group under the names given, purge-armed only when asked", () => {
    const json = synth((app) => new RegistryStack(app, props));
    const repos = resources(json, "aws_ecr_repository");
    expect(Object.keys(repos).sort()).toEqual(["ecr-t-live-training", "ecr-t-old-training"]);
    expect(repos["ecr-t-live-training"].name).toBe("acme-sm-t-live-training");
    expect(repos["ecr-t-old-training"].force_delete).toBe(true);
    expect(repos["ecr-t-live-training"].force_delete).toBeFalsy();
    const groups = resources(json, "aws_sagemaker_model_package_group");
    expect(groups["model-group-t-live"].tags).toMatchObject({ Team: "Team T", Project: "live" });
  });

  it("forgets a decommissioned project's data, and a disabled registry's unpurged data, without destroying it", () => {
    const from = (json: any) => ((json.removed ?? []) as any[]).map((r) => r.from).sort();
    expect(from(synth((app) => new RegistryStack(app, props)))).toEqual([
      "aws_ecr_repository.ecr-t-gone-training",
      "aws_sagemaker_model_package_group.model-group-t-gone",
    ]);
    const off = synth((app) => new RegistryStack(app, { ...props, modelRegistryEnabled: false }));
    expect(from(off)).toContain("aws_sagemaker_model_package_group.model-group-t-live");
    expect(from(off)).not.toContain("aws_sagemaker_model_package_group.model-group-t-old");
  });

  it("the example org's props name every project's model group and prefix from YAML keys", () => {
    for (const team of example.teams)
      for (const p of team.projects) {
        expect(p.modelPackageGroupName).toBe(`${team.id}-${p.name}`);
        expect(p.resourcePrefix).toBe(`${team.id}-${p.name}-`);
      }
  });
});
