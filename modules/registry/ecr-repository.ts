import { Construct } from "constructs";
import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import { EcrLifecyclePolicy } from "@cdktf/provider-aws/lib/ecr-lifecycle-policy";
import { keepLastImagesPolicy } from "./lifecycle-policy";
import { fixAddress } from "../address";

export interface ImageRepositoryProps {
  /** Full repository name; take it from `Names.sharedRepository` / `Names.projectRepository`. */
  readonly repositoryName: string;
  /** Images kept by the lifecycle policy (newest first, any tag state). */
  readonly imageRetention: number;
  /** Tags of the repository. */
  readonly tags: Record<string, string>;
  /**
   * Terraform logical ID of the repository resource, for an address that is readable and can be named
   * elsewhere (e.g. in a `removed` block).
   * @default derived from the construct path
   */
  readonly logicalId?: string;
  /**
   * Explicit purge (§10 op 5): lifts `prevent_destroy` and sets `force_delete`, so the next apply
   * that drops the repository deletes it together with its images.
   * @default false: the repository cannot be destroyed by Terraform, and even when dropped from
   *   the configuration the service refuses to delete it while it holds images
   */
  readonly purge?: boolean;
}

/**
 * A private ECR repository (platform-spec §7.1): scan on push, AES256 encryption, mutable tags
 * (`latest` is re-pushed), no repository policy (access is granted by the role policies through
 * the name patterns), and a keep-last-N lifecycle policy.
 */
export class ImageRepository extends Construct {
  readonly repository: EcrRepository;
  readonly repositoryName: string;

  constructor(scope: Construct, id: string, props: ImageRepositoryProps) {
    super(scope, id);
    const purge = props.purge ?? false;
    this.repositoryName = props.repositoryName;
    this.repository = new EcrRepository(this, "Repository", {
      name: props.repositoryName,
      imageTagMutability: "MUTABLE",
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [{ encryptionType: "AES256" }],
      forceDelete: purge,
      tags: props.tags,
      lifecycle: { preventDestroy: !purge },
    });
    // Before any attribute is read: reading one fixes the logical ID.
    if (props.logicalId) fixAddress(this.repository, props.logicalId);
    new EcrLifecyclePolicy(this, "LifecyclePolicy", {
      repository: this.repository.name,
      policy: JSON.stringify(keepLastImagesPolicy(props.imageRetention)),
    });
  }
}
