/** What the `domain` workspace publishes: ids operators and monitoring need (docs/domain.md). */
import { WorkspaceContract, type Value } from "./contract";

export interface DomainOutputs {
  readonly domainId: string;
  readonly domainArn: string;
  /** The users' home EFS (for the storage alarm of §9). */
  readonly homeEfsFileSystemId: string;
  /**
   * Homes (`team/project/user`) this workspace held before they moved to the `domain-<team>`
   * workspaces (`studio.moveHomesOutOfDomain`): the ones those workspaces import.
   */
  readonly movedHomes: string[];
  [key: string]: Value;
}

export const domainContract = new WorkspaceContract<DomainOutputs>("domain", {
  domainId: { output: "domain_id", placeholder: "d-000000000000", description: "Id of the Studio domain" },
  domainArn: {
    output: "domain_arn",
    placeholder: "arn:aws:sagemaker:us-east-1:000000000000:domain/d-000000000000",
    description: "ARN of the Studio domain",
  },
  homeEfsFileSystemId: {
    output: "home_efs_file_system_id",
    placeholder: "fs-00000000",
    description: "Id of the EFS file system holding the users' home directories",
  },
  movedHomes: {
    output: "moved_homes",
    placeholder: [],
    description:
      "Studio homes (team/project/user) this workspace held before they moved to the domain-<team> workspaces, which import them",
  },
});
