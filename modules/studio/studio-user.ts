import { Construct } from "constructs";
// cdktf's own address hashing (0.21, no exports map): addresses of a StudioUser built elsewhere.
import { makeUniqueId } from "cdktf/lib/private/unique";
import { SagemakerUserProfile } from "@cdktf/provider-aws/lib/sagemaker-user-profile";
import { SagemakerSpace } from "@cdktf/provider-aws/lib/sagemaker-space";
import { jupyterLabAppSettings, type JupyterLabDefaults } from "./jupyter-lab";
import { ValidationError } from "../validation-error";
import { fixAddress } from "../address";

export const SPACE_EBS_GB = { min: 5, max: 16384 } as const;

export interface StudioUserProps {
  /** The Studio domain of the profile and space. */
  readonly domainId: string;
  /** The user profile's name, e.g. `profile-rc-frauddet-alice`. */
  readonly userProfileName: string;
  /** The private space's name, e.g. `space-rc-frauddet-alice`. */
  readonly spaceName: string;
  /** The project's ExecutionRole (path-less ARN): what Studio sessions of this profile run as. */
  readonly executionRoleArn: string;
  /** Security groups of the user's apps (the Studio group). */
  readonly securityGroupIds: readonly string[];
  /** Rendered explicitly on the profile rather than inherited from the domain (§5.5). */
  readonly jupyterLab: JupyterLabDefaults;
  /** EBS size of the private space, 5-16384 GB. Applies when the space is created. */
  readonly spaceEbsGb: number;
  /** Profile tags; `Owner` must equal the IAM user name (the presigned-URL guard compares them). */
  readonly profileTags: Record<string, string>;
  /** Tags of the private space (`Owner` is the IAM user name, §14.1). */
  readonly spaceTags: Record<string, string>;
}

/**
 * One person's Studio in one project (§5.3, §5.4): a user profile bound to the project's
 * execution role and a private JupyterLab space owned by it.
 */
export class StudioUser extends Construct {
  /**
   * Terraform address names of the profile and space of the StudioUser with construct id `id`
   * (fixed: the names cdktf gives them directly under a stack), the same in every workspace, so a
   * home can move between workspaces by address (`removed` in one, `import` in the other).
   */
  static addressNames(id: string): { readonly profile: string; readonly space: string } {
    return { profile: makeUniqueId([id, "Profile"]), space: makeUniqueId([id, "Space"]) };
  }

  readonly profile: SagemakerUserProfile;
  readonly space: SagemakerSpace;

  constructor(scope: Construct, id: string, props: StudioUserProps) {
    super(scope, id);
    if (
      !Number.isInteger(props.spaceEbsGb) ||
      props.spaceEbsGb < SPACE_EBS_GB.min ||
      props.spaceEbsGb > SPACE_EBS_GB.max
    )
      throw new ValidationError(
        `spaceEbsGb ${props.spaceEbsGb} must be an integer in ${SPACE_EBS_GB.min}-${SPACE_EBS_GB.max}`,
        this,
      );
    if (!props.profileTags.Owner) throw new ValidationError(`profile tags need Owner (the IAM user name)`, this);
    this.profile = new SagemakerUserProfile(this, "Profile", {
      domainId: props.domainId,
      userProfileName: props.userProfileName,
      userSettings: {
        executionRole: props.executionRoleArn,
        securityGroups: [...props.securityGroupIds],
        jupyterLabAppSettings: jupyterLabAppSettings(props.jupyterLab, this.node.path),
      },
      tags: props.profileTags,
    });
    this.space = new SagemakerSpace(this, "Space", {
      domainId: props.domainId,
      spaceName: props.spaceName,
      spaceSharingSettings: { sharingType: "Private" },
      // The reference orders the pair: Terraform creates the space after its profile is InService
      // (the provider's create waits for it) and destroys the space before the profile.
      ownershipSettings: { ownerUserProfileName: this.profile.userProfileName },
      spaceSettings: {
        appType: "JupyterLab",
        spaceStorageSettings: { ebsStorageSettings: { ebsVolumeSizeInGb: props.spaceEbsGb } },
      },
      tags: props.spaceTags,
      // Create-time only: the provider resends app_type on every update, which the service
      // rejects; a new size applies to new spaces, existing volumes are grown out of band (§5.4).
      lifecycle: { ignoreChanges: ["space_settings"] },
    });
    const address = StudioUser.addressNames(id);
    fixAddress(this.profile, address.profile);
    fixAddress(this.space, address.space);
  }
}
