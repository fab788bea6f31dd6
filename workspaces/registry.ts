/**
 * `registry` workspace (platform-spec §7): ECR repositories and one model package group per
 * project. Registries outlive projects: retiring or removing a project never deletes them.
 */
import { Construct } from "constructs";
import { SagemakerModelPackageGroup } from "@cdktf/provider-aws/lib/sagemaker-model-package-group";
import { WorkspaceStack } from "./workspace-stack";
import type { OrgModel } from "../org/model";

export class RegistryStack extends WorkspaceStack {
  constructor(scope: Construct, org: OrgModel) {
    super(scope, "registry", org);
    const { names, platform } = org;
    if (org.registry.modelRegistry.enabled)
      for (const team of org.teams)
        for (const project of team.projects)
          new SagemakerModelPackageGroup(this, `model-group-${team.id}-${project.name}`, {
            modelPackageGroupName: names.modelPackageGroup(team.id, project.name),
            modelPackageGroupDescription: `Models for ${team.fullName}/${project.name}`,
            tags: { ManagedBy: platform.tagPrefix, Team: team.fullName, Project: project.name, Phase: "2C" },
            lifecycle: { preventDestroy: true },
          });
  }
}
