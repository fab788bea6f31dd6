import { Testing, TerraformStack } from "cdktf";
import { ImageRepository } from "../../../modules/registry/ecr-repository";
import { ModelRegistryGroup } from "../../../modules/registry/model-package-group";
import { keepLastImagesPolicy } from "../../../modules/registry/lifecycle-policy";

function synth(build: (stack: TerraformStack) => void): any {
  const stack = new TerraformStack(Testing.app(), "test");
  build(stack);
  return JSON.parse(Testing.synth(stack));
}

describe("keepLastImagesPolicy", () => {
  it("is the single §7.1 rule", () => {
    expect(keepLastImagesPolicy(7)).toEqual({
      rules: [
        {
          rulePriority: 1,
          description: "Keep last 7 images",
          selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 7 },
          action: { type: "expire" },
        },
      ],
    });
  });

  it("rejects a non-positive count", () => {
    expect(() => keepLastImagesPolicy(0)).toThrow(/positive integer/);
  });
});

describe("ImageRepository", () => {
  it("is protected by default and armed for deletion only by purge", () => {
    const json = synth((s) => {
      new ImageRepository(s, "kept", {
        repositoryName: "acme-sm-shared-base",
        imageRetention: 3,
        tags: {},
        logicalId: "kept-repo",
      });
      new ImageRepository(s, "purged", {
        repositoryName: "acme-sm-rc-x-training",
        imageRetention: 3,
        tags: {},
        purge: true,
      });
    });
    const repos = json.resource.aws_ecr_repository;
    expect(repos["kept-repo"]).toMatchObject({ force_delete: false, lifecycle: { prevent_destroy: true } });
    const purged = Object.values<any>(repos).find((r) => r.name === "acme-sm-rc-x-training");
    expect(purged).toMatchObject({ force_delete: true, lifecycle: { prevent_destroy: false } });
    const policy = Object.values<any>(json.resource.aws_ecr_lifecycle_policy).find(
      (p) => p.repository === "${aws_ecr_repository.kept-repo.name}",
    );
    expect(JSON.parse(policy.policy).rules[0].selection.countNumber).toBe(3);
  });
});

describe("ModelRegistryGroup", () => {
  it("lifts prevent_destroy only on purge", () => {
    const json = synth((s) => {
      new ModelRegistryGroup(s, "a", { groupName: "rc-a", description: "d", tags: {}, logicalId: "group-a" });
      new ModelRegistryGroup(s, "b", {
        groupName: "rc-b",
        description: "d",
        tags: {},
        purge: true,
        logicalId: "group-b",
      });
    });
    const groups = json.resource.aws_sagemaker_model_package_group;
    expect(groups["group-a"].lifecycle).toEqual({
      prevent_destroy: true,
      ignore_changes: ["model_package_group_description"],
    });
    expect(groups["group-b"].lifecycle).toEqual({
      prevent_destroy: false,
      ignore_changes: ["model_package_group_description"],
    });
  });
});
