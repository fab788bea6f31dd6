/**
 * `foundation` workspace (platform-spec §3): platform IAM (policies, groups, admins, domain
 * default role) and every data bucket.
 */
import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { WorkspaceStack } from "./workspace-stack";
import { foundationContract, type FoundationOutputs } from "./contracts/index";
import { ProjectBucket } from "../modules/storage/project-bucket";
import { allProjects, type OrgModel } from "../org/model";
import { sagemakerTrustPolicy } from "../modules/identity/trust";

export class FoundationStack extends WorkspaceStack {
  readonly outputs: FoundationOutputs;

  constructor(scope: Construct, org: OrgModel) {
    super(scope, "foundation", org);
    const { names, platform, storage } = org;
    const company = platform.company;
    const kmsKeyArn = storage.encryption === "SSE-KMS" ? (storage.kmsKeyArn ?? undefined) : undefined;

    // No IAM path: Studio fails to assume a path-prefixed role (§6.4).
    const domainRole = new IamRole(this, "domain-default-role", {
      name: names.domainDefaultRole,
      description: "Default execution role for SageMaker Domain",
      assumeRolePolicy: JSON.stringify(sagemakerTrustPolicy()),
      tags: { Purpose: "DomainDefault", ManagedBy: `${company}-sagemaker`, Company: company },
    });

    const shared = new ProjectBucket(this, "bucket-shared", {
      bucketName: names.sharedBucket,
      kmsKeyArn,
      tags: bucketTags(org, "shared", "shared"),
    });

    for (const team of org.teams)
      for (const project of allProjects(org).filter((p) => p.team === team.id))
        new ProjectBucket(this, `bucket-${team.id}-${project.name}`, {
          bucketName: project.bucketName,
          kmsKeyArn,
          tags: bucketTags(org, team.fullName, project.name),
        });

    this.outputs = { domainDefaultRoleArn: domainRole.arn, sharedBucketName: shared.bucketName };
    foundationContract.publish(this, this.outputs);
  }
}

function bucketTags(org: OrgModel, team: string, project: string): Record<string, string> {
  const tags: Record<string, string> = {
    Team: team,
    Project: project,
    Environment: org.platform.environmentTag,
    ManagedBy: `${org.platform.company}-sagemaker`,
  };
  if (org.platform.costCenter) tags.CostCenter = org.platform.costCenter;
  return tags;
}
